/// The one JSON writer of orgc: a streaming writer into a byte buffer. `JSONValue`
/// serialises through it, and the JSON report streams through it without building a
/// tree first (the JSON report of a 100,000-line model is about 22 MB, and a tree of
/// enums costs more than the numbers themselves).
///
/// Pretty style: two-space indentation, `": "`, `[]`/`{}` when empty. Compact style:
/// no whitespace at all. Numbers as `NumberFormat.json` writes them, strings as
/// `Escape.appendJSONString` writes them.
///
/// The buffer is raw memory owned by the writer (hence `~Copyable`): one capacity check
/// per piece written instead of `Array.append`'s uniqueness and capacity checks per call
/// (`Array.append(contentsOf:)` alone was 154 M of the 100k-line report's 906 M render
/// instructions). Keys are `StaticString`s, written from their bytes without a `String`;
/// names that are keys (`visits`) go through `key(name:)`.
public struct JSONWriter: ~Copyable {
    public enum Style: Sendable { case compact, pretty }

    public let style: Style
    private var base: UnsafeMutablePointer<UInt8>
    private var used = 0
    private var capacity: Int
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

    /// A writer whose buffer is reserved for `capacity` bytes (untouched pages of a large
    /// reservation cost no memory; it grows by doubling beyond).
    public init(style: Style = .pretty, capacity: Int = 1 << 16) {
        self.style = style
        self.capacity = max(64, capacity)
        self.base = UnsafeMutablePointer<UInt8>.allocate(capacity: self.capacity)
    }

    /// A writer that hands its bytes to `sink` in pieces of about `chunk` bytes (each
    /// ends between two elements), the last one by `finish`.
    public init(style: Style = .pretty, capacity: Int, chunk: Int, sink: @escaping ([UInt8]) -> Void) {
        self.init(style: style, capacity: capacity)
        self.chunk = max(1, chunk)
        self.sink = sink
    }

    deinit { base.deallocate() }

    /// Hands what is written so far to the sink (streaming writers only).
    public mutating func flush() {
        guard let sink, used > 0 else { return }
        sink(Array(UnsafeBufferPointer(start: base, count: used)))
        used = 0
    }

    // MARK: The buffer

    /// Room for `n` more bytes.
    @inline(__always)
    private mutating func reserve(_ n: Int) {
        if n > capacity - used { grow(n) }
    }

    private mutating func grow(_ n: Int) {
        let newCapacity = Swift.max(2 * capacity, used + n)
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        bigger.update(from: base, count: used)
        base.deallocate()
        base = bigger
        capacity = newCapacity
    }

    @inline(__always)
    private mutating func put(_ b: UInt8) {
        reserve(1)
        base[used] = b
        used += 1
    }

    @inline(__always)
    private mutating func put(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let start = bytes.baseAddress else { return }
        reserve(bytes.count)
        (base + used).update(from: start, count: bytes.count)
        used += bytes.count
    }

    private mutating func put(_ s: StaticString) { s.withUTF8Buffer { put($0) } }

    // MARK: Structure

    public mutating func beginObject() { open(UInt8(ascii: "{")) }
    public mutating func endObject() { close(UInt8(ascii: "}")) }
    public mutating func beginArray() { open(UInt8(ascii: "[")) }
    public mutating func endArray() { close(UInt8(ascii: "]")) }

    private mutating func open(_ c: UInt8) {
        put(c)
        if depth > 0 { outer.append(hasMember) }
        hasMember = false
        depth += 1
    }

    private mutating func close(_ c: UInt8) {
        guard depth > 0 else { put(c); return }
        let had = hasMember
        depth -= 1
        hasMember = depth > 0 ? outer.popLast() ?? false : false
        if had { newline(depth) }
        put(c)
    }

