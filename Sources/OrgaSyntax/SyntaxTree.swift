/// The syntax tree of one file, as flat arrays indexed by `Int32` ids.
///
/// Orga has one statement shape — `keyword argument* [ "{" statement* "}" ]` — so the
/// tree is statements (with their arguments) nested by blocks. The tree keeps the
/// whole token array, comments and newlines included, so every byte of the source is
/// accounted for and tools can rebuild or reformat the text.
public struct SyntaxTree: Sendable {
    public let file: SourceFile
    public let tokens: TokenList
    public internal(set) var statements = StatementList()
    public internal(set) var arguments = ArgumentList()
    /// Child statement ids of all blocks; a statement's children are `children[childStart ..< childStart+childCount]`.
    public internal(set) var children: [Int32] = []
    /// Argument id bound to each slot of a statement's keyword spec (-1 = absent).
    public internal(set) var slots: [Int32] = []
    /// Top-level statement ids in source order.
    public internal(set) var roots: [Int32] = []
    public internal(set) var diagnostics: [Diagnostic] = []

    public var path: String { file.path }
    public var bytes: [UInt8] { file.bytes }

    init(file: SourceFile, tokens: TokenList) {
        self.file = file
        self.tokens = tokens
    }

    /// Appends an argument (to the statement appended last).
    mutating func appendArgument(_ a: Argument) {
        arguments.append(a)
        statements.argumentTotal = Int32(truncatingIfNeeded: arguments.count)
    }

    // MARK: Access

    // The small accessors marked @inlinable here (as `arg`) are called per statement from
    // the model builder in another module (callgrind, 100k model: check −6.8 M instructions, 2026-12-02).
    @inlinable
    public func statement(_ id: Int32) -> Statement { statements[Int(id)] }
    public func argument(_ id: Int32) -> Argument { arguments[Int(id)] }

    @inlinable
    public func childIDs(_ id: Int32) -> ArraySlice<Int32> {
        let d = statements.records[Int(id)].detail
        guard d >= 0 else { return children[0..<0] }
        let detail = statements.details[Int(d)]
        return children[Int(detail.childStart)..<Int(detail.childStart + detail.childCount)]
    }

    public func argumentIDs(_ id: Int32) -> Range<Int32> {
        let records = statements.records
        let start = records[Int(id)].argStart
        let end = Int(id) + 1 < records.count ? records[Int(id) + 1].argStart : statements.argumentTotal
        return start..<end
    }

    /// The argument the statement gives for `role` of its keyword (`tree.arg(branch, .share)`);
    /// nil when the keyword is unknown, has no such slot, or the argument is absent or was rejected.
    /// Inlinable, as the pieces it uses: the model builder's callers read one or two fields
    /// of the argument, and the rest of it is not built (callgrind, 100k model: check −12.6 M
    /// instructions, 2026-12-02).
    @inlinable
    public func arg(_ id: Int32, _ role: ArgRole) -> Argument? {
        guard let k = specID(id), let index = Keywords.slotIndex(k, role) else { return nil }
        return slot(id, index)
    }

    /// The argument bound to slot `index` of the statement's keyword spec, if present.
    @inlinable
    func slot(_ id: Int32, _ index: Int) -> Argument? {
        let s = statements.records[Int(id)]
        guard s.slotStart >= 0, index >= 0, index < Int(s.slotCount) else { return nil }
        let a = slots[Int(s.slotStart) + index]
        return a >= 0 ? arguments[Int(a)] : nil
    }

    /// The spec of a statement's keyword, if it is known in its block.
    public func spec(_ id: Int32) -> KeywordSpec? {
        specID(id).map(Keywords.spec)
    }

    /// The index of the statement's keyword spec in `Keywords.all`, if it is known in its block.
    @inlinable
    public func specID(_ id: Int32) -> KeywordID? {
        let s = statements.records[Int(id)].spec
        return s >= 0 ? KeywordID(s) : nil
    }

