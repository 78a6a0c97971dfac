import XCTest
import OrgaSyntax
@testable import OrgaSemantics
import OrgaTestSupport

/// What the semantic layer builds (beyond which diagnostics it reports, which the case
/// suite covers): resolved declarations, robustness of whole-model checks, quick fixes.
final class CheckerTests: XCTestCase {
    private func check(_ files: [(String, String)]) -> Model {
        Analyzer.check(trees: files.map { Parser.parse(path: $0.0, text: $0.1) }).model
    }

    private func check(_ text: String) -> Model { check([("m.orga", text)]) }

    static let languageExample = Fixtures.languageExample

    func testLanguageExampleResolves() throws {
        let m = check(Self.languageExample)
        XCTAssertEqual(m.diagnostics.map(\.code.rawValue), [])
        XCTAssertEqual(m.settings.name, "Demo")
        XCTAssertEqual(m.settings.year, 2025)
        XCTAssertEqual(m.settings.worktime?.value, 1590)
        XCTAssertEqual(m.settings.allowance?.value, Allowance(fraction: 0.1, convention: .surcharge))
        XCTAssertEqual(m.grades.map(\.name), ["E8"])
        XCTAssertEqual(m.grades[0].cost, 62_000)
        XCTAssertEqual(m.units.map(\.name), ["BB"])
        XCTAssertEqual(m.units[0].positions, [PositionID(0)])
        let sb = m.positions[0]
        XCTAssertEqual(sb.name, "SB")
        XCTAssertEqual(sb.title, "Sachbearbeitung Bürgerbüro")
        XCTAssertEqual(sb.unit, UnitID(0))
        XCTAssertEqual(sb.grade, GradeID(0))
        XCTAssertEqual(sb.planned, 4)
        XCTAssertEqual(sb.filled, 3.5)
        XCTAssertEqual(m.actors.first?.external, true)
        XCTAssertEqual(m.processes.map(\.name), ["Meldung", "Widerspruch"])
        let meldung = m.processes[0]
        XCTAssertEqual(meldung.owner, UnitID(0))
        XCTAssertEqual(meldung.volumePerYear, 2400)
        XCTAssertEqual(meldung.nodes.map(\.name), ["Pruefen", "Erfassen"])
        XCTAssertEqual(meldung.nodes[0].performer, .position(PositionID(0)))
        XCTAssertEqual(meldung.nodes[0].timeHours, 0.25)
        XCTAssertEqual(meldung.nodes[1].mediaBreak, true)
        XCTAssertEqual(meldung.successors(0).map(\.target), [.node(1)])
        XCTAssertEqual(meldung.successors(1).map(\.target), [.end])
        XCTAssertEqual(m.processes[1].nodes[0].timeHours, 1.5)
        XCTAssertEqual(m.worktime(position: PositionID(0))?.value, 1590)
    }

    func testRatesConvertToCasesPerYear() {
        let m = check("""
            model M { year 2024; worktime 1590 h; workdays 228 }
            unit A { position P { planned 1 fte } }
            process Y { owner A; volume 10 /year; step S { by P; time 1 min } }
            process Mo { owner A; volume 10 /month; step S { by P; time 1 min } }
            process W { owner A; volume 10 /week; step S { by P; time 1 min } }
            process D { owner A; volume 10 /day; step S { by P; time 1 min } }
            """)
        XCTAssertEqual(m.diagnostics.filter { $0.code != .positionWithoutGrade }.count, 0)   // W509: these positions have no grade
        XCTAssertEqual(m.processes.map(\.volumePerYear), [10, 120, 520, 2280])
    }

    func testNearestWorktimeAndAllowanceWin() {
        let m = check("""
            model M { year 2024; worktime 1590 h; allowance 10 % }
            unit Amt { worktime 1631 h; allowance 9 % of worktime
              unit Ref { position Beamter { planned 1 fte } }
              position Tarif { planned 1 fte; worktime 1590 h; allowance 0 % }
            }
            position Frei { planned 1 fte }
            """)
        XCTAssertEqual(m.diagnostics.filter { $0.code != .positionWithoutGrade }.count, 0)   // W509: these positions have no grade
        let byName = Dictionary(uniqueKeysWithValues: m.positions.ids.map { (m.positions[$0].name, $0) })
        XCTAssertEqual(m.worktime(position: byName["Beamter"]!)?.value, 1631)
        XCTAssertEqual(m.allowance(position: byName["Beamter"]!), Allowance(fraction: 0.09, convention: .deduction))
        XCTAssertEqual(m.worktime(position: byName["Tarif"]!)?.value, 1590)
        XCTAssertEqual(m.allowance(position: byName["Tarif"]!).fraction, 0)
        XCTAssertEqual(m.worktime(position: byName["Frei"]!)?.value, 1590)
        XCTAssertEqual(m.allowance(position: byName["Frei"]!), Allowance(fraction: 0.1, convention: .surcharge))
    }

