import XCTest
import OrgaSyntax
@testable import OrgaSemantics

/// The typed ids: 32-bit, ordered and printed as the `Int` indices they replaced, and
/// the generic subscript, `ids` and lookups of id-indexed arrays. (That
/// `model.positions[unitID]` does not compile is the compiler's to check.)
final class IDsTests: XCTestCase {
    func testIdsAreThirtyTwoBits() {
        XCTAssertEqual(MemoryLayout<UnitID>.size, 4)
        XCTAssertEqual(MemoryLayout<UnitID?>.size, 5)   // Int? was 9
        XCTAssertEqual(MemoryLayout<NodeID>.size, 8)    // process + node index, was 16
        XCTAssertEqual(MemoryLayout<Performer>.size, 5) // 4-byte payload + case tag, was 9
    }

    func testIdsSortAndPrintAsTheirIndices() {
        let ids = [7, 0, 12, 3].map { ProcessID($0) }
        XCTAssertEqual(ids.sorted().map(\.index), [0, 3, 7, 12])
        XCTAssertEqual("\(UnitID(42))", "42")
        XCTAssertEqual(String(reflecting: UnitID(42)), "unit#42")
        var u = UnitID(1)
        u.index += 2
        XCTAssertEqual(u, UnitID(3))
    }

    func testArrayLookupsByID() throws {
        let model = Analyzer.check(trees: [Parser.parse(path: "m.orga", text: """
            unit A { position P { planned 1 fte }; unit B { position Q { planned 2 fte } } }
            """)]).model
        XCTAssertEqual(model.units.ids.map(\.index), [0, 1])
        let b = try XCTUnwrap(model.units.firstID { $0.name == "B" })
        XCTAssertEqual(model.units[b].name, "B")
        XCTAssertEqual(model.units[b].parent, model.units.firstID { $0.name == "A" })
        let q = try XCTUnwrap(model.units[b].positions.first)
        XCTAssertEqual(model.positions[q].name, "Q")
        XCTAssertEqual(model.positions[q].unit, b)
        XCTAssertTrue(model.units.contains(b))
        XCTAssertFalse(model.units.contains(UnitID(2)))
        XCTAssertFalse(model.units.contains(UnitID(-1)))
        XCTAssertNil(model.units.element(at: UnitID(2)))
        XCTAssertEqual(model.units.nextID, UnitID(2))
        // The symbol of a declaration reads its entity typed, and only for its own kind.
        let s = try XCTUnwrap(model.globalNames["Q"])
        XCTAssertEqual(model.symbols[s].id(PositionID.self), q)
        XCTAssertNil(model.symbols[s].id(UnitID.self))
        XCTAssertEqual(model.symbols[s].performer, .position(q))
    }

    func testContiguousArrayAndSlicesTakeIDsToo() {
        var units = ContiguousArray([OrgUnit(name: "A", title: nil, doc: nil, location: Location(file: 0, range: ByteRange(0, 1))),
                                     OrgUnit(name: "B", title: nil, doc: nil, location: Location(file: 0, range: ByteRange(2, 3)))])
        units[UnitID(1)].subunits.append(UnitID(0))   // in place (`_modify`)
        XCTAssertEqual(units[UnitID(1)].subunits, [UnitID(0)])
        let tail = units[1...]
        XCTAssertEqual(tail.ids.map(\.index), [1])   // absolute, as the slice's indices
        XCTAssertEqual(tail[UnitID(1)].name, "B")
    }
}
