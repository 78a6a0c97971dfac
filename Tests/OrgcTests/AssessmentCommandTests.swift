import OrgaTestSupport
import XCTest
import Foundation
import OrgaCLI

/// `orgc graph --matrix / --raci` and `orgc report --format csv --table matrices|raci`
/// on the assessments sample; outputs against golden files in `golden/assessments/`.
final class AssessmentCommandTests: XCTestCase {
    let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Samples/jugendamt").path
    static let goldenDirectory = TestPaths.tests("OrgcTests").appendingPathComponent("golden/assessments")

    func run(_ args: [String]) -> (Int32, String, String) {
        let (io, read) = CommandIO.capture()
        let code = Orgc.run(args, io: io)
        let (out, err) = read()
        return (code, out, err)
    }

    func golden(_ args: [String], _ name: String, file: StaticString = #filePath, line: UInt = #line) {
        let (code, out, err) = run(args + [sample])
        XCTAssertEqual(code, 0, err, file: file, line: line)
        GoldenFile.assertMatches(out, Self.goldenDirectory.appendingPathComponent(name), file: file, line: line)
    }

    func testMatrixOutputs() {
        golden(["graph", "--matrix", "Reife", "--format", "md", "--lang", "de"], "Reife.de.md")
        golden(["graph", "--matrix", "Reife", "--format", "md", "--lang", "en"], "Reife.en.md")
        golden(["graph", "--matrix", "Reife", "--format", "csv", "--lang", "de"], "Reife.de.csv")
        golden(["graph", "--matrix", "Reife", "--format", "csv", "--lang", "en"], "Reife.en.csv")
        let (code, svg, _) = run(["graph", "--matrix", "Reife", sample])
        XCTAssertEqual(code, 0)
        XCTAssertTrue(svg.hasPrefix("<svg"), "svg is the default")
    }

    func testRaciOutputs() {
        for format in ["md", "html", "csv"] {
            golden(["graph", "--raci", "Leistungsgewaehrung", "--format", format, "--lang", "de"], "Leistungsgewaehrung.de.\(format)")
            golden(["graph", "--raci", "Funktionogramm", "--format", format, "--lang", "de"], "Funktionogramm.de.\(format)")
        }
        golden(["graph", "--raci", "Hilfeplanung", "--format", "md", "--lang", "en"], "Hilfeplanung.en.md")
        golden(["graph", "--raci", "Funktionogramm", "--format", "md", "--lang", "en"], "Funktionogramm.en.md")
    }

    func testReportTables() {
        golden(["report", "--format", "csv", "--table", "matrices"], "report.matrices.de.csv")
        golden(["report", "--format", "csv", "--table", "raci", "--lang", "en"], "report.raci.en.csv")
    }

    func testUsageErrors() {
        XCTAssertEqual(run(["graph", "--matrix", "Reif", sample]).0, 2)
        XCTAssertTrue(run(["graph", "--matrix", "Reif", sample]).2.contains("did you mean `Reife`"))
        XCTAssertEqual(run(["graph", "--raci", "Nichts", sample]).0, 2)
        XCTAssertEqual(run(["graph", "--matrix", "Reife", "--format", "bpmn", sample]).0, 2)   // svg, md, csv only
        XCTAssertEqual(run(["graph", "--raci", "Funktionogramm", "--format", "svg", sample]).0, 2)   // md, html, csv only
        XCTAssertEqual(run(["graph", "--matrix", "Reife", "--raci", "Funktionogramm", sample]).0, 2)
        XCTAssertEqual(run(["report", "--format", "csv", "--table", "nothing", sample]).0, 2)
    }
}
