import Foundation
import OrgaSyntax

/// Expected diagnostics written in the source they are about:
///
///     step S { by SB; time 5 fte }          // expect: E201
///     unit X { in Amt } // expect: E301("did you mean `Amt1`"), W408
///     unit A "not closed
///     //^ expect: E103
///
/// `// expect: CODE, CODE("substring") …` at the end of a line means a diagnostic with
/// that code starts on this line (the substring, if given, must occur in its message);
/// a line that is only `//^ expect: …` says the same of the line above. Codes count:
/// `E106, E106` means two. Every diagnostic must be expected and every expectation met.
public enum InlineExpectations {
    /// One expected diagnostic.
    public struct Expectation: Hashable, CustomStringConvertible, Sendable {
        public var file: String
        public var line: Int            // 1-based
        public var code: String
        public var substring: String?
        public var description: String { "\(file):\(line): \(code)" + (substring.map { "(\"\($0)\")" } ?? "") }
    }

    public struct SyntaxError: Error, CustomStringConvertible {
        public var description: String
    }

    /// The expectations written in a file's comments.
    public static func parse(_ file: SourceFile) throws -> [Expectation] {
        var result: [Expectation] = []
        var lastCodeLine = 0   // 1-based number of the last line that is not a `//^` line
        for l in 0..<file.lineCount {
            let text = file.lineText(l)
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("//^ expect:") {
                let list = String(trimmed.dropFirst("//^ expect:".count))
                for (code, sub) in try parseList(list, file: file.path, line: l + 1) {
                    result.append(Expectation(file: file.path, line: lastCodeLine, code: code, substring: sub))
                }
                continue
            }
            lastCodeLine = l + 1
            if let r = text.range(of: "// expect:") {
                let list = String(text[r.upperBound...])
                for (code, sub) in try parseList(list, file: file.path, line: l + 1) {
                    result.append(Expectation(file: file.path, line: l + 1, code: code, substring: sub))
                }
            }
        }
        return result
    }

    /// `E301, W408("text with \"quotes\"")` → [(code, substring?)]; every code must be
    /// in the diagnostic catalogue.
    public static func parseList(_ s: String, file: String, line: Int) throws -> [(String, String?)] {
        let chars = Array(s.unicodeScalars)
        var i = 0
        var out: [(String, String?)] = []
        func fail(_ why: String) -> SyntaxError {
            SyntaxError(description: "\(file):\(line): bad expectation (\(why)): \(s)")
        }
        func skipSpaces() { while i < chars.count && (chars[i] == " " || chars[i] == "\t") { i += 1 } }
        while true {
            skipSpaces()
            guard i + 4 <= chars.count else { throw fail("expected a code") }
            let code = String(String.UnicodeScalarView(chars[i..<i + 4]))
            guard code.range(of: "^[EW][0-9]{3}$", options: .regularExpression) != nil else { throw fail("`\(code)` is not a code") }
            guard DiagnosticCode(rawValue: code) != nil else { throw fail("`\(code)` is not in the catalogue") }
            i += 4
            var sub: String? = nil
            if i < chars.count && chars[i] == "(" {
                i += 1
                guard i < chars.count && chars[i] == "\"" else { throw fail("expected `\"` after `(`") }
                i += 1
                var text = String.UnicodeScalarView()
                while i < chars.count && chars[i] != "\"" {
                    if chars[i] == "\\" && i + 1 < chars.count { i += 1 }
                    text.append(chars[i])
                    i += 1
                }
                guard i + 1 < chars.count && chars[i] == "\"" && chars[i + 1] == ")" else { throw fail("unterminated message") }
                i += 2
                sub = String(text)
            }
            out.append((code, sub))
            skipSpaces()
            if i >= chars.count { return out }
            guard chars[i] == "," else { throw fail("expected `,`") }
            i += 1
        }
    }

    /// Compares `diagnostics` of `files` with the expectations written in them; returns
    /// the problems (none when every diagnostic was expected and every expectation met),
    /// each with the file, line and column of what was reported.
    public static func problems(_ diagnostics: [Diagnostic], in files: [SourceFile]) throws -> [String] {
        let sources = Dictionary(files.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        var problems: [String] = []

        // Ranges are valid and in one of the files.
        for d in diagnostics {
            guard let f = sources[d.path] else { problems.append("diagnostic in unknown file \(d.path): \(d.code.rawValue)"); continue }
            if !(0 <= d.range.start && d.range.start <= d.range.end && d.range.end <= f.bytes.count) {
                problems.append("invalid range \(d.range.start)..<\(d.range.end) (file has \(f.bytes.count) bytes): \(d.code.rawValue) \(d.message)")
            }
        }

        var expected: [Expectation] = []
        for f in files { expected += try parse(f) }

        func key(_ e: Expectation) -> String { "\(e.file):\(e.line): \(e.code)" }
        // Multiset comparison by (file, line, code).
        var actualByKey: [String: [Diagnostic]] = [:]
        for d in diagnostics {
            let line = (sources[d.path]?.line(of: d.range.start) ?? -1) + 1
            actualByKey["\(d.path):\(line): \(d.code.rawValue)", default: []].append(d)
        }
        var expectedByKey: [String: [Expectation]] = [:]
        for e in expected { expectedByKey[key(e), default: []].append(e) }

        var missing: [String] = []
        var unexpected: [String] = []
        for k in Set(actualByKey.keys).union(expectedByKey.keys).sorted() {
            let actual = actualByKey[k] ?? []
            let exp = expectedByKey[k] ?? []
            if exp.count > actual.count {
                missing += exp.dropFirst(actual.count).map { $0.description }
            } else if actual.count > exp.count {
                unexpected += actual.dropFirst(exp.count).map { describe($0, sources) }
            }
            // Message substrings: each must occur in some diagnostic with this key.
            for e in exp {
                guard let sub = e.substring, !actual.isEmpty else { continue }
                if !actual.contains(where: { $0.message.contains(sub) }) {
                    problems.append("\(e.description): no message contains the text; actual: " + actual.map { "\"\($0.message)\"" }.joined(separator: " | "))
                }
            }
        }
        if !missing.isEmpty { problems.append("missing (expected but not reported):\n    " + missing.joined(separator: "\n    ")) }
        if !unexpected.isEmpty { problems.append("unexpected (reported but not expected):\n    " + unexpected.joined(separator: "\n    ")) }
        return problems
    }

    /// `path:line:column: CODE message` (1-based, columns in characters).
    public static func describe(_ d: Diagnostic, in files: [SourceFile]) -> String {
        describe(d, Dictionary(files.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first }))
    }

    static func describe(_ d: Diagnostic, _ sources: [String: SourceFile]) -> String {
        let f = sources[d.path]
        let line = (f?.line(of: d.range.start) ?? 0) + 1
        let col = (f?.characterColumn(of: d.range.start) ?? 0) + 1
        return "\(d.path):\(line):\(col): \(d.code.rawValue) \(d.message)"
    }
}