    /// The statement's keyword, if it is known in its block (see `keywordText` for the word as written).
    /// From a flat table, not the spec: hot loops of the model builder switch over it
    /// (callgrind, 100k model, with `arg` from a table too: `arg` 25 → 6 M instructions, 2026-12-02).
    @inlinable
    public func knownKeyword(_ id: Int32) -> Keyword? { specID(id).map(Keywords.keyword) }

    /// Whether statement `id` is a `keyword` statement (known in its block).
    @inlinable
    public func isKeyword(_ id: Int32, _ keyword: Keyword) -> Bool { knownKeyword(id) == keyword }

    /// The statement of the enclosing block, nil at the top level.
    public func parent(_ id: Int32) -> Int32? {
        let p = statements.records[Int(id)].parent
        return p >= 0 ? p : nil
    }

    /// The first child of block `id` with `keyword`, if any.
    public func child(_ id: Int32, _ keyword: Keyword) -> Int32? {
        childIDs(id).first { isKeyword($0, keyword) }
    }

    /// Whether block `id` has a child statement with `keyword`.
    public func hasChild(_ id: Int32, _ keyword: Keyword) -> Bool { child(id, keyword) != nil }

    public func text(_ token: Int32) -> String {
        let t = tokens[Int(token)]
        return file.text(Int(t.start)..<Int(t.end))
    }

    @inlinable
    public func tokenRange(_ token: Int32) -> ByteRange { ByteRange(Int(tokens.start(Int(token))), Int(tokens.end(Int(token)))) }

    /// Whether two tokens are spelled the same (compares bytes, allocates nothing).
    public func sameText(_ a: Int32, _ b: Int32) -> Bool {
        let x = tokens[Int(a)], y = tokens[Int(b)]
        guard x.end - x.start == y.end - y.start else { return false }
        let bytes = file.bytes
        var i = Int(x.start), j = Int(y.start)
        while i < Int(x.end) {
            if bytes[i] != bytes[j] { return false }
            i += 1; j += 1
        }
        return true
    }

    /// The keyword of a statement as written (also when it is unknown, or a criterion name in `dna { }`).
    public func keywordText(_ id: Int32) -> String { text(statements.records[Int(id)].keywordToken) }

    /// Whether the block of `id` has a statement with `keyword`, or one with an unknown
    /// keyword that most likely meant it (`tiem` for `time`): a check for a missing
    /// statement stays silent then, since the unknown keyword is the cause and has its
    /// own diagnostic.
    public func hasStatement(_ keyword: Keyword, orProbably: Bool, in id: Int32) -> Bool {
        childIDs(id).contains { c in
            let st = statements.records[Int(c)]
            if st.spec >= 0 { return Keywords.spec(KeywordID(st.spec)).keyword == keyword }
            return orProbably && Keywords.probableKeyword(for: text(st.keywordToken), in: st.context) == keyword
        }
    }

    /// Byte range of the whole statement including its block.
    @inlinable
    public func range(_ id: Int32) -> ByteRange {
        let s = statements.records[Int(id)]
        return ByteRange(Int(tokens.start(Int(s.keywordToken))), Int(tokens.end(Int(s.lastToken))))
    }

    @inlinable
    public func range(of arg: Argument) -> ByteRange {
        ByteRange(Int(tokens.start(Int(arg.firstToken))), Int(tokens.end(Int(arg.lastToken))))
    }

    /// Text of a name argument (identifier), of the target of an arrow, or of a dotted path.
    public func name(_ arg: Argument) -> String {
        switch arg.kind {
        case .arrow: return arg.lastToken > arg.firstToken ? text(arg.lastToken) : ""
        case .path:
            var parts: [String] = []
            var t = arg.firstToken
            while t <= arg.lastToken { if tokens[Int(t)].kind == .identifier { parts.append(text(t)) }; t += 1 }
            return parts.joined(separator: ".")
        default: return text(arg.firstToken)
        }
    }

    /// Byte range of the name of a name/arrow argument (for arrows: the target only).
    @inlinable
    public func nameRange(_ arg: Argument) -> ByteRange {
        arg.kind == .arrow && arg.lastToken > arg.firstToken ? tokenRange(arg.lastToken) : range(of: arg)
    }

