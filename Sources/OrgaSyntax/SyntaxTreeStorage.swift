/// The compact storage of a syntax tree's statements and arguments.
///
/// Readers see `Statement` and `Argument` values as before (`tree.statements[i]`,
/// `tree.arguments[i]`); the collections build them from small records that keep the
/// fields every statement or argument has, and move the rare ones to side tables.
/// A 50 MB line of `unit U<i>;` (3.4 M statements and arguments): `Statement` 64 → 28
/// bytes, `Argument` 48 → 16 bytes, 382 → 150 MB.
public struct StatementList: RandomAccessCollection, Sendable {
    /// What every statement has: 28 bytes.
    @usableFromInline struct Record: Sendable {
        @usableFromInline var keywordToken: Int32
        @usableFromInline var lastToken: Int32
        @usableFromInline var parent: Int32
        /// The statement's arguments run from here to the next statement's `argStart`
        /// (statements are numbered in source order, each right after its own arguments).
        @usableFromInline var argStart: Int32
        @usableFromInline var slotStart: Int32
        /// Index into `details`, or -1 (no block, no doc comment).
        @usableFromInline var detail: Int32
        @usableFromInline var spec: Int16
        @usableFromInline var context: BlockContext
        @usableFromInline var slotCount: UInt8
    }

    /// What only statements with a block or a doc comment have.
    @usableFromInline struct Detail: Sendable {
        @usableFromInline var lbrace: Int32 = -1
        @usableFromInline var rbrace: Int32 = -1
        @usableFromInline var childStart: Int32 = 0
        @usableFromInline var childCount: Int32 = 0
        @usableFromInline var docFirst: Int32 = -1
        @usableFromInline var docLast: Int32 = -1
    }

    @usableFromInline var records: [Record] = []
    @usableFromInline var details: [Detail] = []
    /// The number of arguments of the whole tree: where the last statement's arguments end.
    @usableFromInline var argumentTotal: Int32 = 0

    public init() {}

    public var startIndex: Int { 0 }
    public var endIndex: Int { records.count }

    @inlinable
    public subscript(i: Int) -> Statement {
        let r = records[i]
        let argEnd = i + 1 < records.count ? records[i + 1].argStart : argumentTotal
        var s = Statement(keywordToken: r.keywordToken, spec: KeywordID(r.spec), context: r.context, parent: r.parent,
                          argStart: r.argStart, argCount: argEnd - r.argStart, childStart: 0, childCount: 0,
                          slotStart: r.slotStart, slotCount: Int32(r.slotCount), lbrace: -1, rbrace: -1,
                          firstToken: r.keywordToken, lastToken: r.lastToken, docFirst: -1, docLast: -1)
        if r.detail >= 0 {
            let d = details[Int(r.detail)]
            s.lbrace = d.lbrace
            s.rbrace = d.rbrace
            s.childStart = d.childStart
            s.childCount = d.childCount
            s.docFirst = d.docFirst
            s.docLast = d.docLast
        }
        return s
    }

    // MARK: Building (the parser)

    mutating func reserveCapacity(_ n: Int) { records.reserveCapacity(n) }

    mutating func append(keywordToken: Int32, spec: KeywordID, context: BlockContext, parent: Int32,
                         docFirst: Int32, docLast: Int32) {
        var detail: Int32 = -1
        if docFirst >= 0 {
            detail = Int32(details.count)
            details.append(Detail(docFirst: docFirst, docLast: docLast))
        }
        records.append(Record(keywordToken: keywordToken, lastToken: keywordToken, parent: parent, argStart: argumentTotal,
                              slotStart: -1, detail: detail, spec: Int16(truncatingIfNeeded: spec), context: context, slotCount: 0))
    }

    /// The detail record of statement `id`, made when it has none yet.
    private mutating func detailIndex(_ id: Int32) -> Int {
        let d = records[Int(id)].detail
        if d >= 0 { return Int(d) }
        records[Int(id)].detail = Int32(details.count)
        details.append(Detail())
        return details.count - 1
    }

