import XCTest
@testable import OrgaSyntax

/// The word-at-a-time scan for line starts and ASCII against the byte-by-byte reference.
final class SourceFileScanTests: XCTestCase {
    func testScanEqualsByteByByte() {
        // Line ends at every offset of a word, `\r\n` split across words, bytes just
        // below and above the thresholds (0x0D, 0x0E, 0x7F, 0x80), and lengths 0…40.
        let alphabet: [UInt8] = [0x0A, 0x0D, 0x0E, 0x0C, 0x00, 0x20, 0x61, 0x7F, 0x80, 0xC3, 0xFF]
        var state: UInt64 = 7
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        for length in 0...40 {
            for _ in 0..<300 {
                // Mostly plain letters, so that whole clean words occur too.
                let bytes = (0..<length).map { _ in next(3) == 0 ? alphabet[next(alphabet.count)] : UInt8(0x61 + next(26)) }
                let fast = SourceFile.scan(bytes), slow = Self.scanByteByByte(bytes)
                XCTAssertEqual(fast.lineStarts, slow.lineStarts, "\(bytes)")
                XCTAssertEqual(fast.isASCII, slow.isASCII, "\(bytes)")
            }
        }
        for k in 0..<24 {
            var bytes = [UInt8](repeating: 0x61, count: 24)
            bytes[k] = 0x0D
            if k + 1 < 24 { bytes[k + 1] = 0x0A }
            XCTAssertEqual(SourceFile.scan(bytes).lineStarts, Self.scanByteByByte(bytes).lineStarts, "\\r\\n at \(k)")
        }
        XCTAssertEqual(SourceFile(path: "x", text: "a\nb\r\nc\rd").lineStarts, [0, 2, 5, 7])
        XCTAssertFalse(SourceFile(path: "x", text: "Straße\n").isASCII)
        XCTAssertTrue(SourceFile(path: "x", text: String(repeating: "unit U1; ", count: 9)).isASCII)
    }

    /// Byte by byte, as `SourceFile.scan` was before it read words: the reference.
    static func scanByteByByte(_ bytes: [UInt8]) -> (lineStarts: [Int], isASCII: Bool) {
        var starts = [0]
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            i += 1
            if b == 0x0A {
                starts.append(i)
            } else if b == 0x0D {
                if i < bytes.count && bytes[i] == 0x0A { i += 1 }
                starts.append(i)
            }
        }
        return (starts, !bytes.contains { $0 >= 0x80 })
    }
}