    /// A line break and the indentation of `level`, written as one run of spaces.
    private mutating func newline(_ level: Int) {
        guard style == .pretty else { return }
        let spaces = 2 * level
        reserve(1 + spaces)
        base[used] = 10
        // A loop, not memset: the runs are short (a call cost more than the stores).
        var i = used + 1
        let end = i + spaces
        while i < end { base[i] = 32; i += 1 }
        used = end
    }

    /// Starts the next element of the current container.
    private mutating func element() {
        if used >= chunk { flush() }
        guard depth > 0 else { return }
        if hasMember { put(UInt8(ascii: ",")) }
        hasMember = true
        newline(depth)
    }

    /// Writes `"key": ` as the next member of the current object.
    public mutating func key(_ k: StaticString) {
        element()
        k.withUTF8Buffer { putString($0) }
        keyEnd()
    }

    /// Writes `"prefix" + suffix` as a key (`need_fte` + `_min`) without building the
    /// string. `suffix` is ASCII that needs no escape.
    public mutating func key(_ prefix: StaticString, suffix: StaticString) {
        element()
        prefix.withUTF8Buffer { putString($0) }
        used -= 1   // the closing quote
        put(suffix)
        put(UInt8(ascii: "\""))
        keyEnd()
    }

    /// Writes `"name": ` with a key that is not known at compile time (a name, an id).
    public mutating func key(name: String) {
        element()
        string(name)
        keyEnd()
    }

    private mutating func keyEnd() {
        // Two stores, not `put(": ")`: 67 instructions per key through `withUTF8Buffer` and memcpy.
        reserve(2)
        base[used] = UInt8(ascii: ":")
        used += 1
        if style == .pretty { base[used] = 32; used += 1 }
    }

    /// Starts the next element of the current array (for scalars use the value functions).
    public mutating func item() { element() }

    // MARK: Values (after `key` or `item`)

    public mutating func null() { putASCII(0x6E75_6C6C, count: 4) }   // "null"
    public mutating func bool(_ b: Bool) {
        if b { putASCII(0x7472_7565, count: 4) } else { putASCII(0x66_616C_7365, count: 5) }   // "true", "false"
    }

    /// Up to 8 ASCII bytes packed big-endian into `packed` (the first byte highest).
    @inline(__always)
    private mutating func putASCII(_ packed: UInt64, count: Int) {
        reserve(count)
        var shift = 8 * (count - 1)
        while shift >= 0 {
            base[used] = UInt8(truncatingIfNeeded: packed >> UInt64(shift))
            used += 1
            shift -= 8
        }
    }

    public mutating func int(_ i: Int) {
        if i < 0 { put(UInt8(ascii: "-")) }
        digits(UInt64(i.magnitude))
    }

