import OrgaSyntax
import OrgaSupport

/// Renders diagnostics as text (rustc-style), JSON, GitHub annotations or SARIF 2.1.0.
/// Lines and columns are 1-based; columns count Unicode scalars (characters as a
/// person counts them), so `ü` and an emoji are one column each.
struct DiagnosticPrinter {
    let sources: [String: SourceFile]
    /// Language of the text format (`check --lang`); the machine formats stay English.
    var language: OutputLanguage = .en
    /// Longer source lines are shown as a window around the diagnostic.
    static let maxShownLineBytes = 400

    struct Span {
        var line: Int, column: Int, endLine: Int, endColumn: Int
    }

    func span(_ d: Diagnostic) -> Span {
        guard let f = sources[d.path] else { return Span(line: 1, column: 1, endLine: 1, endColumn: 1) }
        return Span(line: f.line(of: d.range.start) + 1, column: column(f, d.range.start, startColumns) + 1,
                    endLine: f.line(of: d.range.end) + 1, endColumn: column(f, d.range.end, endColumns) + 1)
    }

    /// The last column counted, so that many diagnostics on one very long line (a
    /// minified or binary file) are counted incrementally, not each from the line start.
    final class ColumnCache {
        var path = ""
        var line = -1
        var offset = 0
        var column = 0
    }
    private let startColumns = ColumnCache()
    private let endColumns = ColumnCache()

    /// `SourceFile.characterColumn(of:)`, continuing from the cached position when it
    /// lies on the same line before `offset` (diagnostics come sorted by position).
    private func column(_ f: SourceFile, _ offset: Int, _ cache: ColumnCache) -> Int {
        let o = max(0, min(offset, f.bytes.count))
        let line = f.line(of: o)
        var i = f.lineRange(line).lowerBound   // after a BOM on the first line
        var col = 0
        if cache.path == f.path && cache.line == line && cache.offset <= o {
            i = cache.offset
            col = cache.column
        }
        while i < o {
            if f.bytes[i] & 0xC0 != 0x80 { col += 1 }
            i += 1
        }
        cache.path = f.path
        cache.line = line
        cache.offset = o
        cache.column = col
        return col
    }

    // MARK: text

    func text(_ diagnostics: [Diagnostic], color: Bool) -> String {
        func paint(_ s: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
        var out = ""
        for d in diagnostics {
            let sp = span(d)
            let sevColor = d.severity == .error ? "1;31" : d.severity == .warning ? "1;33" : "1;36"
            let de = language == .de
            let severity = de ? (d.severity == .error ? "Fehler" : d.severity == .warning ? "Warnung" : "Hinweis") : d.severity.rawValue
            out += paint("\(severity)[\(d.code.rawValue)]", sevColor) + paint(": \(de ? d.germanMessage : d.message)", "1") + "\n"
            out += "  --> \(d.path):\(sp.line):\(sp.column)\n"
            if let f = sources[d.path] {
                let lineIndex = sp.line - 1
                let number = String(sp.line)
                let pad = String(repeating: " ", count: number.count)
                let lineStart = f.lineRange(lineIndex).lowerBound
                let lineEnd = f.lineRange(lineIndex).upperBound
                let lineText: String
                let startCol: Int
                let width: Int
                if lineEnd - lineStart <= DiagnosticPrinter.maxShownLineBytes {
                    lineText = displayLine(f.lineText(lineIndex))
                    startCol = f.characterColumn(of: d.range.start)
                    let endOffset = min(d.range.end, lineEnd)
                    width = max(1, f.characterColumn(of: max(endOffset, lineStart)) - startCol)
                } else {
                    // A very long line (minified or binary data): show a window around the
                    // mark, not the whole line once per diagnostic.
                    let start = max(lineStart, min(d.range.start, lineEnd))
                    var from = max(lineStart, start - 40)
                    while from > lineStart && f.bytes[from] & 0xC0 == 0x80 { from -= 1 }
                    var to = min(lineEnd, from + 160)
                    while to < lineEnd && f.bytes[to] & 0xC0 == 0x80 { to += 1 }
                    func characters(_ a: Int, _ b: Int) -> Int {
                        var n = 0
                        var i = a
                        while i < b { if f.bytes[i] & 0xC0 != 0x80 { n += 1 }; i += 1 }
                        return n
                    }
                    let prefix = from > lineStart ? "…" : ""
                    lineText = prefix + displayLine(f.text(from..<to)) + (to < lineEnd ? "…" : "")
                    startCol = (prefix.isEmpty ? 0 : 1) + characters(from, start)
                    width = max(1, characters(start, max(start, min(d.range.end, to))))
                }
                out += "\(pad) |\n"
                out += "\(number) | \(lineText)\n"
                out += "\(pad) | " + String(repeating: " ", count: startCol) + paint(String(repeating: "^", count: width), sevColor) + "\n"
                for fix in d.fixes.prefix(3) {
                    out += language == .de ? "\(pad) = Hilfe: \(fix.germanTitle)\n" : "\(pad) = help: \(fix.title)\n"
                }
            }
            out += "\n"
        }
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.filter { $0.severity == .warning }.count
        if language == .de {
            out += diagnostics.isEmpty ? "keine Probleme gefunden\n"
                : "\(errors) Fehler, \(warnings) \(warnings == 1 ? "Warnung" : "Warnungen")\n"
        } else if diagnostics.isEmpty {
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
                                        // Byte offsets: SARIF's charOffset would count characters.
                                        ("byteOffset", .int(d.range.start)), ("byteLength", .int(d.range.end - d.range.start))])),
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
                    ("version", .string(OrgaVersion.string)),
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
    /// Relative paths stay relative references; an absolute path becomes a `file://` URI
    /// (a bare `/tmp/x.orga` is no file URI for SARIF consumers).
    private func uri(_ path: String) -> String {
        var p = path
        while p.hasPrefix("./") { p.removeFirst(2) }
        var out = p.hasPrefix("/") ? "file://" : ""
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
