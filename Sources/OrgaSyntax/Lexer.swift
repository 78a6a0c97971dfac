/// Turns the bytes of a source file into tokens. Works on bytes, never on
/// `Character`s (fast, and `\r\n` stays two bytes). Never fails: bytes that form no
/// token become `.invalid` tokens with a diagnostic.
public struct Lexer {
    public private(set) var tokens = TokenList()
    public private(set) var diagnostics: [Diagnostic] = []
    private let bytes: [UInt8]
    private let path: String
    private var pos = 0

    public static func tokenize(_ file: SourceFile) -> (tokens: [Token], diagnostics: [Diagnostic]) {
        let (tokens, diagnostics) = lex(file)
        return (Array(tokens), diagnostics)
    }

    /// The tokens in their compact form (as the parser keeps them).
    static func lex(_ file: SourceFile) -> (tokens: TokenList, diagnostics: [Diagnostic]) {
        var lexer = Lexer(file: file)
        lexer.run()
        return (lexer.tokens, lexer.diagnostics)
    }

    init(file: SourceFile) {
        bytes = file.bytes
        path = file.path
        // At most one token per byte, and in practice fewer than one per 4 (3.6 bytes per
        // token on a line of `unit U<i>;`, 6 on the 100k model); capacity beyond what is
        // used is never touched, so costs no memory, while growing by doubling would copy.
        tokens.reserveCapacity(bytes.count / 3 + 2)
    }

    private func peek(_ ahead: Int = 0) -> UInt8 {
        let i = pos + ahead
        return i < bytes.count ? bytes[i] : 0
    }

    // Inlined as the append into `[Token]` was before the tokens were packed (a call per
    // token: 15 M instructions on the 100k model).
    @inline(__always)
    private mutating func emit(_ kind: TokenKind, from start: Int) {
        tokens.append(kind, start: start, end: pos)
    }

    /// Diagnostics kept per file. The parser shows only the first `Parser.maxDiagnostics`
    /// anyway; without a bound, a 10 MB line of `# # # …` made millions of them (GBs).
    static let maxStoredDiagnostics = 4 * Parser.maxDiagnostics

    private mutating func report(_ code: DiagnosticCode, _ start: Int, _ end: Int, _ message: String) {
        guard diagnostics.count < Lexer.maxStoredDiagnostics else { return }
        diagnostics.append(Diagnostic(code, path: path, range: ByteRange(start, end), message))
    }

    mutating func run() {
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { pos = 3 }
        let n = bytes.count
        while pos < n {
            let start = pos
            let b = bytes[pos]
            switch b {
            case 0x20, 0x09, 0x0C, 0x0B:
                pos += 1
            case 0x0A:
                pos += 1; emit(.newline, from: start)
            case 0x0D:
                pos += 1
                if peek() == 0x0A { pos += 1 }
                emit(.newline, from: start)
            case UInt8(ascii: "/"):
                if peek(1) == UInt8(ascii: "/") { lexLineComment() } else if peek(1) == UInt8(ascii: "*") { lexBlockComment() } else { pos += 1; emit(.slash, from: start) }
            case UInt8(ascii: "\""):
                lexString()
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                lexNumberOrDate()
            case UInt8(ascii: "{"): pos += 1; emit(.lbrace, from: start)
            case UInt8(ascii: "}"): pos += 1; emit(.rbrace, from: start)
            case UInt8(ascii: ","): pos += 1; emit(.comma, from: start)
            case UInt8(ascii: ";"): pos += 1; emit(.semicolon, from: start)
            case UInt8(ascii: "%"): pos += 1; emit(.percent, from: start)
            case UInt8(ascii: "+"): pos += 1; emit(.plus, from: start)
            case UInt8(ascii: "-"):
                pos += 1
                if peek() == UInt8(ascii: ">") { pos += 1; emit(.arrow, from: start) } else { emit(.minus, from: start) }
            case UInt8(ascii: "."):
                pos += 1
                if peek() == UInt8(ascii: ".") { pos += 1; emit(.dotdot, from: start) } else { emit(.dot, from: start) }
            default:
                if isIdentifierStartASCII(b) {
                    lexIdentifier()
                } else if b >= 0x80 {
                    lexNonASCII()
                } else {
                    lexInvalidRun()
                }
            }
        }
        tokens.append(.eof, start: n, end: n)
    }

