/// `NumberFormat.json` written straight into a byte buffer: the JSON report writes
/// ≈ 900,000 numbers on the 100k-line model, and a `String` per number (a heap
/// allocation for every one of more than 15 characters) cost ≈ 8 % of the report's
/// instructions.
extension NumberFormat {
    /// Appends `json(v)` to `bytes`, byte for byte the same text, without allocating.
    public static func appendJSON(_ v: Double, to bytes: inout [UInt8]) {
        guard v.isFinite else { bytes.append(contentsOf: "null".utf8); return }
        let magnitude = abs(v)
        if v == v.rounded(.towardZero) && magnitude < 1e15 {
            // `String(Int64(v))`; -0 prints as `0`.
            if v < 0 && magnitude != 0 { bytes.append(UInt8(ascii: "-")) }
            appendDigits(UInt64(magnitude), to: &bytes)
            return
        }
        // `v.description`: the standard library's shortest round-trip digits, which it
        // writes into a text stream from a buffer on the stack (`_writeASCII`).
        var stream = ByteStream()
        swap(&stream.bytes, &bytes)
        v.write(to: &stream)
        swap(&stream.bytes, &bytes)
    }

    /// Appends the decimal digits of `n`.
    public static func appendDigits(_ n: UInt64, to bytes: inout [UInt8]) {
        if n < 10 { bytes.append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: n)); return }
        var count = 1
        var rest = n
        while rest >= 10 { rest /= 10; count += 1 }
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: count))
        bytes.withUnsafeMutableBufferPointer { out in
            var rest = n
            for i in stride(from: start + count - 1, through: start, by: -1) {
                out[i] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest % 10)
                rest /= 10
            }
        }
    }
}

/// A text stream into a byte array. ASCII that the standard library writes from its
/// own buffers (the digits of a `Double`) arrives through `_writeASCII` without
/// becoming a `String` first.
struct ByteStream: TextOutputStream {
    var bytes: [UInt8] = []

    mutating func write(_ string: String) { bytes.append(contentsOf: string.utf8) }

    mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: buffer) }
}
