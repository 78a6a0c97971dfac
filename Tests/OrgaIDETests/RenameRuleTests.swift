import XCTest
import OrgaIDE

final class RenameRuleTests: XCTestCase {
    func testValidity() {
        let none: (String) -> String? = { _ in nil }
        XCTAssertNil(RenameRules.problem(newName: "Bürgerbüro_2", oldName: "A", kind: .unit, taken: none))
        XCTAssertNil(RenameRules.problem(newName: "_x", oldName: "A", kind: .position, taken: none))
        XCTAssertNotNil(RenameRules.problem(newName: "2abc", oldName: "A", kind: .unit, taken: none))
        XCTAssertNotNil(RenameRules.problem(newName: "a b", oldName: "A", kind: .unit, taken: none))
        XCTAssertNotNil(RenameRules.problem(newName: "", oldName: "A", kind: .unit, taken: none))
        XCTAssertNotNil(RenameRules.problem(newName: "a.b", oldName: "A", kind: .unit, taken: none))
        XCTAssertNotNil(RenameRules.problem(newName: "end", oldName: "A", kind: .node, taken: none))
        XCTAssertNotNil(RenameRules.problem(newName: "x😀", oldName: "A", kind: .unit, taken: none))
        let clash = RenameRules.problem(newName: "B", oldName: "A", kind: .unit, taken: { $0 == "B" ? "a position at f:1:1" : nil })
        XCTAssertTrue(clash?.contains("already declared as a position") ?? false, clash ?? "")
        XCTAssertNil(RenameRules.problem(newName: "A", oldName: "A", kind: .unit, taken: { _ in "itself" }))
    }
}
