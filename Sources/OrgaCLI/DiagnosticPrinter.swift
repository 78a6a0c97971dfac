import OrgaSyntax

/// Renders diagnostics as text (rustc-style), JSON, GitHub annotations or SARIF 2.1.0.
/// Lines and columns are 1-based; columns count Unicode scalars (characters as a
/// person counts them), so `ü` and an emoji are one column each.
struct DiagnosticPrinter {
    let sources: [String: SourceFile]

    struct Span {
        var line: Int, column: Int, endLine: Int, endColumn: Int
    }

    func span(_ d: Diagnostic) -> Span {
        guard let f = sources[d.path] else { return Span(line: 1, column: 1, endLine: 1, endColumn: 1) }
        return Span(line: f.line(of: d.range.start) + 1, column: f.characterColumn(of: d.range.start) + 1,
                    endLine: f.line(of: d.range.end) + 1, endColumn: f.characterColumn(of: d.range.end) + 1)
    }

    // MARK: text

    func text(_ diagnostics: [Diagnostic], color: Bool) -> String {
        func paint(_ s: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
        var out = ""
        for d in diagnostics {
            let sp = span(d)
            let sevColor = d.severity == .error ? "1;31" : d.severity == .warning ? "1;33" : "1;36"
            out += paint("\(d.severity.rawValue)[\(d.code.rawValue)]", sevColor) + paint(": \(d.message)", "1") + "\n"
            out += "  --> \(d.path):\(sp.line):\(sp.column)\n"
            if let f = sources[d.path] {
                let lineIndex = sp.line - 1
                let lineText = displayLine(f.lineText(lineIndex))
                let number = String(sp.line)
                let pad = String(repeating: " ", count: number.count)
                let lineStart = f.lineRange(lineIndex).lowerBound
                let lineEnd = f.lineRange(lineIndex).upperBound
                let startCol = f.characterColumn(of: d.range.start)
                let endOffset = min(d.range.end, lineEnd)
                let width = max(1, f.characterColumn(of: max(endOffset, lineStart)) - startCol)
                out += "\(pad) |\n"
                out += "\(number) | \(lineText)\n"
                out += "\(pad) | " + String(repeating: " ", count: startCol) + paint(String(repeating: "^", count: width), sevColor) + "\n"
                for fix in d.fixes.prefix(3) { out += "\(pad) = help: \(fix.title)\n" }
            }
            out += "\n"
        }
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.filter { $0.severity == .warning }.count
        if diagnostics.isEmpty {
            out += "no problems found\n"
        } else {
            out += "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")\n"
        }
        return out
    }

