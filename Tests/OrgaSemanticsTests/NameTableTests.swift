import XCTest
@testable import OrgaSemantics

/// `NameTable` against `Dictionary` under random inserts, re-inserts, removals and maps.
final class NameTableTests: XCTestCase {
    /// SplitMix64: the same sequence on every run.
    struct Random {
        var state: UInt64
        mutating func next(_ n: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(n))
        }
    }

    func testAgreesWithDictionary() {
        var random = Random(state: 42)
        var table = NameTable(), reference: [String: SymbolID] = [:]
        for step in 0..<60_000 {
            // Few names, so that names are entered, removed and entered again often;
            // one in a hundred is non-ASCII (canonically equal spellings hash alike).
            let k = random.next(3_000)
            let name = k % 100 == 0 ? "Stelle\u{00E4}\(k)" : "U\(k)"
            switch random.next(10) {
            case 0..<5:
                let id = SymbolID(raw: Int32(step))
                XCTAssertEqual(table.updateValue(id, forKey: name), reference.updateValue(id, forKey: name))
            case 5..<8:
                XCTAssertEqual(table.removeValue(forKey: name), reference.removeValue(forKey: name))
            case 8:
                table[name] = nil
                reference[name] = nil
            default:
                XCTAssertEqual(table[name], reference[name])
            }
            if step % 20_000 == 19_999 {
                table = table.mapValues { SymbolID(raw: $0.raw / 2) }
                reference = reference.mapValues { SymbolID(raw: $0.raw / 2) }
            }
            XCTAssertEqual(table.count, reference.count)
        }
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: table.map { ($0.key, $0.value) }), reference)
        XCTAssertEqual(Set(table.keys), Set(reference.keys))
        // Canonically equivalent spellings are one name, as in a Dictionary.
        var t = NameTable()
        t["\u{00E4}"] = SymbolID(raw: 1)
        XCTAssertEqual(t["a\u{0308}"], SymbolID(raw: 1))
    }

    func testOrderOfEntryAndReserve() {
        var table = NameTable()
        table.reserveCapacity(1_000)
        for i in 0..<1_000 { table["N\(i)"] = SymbolID(raw: Int32(i)) }
        table["N5"] = nil
        XCTAssertEqual(table.count, 999)
        XCTAssertEqual(Array(table.keys.prefix(6)), ["N0", "N1", "N2", "N3", "N4", "N6"])
        XCTAssertNil(table["N5"])
        XCTAssertEqual(table["N999"], SymbolID(raw: 999))
    }
}
