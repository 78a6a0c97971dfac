import XCTest
import Foundation
import OrgaTestSupport
import OrgaSyntax
import OrgaSemantics
import OrgaAnalysis
import OrgaReports
import OrgaSupport

/// The parts of a ZIP of stored entries, by name (the archives `ZipArchive` writes).
private func storedEntries(_ bytes: [UInt8]) -> [String: String] {
    var out: [String: String] = [:]
    var i = 0
    func le(_ at: Int, _ n: Int) -> Int { (0..<n).reduce(0) { $0 | Int(bytes[at + $1]) << (8 * $1) } }
    while i + 30 <= bytes.count, le(i, 4) == 0x0403_4B50 {
        let size = le(i + 18, 4), nameLength = le(i + 26, 2)
        let name = String(decoding: bytes[(i + 30)..<(i + 30 + nameLength)], as: UTF8.self)
        let start = i + 30 + nameLength
        out[name] = String(decoding: bytes[start..<(start + size)], as: UTF8.self)
        i = start + size
    }
    return out
}

final class XLSXReportTests: XCTestCase {
    func workbook(_ src: String, language: OutputLanguage = .de, errors: Bool = false) throws -> [String: String] {
        let m = Analyzer.check(files: [SourceFile(path: "t.orga", text: src)])
        XCTAssertEqual(m.hasErrors, errors, "\(m.model.diagnostics)")
        let bytes = try XCTUnwrap(XLSXReport.render(ReportContext(model: m, language: language)))
        XCTAssertEqual(XLSXReport.render(ReportContext(model: m, language: language)), bytes, "byte-identical run to run")
        return storedEntries(bytes)
    }

    static let model = """
        model T { year 2025; worktime 1600 h; allowance 12.5 % of worktime; overhead 20 %; workplace 10_000 EUR }
        grade E9 { cost 70_000 EUR }
        unit U { position P { grade E9; planned 2 fte; filled 1 fte } }
        process A { volume 3_000 /year
          step S { by P; time 16 min }
          step C { call B; share 50 % }
        }
        process B { step T { by U; time 1 h } }
        """

    func testEveryComputedFigureIsAFormulaWithItsValue() throws {
        let parts = try workbook(Self.model)
        let sheetParts: [String] = (1...6).map { "xl/worksheets/sheet\($0).xml" }
        let expected: [String] = ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml"] + sheetParts
        XCTAssertEqual(Set(parts.keys), Set(expected))
        let workbookXML = try XCTUnwrap(parts["xl/workbook.xml"])
        for name in ["Annahmen", "Stellen", "Einheiten", "Prozesse", "Schritte", "Herleitung"] {
            XCTAssertTrue(workbookXML.contains("<sheet name=\"\(name)\""), name)
        }
        let steps = try XCTUnwrap(parts["xl/worksheets/sheet5.xml"])
        // Step S, row 2: 3000 cases × 1 × 100 % × 16 min ÷ 60 = 800 h; deduction 12.5 %:
        // 800 ÷ 0.875 = 914.2857… h; ÷ 1600 h = 0.571428571… fte.
        XCTAssertTrue(steps.contains("<c r=\"E2\" s=\"3\"><f>'Prozesse'!D2</f><v>3000</v></c>"), steps)
        XCTAssertTrue(steps.contains("<c r=\"H2\" s=\"7\"><v>16</v></c>"))
        XCTAssertTrue(steps.contains("<f>J2/(1-L2)/K2</f><v>\(800 / 0.875 / 1600)</v>"), steps)
        // Cost: cost per fte 70,000 × 1.2 + 10,000 = 94,000 EUR.
        XCTAssertTrue(steps.contains("<f>M2*'Stellen'!J2</f><v>\(800 / 0.875 / 1600 * 94_000)</v>"), steps)
        // B's cases come from A's calling step: 3000 × 1 visit × 50 % = 1500.
        let processes = try XCTUnwrap(parts["xl/worksheets/sheet4.xml"])
        XCTAssertTrue(processes.contains("<c r=\"D3\" s=\"3\"><f>'Schritte'!E3*'Schritte'!F3*'Schritte'!G3</f><v>1500</v></c>"), processes)
        let positions = try XCTUnwrap(parts["xl/worksheets/sheet2.xml"])
        XCTAssertTrue(positions.contains("<f>'Annahmen'!$B$14*(1+'Annahmen'!$B$7)+'Annahmen'!$B$8</f><v>94000</v>"), positions)
        XCTAssertTrue(positions.contains("<f>SUM('Herleitung'!G2:G2)</f>"), positions)
        XCTAssertTrue(positions.contains("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"))
        XCTAssertTrue(positions.contains("<autoFilter ref=\"A1:P2\"/>"))
        // The unit's own work: 1500 cases × 1 h = 1500 h ÷ 0.875 ÷ 1600 h.
        let units = try XCTUnwrap(parts["xl/worksheets/sheet3.xml"])
        XCTAssertTrue(units.contains("<f>SUM('Herleitung'!G3:G3)</f><v>\(1500 / 0.875 / 1600)</v>"), units)
        XCTAssertTrue(try XCTUnwrap(parts["xl/styles.xml"]).contains("formatCode=\"[$-407]#,##0.00\""))
    }

    func testAMissingTimeLeavesTheNeedEmptyNotZero() throws {
        let parts = try workbook("""
            model T { worktime 1600 h }
            unit U { position P { planned 1 fte } }
            process A { volume 10 /year
              step S { by P }
            }
            """.replacingOccurrences(of: "step S { by P }", with: "step S { by P; time 5 min }\n  step X { by P }"), errors: true)
        let steps = try XCTUnwrap(parts["xl/worksheets/sheet5.xml"])
        XCTAssertTrue(steps.contains("<f>J2*(1+L2)/K2</f>"), steps)
        XCTAssertTrue(steps.contains("<c r=\"M3\" s=\"2\"/>"), "step X has no time: no need figure")
    }

    func testEnglishSheetNames() throws {
        let parts = try workbook(Self.model, language: .en)
        XCTAssertTrue(try XCTUnwrap(parts["xl/workbook.xml"]).contains("<sheet name=\"Derivation\""))
        XCTAssertTrue(try XCTUnwrap(parts["xl/worksheets/sheet5.xml"]).contains("<f>'Processes'!D2</f>"))
    }

    /// A unit's figures add its positions: consecutive rows as one SUM range, so that a
    /// unit of hundreds of positions stays within Excel's formula length.
    func testConsecutivePositionsAreSummedAsARange() throws {
        let parts = try workbook("""
            model T { worktime 1600 h }
            unit U {
              position A { planned 1 fte }
              position B { planned 2 fte }
              position C { planned 3 fte }
              position D { planned 4 fte }
            }
            """)
        let units = try XCTUnwrap(parts["xl/worksheets/sheet3.xml"])
        // Soll: 1 + 2 + 3 + 4 = 10 fte.
        XCTAssertTrue(units.contains("<c r=\"D2\" s=\"2\"><f>SUM('Stellen'!E2:E5)</f><v>10</v></c>"), units)
        XCTAssertTrue(units.contains("<f>I2+SUM('Stellen'!K2:K5)</f>"), units)
    }
}