    /// The decoded value of a string argument (escapes resolved, invalid ones kept verbatim).
    public func stringValue(_ arg: Argument) -> String {
        SyntaxTree.decodeString(file.bytes, tokens[Int(arg.firstToken)].range)
    }

    /// The declared name of a declaration statement, if it has one.
    public func declaredName(_ id: Int32) -> (name: String, range: ByteRange)? {
        guard let a = arg(id, .name) else { return nil }
        return (name(a), range(of: a))
    }

    /// The title string of a declaration (not of a branch), if any.
    public func declaredTitle(_ id: Int32) -> String? {
        guard let k = specID(id), Keywords.slotIndex(k, .name) != nil, let a = arg(id, .title) else { return nil }
        return stringValue(a)
    }

    /// The doc comment above a statement, with `///` and one following space removed.
    public func docComment(_ id: Int32) -> String? {
        let detail = statements.records[Int(id)].detail
        guard detail >= 0, case let s = statements.details[Int(detail)], s.docFirst >= 0 else { return nil }
        var lines: [String] = []
        var t = s.docFirst
        while t <= s.docLast {
            if tokens[Int(t)].kind == .docComment { lines.append(docCommentLine(t)) }
            t += 1
        }
        return lines.joined(separator: "\n")
    }

    /// The text of doc comment token `t` after `///` and one space. Cut from the bytes
    /// when an ASCII byte follows the cut (then it is a character boundary, as
    /// `removeFirst` on the string counts); the string is edited only otherwise
    /// (callgrind, 100k model: `docComment` 14 → 7.5 M instructions, 2026-12-02).
    private func docCommentLine(_ t: Int32) -> String {
        let bytes = file.bytes
        let end = min(Int(tokens[Int(t)].end), bytes.count)
        var start = Int(tokens[Int(t)].start) + 3
        if start < end && bytes[start] == UInt8(ascii: " ") { start += 1 }
        if start >= end || bytes[start] < 0x80 { return file.text(start..<end) }
        var line = text(t)
        line.removeFirst(3)
        if line.hasPrefix(" ") { line.removeFirst() }
        return line
    }

