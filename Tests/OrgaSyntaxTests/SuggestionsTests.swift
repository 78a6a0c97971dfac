import XCTest
import OrgaSyntax

/// "Did you mean" by edit distance.
final class SuggestionsTests: XCTestCase {
    func testDistance() {
        XCTAssertEqual(Suggestions.distance("unit", "unit"), 0)
        XCTAssertEqual(Suggestions.distance("unti", "unit"), 1, "a transposition is one edit")
        XCTAssertEqual(Suggestions.distance("posiiton", "position"), 1)
        XCTAssertEqual(Suggestions.distance("", "abc"), 3)
        XCTAssertEqual(Suggestions.distance("Bürgerbüro", "Burgerburo"), 2, "scalars, not bytes")
        XCTAssertEqual(Suggestions.distance("abcdefgh", "zzzzzzzz", limit: 2), 3, "bounded: stops past the limit")
    }

    func testBest() {
        XCTAssertEqual(Suggestions.best(for: "SB_Orgaa", among: ["SB_Orga", "SB_Pers"]), "SB_Orga")
        XCTAssertEqual(Suggestions.best(for: "sgorga", among: ["SGOrga"]), "SGOrga", "case-insensitive equality is distance 0")
        XCTAssertEqual(Suggestions.best(for: "E12", among: ["E11", "E13"]), "E11", "ties go to the first candidate")
        XCTAssertNil(Suggestions.best(for: "SB", among: ["SB"]), "never the word itself")
        XCTAssertNil(Suggestions.best(for: "Zahlung", among: ["Amt", "Dezernat"]))
        // One-letter words: only another case of the same letter.
        XCTAssertNil(Suggestions.best(for: "Y", among: ["K", "end"]))
        XCTAssertEqual(Suggestions.best(for: "k", among: ["K"]), "K")
    }
}