    func testEveryUnitCycleIsBroken() {
        // Two separate cycles and a self-cycle: after the check, walking up from any
        // unit must end (later layers walk the tree without guards).
        let m = check("""
            unit A { in B }
            unit B { in A }
            unit C { in D }
            unit D { in C }
            unit E { in E }
            unit F { in A }
            """)
        XCTAssertEqual(m.diagnostics.map(\.code.rawValue), ["E304", "E304", "E304"])
        for start in m.units.ids {
            var cur: UnitID? = start
            var steps = 0
            while let c = cur, steps <= m.units.count { cur = m.units[c].parent; steps += 1 }
            XCTAssertNil(cur, "walking up from \(m.units[start].name) does not end")
        }
        // Sub-unit lists agree with the parents.
        for i in m.units.ids {
            for s in m.units[i].subunits { XCTAssertEqual(m.units[s].parent, i) }
        }
    }

    func testDiagnosticsAreSortedAndUnique() {
        let m = check([("b.orga", "unit X { in Nowhere }\nunit X"), ("a.orga", "unit Y { bogus }\nunit Y { in Y }")])
        XCTAssertEqual(m.diagnostics, m.diagnostics.sorted())
        XCTAssertEqual(Set(m.diagnostics).count, m.diagnostics.count)
        XCTAssertEqual(m.diagnostics.map(\.path), ["a.orga", "a.orga", "b.orga", "b.orga"])
        XCTAssertEqual(m.diagnostics.map(\.code.rawValue), ["E111", "E303", "E301", "E303"])
    }

    func testResultDoesNotDependOnFileOrder() {
        let a = ("a.orga", "model M { year 2024; worktime 1590 h }\nunit Amt { position SB { planned 1 fte } }")
        let b = ("b.orga", "process P { owner Amt; volume 10 /year; step S { by SB; time 1 min }; step T { by Nobody } }")
        let one = check([a, b]).diagnostics
        let two = check([b, a]).diagnostics
        XCTAssertEqual(one.map(\.code), two.map(\.code))
        XCTAssertEqual(one.map(\.range), two.map(\.range))
        XCTAssertEqual(one.map(\.code.rawValue), ["W509", "E301"])
    }

    func testReferencesAreRecordedForEditors() throws {
        let text = "unit Amt { position SB { planned 1 fte } }\nprocess P { owner Amt; volume 1 /year; step S { by SB; time 1 min; next T }; step T { by Nobody } }"
        let m = check(text)
        let bytes = Array(text.utf8)
        func offset(of s: String, after: Int = 0) -> Int {
            let needle = Array(s.utf8)
            var i = after
            while i + needle.count <= bytes.count { if Array(bytes[i..<i + needle.count]) == needle { return i }; i += 1 }
            return -1
        }
        let byOffset = offset(of: "by SB") + 3
        let sym = try XCTUnwrap(m.symbol(atFile: 0, offset: byOffset))
        XCTAssertEqual(m.symbols[sym].name, "SB")
        XCTAssertEqual(m.symbols[sym].kind, .position)
        let nextT = offset(of: "next T") + 5
        let node = try XCTUnwrap(m.symbol(atFile: 0, offset: nextT))
        XCTAssertEqual(m.symbols[node].kind, .node)
        XCTAssertEqual(m.symbols[node].name, "T")
        // An unresolved name is recorded too, without a symbol.
        let nobody = offset(of: "Nobody")
        XCTAssertTrue(m.references.contains { $0.location.range.start == nobody && $0.symbol == nil })
    }

    // MARK: Quick fixes

