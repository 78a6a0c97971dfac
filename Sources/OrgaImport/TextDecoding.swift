/// The text of an imported file: UTF-8 with or without BOM, UTF-16 with BOM, else
/// Windows-1252 (what German HR systems and Excel write as "CSV"). Never mojibake:
/// bytes that are not valid UTF-8 are read as Windows-1252 as a whole.
enum TextDecoding {
    enum Encoding: String { case utf8 = "UTF-8", utf8BOM = "UTF-8 with BOM", utf16LE = "UTF-16LE", utf16BE = "UTF-16BE", windows1252 = "Windows-1252" }

    enum Failure: Error { case binary, oddUTF16 }

    static func decode(_ bytes: [UInt8]) -> Result<(text: String, encoding: Encoding), Failure> {
        if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) {
            let little = bytes[0] == 0xFF
            guard bytes.count % 2 == 0 else { return .failure(.oddUTF16) }
            var units: [UInt16] = []
            units.reserveCapacity(bytes.count / 2)
            var i = 2
            while i + 1 < bytes.count {
                units.append(little ? UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8 : UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1]))
                i += 2
            }
            return .success((String(decoding: units, as: UTF16.self), little ? .utf16LE : .utf16BE))
        }
        if bytes.contains(0) { return .failure(.binary) }
        var body = bytes[...]
        var bom = false
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { body = bytes.dropFirst(3); bom = true }
        if let s = String(validating: body, as: UTF8.self) { return .success((s, bom ? .utf8BOM : .utf8)) }
        return .success((windows1252(bytes[...], latin1: false), .windows1252))
    }

    /// Windows-1252 (or ISO-8859-1, where 0x80…0x9F are control characters) as text.
    static func windows1252(_ bytes: ArraySlice<UInt8>, latin1: Bool) -> String {
        var s = ""
        s.unicodeScalars.reserveCapacity(bytes.count)
        for b in bytes {
            if !latin1, b >= 0x80 && b <= 0x9F, let u = Unicode.Scalar(cp1252[Int(b - 0x80)]) {
                s.unicodeScalars.append(u)
            } else {
                s.unicodeScalars.append(Unicode.Scalar(b))
            }
        }
        return s
    }

    /// Windows-1252 0x80…0x9F (the five unassigned bytes kept as C1 controls).
    static let cp1252: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]
}
