import Foundation
import OrgaFormat
import OrgaSyntax
import XCTest

/// Independent checks of the formatter's guarantees (they do not reuse the formatter's
/// own self-check): lossless, idempotent, re-parses into the same statements.
public enum FormatterProperties {
    public static func parse(_ bytes: [UInt8], _ path: String = "test.orga") -> SyntaxTree {
        Parser.parse(SourceFile(path: path, bytes: bytes))
    }

    public static func hasErrors(_ tree: SyntaxTree) -> Bool {
        tree.diagnostics.contains { $0.severity == .error }
    }

    public static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    /// Every token except line breaks and `;` (which the language treats alike),
    /// as kind and text. Line comments are compared without trailing whitespace and
    /// block comments with LF line breaks — the two normalisations the formatter
    /// documents.
    public static func contentTokens(_ tree: SyntaxTree) -> [String] {
        var out: [String] = []
        for (i, tok) in tree.tokens.enumerated() {
            switch tok.kind {
            case .newline, .semicolon, .eof: continue
            default: break
            }
            var text = tree.text(Int32(i))
            switch tok.kind {
            case .lineComment, .docComment:
                while let last = text.unicodeScalars.last, last == " " || last == "\t" || last == "\u{0B}" || last == "\u{0C}" {
                    text.unicodeScalars.removeLast()
                }
            case .blockComment:
                text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            default: break
            }
            out.append("\(tok.kind):\(text)")
        }
        return out
    }

    /// Statements in pre-order: depth, keyword, arguments (their tokens without
    /// comments, joined by single spaces) and doc comment.
    public static func statements(_ tree: SyntaxTree) -> [String] {
        var out: [String] = []
        tree.walk { id, depth in
            var args: [String] = []
            for a in tree.argumentIDs(id) {
                let arg = tree.argument(a)
                var parts: [String] = []
                var t = arg.firstToken
                while t <= arg.lastToken {
                    if !tree.tokens[Int(t)].kind.isComment { parts.append(tree.text(t)) }
                    t += 1
                }
                args.append((arg.afterComma ? ", " : "") + parts.joined(separator: " "))
            }
            let s = tree.statement(id)
            // Doc comment lines lose trailing whitespace in the output (documented).
            let doc = tree.docComment(id).map { d in
                d.split(separator: "\n", omittingEmptySubsequences: false)
                    .map { String($0.reversed().drop { $0 == " " || $0 == "\t" || $0 == "\u{0B}" || $0 == "\u{0C}" }.reversed()) }
                    .joined(separator: "\n")
            }
            out.append("\(depth) \(tree.keywordText(id)) [\(args.joined(separator: " | "))] block=\(s.hasBlock) children=\(s.childCount) doc=\(doc ?? "-")")
        }
        return out
    }

    /// Asserts the three hard properties for an input that parses without errors:
    /// lossless, idempotent, re-parses without new diagnostics (and into the same
    /// statements). Returns the formatted bytes.
    @discardableResult
    public static func assertProperties(_ input: [UInt8], _ name: String, file: StaticString = #filePath, line: UInt = #line) -> [UInt8]? {
        let tree = parse(input, name)
        guard !hasErrors(tree) else {
            let r = Formatter.format(tree)
            XCTAssertEqual(r.outcome, .syntaxErrors, "\(name): a file with errors must be refused", file: file, line: line)
            XCTAssertNil(r.bytes, file: file, line: line)
            return nil
        }
        let r = Formatter.format(tree)
        guard r.outcome == .formatted, let out = r.bytes else {
            XCTFail("\(name): not formatted: \(r.outcome) \(r.message ?? "")", file: file, line: line)
            return nil
        }
        let again = parse(out, name)
        // Warnings the input had (an invalid byte in a comment) stay; nothing may be added.
        var inputDiagnostics = tree.diagnostics.map { "\($0.code.rawValue) \($0.message)" }
        let added = again.diagnostics.map { "\($0.code.rawValue) \($0.message)" }.filter { d in
            guard let i = inputDiagnostics.firstIndex(of: d) else { return true }
            inputDiagnostics.remove(at: i)
            return false
        }
        XCTAssertEqual(added, [], "\(name): output has new diagnostics\n\(text(out))", file: file, line: line)
        let before = contentTokens(tree), after = contentTokens(again)
        if before != after {
            let i = (0..<min(before.count, after.count)).first { before[$0] != after[$0] } ?? min(before.count, after.count)
            XCTFail("\(name): tokens differ at \(i): \(before.dropFirst(i).first ?? "<end>") vs \(after.dropFirst(i).first ?? "<end>")\n\(text(out))",
                    file: file, line: line)
        }
        let sa = statements(tree), sb = statements(again)
        if sa != sb {
            let i = (0..<min(sa.count, sb.count)).first { sa[$0] != sb[$0] } ?? min(sa.count, sb.count)
            XCTFail("\(name): statements changed at \(i): \(sa.dropFirst(i).first ?? "<end>") vs \(sb.dropFirst(i).first ?? "<end>")", file: file, line: line)
        }
        let r2 = Formatter.format(again)
        XCTAssertEqual(r2.bytes.map(text), text(out), "\(name): not idempotent", file: file, line: line)
        XCTAssertEqual(r2.changed, false, "\(name): not idempotent", file: file, line: line)
        // Canonical text: LF only, ends with one newline, no trailing whitespace.
        if !out.isEmpty && out != [0xEF, 0xBB, 0xBF] {
            XCTAssertEqual(out.last, 0x0A, "\(name): must end with a newline", file: file, line: line)
            if out.count >= 2 { XCTAssertNotEqual(out[out.count - 2], 0x0A, "\(name): ends with a blank line", file: file, line: line) }
        }
        XCTAssertFalse(out.contains(0x0D), "\(name): CR in output", file: file, line: line)
        // (Block comments are verbatim and may keep whitespace at the end of their lines.)
        for l in text(out).split(separator: "\n", omittingEmptySubsequences: false) where !text(out).contains("/*") {
            if let c = l.unicodeScalars.last, c == " " || c == "\t" {
                XCTFail("\(name): trailing whitespace in line `\(l)`", file: file, line: line)
                break
            }
        }
        return out
    }
}
