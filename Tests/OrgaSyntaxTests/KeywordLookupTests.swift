import XCTest
@testable import OrgaSyntax

/// The parser looks keywords up by their bytes in the file (`Keywords.lookup(_:_:_:in:)`);
/// it must find exactly what the String lookup finds, for every keyword in every block
/// and for words that are no keyword (misspelt, other case, longer than any keyword).
final class KeywordLookupTests: XCTestCase {
    func testByteLookupEqualsStringLookup() {
        var words = Set(Keywords.all.map(\.word))
        for w in Array(words) {
            words.insert(w.uppercased())
            words.insert(String(w.dropLast()))
            words.insert(w + "s")
            words.insert("x" + w.dropFirst())
        }
        words.formUnion(["", "a", "unitt", "Schritt", "zeit", "äöü", "time_", String(repeating: "q", count: 80)])
        var checked = 0
        for word in words.sorted() {
            // Inside a larger buffer, as in a file: bytes before and after the word.
            let bytes = Array(("{ " + word + " 12").utf8)
            let start = 2, end = 2 + word.utf8.count
            for context in BlockContext.allCases {
                XCTAssertEqual(Keywords.lookup(bytes, start, end, in: context), Keywords.lookup(word, in: context),
                               "`\(word)` in \(context)")
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, Keywords.all.count * BlockContext.allCases.count)
    }

    func testOutOfRangeWordsFindNothing() {
        let bytes = Array("unit".utf8)
        XCTAssertNil(Keywords.lookup(bytes, 0, 5, in: .file))
        XCTAssertNil(Keywords.lookup(bytes, -1, 3, in: .file))
        XCTAssertNil(Keywords.lookup(bytes, 2, 2, in: .file))
        XCTAssertEqual(Keywords.lookup(bytes, 0, 4, in: .file), Keywords.lookup("unit", in: .file))
        XCTAssertNotNil(Keywords.lookup(bytes, 0, 4, in: .file))
    }
}
