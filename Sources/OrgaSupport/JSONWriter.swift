/// The one JSON writer of orgc: a streaming writer into a byte buffer. `JSONValue`
/// serialises through it, and the JSON report streams through it without building a
/// tree first (the JSON report of a 100,000-line model is about 10 MB, and a tree of
/// enums costs more than the numbers themselves).
///
/// Pretty style: two-space indentation, `": "`, `[]`/`{}` when empty. Compact style:
/// no whitespace at all. Numbers through `NumberFormat.json`, strings through
/// `Escape.appendJSONString`.
public struct JSONWriter {
    public enum Style: Sendable { case compact, pretty }

    public let style: Style
    public private(set) var bytes: [UInt8] = []
    /// Per open container: has it got a member yet?
    private var nonEmpty: [Bool] = []

    public init(style: Style = .pretty, capacity: Int = 1 << 16) {
        self.style = style
        bytes.reserveCapacity(capacity)
    }

    // MARK: Structure

    public mutating func beginObject() { bytes.append(UInt8(ascii: "{")); nonEmpty.append(false) }
    public mutating func endObject() { close(UInt8(ascii: "}")) }
    public mutating func beginArray() { bytes.append(UInt8(ascii: "[")); nonEmpty.append(false) }
    public mutating func endArray() { close(UInt8(ascii: "]")) }

    private mutating func close(_ c: UInt8) {
        let had = nonEmpty.popLast() ?? false
        if had { newline(nonEmpty.count) }
        bytes.append(c)
    }

    /// "\n" followed by 2 × level spaces, for the usual depths.
    private static let indents: [[UInt8]] = (0..<16).map { [10] + [UInt8](repeating: 32, count: 2 * $0) }

    private mutating func newline(_ level: Int) {
        guard style == .pretty else { return }
        if level < JSONWriter.indents.count {
            bytes.append(contentsOf: JSONWriter.indents[level])
        } else {
            bytes.append(10)
            for _ in 0..<level { bytes.append(32); bytes.append(32) }
        }
    }

    /// Starts the next element of the current container.
    private mutating func element() {
        guard !nonEmpty.isEmpty else { return }
        if nonEmpty[nonEmpty.count - 1] { bytes.append(UInt8(ascii: ",")) }
        nonEmpty[nonEmpty.count - 1] = true
        newline(nonEmpty.count)
    }

    /// Writes `"key": ` as the next member of the current object.
    public mutating func key(_ k: String) {
        element()
        Escape.appendJSONString(k, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        if style == .pretty { bytes.append(32) }
    }

    /// Starts the next element of the current array (for scalars use the value functions).
    public mutating func item() { element() }

    // MARK: Values (after `key` or `item`)

    public mutating func null() { bytes.append(contentsOf: [110, 117, 108, 108]) }
    public mutating func bool(_ b: Bool) {
        if b { bytes.append(contentsOf: [116, 114, 117, 101]) } else { bytes.append(contentsOf: [102, 97, 108, 115, 101]) }
    }
    public mutating func int(_ i: Int) { append(String(i)) }
    /// A number in its shortest round-trip form; nil, NaN and ±∞ as `null`.
    public mutating func number(_ d: Double?) {
        guard let d else { null(); return }
        append(NumberFormat.json(d))
    }
    public mutating func string(_ s: String?) {
        guard let s else { null(); return }
        Escape.appendJSONString(s, to: &bytes)
    }

    private mutating func append(_ s: String) {
        var s = s
        s.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// Writes a whole `JSONValue` at the current position (after `key` or `item`).
    public mutating func value(_ v: JSONValue) {
        switch v {
        case .null: null()
        case .bool(let b): bool(b)
        case .int(let i): int(i)
        case .number(let d): number(d)
        case .string(let s): Escape.appendJSONString(s, to: &bytes)
        case .array(let items):
            beginArray()
            for x in items { item(); value(x) }
            endArray()
        case .object(let members):
            beginObject()
            for (k, x) in members { key(k); value(x) }
            endObject()
        }
    }

    // MARK: Convenience

    public mutating func field(_ k: String, _ d: Double?) { key(k); number(d) }
    public mutating func field(_ k: String, string s: String?) { key(k); string(s) }
    public mutating func field(_ k: String, int i: Int?) { key(k); if let i { int(i) } else { null() } }
    public mutating func field(_ k: String, bool b: Bool) { key(k); bool(b) }

    /// The document with a final newline.
    public mutating func finish() -> [UInt8] {
        bytes.append(10)
        return bytes
    }
}
