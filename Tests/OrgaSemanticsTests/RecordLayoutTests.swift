import XCTest
import OrgaSyntax
@testable import OrgaSemantics

/// The size of the semantic layer's per-entity records (issue 17 item 7: memory per
/// input byte), and that the out-of-line fields behave as the inline ones did.
final class RecordLayoutTests: XCTestCase {
    func testRecordStrides() {
        // file, start and end in 32 bits: 3 × 4 = 12 bytes (was 3 × 8 = 24).
        XCTAssertEqual(MemoryLayout<Location>.stride, 12)
        // A Double and a Location: 8 + 12 = 20, one tag byte, rounded to the alignment 8 → 24 (was 40).
        XCTAssertEqual(MemoryLayout<Setting<Double>>.stride, 24)
        // One reference to a shared box, nil for an entity without rare properties.
        XCTAssertEqual(MemoryLayout<ColdFields<UnitDetails>>.stride, 8)
        // name 16, parent 9 (→ 16), head 24, location 12, subunits 8, positions 8, details 8 → ≤ 96 (was 352).
        XCTAssertLessThanOrEqual(MemoryLayout<OrgUnit>.stride, 96)
        // name 16, location 12, index 4, process 5, kind 1 = 38 → 40 (was 80).
        XCTAssertEqual(MemoryLayout<Symbol>.stride, 40)
        // location 12, symbol 5 = 17 → 20 (was 40).
        XCTAssertEqual(MemoryLayout<Reference>.stride, 20)
        // file 4, statement 4 = 8 (was 40, then 32 with the insertion point, which is
        // now worked out from the tree when a quick fix needs it).
        XCTAssertEqual(MemoryLayout<SourceMap.Declaration>.stride, 8)
    }

    func testRareFieldsAllocateOnlyWhenWritten() {
        let l = Location(file: 0, range: ByteRange(0, 1))
        var u = OrgUnit(name: "U", title: nil, doc: nil, location: l)
        XCTAssertFalse(u.details.isAllocated)
        u.kind = nil
        u.worktimeSetting = .absent
        XCTAssertFalse(u.details.isAllocated, "writing defaults must not allocate")
        u.kind = "Amt"
        XCTAssertTrue(u.details.isAllocated)
        XCTAssertEqual(u.kind, "Amt")
        XCTAssertNil(u.code)
    }

    func testColdFieldsAreCopiedOnWrite() {
        let l = Location(file: 0, range: ByteRange(0, 1))
        var a = OrgUnit(name: "U", title: "Amt", doc: nil, location: l)
        var b = a
        b.title = "Referat"
        b.poolSetting.write(true, at: l)
        XCTAssertEqual(a.title, "Amt")
        XCTAssertFalse(a.isPool)
        XCTAssertEqual(b.title, "Referat")
        XCTAssertTrue(b.isPool)
        a.title = nil
        XCTAssertNil(a.title)
        XCTAssertEqual(b.title, "Referat")
    }

    func testSymbolIndexRoundTrips() {
        let l = Location(file: 0, range: ByteRange(0, 1))
        var s = Symbol(name: "U", kind: .unit, index: 7, process: nil, location: l)
        XCTAssertEqual(s.index, 7)
        s.index = nil
        XCTAssertNil(s.index)
        s.index = 0
        XCTAssertEqual(s.index, 0)
    }

    func testLocationKeepsOrderAndOffsets() {
        let a = Location(file: 1, range: ByteRange(5, 9))
        let b = Location(file: 1, range: ByteRange(5, 12))
        let c = Location(file: 2, range: ByteRange(0, 1))
        XCTAssertEqual(a.file, 1)
        XCTAssertEqual(a.range, ByteRange(5, 9))
        XCTAssertTrue(a < b && b < c)
        // Offsets up to ModelLoader.maxFileSize (512 MiB = 536,870,912) round-trip.
        let big = Location(file: 0, range: ByteRange(536_870_000, 536_870_912))
        XCTAssertEqual(big.range.end, 536_870_912)
        // Out-of-range values are clamped, never trapped on.
        XCTAssertEqual(Location(file: 0, range: ByteRange(-1, 1 << 40)).range, ByteRange(0, Int(UInt32.max)))
    }
}