    mutating func setBraces(_ id: Int32, lbrace: Int32) { details[detailIndex(id)].lbrace = lbrace }
    mutating func setClosingBrace(_ id: Int32, _ rbrace: Int32) { details[detailIndex(id)].rbrace = rbrace }
    mutating func setChildren(_ id: Int32, start: Int32, count: Int32) {
        let d = detailIndex(id)
        details[d].childStart = start
        details[d].childCount = count
    }
    mutating func setLastToken(_ id: Int32, _ t: Int32) { records[Int(id)].lastToken = t }
    mutating func setSlots(_ id: Int32, start: Int32, count: Int) {
        records[Int(id)].slotStart = start
        records[Int(id)].slotCount = UInt8(truncatingIfNeeded: count)
    }
}

/// The arguments of a syntax tree: 16 bytes each; the numbers of quantities and ranges
/// in a side table (`values`), since names, strings and dates have none.
public struct ArgumentList: RandomAccessCollection, Sendable {
    @usableFromInline struct Record: Sendable {
        @usableFromInline var firstToken: Int32
        @usableFromInline var lastToken: Int32
        /// Index of the value in `values` (then upper bound and likeliest value when
        /// `Flags.bounds` is set), or -1: the value is 0.
        @usableFromInline var valueIndex: Int32
        @usableFromInline var kind: ArgumentKind
        @usableFromInline var flags: UInt8
        @usableFromInline var unit: UnitWord?
        @usableFromInline var per: RateWord?
    }

    @usableFromInline enum Flags {
        @inlinable static var afterComma: UInt8 { 1 }
        @inlinable static var hasLikely: UInt8 { 2 }
        @inlinable static var negative: UInt8 { 4 }
        @inlinable static var signed: UInt8 { 8 }
        @inlinable static var isInteger: UInt8 { 16 }
        @inlinable static var isMalformed: UInt8 { 32 }
        /// `values` holds three numbers: value, upper, likely.
        @inlinable static var bounds: UInt8 { 64 }
    }

    @usableFromInline var records: [Record] = []
    @usableFromInline var values: [Double] = []

    public init() {}

    public var startIndex: Int { 0 }
    public var endIndex: Int { records.count }

    @inlinable
    public subscript(i: Int) -> Argument {
        let r = records[i]
        var a = Argument(kind: r.kind, firstToken: r.firstToken, lastToken: r.lastToken, afterComma: r.flags & Flags.afterComma != 0)
        a.hasLikely = r.flags & Flags.hasLikely != 0
        a.negative = r.flags & Flags.negative != 0
        a.signed = r.flags & Flags.signed != 0
        a.isInteger = r.flags & Flags.isInteger != 0
        a.isMalformed = r.flags & Flags.isMalformed != 0
        a.unit = r.unit
        a.per = r.per
        if r.valueIndex >= 0 {
            let v = Int(r.valueIndex)
            a.value = values[v]
            if r.flags & Flags.bounds != 0 {
                a.upper = values[v + 1]
                a.likely = values[v + 2]
            }
        }
        return a
    }

    /// The kind alone, without building the argument.
    @inlinable
    public func kind(_ i: Int) -> ArgumentKind { records[i].kind }

    mutating func reserveCapacity(_ n: Int) { records.reserveCapacity(n) }

    @inline(__always)
    mutating func append(_ a: Argument) {
        var flags: UInt8 = 0
        if a.afterComma { flags |= Flags.afterComma }
        if a.hasLikely { flags |= Flags.hasLikely }
        if a.negative { flags |= Flags.negative }
        if a.signed { flags |= Flags.signed }
        if a.isInteger { flags |= Flags.isInteger }
        if a.isMalformed { flags |= Flags.isMalformed }
        var valueIndex: Int32 = -1
        if a.upper != 0 || a.likely != 0 {
            flags |= Flags.bounds
            valueIndex = Int32(values.count)
            values.append(a.value)
            values.append(a.upper)
            values.append(a.likely)
        } else if a.value != 0 {
            valueIndex = Int32(values.count)
            values.append(a.value)
        }
        records.append(Record(firstToken: a.firstToken, lastToken: a.lastToken, valueIndex: valueIndex,
                              kind: a.kind, flags: flags, unit: a.unit, per: a.per))
    }
}
