import XCTest
import OrgaSupport

final class ZipArchiveTests: XCTestCase {
    func testCRC32OfTheStandardCheckString() {
        // The CRC-32/ISO-HDLC check value of "123456789" (the catalogue's test vector).
        XCTAssertEqual(CRC32.checksum(Array("123456789".utf8)), 0xCBF4_3926)
        XCTAssertEqual(CRC32.checksum([]), 0)
    }

    func testStoredEntriesAndCentralDirectory() throws {
        var zip = ZipArchive()
        zip.add("a.txt", text: "hallo")
        zip.add("ü/b.xml", [0, 1, 2])
        let bytes = try XCTUnwrap(zip.bytes())
        func le32(_ at: Int) -> UInt32 { (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[at + $1]) << (8 * UInt32($1)) } }
        func le16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        // Local header of the first entry: signature, stored, CRC, sizes 5/5, name.
        XCTAssertEqual(le32(0), 0x0403_4B50)
        XCTAssertEqual(le16(8), 0)
        XCTAssertEqual(le32(14), CRC32.checksum(Array("hallo".utf8)))
        XCTAssertEqual(le32(18), 5); XCTAssertEqual(le32(22), 5)
        XCTAssertEqual(Array(bytes[30..<35]), Array("a.txt".utf8))
        XCTAssertEqual(Array(bytes[35..<40]), Array("hallo".utf8))
        // Second local header at 30 + 5 + 5 = 40; "ü/b.xml" is 8 UTF-8 bytes.
        XCTAssertEqual(le32(40), 0x0403_4B50)
        XCTAssertEqual(le16(40 + 26), 8)
        // End of central directory: 22 bytes, two entries, directory right after the data
        // (40 + 30 + 8 + 3 = 81) and 2 × 46 + 5 + 8 = 105 bytes long.
        let end = bytes.count - 22
        XCTAssertEqual(le32(end), 0x0605_4B50)
        XCTAssertEqual(le16(end + 10), 2)
        XCTAssertEqual(le32(end + 12), 105)
        XCTAssertEqual(le32(end + 16), 81)
        XCTAssertEqual(zip.bytes(), bytes, "deterministic")
    }
}
