/// The kinds of tokens. Comments and newlines are tokens too: the token array is a
/// lossless account of the file (together with the whitespace between tokens), which
/// the formatter and the language server rely on.
public enum TokenKind: UInt8, Sendable {
    case identifier
    case number
    case string
    case date
    case lbrace, rbrace, comma, semicolon, arrow, percent, slash, dotdot, dot, plus, minus
    case euro            // `€`
    case newline
    case lineComment     // `// …`
    case docComment      // `/// …`
    case blockComment    // `/* … */`, nesting
    case invalid         // bytes that form no token (a diagnostic says why)
    case eof

    public var isTrivia: Bool {
        self == .lineComment || self == .docComment || self == .blockComment
    }
    public var isComment: Bool { isTrivia }

    public var spelling: String {
        switch self {
        case .identifier: "name"
        case .number: "number"
        case .string: "string"
        case .date: "date"
        case .lbrace: "`{`"
        case .rbrace: "`}`"
        case .comma: "`,`"
        case .semicolon: "`;`"
        case .arrow: "`->`"
        case .percent: "`%`"
        case .slash: "`/`"
        case .dotdot: "`..`"
        case .dot: "`.`"
        case .plus: "`+`"
        case .minus: "`-`"
        case .euro: "`€`"
        case .newline: "end of line"
        case .lineComment, .docComment, .blockComment: "comment"
        case .invalid: "invalid input"
        case .eof: "end of file"
        }
    }
}

/// One token: its kind and byte range. 12 bytes; tokens live in one flat array.
public struct Token: Sendable, Hashable {
    public var kind: TokenKind
    public var start: Int32
    public var end: Int32

    public init(kind: TokenKind, start: Int, end: Int) {
        self.kind = kind
        self.start = Int32(truncatingIfNeeded: start)
        self.end = Int32(truncatingIfNeeded: end)
    }
    public var range: ByteRange { ByteRange(Int(start), Int(end)) }
}
