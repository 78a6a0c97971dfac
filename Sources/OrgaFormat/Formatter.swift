import OrgaSyntax

/// What formatting a file gave.
public struct FormatResult: Sendable {
    public enum Outcome: Sendable, Equatable {
        /// `bytes` holds the canonical text (which may equal the input).
        case formatted
        /// The file has error diagnostics; the formatter refuses and leaves it untouched.
        case syntaxErrors
        /// The formatter could not prove its output equivalent to the input (a bug in
        /// orgc); it refuses rather than risk losing anything. `message` says why.
        case internalError
    }

    public let outcome: Outcome
    /// The formatted file as UTF-8 bytes; nil unless `outcome == .formatted`.
    public let bytes: [UInt8]?
    /// Whether the formatted text differs from the input.
    public let changed: Bool
    /// The error diagnostics that made the formatter refuse (`.syntaxErrors`).
    public let diagnostics: [Diagnostic]
    /// For `.internalError`: what went wrong.
    public let message: String?

    /// The formatted file as a String; nil unless formatted.
    public var text: String? { bytes.map { String(decoding: $0, as: UTF8.self) } }
    public var isFormatted: Bool { outcome == .formatted }
}

/// The canonical formatter of Orga source files (style and guarantees: docs/formatter.md).
///
/// Guarantees, checked on every call before any text is returned:
/// - no token is lost, added or reordered (line breaks aside; line comments lose
///   trailing whitespace and block comments get LF line breaks);
/// - the output parses without errors into the same statements, arguments, nesting
///   and doc comments as the input.
/// A file with any error diagnostic is refused and left untouched.
public enum Formatter {
    /// Formats a parsed file.
    public static func format(_ tree: SyntaxTree) -> FormatResult {
        let errors = tree.diagnostics.filter { $0.severity == .error }
        if !errors.isEmpty {
            return FormatResult(outcome: .syntaxErrors, bytes: nil, changed: false, diagnostics: errors, message: nil)
        }
        var printer = Printer(tree: tree)
        printer.layoutFile()
        if printer.failed {
            return internalError(printer.failure)
        }
        let bytes = tree.bytes
        let bom = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        let out = printer.render(bom: bom)
        let reparsed = Parser.parse(SourceFile(path: tree.path, bytes: out))
        if let problem = Equivalence.difference(tree, reparsed) {
            return internalError(problem)
        }
        return FormatResult(outcome: .formatted, bytes: out, changed: out != bytes, diagnostics: [], message: nil)
    }

    /// Formats source text; nil when the file has errors (or on an internal error).
    public static func format(source: String, path: String) -> String? {
        format(Parser.parse(SourceFile(path: path, text: source))).text
    }

    /// Formats source bytes.
    public static func format(bytes: [UInt8], path: String) -> FormatResult {
        format(Parser.parse(SourceFile(path: path, bytes: bytes)))
    }

    /// Whether formatting would change the file: nil when it cannot be formatted.
    public static func wouldChange(_ tree: SyntaxTree) -> Bool? {
        let r = format(tree)
        return r.isFormatted ? r.changed : nil
    }

    private static func internalError(_ message: String) -> FormatResult {
        FormatResult(outcome: .internalError, bytes: nil, changed: false, diagnostics: [],
                     message: "internal formatter error (\(message)); the file was left unchanged")
    }
}

/// Compares a file with its formatted version.
enum Equivalence {
    /// Separators: line breaks and `;` (docs/language.md, Lexical structure: a statement ends at either).
    static func isSeparator(_ k: TokenKind) -> Bool { k == .newline || k == .semicolon || k == .eof }

    /// Kind and text of every token except separators, with comment text normalised
    /// as the formatter prints it.
    static func content(_ tree: SyntaxTree) -> [(TokenKind, [UInt8])] {
        let bytes = tree.bytes
        var out: [(TokenKind, [UInt8])] = []
        out.reserveCapacity(tree.tokens.count)
        for tok in tree.tokens where !isSeparator(tok.kind) {
            let s = max(0, min(Int(tok.start), bytes.count))
            let e = max(s, min(Int(tok.end), bytes.count))
            out.append((tok.kind, Printer.normalized(tok.kind, bytes[s..<e])))
        }
        return out
    }

    /// Statements in pre-order as (depth, first token, last token, `{`, `}`, first
    /// and last token of the doc comment, argument count, child count, then each
    /// argument's kind, first and last token), token positions counted among
    /// non-separator tokens. The last token is the statement's own (comments the
    /// parser counts to a statement when they trail it on its line are left out).
    static func shape(_ tree: SyntaxTree) -> [Int] {
        var ordinal = [Int](repeating: -1, count: tree.tokens.count)
        var n = 0
        for (i, tok) in tree.tokens.enumerated() where !isSeparator(tok.kind) {
            ordinal[i] = n
            n += 1
        }
        func ord(_ t: Int32) -> Int { t >= 0 && Int(t) < ordinal.count ? ordinal[Int(t)] : -1 }
        func kind(_ t: Int32) -> TokenKind { t >= 0 && Int(t) < tree.tokens.count ? tree.tokens[Int(t)].kind : .eof }
        var out: [Int] = []
        tree.walk { id, depth in
            let s = tree.statement(id)
            var last = s.lastToken
            if !s.hasBlock { while last > s.firstToken && kind(last).isComment { last -= 1 } }
            out.append(contentsOf: [depth, ord(s.firstToken), ord(last), ord(s.lbrace), ord(s.rbrace),
                                    ord(s.docFirst), ord(s.docLast), Int(s.argCount), Int(s.childCount)])
            for a in tree.argumentIDs(id) {
                let arg = tree.argument(a)
                out.append(contentsOf: [Int(arg.kind.rawValue), ord(arg.firstToken), ord(arg.lastToken), arg.afterComma ? 1 : 0])
            }
        }
        return out
    }

    /// nil when `b` is `a` reformatted without loss; otherwise what differs.
    static func difference(_ a: SyntaxTree, _ b: SyntaxTree) -> String? {
        if b.diagnostics.contains(where: { $0.severity == .error }) {
            return "the output does not parse"
        }
        if b.diagnostics.count > a.diagnostics.count { return "the output has new diagnostics" }
        let ca = content(a), cb = content(b)
        if ca.count != cb.count { return "token count changed" }
        for (x, y) in zip(ca, cb) where x.0 != y.0 || x.1 != y.1 {
            return "token `\(String(decoding: x.1, as: UTF8.self))` changed"
        }
        if shape(a) != shape(b) { return "statement structure changed" }
        return nil
    }
}
