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

/// One token: its kind and byte range (a value read out of a `TokenList`).
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

/// The tokens of a file, 8 bytes each: the start (32 bits), the kind (8 bits) and the
/// length (24 bits) packed in one word. A token of 16 MB or more (a comment or a run
/// of bad bytes on a huge line) keeps its end in `longEnds`. 12 → 8 bytes per token:
/// a 50 MB line of `unit U<i>;` has 10.2 M tokens, 123 → 82 MB.
public struct TokenList: RandomAccessCollection, Sendable, Equatable {
    @usableFromInline var packed: [UInt64] = []
    /// Ends of the tokens whose length does not fit 24 bits, by token index (ascending).
    @usableFromInline var longEnds: [LongToken] = []

    @usableFromInline struct LongToken: Sendable, Equatable {
        @usableFromInline var index: Int32
        @usableFromInline var end: Int32
    }

    /// The length that marks a long token (its end is in `longEnds`).
    @inlinable static var longLength: UInt64 { 0xFF_FFFF }

    public init() {}

    public init<S: Sequence>(_ tokens: S) where S.Element == Token {
        for t in tokens { append(t.kind, start: Int(t.start), end: Int(t.end)) }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { packed.count }

    @inlinable
    public subscript(i: Int) -> Token {
        let word = packed[i]
        let start = Int32(truncatingIfNeeded: UInt32(truncatingIfNeeded: word))
        let kind = TokenList.kind(of: word)
        let length = word >> 40
        let end = length == TokenList.longLength ? longEnd(i) : start &+ Int32(truncatingIfNeeded: length)
        var t = Token(kind: kind, start: 0, end: 0)
        t.start = start
        t.end = end
        return t
    }

    /// The kind alone (the parser's cursor reads nothing else).
    @inlinable
    public func kind(_ i: Int) -> TokenKind { TokenList.kind(of: packed[i]) }

    /// The kind packed in a token's word. Only `append` writes words, from a `TokenKind`,
    /// so the raw value is always one (checked all the same, so no word can make a bad
    /// enum); `TokenKind(rawValue:)` here was a call with a switch, 31 M instructions of
    /// parsing the 100k model (callgrind).
    @inlinable static func kind(of word: UInt64) -> TokenKind {
        let raw = UInt8(truncatingIfNeeded: word >> 32)
        return raw <= TokenKind.eof.rawValue ? unsafeBitCast(raw, to: TokenKind.self) : .invalid
    }

    @usableFromInline func longEnd(_ i: Int) -> Int32 {
        var lo = 0, hi = longEnds.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if Int(longEnds[mid].index) < i { lo = mid + 1 } else { hi = mid }
        }
        return lo < longEnds.count && Int(longEnds[lo].index) == i ? longEnds[lo].end : 0
    }

    mutating func reserveCapacity(_ n: Int) { packed.reserveCapacity(n) }

    @inline(__always)
    mutating func append(_ kind: TokenKind, start: Int, end: Int) {
        let length = UInt64(truncatingIfNeeded: end &- start)
        let word = UInt64(UInt32(truncatingIfNeeded: start)) | UInt64(kind.rawValue) << 32
        if length < TokenList.longLength {
            packed.append(word | length << 40)
        } else {
            appendLong(word, end: end)
        }
    }

    /// A token of 16 MB or more (or a bad range): its end aside.
    @inline(never)
    private mutating func appendLong(_ word: UInt64, end: Int) {
        longEnds.append(LongToken(index: Int32(truncatingIfNeeded: packed.count), end: Int32(truncatingIfNeeded: end)))
        packed.append(word | TokenList.longLength << 40)
    }
}