    /// Applies the edits of a fix (one file) to `text`.
    private func apply(_ fix: Fix, to text: String) -> String {
        var bytes = Array(text.utf8)
        for e in fix.edits.sorted(by: { $0.range.start > $1.range.start }) {
            bytes.replaceSubrange(e.range.start..<e.range.end, with: Array(e.newText.utf8))
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private func assertFixRepairs(_ code: String, in text: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let m = check(text)
        let d = try XCTUnwrap(m.diagnostics.first { $0.code.rawValue == code }, "no \(code) in \(m.diagnostics.map(\.code.rawValue))", file: file, line: line)
        let fix = try XCTUnwrap(d.fixes.first, "\(code) has no fix", file: file, line: line)
        let repaired = apply(fix, to: text)
        let after = check(repaired)
        XCTAssertEqual(after.diagnostics.map(\.code.rawValue).filter { $0 != "W509" }, [], "after \"\(fix.title)\":\n\(repaired)", file: file, line: line)
    }

    func testQuickFixesRepairTheModel() throws {
        let base = "unit A { position SB { planned 1 fte } }\n"
        try assertFixRepairs("E503", in: "model M { year 2024 }\n" + base + "process P { owner A; volume 1 /year; step S { by SB; time 1 min } }")
        try assertFixRepairs("E503", in: "model M {\n  year 2024\n}\n" + base + "process P { owner A; volume 1 /year; step S { by SB; time 1 min } }")
        try assertFixRepairs("E503", in: base + "process P { owner A; volume 1 /year; step S { by SB; time 1 min } }")
        let flow = "model M { year 2024; worktime 1590 h }\n" + base
        try assertFixRepairs("E401", in: flow + "process P { owner A; volume 1 /year\n  decide D { branch \"a\" 30 % -> end; branch \"b\" 20 % -> end }\n}")
        try assertFixRepairs("E301", in: flow + "process P { owner A; volume 1 /year; step S { by SBB; time 1 min } }")
        try assertFixRepairs("E402", in: flow + "process P { owner A; volume 1 /year; step S { by SB; time 1 min; next ed } }")
        try assertFixRepairs("E111", in: flow + "process P { owner A; volume 1 /year; step S { by SB; tiem 1 min } }")
        try assertFixRepairs("E113", in: flow + "process P { owner A; volume 1 /year\n  decide D { branch \"a\" 100 % }\n}")
        try assertFixRepairs("E202", in: flow + "process P { owner A; volume 1 /year; step S { by SB; time 1 } }")
    }

    func testInsertFixesLandInsideTheBlock() throws {
        // The fix for a missing time is a template; it must land inside the step's block.
        let text = "model M { year 2024; worktime 1590 h }\nunit A { position SB { planned 1 fte } }\nprocess P { owner A; volume 1 /year; step S { by SB } }"
        let d = try XCTUnwrap(check(text).diagnostics.first { $0.code == .staffStepWithoutTime })
        let repaired = apply(try XCTUnwrap(d.fixes.first), to: text)
        XCTAssertTrue(repaired.contains("step S { by SB; time … min }"), repaired)
        // An empty one-line block, and a block that is never closed.
        let empty = "model M { year 2024; worktime 1590 h }\nunit A { position SB { planned 1 fte } }\nprocess P { owner A; volume 1 /year; step S { by SB }; step T { } }"
        let t = try XCTUnwrap(check(empty).diagnostics.first { $0.code == .stepWithoutPerformer })
        XCTAssertTrue(t.fixes.isEmpty, "E502 has no fix")
        let unclosed = "model M { year 2024; worktime 1590 h }\nunit A { position SB { planned 1 fte } }\nprocess P {\n  owner A\n  step S { by SB; time 1 min }\n"
        let u = try XCTUnwrap(check(unclosed).diagnostics.first { $0.code == .processWithoutVolume })
        XCTAssertTrue(apply(try XCTUnwrap(u.fixes.first), to: unclosed).contains("process P {\n  volume … /year\n  owner A"))
        let multi = "model M { year 2024; worktime 1590 h }\nunit A { position SB { planned 1 fte } }\nprocess P {\n  owner A\n  step S { by SB; time 1 min }\n}"
        let v = try XCTUnwrap(check(multi).diagnostics.first { $0.code == .processWithoutVolume })
        XCTAssertTrue(apply(try XCTUnwrap(v.fixes.first), to: multi).contains("process P {\n  volume … /year\n  owner A"))
    }
}

/// Issue 17, item 7: a file's stored findings are bounded (the first
/// `maxStoredDiagnostics` of a check, then one W121). The linear-time guard on 30k
/// instances of each diagnostic is `OrgaSlowTests/MassDiagnosticsTests`.
final class StoredFindingsBoundTests: XCTestCase {
    func testFindingsBeyondTheBoundAreOneW121() {
        let cap = ModelBuilder.maxStoredDiagnostics
        let m = Analyzer.check(trees: [Parser.parse(path: "m.orga", text: String(repeating: "unit A\n", count: cap + 500))])
        XCTAssertEqual(m.diagnostics.filter { $0.code == .duplicateName }.count, cap)
        XCTAssertEqual(m.diagnostics.filter { $0.code == .tooManyErrors }.count, 1)
        XCTAssertEqual(m.diagnostics.count, cap + 1)
    }

    func testFewerFindingsThanTheBoundAreAllKept() {
        let m = Analyzer.check(trees: [Parser.parse(path: "m.orga", text: String(repeating: "unit A\n", count: 300))])
        XCTAssertEqual(m.diagnostics.count, 299)
        XCTAssertEqual(Set(m.diagnostics.map(\.code)), [.duplicateName])
    }
}