    private func isIdentifierStartASCII(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || b == 0x5F
    }

    private func isIdentifierContinueASCII(_ b: UInt8) -> Bool {
        isIdentifierStartASCII(b) || (b >= 0x30 && b <= 0x39)
    }

    private mutating func lexLineComment() {
        let start = pos
        let isDoc = peek(2) == UInt8(ascii: "/") && peek(3) != UInt8(ascii: "/")
        while pos < bytes.count && bytes[pos] != 0x0A && bytes[pos] != 0x0D { pos += 1 }
        emit(isDoc ? .docComment : .lineComment, from: start)
        checkUTF8(inComment: start, pos)
    }

    /// Comments are kept byte for byte, but invalid UTF-8 in one is worth a warning
    /// (once per comment, at the first bad byte).
    private mutating func checkUTF8(inComment start: Int, _ end: Int) {
        var i = start
        while i < end {
            if bytes[i] < 0x80 { i += 1; continue }
            let (scalar, length) = decodeScalar(at: i)
            if scalar == nil || i + length > end {
                report(.invalidUTF8InComment, i, min(i + max(length, 1), end),
                       "invalid UTF-8 in a comment (byte 0x\(String(bytes[i], radix: 16, uppercase: true))): re-save the file as UTF-8")
                return
            }
            i += length
        }
    }

    private mutating func lexBlockComment() {
        let start = pos
        pos += 2
        var depth = 1
        while pos < bytes.count {
            if bytes[pos] == UInt8(ascii: "*") && peek(1) == UInt8(ascii: "/") {
                pos += 2; depth -= 1
                if depth == 0 { break }
            } else if bytes[pos] == UInt8(ascii: "/") && peek(1) == UInt8(ascii: "*") {
                pos += 2; depth += 1
            } else {
                pos += 1
            }
        }
        if depth > 0 {
            report(.unterminatedComment, start, min(start + 2, bytes.count), "block comment is not closed: add `*/`")
        }
        emit(.blockComment, from: start)
        checkUTF8(inComment: start, pos)
    }

