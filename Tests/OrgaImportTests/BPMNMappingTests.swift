import XCTest
import Foundation
import OrgaTestSupport
import OrgaSyntax
import OrgaSemantics
@testable import OrgaImport

final class BPMNMappingTests: XCTestCase {
    func importOne(_ bytes: [UInt8], into existing: ExistingModel? = nil) -> ImportResult {
        BPMNImporter.run([("in.bpmn", bytes)], into: existing)
    }

    func file(_ r: ImportResult, _ name: String) -> String {
        r.files.first { $0.name == name }?.text ?? "(no \(name))"
    }

    /// Lanes, nested lanes, automated tasks, documentation, names with line breaks,
    /// clashing names, a conditional decision, a loop, a timer after a task and one
    /// between two gateways.
    func testTheMapping() throws {
        let r = importOne(bpmn("""
            <laneSet id="LS"><lane id="L1" name="Bürgerbüro"><flowNodeRef>T2</flowNodeRef>
              <childLaneSet id="CLS"><lane id="L2" name="Sachbearbeitung"><flowNodeRef>T1</flowNodeRef><flowNodeRef>T2</flowNodeRef></lane></childLaneSet></lane>
              <lane id="L3" name="Fachverfahren"><flowNodeRef>S1</flowNodeRef></lane></laneSet>
            <startEvent id="St"/>
            <userTask id="T1" name="Antrag&#10;prüfen"><documentation>Erste Zeile
            zweite Zeile</documentation></userTask>
            <exclusiveGateway id="G" name="Vollständig?" default="F3"/>
            <task id="T2" name="Antrag prüfen"/>
            <intermediateCatchEvent id="W" name="2 Wochen"><timerEventDefinition><timeDuration>P2W</timeDuration></timerEventDefinition></intermediateCatchEvent>
            <serviceTask id="S1" name="Bescheid drucken"/>
            <endEvent id="E"/>
            <sequenceFlow id="F1" sourceRef="St" targetRef="T1"/>
            <sequenceFlow id="F2" sourceRef="T1" targetRef="G"/>
            <sequenceFlow id="F3" sourceRef="G" targetRef="S1"/>
            <sequenceFlow id="F4" sourceRef="G" targetRef="T2"><conditionExpression>${fehlt}</conditionExpression></sequenceFlow>
            <sequenceFlow id="F5" sourceRef="T2" targetRef="W"/>
            <sequenceFlow id="F6" sourceRef="W" targetRef="T1"/>
            <sequenceFlow id="F7" sourceRef="S1" targetRef="E"/>
            """))
        XCTAssertFalse(r.hasErrors, "\(r.messages)")
        XCTAssertEqual(r.messages, [])
        XCTAssertEqual(file(r, "Antrag.orga"), """
            // Imported from in.bpmn (BPMN process P1, line 3) by orgc import bpmn.
            process Antrag {
              /// Erste Zeile
              /// zweite Zeile
              step Antrag_prüfen "Antrag prüfen" { by Sachbearbeitung }
              decide Vollständig "Vollständig?" {
                branch "otherwise" -> Bescheid_drucken
                branch "${fehlt}" -> Antrag_prüfen_2
              }
              step Bescheid_drucken "Bescheid drucken" { by Fachverfahren; next end }
              step Antrag_prüfen_2 "Antrag prüfen" { by Sachbearbeitung; wait 14 d; next Antrag_prüfen }
            }

            """)
        XCTAssertEqual(file(r, "declarations.orga"), """
            // Declarations added by `orgc import bpmn`: lanes that matched nothing in the model,
            // systems for automated tasks, and processes that were called but not imported.
            system Fachverfahren
            unit Sachbearbeitung

            """)
        let g = try XCTUnwrap(r.gaps.first)
        XCTAssertEqual(g.summary, "volume, time of 2 steps, shares of 1 decision")
    }

    func testParallelPathsBecomeSequentialWithAWarningAndAComment() {
        let r = importOne(bpmn("""
            <startEvent id="St"/><parallelGateway id="Split" name="los"/>
            <task id="A" name="A"/><task id="B" name="B"/>
            <parallelGateway id="Join"/><task id="C" name="C"/><endEvent id="E"/>
            <dataObjectReference id="D" name="Akte"/>
            <boundaryEvent id="Bd" attachedToRef="A"><messageEventDefinition/></boundaryEvent>
            <sequenceFlow id="f1" sourceRef="St" targetRef="Split"/>
            <sequenceFlow id="f2" sourceRef="Split" targetRef="A"/><sequenceFlow id="f3" sourceRef="Split" targetRef="B"/>
            <sequenceFlow id="f4" sourceRef="A" targetRef="Join"/><sequenceFlow id="f5" sourceRef="B" targetRef="Join"/>
            <sequenceFlow id="f6" sourceRef="Join" targetRef="C"/><sequenceFlow id="f7" sourceRef="C" targetRef="E"/>
            """))
        XCTAssertFalse(r.hasErrors)
        let text = file(r, "Antrag.orga")
        XCTAssertTrue(text.contains("  // parallel gateway \"los\": the 2 parallel paths are made sequential (\"A\", then \"B\"); Orga has no parallel flow (line 4)\n"), text)
        // `A` and `C` are keywords (RACI letters): those identifiers get a `_`.
        XCTAssertTrue(text.contains("  step A_ \"A\"\n  step B\n  step C_ \"C\"\n"), text)
        let warnings = r.messages.map(\.text)
        XCTAssertTrue(warnings.contains { $0.hasPrefix("parallel gateway \"los\"") })
        XCTAssertTrue(warnings.contains { $0.hasPrefix("boundary message event Bd on \"A\" is not imported") })
        XCTAssertTrue(warnings.contains("not imported: data object \"Akte\" (Orga models work, not data)"))
    }