    /// Tabs shown as one space so that carets line up; control characters as `?`.
    private func displayLine(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.map { $0 == "\t" ? " " : ($0.value < 0x20 ? "?" : $0) }))
    }

    // MARK: json

    func json(_ diagnostics: [Diagnostic]) -> JSONValue {
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.filter { $0.severity == .warning }.count
        return .object([
            ("diagnostics", .array(diagnostics.map(jsonDiagnostic))),
            ("summary", .object([("errors", .int(errors)), ("warnings", .int(warnings))])),
        ])
    }

    func jsonDiagnostic(_ d: Diagnostic) -> JSONValue {
        let sp = span(d)
        return .object([
            ("code", .string(d.code.rawValue)),
            ("severity", .string(d.severity.rawValue)),
            ("file", .string(d.path)),
            ("line", .int(sp.line)),
            ("column", .int(sp.column)),
            ("end_line", .int(sp.endLine)),
            ("end_column", .int(sp.endColumn)),
            ("offset", .int(d.range.start)),
            ("end_offset", .int(d.range.end)),
            ("message", .string(d.message)),
            ("fixes", .array(d.fixes.map { fix in
                .object([("title", .string(fix.title)),
                         ("edits", .array(fix.edits.map { e in
                             .object([("file", .string(e.path)), ("offset", .int(e.range.start)),
                                      ("end_offset", .int(e.range.end)), ("new_text", .string(e.newText))])
                         }))])
            })),
        ])
    }

    // MARK: github

    func github(_ diagnostics: [Diagnostic]) -> String {
        func escapeData(_ s: String) -> String {
            s.replacingAll("%", "%25").replacingAll("\r", "%0D").replacingAll("\n", "%0A")
        }
        func escapeProperty(_ s: String) -> String {
            escapeData(s).replacingAll(":", "%3A").replacingAll(",", "%2C")
        }
        var out = ""
        for d in diagnostics {
            let sp = span(d)
            let level = d.severity == .error ? "error" : d.severity == .warning ? "warning" : "notice"
            out += "::\(level) file=\(escapeProperty(d.path)),line=\(sp.line),col=\(sp.column),endLine=\(sp.endLine),endColumn=\(sp.endColumn),title=\(escapeProperty("orgc \(d.code.rawValue)"))::\(escapeData(d.message))\n"
        }
        return out
    }

    // MARK: sarif

    func sarif(_ diagnostics: [Diagnostic]) -> JSONValue {
        let usedCodes = Set(diagnostics.map(\.code))
        let rules = DiagnosticCode.allCases.filter { usedCodes.contains($0) }
        let ruleIndex = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1, $0) })
        func level(_ s: Severity) -> String { s == .error ? "error" : s == .warning ? "warning" : "note" }
        let results: [JSONValue] = diagnostics.map { d in
            let sp = span(d)
            var members: [(String, JSONValue)] = [
                ("ruleId", .string(d.code.rawValue)),
                ("ruleIndex", .int(ruleIndex[d.code] ?? 0)),
                ("level", .string(level(d.severity))),
                ("message", .object([("text", .string(d.message))])),
                ("locations", .array([.object([("physicalLocation", .object([
                    ("artifactLocation", .object([("uri", .string(uri(d.path)))])),
                    ("region", .object([("startLine", .int(sp.line)), ("startColumn", .int(sp.column)),
                                        ("endLine", .int(sp.endLine)), ("endColumn", .int(sp.endColumn)),
                                        ("charOffset", .int(d.range.start)), ("charLength", .int(d.range.end - d.range.start))])),
                ]))])])),
            ]
            if !d.fixes.isEmpty {
                members.append(("fixes", .array(d.fixes.map { fix in
                    .object([("description", .object([("text", .string(fix.title))])),
                             ("artifactChanges", .array(fix.edits.map { e in
                                 .object([("artifactLocation", .object([("uri", .string(uri(e.path)))])),
                                          ("replacements", .array([.object([
                                              ("deletedRegion", .object([("byteOffset", .int(e.range.start)), ("byteLength", .int(e.range.end - e.range.start))])),
                                              ("insertedContent", .object([("text", .string(e.newText))])),
                                          ])]))])
                             }))])
                })))
            }
            return .object(members)
        }
        return .object([
            ("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")),
            ("version", .string("2.1.0")),
            ("runs", .array([.object([
                ("tool", .object([("driver", .object([
                    ("name", .string("orgc")),
                    ("version", .string(Orgc.version)),
                    ("informationUri", .string("https://github.com/orgc/orgc")),
                    ("rules", .array(rules.map { c in
                        .object([("id", .string(c.rawValue)),
                                 ("shortDescription", .object([("text", .string(c.title))])),
                                 ("fullDescription", .object([("text", .string(c.explanation.replacingAll("\n", " ")))])),
                                 ("defaultConfiguration", .object([("level", .string(level(c.defaultSeverity)))]))])
                    })),
                ]))])),
                ("columnKind", .string("unicodeCodePoints")),
                ("results", .array(results)),
            ])])),
        ])
    }

    /// A relative URI for SARIF: path segments percent-encoded where needed.
    private func uri(_ path: String) -> String {
        var p = path
        if p.hasPrefix("./") { p.removeFirst(2) }
        var out = ""
        for b in p.utf8 {
            let c = Character(Unicode.Scalar(b))
            if (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || "/-._~".contains(c) {
                out.append(c)
            } else {
                out += "%" + (b < 16 ? "0" : "") + String(b, radix: 16, uppercase: true)
            }
        }
        return out
    }
}

extension String {
    func replacingAll(_ target: String, _ replacement: String) -> String {
        guard !target.isEmpty else { return self }
        return self.split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