    private mutating func lexString() {
        let start = pos
        pos += 1
        while pos < bytes.count {
            let c = bytes[pos]
            if c == UInt8(ascii: "\"") { pos += 1; emit(.string, from: start); return }
            if c == 0x0A || c == 0x0D { break }
            if c == UInt8(ascii: "\\") {
                let escStart = pos
                pos += 1
                let e = peek()
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "n"), UInt8(ascii: "t"):
                    pos += 1
                case UInt8(ascii: "u"):
                    pos += 1
                    if !lexUnicodeEscape() {
                        report(.invalidEscape, escStart, pos, "invalid `\\u{…}` escape: write 1–6 hex digits naming a Unicode scalar, e.g. `\\u{20AC}`")
                    }
                default:
                    if e == 0x0A || e == 0x0D || pos >= bytes.count { continue }
                    let len = utf8Length(e)
                    pos = min(bytes.count, pos + len)
                    report(.invalidEscape, escStart, pos, "invalid escape `\\\(String(decoding: bytes[escStart + 1..<pos], as: UTF8.self))`: only \\\", \\\\, \\n, \\t and \\u{…} exist")
                }
                continue
            }
            if c >= 0x80 {
                let (scalar, len) = decodeScalar(at: pos)
                if scalar == nil {
                    // One diagnostic per run of bad bytes, as outside strings.
                    let bad = pos
                    skipInvalidUTF8()
                    report(.invalidUTF8, bad, pos, "invalid UTF-8 in string: re-save the file as UTF-8")
                    continue
                }
                pos += len
                continue
            }
            pos += 1
        }
        report(.unterminatedString, start, pos, "string is not closed: add `\"` before the end of the line")
        emit(.string, from: start)
    }

    /// After `\u`: `{` hex{1,6} `}` naming a valid scalar.
    private mutating func lexUnicodeEscape() -> Bool {
        guard peek() == UInt8(ascii: "{") else { return false }
        pos += 1
        var value: UInt32 = 0
        var digits = 0
        while pos < bytes.count, let d = ASCII.hexValue(bytes[pos]) {
            if digits < 8 { value = value &* 16 &+ UInt32(d) }
            digits += 1
            pos += 1
        }
        guard peek() == UInt8(ascii: "}") else { return false }
        pos += 1
        return digits >= 1 && digits <= 6 && Unicode.Scalar(value) != nil
    }

    private mutating func lexNumberOrDate() {
        let start = pos
        // A date: four digits, '-', two digits, '-', two digits, not followed by a digit.
        if isDigit(peek(0)) && isDigit(peek(1)) && isDigit(peek(2)) && isDigit(peek(3)) && peek(4) == UInt8(ascii: "-")
            && isDigit(peek(5)) && isDigit(peek(6)) && peek(7) == UInt8(ascii: "-") && isDigit(peek(8)) && isDigit(peek(9))
            && !isDigit(peek(10)) {
            pos += 10
            if Lexer.dateComponents(bytes, start)  == nil {
                report(.invalidDate, start, pos, "`\(String(decoding: bytes[start..<pos], as: UTF8.self))` is not a date in the calendar")
            }
            emit(.date, from: start)
            return
        }
        var bad = false
        var lastWasUnderscore = false
        while pos < bytes.count && (isDigit(bytes[pos]) || bytes[pos] == UInt8(ascii: "_")) {
            if bytes[pos] == UInt8(ascii: "_") { if lastWasUnderscore { bad = true }; lastWasUnderscore = true } else { lastWasUnderscore = false }
            pos += 1
        }
        if lastWasUnderscore { bad = true }
        // A decimal point only when a digit follows (so `0..4` stays a range).
        if peek() == UInt8(ascii: ".") && isDigit(peek(1)) {
            pos += 1
            lastWasUnderscore = false
            while pos < bytes.count && (isDigit(bytes[pos]) || bytes[pos] == UInt8(ascii: "_")) {
                if bytes[pos] == UInt8(ascii: "_") { if lastWasUnderscore { bad = true }; lastWasUnderscore = true } else { lastWasUnderscore = false }
                pos += 1
            }
            if lastWasUnderscore { bad = true }
        }
        if bad {
            report(.invalidNumber, start, pos, "invalid number: `_` may only stand between digits, as in `1_200`")
        }
        emit(.number, from: start)
    }

    /// Year, month, day of a `YYYY-MM-DD` token at `start`, or nil if not a calendar date.
    public static func dateComponents(_ bytes: [UInt8], _ start: Int) -> (year: Int, month: Int, day: Int)? {
        guard start + 10 <= bytes.count else { return nil }
        func num(_ a: Int, _ len: Int) -> Int {
            var v = 0
            for i in 0..<len { v = v * 10 + Int(bytes[start + a + i]) - 48 }
            return v
        }
        let y = num(0, 4), m = num(5, 2), d = num(8, 2)
        guard m >= 1 && m <= 12 && d >= 1 else { return nil }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
        return d <= days ? (y, m, d) : nil
    }

    private func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    private mutating func lexIdentifier(from tokenStart: Int? = nil) {
        let start = tokenStart ?? pos
        while pos < bytes.count {
            let b = bytes[pos]
            if isIdentifierContinueASCII(b) { pos += 1; continue }
            if b >= 0x80 {
                let (scalar, len) = decodeScalar(at: pos)
                if let s = scalar {
                    if Lexer.isIdentifierContinue(s) { pos += len; continue }
                } else {
                    // A Latin-1 `ü` inside a name: one E102, and the name stays one token
                    // (no follow-up errors for its pieces).
                    let bad = pos
                    skipInvalidUTF8()
                    report(.invalidUTF8, bad, pos, "invalid UTF-8 in a name: re-save the file as UTF-8")
                    continue
                }
            }
            break
        }
        emit(.identifier, from: start)
    }

    /// Skips a run of bytes that are not valid UTF-8.
    private mutating func skipInvalidUTF8() {
        pos += max(1, decodeScalar(at: pos).length)
        while pos < bytes.count && bytes[pos] >= 0x80 && decodeScalar(at: pos).scalar == nil { pos += max(1, decodeScalar(at: pos).length) }
    }

    /// Whether the bytes at `pos` continue a name (after invalid bytes that start one).
    private func continuesIdentifier() -> Bool {
        guard pos < bytes.count else { return false }
        if isIdentifierContinueASCII(bytes[pos]) { return true }
        if bytes[pos] >= 0x80, let s = decodeScalar(at: pos).scalar { return Lexer.isIdentifierContinue(s) }
        return false
    }

    private mutating func lexNonASCII() {
        let start = pos
        let (scalar, len) = decodeScalar(at: pos)
        guard let s = scalar else {
            // Swallow a run of invalid bytes into one token and one diagnostic.
            skipInvalidUTF8()
            if continuesIdentifier() {
                // `Übersicht` saved as Latin-1: a name that starts with invalid bytes.
                report(.invalidUTF8, start, pos, "invalid UTF-8 in a name: re-save the file as UTF-8")
                lexIdentifier(from: start)
                return
            }
            report(.invalidUTF8, start, pos, "invalid UTF-8: re-save the file as UTF-8")
            emit(.invalid, from: start)
            return
        }
        if s == "€" { pos += len; emit(.euro, from: start); return }
        if Lexer.isIdentifierStart(s) { lexIdentifier(); return }
        pos += len
        report(.unexpectedCharacter, start, pos, "unexpected character `\(Character(s))` (U+\(String(s.value, radix: 16, uppercase: true))): free text belongs in a \"string\"")
        emit(.invalid, from: start)
    }

    private mutating func lexInvalidRun() {
        let start = pos
        let b = bytes[pos]
        pos += 1
        while pos < bytes.count && bytes[pos] == b { pos += 1 }
        let shown = b >= 0x20 && b < 0x7F ? "`\(Character(Unicode.Scalar(b)))`" : "byte 0x\(String(b, radix: 16, uppercase: true))"
        report(.unexpectedCharacter, start, pos, "unexpected character \(shown)")
        emit(.invalid, from: start)
    }

    private func utf8Length(_ b: UInt8) -> Int {
        b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
    }

    /// Decodes one scalar at `i`; nil and the number of bytes to skip if invalid.
    private func decodeScalar(at i: Int) -> (scalar: Unicode.Scalar?, length: Int) {
        Lexer.decodeScalar(bytes, at: i)
    }

    public static func decodeScalar(_ bytes: [UInt8], at i: Int) -> (scalar: Unicode.Scalar?, length: Int) {
        let n = bytes.count
        guard i < n else { return (nil, 0) }
        let b0 = bytes[i]
        if b0 < 0x80 { return (Unicode.Scalar(b0), 1) }
        let len: Int
        var value: UInt32
        switch b0 {
        case 0xC2...0xDF: len = 2; value = UInt32(b0 & 0x1F)
        case 0xE0...0xEF: len = 3; value = UInt32(b0 & 0x0F)
        case 0xF0...0xF4: len = 4; value = UInt32(b0 & 0x07)
        default: return (nil, 1)
        }
        guard i + len <= n else { return (nil, 1) }
        for k in 1..<len {
            let c = bytes[i + k]
            guard c & 0xC0 == 0x80 else { return (nil, k) }
            value = (value << 6) | UInt32(c & 0x3F)
        }
        // Reject overlong encodings and surrogates.
        let minValue: UInt32 = len == 2 ? 0x80 : len == 3 ? 0x800 : 0x10000
        guard value >= minValue, let s = Unicode.Scalar(value) else { return (nil, len) }
        return (s, len)
    }

    public static func isIdentifierStart(_ s: Unicode.Scalar) -> Bool {
        if s.value < 0x80 { return (s.value >= 0x61 && s.value <= 0x7A) || (s.value >= 0x41 && s.value <= 0x5A) || s.value == 0x5F }
        switch s.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return false
        }
    }

    public static func isIdentifierContinue(_ s: Unicode.Scalar) -> Bool {
        if isIdentifierStart(s) { return true }
        if s.value < 0x80 { return s.value >= 0x30 && s.value <= 0x39 }
        switch s.properties.generalCategory {
        case .decimalNumber, .nonspacingMark, .spacingMark, .connectorPunctuation: return true
        default: return false
        }
    }
}