    func testSubProcessesAndCallActivities() {
        let r = importOne(bpmn("""
            <startEvent id="St"/>
            <subProcess id="Sub" name="Prüfung"><startEvent id="s2"/><task id="In" name="Innen"/><sequenceFlow id="g1" sourceRef="s2" targetRef="In"/></subProcess>
            <callActivity id="Ca" name="Zahlen" calledElement="Kasse"/>
            <callActivity id="Cb" name="Eigen" calledElement="P2"/>
            <sequenceFlow id="f1" sourceRef="St" targetRef="Sub"/><sequenceFlow id="f2" sourceRef="Sub" targetRef="Ca"/>
            <sequenceFlow id="f3" sourceRef="Ca" targetRef="Cb"/>
            """, extra: "<process id=\"P2\" name=\"Zweiter Prozess\"><task id=\"X\" name=\"x\"/></process>\n"))
        XCTAssertFalse(r.hasErrors, "\(r.messages)")
        let text = file(r, "Antrag.orga")
        // Steps and processes have separate namespaces: the step may share the name.
        XCTAssertTrue(text.contains("step Prüfung { call Prüfung }"), text)
        XCTAssertTrue(text.contains("process Prüfung {\n  step Innen\n}"), text)
        XCTAssertTrue(text.contains("step Zahlen { call Kasse }"), text)
        XCTAssertTrue(text.contains("step Eigen { call Zweiter_Prozess }"), text)
        XCTAssertTrue(file(r, "declarations.orga").contains("process Kasse {\n}"), file(r, "declarations.orga"))
        XCTAssertEqual(r.newDeclarations, ["process Kasse (stub for the callee Kasse)"])
        // Called processes need no volume of their own.
        XCTAssertEqual(r.gaps.map { "\($0.process): \($0.summary)" },
                       ["Zweiter_Prozess: `by` of 1 step", "Antrag: volume", "Prüfung: `by` of 1 step"])
    }

    func testIntoMatchesLanesByNameAndTitleIgnoringCaseAndUmlauts() {
        let existing = ExistingModel(entries: [
            .init(name: "SB", title: "Sachbearbeitung Bürgerbüro", kind: .position),
            .init(name: "BB", title: "Bürgerbüro", kind: .unit),
            .init(name: "Kunde", title: nil, kind: .actor),
        ], takenNames: ["SB", "BB", "Kunde", "Antrag"])
        let r = importOne(bpmn("""
            <laneSet id="LS"><lane id="L1" name="sachbearbeitung buergerbuero"><flowNodeRef>T1</flowNodeRef></lane>
            <lane id="L2" name="Kunde"><flowNodeRef>T2</flowNodeRef></lane>
            <lane id="L3" name="Poststelle"><flowNodeRef>T3</flowNodeRef></lane></laneSet>
            <task id="T1" name="a"/><task id="T2" name="b"/><task id="T3" name="c"/>
            <sequenceFlow id="f1" sourceRef="T1" targetRef="T2"/><sequenceFlow id="f2" sourceRef="T2" targetRef="T3"/>
            """), into: existing)
        XCTAssertFalse(r.hasErrors)
        // The process name Antrag is taken in the model: Antrag_2.
        let text = file(r, "Antrag_2.orga")
        XCTAssertTrue(text.contains("step a { by SB }\n  step b { by Kunde }\n  step c { by Poststelle }"), text)
        XCTAssertTrue(file(r, "declarations.orga").contains("unit Poststelle\n"))
        XCTAssertEqual(r.newDeclarations, ["unit Poststelle (lane \"Poststelle\")"], "the output lists the lanes that matched nothing")
        XCTAssertEqual(r.messages.filter { $0.severity == .note }.map(\.text),
                       ["lane \"sachbearbeitung buergerbuero\" is position SB of the model", "lane \"Kunde\" is actor Kunde of the model"])
        // a (position SB) and c (the new unit Poststelle) are staff steps; b is done by an actor.
        XCTAssertEqual(r.gaps.first?.summary, "volume, time of 2 steps")
    }

    func testIdentifiers() {
        XCTAssertEqual(OrgaText.identifier("Antrag\nprüfen (neu)"), "Antrag_prüfen_neu")
        XCTAssertEqual(OrgaText.identifier("1. Prüfung"), "_1_Prüfung")
        XCTAssertEqual(OrgaText.identifier("step"), "step_")
        XCTAssertEqual(OrgaText.identifier("—"), "")
        XCTAssertEqual(OrgaText.identifier(String(repeating: "Wort ", count: 20)).count <= 48, true)
        XCTAssertEqual(OrgaText.string("a \"b\"\\\nc"), "\"a \\\"b\\\"\\\\ c\"")
        XCTAssertEqual(ISODuration.orgaWait("P14D"), "14 d")
        XCTAssertEqual(ISODuration.orgaWait("PT2H30M"), "2.5 h")
        XCTAssertEqual(ISODuration.orgaWait("PT45M"), "45 min")
        XCTAssertEqual(ISODuration.orgaWait("P1M"), "30 d")
        XCTAssertEqual(ISODuration.orgaWait("${frist}"), nil)
        XCTAssertEqual(ISODuration.orgaWait("P"), nil)
        var n = Namer(taken: ["A"])
        XCTAssertEqual([n.unique("A", fallback: "X"), n.unique("A", fallback: "X"), n.unique("", fallback: "X")], ["A_2", "A_3", "X"])
    }
}
