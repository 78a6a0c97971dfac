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
    /// Whether the innermost open container has a member yet; `outer` holds the same for
    /// the containers around it. A scalar for the innermost one because every element
    /// asks it (`element()` went from 177 to 140 M instructions on the 100k-line report).
    private var hasMember = false
    private var outer: [Bool] = []
    /// How many containers are open.
    private var depth = 0

    /// Streaming: once the buffer holds `chunk` bytes, the next element first hands it to
    /// `sink` and starts over in the same memory. The 100,000-process report is 248 MB of
    /// JSON, which held in one buffer was a third of the command's peak memory.
    private var sink: (([UInt8]) -> Void)?
    private var chunk = Int.max

    public init(style: Style = .pretty, capacity: Int = 1 << 16) {
        self.style = style
        bytes.reserveCapacity(capacity)
    }

    /// A writer that hands its bytes to `sink` in pieces of about `chunk` bytes (each
    /// ends between two elements), the last one by `finish`.
    public init(style: Style = .pretty, capacity: Int, chunk: Int, sink: @escaping ([UInt8]) -> Void) {
        self.init(style: style, capacity: capacity)
        self.chunk = max(1, chunk)
        self.sink = sink
    }

    /// Hands what is written so far to the sink (streaming writers only).
    public mutating func flush() {
        guard let sink, !bytes.isEmpty else { return }
        sink(bytes)
        bytes.removeAll(keepingCapacity: true)
    }

    // MARK: Structure

    public mutating func beginObject() { open(UInt8(ascii: "{")) }
    public mutating func endObject() { close(UInt8(ascii: "}")) }
    public mutating func beginArray() { open(UInt8(ascii: "[")) }
    public mutating func endArray() { close(UInt8(ascii: "]")) }

    private mutating func open(_ c: UInt8) {
        bytes.append(c)
        if depth > 0 { outer.append(hasMember) }
        hasMember = false
        depth += 1
    }

    private mutating func close(_ c: UInt8) {
        guard depth > 0 else { bytes.append(c); return }
        let had = hasMember
        depth -= 1
        hasMember = depth > 0 ? outer.popLast() ?? false : false
        if had { newline(depth) }
        bytes.append(c)
    }

    private mutating func newline(_ level: Int) {
        guard style == .pretty else { return }
        // Spaces from a static string: a table of indentation arrays cost a retain and
        // release per line (`newline` was 6.5 % of the 100k-line report's CPU samples).
        bytes.append(10)
        var spaces = 2 * level
        while spaces > 0 {
            let n = min(spaces, 64)
            JSONWriter.spaces.withUTF8Buffer { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: $0.prefix(n))) }
            spaces -= n
        }
    }

    private static let spaces: StaticString = "                                                                "

    /// Starts the next element of the current container.
    private mutating func element() {
        if bytes.count >= chunk { flush() }
        guard depth > 0 else { return }
        if hasMember { bytes.append(UInt8(ascii: ",")) }
        hasMember = true
        newline(depth)
    }

    /// Writes `"key": ` as the next member of the current object.
    public mutating func key(_ k: String) {
        element()
        Escape.appendJSONString(k, to: &bytes)
        keyEnd()
    }

    /// Writes `"prefix" + suffix` as a key (`need_fte` + `_min`) without building the
    /// string: three concatenations per spread were ≈ 2 % of the JSON report.
    /// `suffix` is ASCII that needs no escape.
    public mutating func key(_ prefix: String, suffix: StaticString) {
        element()
        Escape.appendJSONString(prefix, to: &bytes)
        bytes.removeLast()   // the closing quote
        suffix.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        keyEnd()
    }

    private mutating func keyEnd() {
        bytes.append(UInt8(ascii: ":"))
        if style == .pretty { bytes.append(32) }
    }

    /// Starts the next element of the current array (for scalars use the value functions).
    public mutating func item() { element() }

    // MARK: Values (after `key` or `item`)

    public mutating func null() { raw("null") }
    public mutating func bool(_ b: Bool) { raw(b ? "true" : "false") }

    private mutating func raw(_ s: StaticString) { s.withUTF8Buffer { bytes.append(contentsOf: $0) } }
    public mutating func int(_ i: Int) {
        if i < 0 { bytes.append(UInt8(ascii: "-")) }
        NumberFormat.appendDigits(UInt64(i.magnitude), to: &bytes)
    }
    /// A number in its shortest round-trip form; nil, NaN and ±∞ as `null`.
    public mutating func number(_ d: Double?) {
        guard let d else { null(); return }
        NumberFormat.appendJSON(d, to: &bytes)
    }
    public mutating func string(_ s: String?) {
        guard let s else { null(); return }
        Escape.appendJSONString(s, to: &bytes)
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
    public mutating func field(_ k: String, suffix: StaticString, _ d: Double?) { key(k, suffix: suffix); number(d) }

    /// Bytes written so far.
    public var count: Int { bytes.count }

    /// The document with a final newline (a streaming writer hands it to its sink and
    /// returns nothing).
    public mutating func finish() -> [UInt8] {
        bytes.append(10)
        if sink != nil {
            flush()
            return []
        }
        return bytes
    }
}
