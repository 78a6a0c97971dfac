import XCTest
import OrgaSyntax
@testable import OrgaSemantics
import OrgaTestSupport

/// Measures, scenarios and targets: the typed entities, and hostile input.
final class WhatIfCheckTests: XCTestCase {
    private func check(_ text: String) -> Model {
        Analyzer.check(trees: [Parser.parse(path: "m.orga", text: text)]).model
    }

    private let base = """
        model M { year 2024; worktime 1590 h }
        unit A { position SB { planned 1 fte } }
        process P { owner A; volume 100 /year; step S1 { by SB; time 10 min } }

        """

    func testEntitiesAndTypedChanges() throws {
        let m = check(base + """
            measure DMS "DMS einführen" { owner A; cost 120_000 EUR; running 5_000 EUR /year }
            measure EAkte { requires DMS; change P.S1 time -50 %; change P volume 3 /month; change SB planned +0.5 fte }
            scenario Soll { change P volume +10 %; change model allowance 9 % of worktime; apply DMS, EAkte; change P.S1 skip }
            target T { save 300_000 EUR /year; across A; potential Soll }
            """)
        XCTAssertEqual(m.diagnostics.map(\.code).filter { $0 != .positionWithoutGrade }, [])
        XCTAssertEqual(m.measures.map(\.name), ["DMS", "EAkte"])
        XCTAssertEqual(m.measures[0].title, "DMS einführen")
        XCTAssertEqual(m.measures[0].owner, .unit(UnitID(0)))
        XCTAssertEqual(m.measures[0].cost, 120_000)
        XCTAssertEqual(m.measures[0].running, 5_000)
        XCTAssertEqual(m.measures[1].requires.map(\.value), [MeasureID(0)])
        XCTAssertEqual(m.measures[1].changes.map(\.property), [.time(.scale(0.5)), .volume(.set(36)), .planned(.add(0.5))])
        XCTAssertEqual(m.measures[1].changes[0].target, .node(NodeID(process: ProcessID(0), index: 0)))
        let entries = m.scenarios[0].entries
        XCTAssertEqual(entries.count, 4, "a run of changes, two applies, a run")
        guard case .changes(let run, _) = entries[0] else { return XCTFail("\(entries[0])") }
        XCTAssertEqual(run.map(\.property), [.volume(.scale(1.1)), .allowance(Allowance(fraction: 0.09, convention: .deduction))])
        guard case .apply(let first, _) = entries[1], case .apply(let second, _) = entries[2] else { return XCTFail() }
        XCTAssertEqual([first, second], [MeasureID(0), MeasureID(1)])
        XCTAssertEqual(m.targets[0].save, .eurPerYear(300_000))
        XCTAssertEqual(m.targets[0].potential?.value, ScenarioID(0))
        XCTAssertEqual(m.targets[0].across.map(\.value), [UnitID(0)])
        // `Process.Step` is a reference to both: rename and references find them.
        let stepRefs = m.references.filter { $0.symbol == m.processes[0].nodes[0].symbol }
        XCTAssertEqual(stepRefs.count, 2, "EAkte's and Soll's `P.S1`")
    }

    func testRequiresFixInsertsTheApply() throws {
        let text = base + "measure D { }\nmeasure E { requires D }\nscenario S {\n  apply E\n  apply D\n}\n"
        let m = check(text)
        let d = try XCTUnwrap(m.diagnostics.first { $0.code == .requiredMeasureNotApplied })
        let edit = try XCTUnwrap(d.fixes.first?.edits.first)
        var bytes = Array(text.utf8)
        bytes.replaceSubrange(edit.range.start..<edit.range.end, with: Array(edit.newText.utf8))
        let fixed = String(decoding: bytes, as: UTF8.self)
        XCTAssertTrue(fixed.contains("scenario S {\n  apply D\n  apply E\n"), fixed)
        XCTAssertFalse(check(fixed).diagnostics.contains { $0.code == .requiredMeasureNotApplied })
    }

    /// 10,000 applies of one measure, a requires chain of 20,000 measures (applied in
    /// order and reversed) and a cycle of 20,000: bounded findings, no deep recursion.
    func testHostileScenariosStayLinear() {
        let start = Date()
        var text = base + "measure X { change P.S1 time -1 % }\nscenario Many {\n"
        text += String(repeating: "  apply X\n", count: 10_000) + "}\n"
        let chain = 20_000
        for i in 0..<chain { text += "measure C\(i) { \(i > 0 ? "requires C\(i - 1)" : "requires C\(chain - 1)") }\n" }
        text += "scenario Order { apply " + (0..<chain).map { "C\($0)" }.joined(separator: ", ") + " }\n"
        text += "scenario Reversed { apply " + (0..<chain).reversed().map { "C\($0)" }.joined(separator: ", ") + " }\n"
        let m = check(text)
        XCTAssertLessThan(Date().timeIntervalSince(start), 20)
        XCTAssertTrue(m.diagnostics.contains { $0.code == .measureAppliedTwice })
        XCTAssertTrue(m.diagnostics.contains { $0.code == .requiresCycle })
        XCTAssertLessThanOrEqual(m.diagnostics.count, ModelBuilder.maxStoredDiagnostics * 3 + 10)
    }
}