    /// The decimal digits of `n`, written from the last into room reserved for 20.
    private mutating func digits(_ n: UInt64) {
        var count = 1
        var rest = n
        while rest >= 10 { rest /= 10; count += 1 }
        reserve(count)
        rest = n
        var i = used + count - 1
        while i >= used {
            base[i] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest % 10)
            rest /= 10
            i -= 1
        }
        used += count
    }

    /// A number in its shortest round-trip form; nil, NaN and ±∞ as `null`. The same
    /// bytes as `NumberFormat.json` (integral values below 10^15 as integers, -0 as `0`,
    /// others as the standard library's shortest digits).
    public mutating func number(_ d: Double?) {
        guard let v = d, v.isFinite else { null(); return }
        let magnitude = Swift.abs(v)
        if v == v.rounded(.towardZero) && magnitude < 1e15 {
            if v < 0 && magnitude != 0 { put(UInt8(ascii: "-")) }
            digits(UInt64(magnitude))
            return
        }
        // The digits arrive through `_writeASCII` from the standard library's stack
        // buffer, straight into reserved room (a `Double` prints in at most 24 bytes).
        reserve(DigitStream.room)
        var stream = DigitStream(start: base + used)
        v.write(to: &stream)
        if stream.overflow.isEmpty {
            used += stream.count
        } else {
            stream.overflow.withUnsafeBufferPointer { put($0) }
        }
    }

    public mutating func string(_ s: String?) {
        guard let s else { null(); return }
        // The string's own bytes, without a copy of the string.
        if s.utf8.withContiguousStorageIfAvailable({ putString($0) }) != nil { return }
        var escaped: [UInt8] = []
        Escape.appendJSONString(s, to: &escaped)
        escaped.withUnsafeBufferPointer { put($0) }
    }

    /// A string literal from bytes that are valid UTF-8 (a key, a name): copied
    /// and checked in one loop (a key is short: scanning first and then calling memcpy
    /// was ≈ 190 instructions per key, half a million keys in the 100k-line report).
    private mutating func putString(_ buf: UnsafeBufferPointer<UInt8>) {
        reserve(buf.count + 2)
        var i = used
        base[i] = UInt8(ascii: "\"")
        i += 1
        var clean = true
        for b in buf {
            clean = clean && b >= 0x20 && b != 0x22 && b != 0x5C && b != 0xE2
            base[i] = b
            i += 1
        }
        guard clean else {
            var escaped: [UInt8] = []
            Escape.appendJSONString(String(decoding: buf, as: UTF8.self), to: &escaped)
            escaped.withUnsafeBufferPointer { put($0) }
            return
        }
        base[i] = UInt8(ascii: "\"")
        used = i + 1
    }

    /// Writes a whole `JSONValue` at the current position (after `key` or `item`).
    public mutating func value(_ v: JSONValue) {
        switch v {
        case .null: null()
        case .bool(let b): bool(b)
        case .int(let i): int(i)
        case .number(let d): number(d)
        case .string(let s): string(s)
        case .array(let items):
            beginArray()
            for x in items { item(); value(x) }
            endArray()
        case .object(let members):
            beginObject()
            for (k, x) in members { key(name: k); value(x) }
            endObject()
        }
    }

    // MARK: Convenience

    public mutating func field(_ k: StaticString, _ d: Double?) { key(k); number(d) }
    public mutating func field(_ k: StaticString, string s: String?) { key(k); string(s) }
    public mutating func field(_ k: StaticString, int i: Int?) { key(k); if let i { int(i) } else { null() } }
    public mutating func field(_ k: StaticString, bool b: Bool) { key(k); bool(b) }
    public mutating func field(_ k: StaticString, suffix: StaticString, _ d: Double?) { key(k, suffix: suffix); number(d) }

    /// Bytes written so far (since the last piece handed to the sink).
    public var count: Int { used }

    /// The bytes written so far (since the last piece handed to the sink).
    public var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: used)) }

    /// The document with a final newline (a streaming writer hands it to its sink and
    /// returns nothing).
    public mutating func finish() -> [UInt8] {
        put(10)
        if sink != nil {
            flush()
            return []
        }
        return bytes
    }
}

/// A text stream writing into room the writer reserved. ASCII that the standard library
/// writes from its own buffers (the digits of a `Double`) arrives through `_writeASCII`
/// without becoming a `String` first; anything longer than the room goes to `overflow`
/// (never for a `Double`, whose longest form is 24 bytes, but never out of bounds).
private struct DigitStream: TextOutputStream {
    static let room = 48
    let start: UnsafeMutablePointer<UInt8>
    var count = 0
    var overflow: [UInt8] = []

    init(start: UnsafeMutablePointer<UInt8>) { self.start = start }

    mutating func write(_ string: String) {
        var s = string
        s.withUTF8 { _writeASCII($0) }
    }

    mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) {
        guard overflow.isEmpty, let from = buffer.baseAddress, buffer.count <= DigitStream.room - count else {
            if overflow.isEmpty { overflow.append(contentsOf: UnsafeBufferPointer(start: start, count: count)) }
            overflow.append(contentsOf: buffer)
            return
        }
        (start + count).update(from: from, count: buffer.count)
        count += buffer.count
    }
}
