/// A ZIP archive of stored (uncompressed) entries, enough for Office Open XML files
/// (a workbook is a ZIP of XML parts). Deterministic: entries in the order added, one
/// fixed timestamp (1980-01-01 00:00, the earliest DOS date), no extra fields.
public struct ZipArchive: Sendable {
    private var entries: [(name: [UInt8], data: [UInt8])] = []

    public init() {}

    public mutating func add(_ name: String, _ data: [UInt8]) {
        entries.append((Array(name.utf8), data))
    }

    public mutating func add(_ name: String, text: String) {
        add(name, Array(text.utf8))
    }

    /// The archive's bytes. Entries and the archive stay below 4 GiB (no ZIP64); larger
    /// input is a programming error of the caller, reported as nil.
    public func bytes() -> [UInt8]? {
        var out: [UInt8] = []
        var central: [UInt8] = []
        let dosTime: UInt16 = 0
        let dosDate: UInt16 = (0 << 9) | (1 << 5) | 1   // 1980-01-01
        let utf8Flag: UInt16 = 1 << 11
        for e in entries {
            guard e.data.count < Int(UInt32.max), e.name.count < Int(UInt16.max),
                  out.count < Int(UInt32.max) else { return nil }
            let crc = CRC32.checksum(e.data)
            let offset = UInt32(out.count)
            let size = UInt32(e.data.count)
            // Local file header.
            out.le32(0x0403_4B50)
            out.le16(10)          // version needed: 1.0 (stored)
            out.le16(utf8Flag)
            out.le16(0)           // method: stored
            out.le16(dosTime); out.le16(dosDate)
            out.le32(crc); out.le32(size); out.le32(size)
            out.le16(UInt16(e.name.count)); out.le16(0)
            out += e.name
            out += e.data
            // Central directory record.
            central.le32(0x0201_4B50)
            central.le16(20)      // made by: MS-DOS, 2.0
            central.le16(10)
            central.le16(utf8Flag)
            central.le16(0)
            central.le16(dosTime); central.le16(dosDate)
            central.le32(crc); central.le32(size); central.le32(size)
            central.le16(UInt16(e.name.count)); central.le16(0); central.le16(0)
            central.le16(0); central.le16(0)   // disk, internal attributes
            central.le32(0)                    // external attributes
            central.le32(offset)
            central += e.name
        }
        guard entries.count < Int(UInt16.max), out.count < Int(UInt32.max), central.count < Int(UInt32.max) else { return nil }
        let centralOffset = UInt32(out.count)
        out += central
        out.le32(0x0605_4B50)
        out.le16(0); out.le16(0)
        out.le16(UInt16(entries.count)); out.le16(UInt16(entries.count))
        out.le32(UInt32(central.count)); out.le32(centralOffset)
        out.le16(0)
        return out
    }
}

/// CRC-32 (IEEE 802.3, polynomial 0xEDB88320), as ZIP and PNG use it.
public enum CRC32 {
    private static let table: [UInt32] = (0..<256).map { i in
        var c = UInt32(i)
        for _ in 0..<8 { c = (c & 1) != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    public static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in bytes { c = table[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }
}

extension [UInt8] {
    fileprivate mutating func le16(_ v: UInt16) {
        append(UInt8(v & 0xFF)); append(UInt8(v >> 8))
    }
    fileprivate mutating func le32(_ v: UInt32) {
        for s in stride(from: 0, to: 32, by: 8) { append(UInt8((v >> UInt32(s)) & 0xFF)) }
    }
}