    static func decodeString(_ bytes: [UInt8], _ r: ByteRange) -> String {
        var out: [UInt8] = []
        var i = r.start + 1
        var end = min(r.end, bytes.count)
        if end > i && bytes[end - 1] == UInt8(ascii: "\"") { end -= 1 }
        guard i < end else { return "" }
        // Most strings have no escapes: decode them in one step.
        if !bytes[i..<end].contains(UInt8(ascii: "\\")) { return String(decoding: bytes[i..<end], as: UTF8.self) }
        // Escapes shorten the text: room for all of it, not grown by doubling (callgrind, 100k model: −2.8 M instructions, 2026-12-02).
        out.reserveCapacity(end - i)
        while i < end {
            let b = bytes[i]
            if b == UInt8(ascii: "\\") && i + 1 < end {
                let e = bytes[i + 1]
                switch e {
                case UInt8(ascii: "n"): out.append(0x0A); i += 2; continue
                case UInt8(ascii: "t"): out.append(0x09); i += 2; continue
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(e); i += 2; continue
                case UInt8(ascii: "u"):
                    var j = i + 2
                    if j < end && bytes[j] == UInt8(ascii: "{") {
                        j += 1
                        var v: UInt32 = 0
                        var digits = 0
                        while j < end, let d = ASCII.hexValue(bytes[j]), digits < 8 { v = v * 16 + UInt32(d); j += 1; digits += 1 }
                        if j < end && bytes[j] == UInt8(ascii: "}"), digits >= 1, digits <= 6, let s = Unicode.Scalar(v) {
                            out.append(contentsOf: Array(String(Character(s)).utf8))
                            i = j + 1
                            continue
                        }
                    }
                default: break
                }
            }
            out.append(b)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Pre-order walk over all statements.
    public func walk(_ visit: (Int32, Int) -> Void) {
        var stack: [(Int32, Int)] = roots.reversed().map { ($0, 0) }
        while let (id, depth) = stack.popLast() {
            visit(id, depth)
            for c in childIDs(id).reversed() { stack.append((c, depth + 1)) }
        }
    }

    /// The innermost statement whose range contains `offset`.
    public func innermostStatement(at offset: Int) -> Int32? {
        var best: Int32? = nil
        var candidates = roots[...]
        while true {
            var found: Int32? = nil
            for id in candidates {
                let r = range(id)
                if offset >= r.start && offset <= r.end { found = id; break }
            }
            guard let f = found else { return best }
            best = f
            candidates = childIDs(f)
        }
    }
}

/// One statement: `keyword argument* [ { … } ]` (a value read out of a `StatementList`).
public struct Statement: Sendable {
    public var keywordToken: Int32
    /// Index into `Keywords.all`, or -1 when the keyword is unknown in its block.
    public var spec: KeywordID
    /// The block this statement stands in.
    public var context: BlockContext
    public var parent: Int32
    public var argStart: Int32
    public var argCount: Int32
    public var childStart: Int32
    public var childCount: Int32
    public var slotStart: Int32
    public var slotCount: Int32
    public var lbrace: Int32
    public var rbrace: Int32
    public var firstToken: Int32
    public var lastToken: Int32
    /// Token range of the doc comment lines directly above (-1 when none).
    public var docFirst: Int32
    public var docLast: Int32

    @usableFromInline
    init(keywordToken: Int32, spec: KeywordID, context: BlockContext, parent: Int32, argStart: Int32, argCount: Int32,
         childStart: Int32, childCount: Int32, slotStart: Int32, slotCount: Int32, lbrace: Int32, rbrace: Int32,
         firstToken: Int32, lastToken: Int32, docFirst: Int32, docLast: Int32) {
        self.keywordToken = keywordToken
        self.spec = spec
        self.context = context
        self.parent = parent
        self.argStart = argStart
        self.argCount = argCount
        self.childStart = childStart
        self.childCount = childCount
        self.slotStart = slotStart
        self.slotCount = slotCount
        self.lbrace = lbrace
        self.rbrace = rbrace
        self.firstToken = firstToken
        self.lastToken = lastToken
        self.docFirst = docFirst
        self.docLast = docLast
    }

    public var hasBlock: Bool { lbrace >= 0 }
    /// The `{` of the statement's block, if it has one.
    public var openBrace: Int32? { lbrace >= 0 ? lbrace : nil }
    /// The `}` closing the statement's block, nil when there is no block or it is never closed.
    public var closeBrace: Int32? { rbrace >= 0 ? rbrace : nil }
}

public enum ArgumentKind: UInt8, Sendable {
    case name       // identifier
    case path       // A.B
    case string
    case quantity   // [+|-] number [unit] [/rate]
    case date
    case range      // a..b
    case dateRange  // 2025-01-01..2025-06-30 (both ends inclusive)
    case arrow      // -> name
    case dash       // a lone `-`: a value not given (`rate Technik 2, -, 1`)
}

/// One argument (a value read out of an `ArgumentList`). Quantities carry their parsed value and unit.
public struct Argument: Sendable {
    public var kind: ArgumentKind
    public var firstToken: Int32
    public var lastToken: Int32
    /// Preceded by a comma (continues a list).
    public var afterComma: Bool
    public var value: Double = 0
    /// Upper bound of a range.
    public var upper: Double = 0
    /// The most likely value of a three-point range `a..m..b` (`hasLikely`).
    public var likely: Double = 0
    public var hasLikely: Bool = false
    public var negative: Bool = false
    public var signed: Bool = false
    public var unit: UnitWord? = nil
    public var per: RateWord? = nil
    /// The number was written without a decimal point.
    public var isInteger: Bool = true
    /// The argument itself is malformed (a rate without a known unit, a range without
    /// an upper bound); that was reported while parsing it, so slot checks stay quiet.
    public var isMalformed: Bool = false

    @usableFromInline
    init(kind: ArgumentKind, firstToken: Int32, lastToken: Int32, afterComma: Bool) {
        self.kind = kind
        self.firstToken = firstToken
        self.lastToken = lastToken
        self.afterComma = afterComma
    }

    public var signedValue: Double { negative ? -value : value }
}
