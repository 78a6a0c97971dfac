import XCTest
import Foundation
import OrgaTestSupport
import OrgaSyntax
import OrgaSemantics
@testable import OrgaImport

/// Mutated BPMN and CSV files (bytes changed, cut, repeated): the importers never trap,
/// and what they write is Orga that parses — the only syntax finding left is E113, a
/// branch without share. A trap kills the test process, which is the point.
final class ImportFuzzTests: XCTestCase {
    func mutate(_ input: [UInt8], _ rng: inout SeededRandom, alphabet: [UInt8]) -> [UInt8] {
        var d = input
        for _ in 0..<Int.random(in: 1...20, using: &rng) where !d.isEmpty {
            let p = Int.random(in: 0..<d.count, using: &rng)
            switch Int.random(in: 0..<10, using: &rng) {
            case 0..<4: d[p] = Bool.random(using: &rng) ? alphabet.randomElement(using: &rng) ?? 0 : UInt8.random(in: 0...255, using: &rng)
            case 4..<7: d.removeSubrange(p..<min(d.count, p + Int.random(in: 1...200, using: &rng)))
            default:
                let q = Int.random(in: 0..<d.count, using: &rng)
                d.insert(contentsOf: d[q..<min(d.count, q + Int.random(in: 1...300, using: &rng))], at: p)
            }
        }
        return d
    }

    func syntaxFindings(_ files: [ImportedFile]) -> Set<String> {
        let model = Analyzer.check(files: files.map { SourceFile(path: $0.name, text: $0.text) }).model
        return Set(model.diagnostics.map(\.code.rawValue).filter { $0.hasPrefix("E1") && $0 != "E113" })
    }

    func testMutatedBPMNFiles() throws {
        var rng = SeededRandom(for: self, default: 19)
        let dir = TestPaths.repositoryRoot.appendingPathComponent("Tests/OrgaImportTests/fixtures/miwg")
        let fixtures = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".bpmn") }.sorted()
            .map { [UInt8](try Data(contentsOf: dir.appendingPathComponent($0))) }
        var imported = 0
        for i in 0..<250 {
            let input = mutate(fixtures[i % fixtures.count], &rng, alphabet: Array("<>/=\"' :&;#x\n".utf8) + [0xC3, 0xA4, 0xCE])
            let r = BPMNImporter.run([("f\(i).bpmn", input)])
            if r.hasErrors { XCTAssertEqual(r.files.count, 0); continue }
            imported += 1
            XCTAssertEqual(syntaxFindings(r.files), [], "mutation \(i)")
        }
        XCTAssertGreaterThan(imported, 0, "some mutations stay importable")
    }

    func testMutatedStellenplanFiles() {
        var rng = SeededRandom(for: self, default: 5)
        let base = Array(("Stellennummer;Bezeichnung;Organisationseinheit;Entgeltgruppe;Soll (VZÄ);Ist (VZÄ);kw-Vermerk\r\n"
            + "10.1.001;Sachbearbeitung Bürgerbüro;Bürgerbüro;E 8;1,0;0,5;\r\n"
            + "10.1.002;\"Leitung; Bürgerbüro\";Bürgerbüro;E 10;1;1;kw 2027\r\n").utf8)
        for i in 0..<250 {
            let input = mutate(base, &rng, alphabet: Array(";,\t\"\r\n0123456789.% ".utf8) + [0, 0xFF, 0xFE, 0xE4])
            let r = StellenplanImporter.run("c\(i).csv", input, outputName: "c.orga", into: nil, columns: [:])
            if r.hasErrors { XCTAssertEqual(r.files.count, 0); continue }
            XCTAssertEqual(syntaxFindings(r.files), [], "mutation \(i)")
        }
    }
}
