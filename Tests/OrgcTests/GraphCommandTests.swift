import OrgaTestSupport
import XCTest
import Foundation
import OrgaCLI

/// `orgc graph` option handling and exit codes (the drawings are tested in OrgaGraphsTests).
final class GraphCommandTests: XCTestCase {
    let hilden = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Samples/hilden").path

    func run(_ args: [String]) -> (Int32, String, String) {
        let (io, read) = CommandIO.capture()
        let code = Orgc.run(args, io: io)
        let (out, err) = read()
        return (code, out, err)
    }

    func testProcessToStdout() {
        let (code, out, err) = run(["graph", "--process", "Stellenbewertung", "--format", "bpmn", hilden])
        XCTAssertEqual(code, 0, err)
        XCTAssertTrue(out.hasPrefix("<?xml"))
        XCTAssertTrue(out.contains("<bpmn:laneSet"))
    }

    /// German by default, like `report` and `rank`; `--lang en` for English. Dezernat I:
    /// planned 1 + 14.5 + 3.5 = 19 fte, filled 1 + 12.25 + 3.5 = 16.75, vacant 2.25.
    func testGermanByDefault() {
        let (code, out, err) = run(["graph", "--org", "--format", "mermaid", hilden])
        XCTAssertEqual(code, 0, err)
        XCTAssertTrue(out.contains("Soll 19 · Ist 16,75 · Bedarf 16,687 VZÄ"), out)
        XCTAssertTrue(out.contains("vakant 2,25 VZÄ"), out)
        let (codeEN, outEN, _) = run(["graph", "--org", "--format", "mermaid", "--lang", "en", hilden])
        XCTAssertEqual(codeEN, 0)
        XCTAssertTrue(outEN.contains("planned 19 · filled 16.75 · need 16.687 fte"), outEN)
        let (_, process, _) = run(["graph", "--process", "Stellenbewertung", "--format", "dot", "--metrics", hilden])
        XCTAssertTrue(process.contains("80 Fälle/Jahr"), process)
        XCTAssertTrue(process.contains("Quelle: Schätzung"), process)
    }

    func testUnknownProcessSuggests() {
        let (code, _, err) = run(["graph", "--process", "Stellenbewertun", hilden])
        XCTAssertEqual(code, 2)
        XCTAssertTrue(err.contains("did you mean `Stellenbewertung`"), err)
    }

    func testUsageErrors() {
        XCTAssertEqual(run(["graph", hilden]).0, 2)                                        // no mode
        XCTAssertEqual(run(["graph", "--org", "--landscape", hilden]).0, 2)                // two modes
        XCTAssertEqual(run(["graph", "--org", "--format", "bpmn", hilden]).0, 2)           // bpmn for processes only
        XCTAssertEqual(run(["graph", "--all-processes", hilden]).0, 2)                     // needs -o DIR
        XCTAssertEqual(run(["graph", "--org", "--format", "png", hilden]).0, 2)            // unknown format
        XCTAssertEqual(run(["graph", "--help"]).0, 0)
    }

    func testAllProcessesIntoDirectory() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("orgc-graph-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let (code, _, err) = run(["graph", "--all-processes", "--format", "mermaid", "-o", dir.path, hilden])
        XCTAssertEqual(code, 0, err)
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        XCTAssertEqual(files, ["OnlineFormular.mmd", "Organisationsuntersuchung.mmd", "Stellenbesetzung.mmd",
                               "Stellenbewertung.mmd", "Zahlungsanweisung.mmd"])
    }

    func testModelWithErrorsDrawsAndExits1() throws {
        let dir = try makeTemporaryDirectory()
        let file = dir.appendingPathComponent("m.orga")
        try Data("unit U { position P { planned 1 fte } }\nprocess X { owner U\n step a { by Nobody; time 5 min } }\n".utf8).write(to: file)
        let (code, out, err) = run(["graph", "--process", "X", "--format", "dot", file.path])
        XCTAssertEqual(code, 1)
        XCTAssertTrue(out.hasPrefix("digraph"))
        XCTAssertTrue(err.contains("Fehler[E301]: unbekannter Name: `Nobody`"), err)
        XCTAssertTrue(err.contains("das Modell hat Fehler"), err)
        // `--lang en`: the English findings.
        let en = run(["graph", "--process", "X", "--format", "dot", "--lang", "en", file.path])
        XCTAssertEqual(en.0, 1)
        XCTAssertTrue(en.2.contains("error[E301]"), en.2)
    }
}
