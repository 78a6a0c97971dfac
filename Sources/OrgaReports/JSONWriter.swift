import OrgaSyntax

/// A streaming JSON writer into a byte buffer. It writes exactly what
/// `JSONValue.pretty()` writes for the same value (two-space indentation, `": "`,
/// `[]`/`{}` when empty, numbers via `JSONValue.formatNumber`, the same string
/// escapes), without building the tree first: the JSON report of a 100,000-line model
/// is about 10 MB, and a tree of enums costs more than the numbers themselves.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    /// Per open container: has it got a member yet?
    private var nonEmpty: [Bool] = []

    init(capacity: Int = 1 << 16) { bytes.reserveCapacity(capacity) }

    // MARK: Structure

    mutating func beginObject() { bytes.append(UInt8(ascii: "{")); nonEmpty.append(false) }
    mutating func endObject() { close(UInt8(ascii: "}")) }
    mutating func beginArray() { bytes.append(UInt8(ascii: "[")); nonEmpty.append(false) }
    mutating func endArray() { close(UInt8(ascii: "]")) }

    private mutating func close(_ c: UInt8) {
        let had = nonEmpty.popLast() ?? false
        if had { newline(nonEmpty.count) }
        bytes.append(c)
    }

    /// "\n" followed by 2 × level spaces, for the usual depths.
    private static let indents: [[UInt8]] = (0..<16).map { [10] + [UInt8](repeating: 32, count: 2 * $0) }

    private mutating func newline(_ level: Int) {
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
    mutating func key(_ k: String) {
        element()
        writeString(k)
        bytes.append(UInt8(ascii: ":")); bytes.append(32)
    }

    /// Starts the next element of the current array (for scalars use the value functions).
    mutating func item() { element() }

    // MARK: Values (after `key` or `item`)

    mutating func null() { bytes.append(contentsOf: [110, 117, 108, 108]) }
    mutating func bool(_ b: Bool) {
        if b { bytes.append(contentsOf: [116, 114, 117, 101]) } else { bytes.append(contentsOf: [102, 97, 108, 115, 101]) }
    }
    mutating func int(_ i: Int) {
        var s = String(i)
        s.withUTF8 { bytes.append(contentsOf: $0) }
    }
    mutating func number(_ d: Double?) {
        guard let d, d.isFinite else { null(); return }
        // As `JSONValue.formatNumber`: integral values without a fraction, else the
        // shortest round-trip form.
        if d == d.rounded(.towardZero) && abs(d) < 1e15 {
            int(Int(d))
        } else {
            var s = d.description
            s.withUTF8 { bytes.append(contentsOf: $0) }
        }
    }
    mutating func string(_ s: String?) {
        guard let s else { null(); return }
        writeString(s)
    }

    /// Writes a whole `JSONValue` at the current position (after `key` or `item`).
    mutating func value(_ v: JSONValue) {
        switch v {
        case .null: null()
        case .bool(let b): bool(b)
        case .int(let i): int(i)
        case .number(let d): number(d)
        case .string(let s): writeString(s)
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

    mutating func field(_ k: String, _ d: Double?) { key(k); number(d) }
    mutating func field(_ k: String, string s: String?) { key(k); string(s) }
    mutating func field(_ k: String, int i: Int?) { key(k); if let i { int(i) } else { null() } }
    mutating func field(_ k: String, bool b: Bool) { key(k); bool(b) }

    /// The same escapes as `JSONValue.writeString`: `"`, `\`, `\n`, `\r`, `\t`, other
    /// control characters and U+2028/U+2029 as `\uXXXX`.
    private mutating func writeString(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        var copy = s
        copy.withUTF8 { buf in
            // Fast path: nothing to escape (names, titles, most messages).
            var clean = true
            for b in buf where b < 0x20 || b == 0x22 || b == 0x5C || b == 0xE2 { clean = false; break }
            if clean { bytes.append(contentsOf: buf); return }
            var i = 0
            let n = buf.count
            while i < n {
                let b = buf[i]
                switch b {
                case 0x22: bytes.append(0x5C); bytes.append(0x22)
                case 0x5C: bytes.append(0x5C); bytes.append(0x5C)
                case 0x0A: bytes.append(0x5C); bytes.append(UInt8(ascii: "n"))
                case 0x0D: bytes.append(0x5C); bytes.append(UInt8(ascii: "r"))
                case 0x09: bytes.append(0x5C); bytes.append(UInt8(ascii: "t"))
                case 0..<0x20: appendUnicodeEscape(UInt32(b))
                case 0xE2 where i + 2 < n && buf[i + 1] == 0x80 && (buf[i + 2] == 0xA8 || buf[i + 2] == 0xA9):
                    appendUnicodeEscape(buf[i + 2] == 0xA8 ? 0x2028 : 0x2029)
                    i += 2
                default: bytes.append(b)
                }
                i += 1
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func appendUnicodeEscape(_ v: UInt32) {
        let hex = Array("0123456789abcdef".utf8)
        bytes.append(0x5C); bytes.append(UInt8(ascii: "u"))
        for shift in stride(from: 12, through: 0, by: -4) { bytes.append(hex[Int((v >> UInt32(shift)) & 0xF)]) }
    }

    /// The document with a final newline, as `JSONValue.pretty()` ends.
    mutating func finish() -> [UInt8] {
        bytes.append(10)
        return bytes
    }
}
