import XCTest
import Foundation
import OrgaTestSupport
import OrgaSyntax
import OrgaSemantics
@testable import OrgaImport

/// Bad input to `orgc import bpmn`: a clear message naming file, line and reason, exit 2
/// (unreadable) or 1 (inconsistent), never a crash, and no file written.
final class HostileBPMNTests: XCTestCase {
    func run(_ name: String, _ bytes: [UInt8], extra: [String] = []) throws -> (result: OrgcCommand.Result, written: [String]) {
        let dir = try makeTemporaryDirectory("hostile\(name.filter { $0.isLetter })")
        let input = dir.appendingPathComponent(name)
        try Data(bytes).write(to: input)
        let out = dir.appendingPathComponent("out")
        let r = OrgcCommand.run(["import", "bpmn", input.path, "-o", out.path] + extra)
        let written = (try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? []
        return (r, written.sorted())
    }

    func expectRefused(_ name: String, _ bytes: [UInt8], code: Int32, _ message: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let (r, written) = try run(name, bytes)
        XCTAssertEqual(r.code, code, r.err, file: file, line: line)
        XCTAssertTrue(r.err.contains(message), r.err, file: file, line: line)
        XCTAssertTrue(r.err.contains("nothing written"), file: file, line: line)
        XCTAssertEqual(written, [], file: file, line: line)
    }

    func testUnreadableInputs() throws {
        try expectRefused("malformed.bpmn", Array("<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\">\n<process id=\"p\">\n<task id=\"t\">\n</definitions>".utf8),
                          code: 2, "malformed.bpmn:4: error: not well-formed XML: <process> (line 2) is never closed")
        try expectRefused("none.bpmn", Array("<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"><collaboration id=\"c\"/></definitions>".utf8),
                          code: 2, "none.bpmn:1: error: the BPMN file has no <process>: nothing to import")
        try expectRefused("page.bpmn", Array("<html><body/></html>".utf8), code: 2, "page.bpmn:1: error: the root element is <html>, not BPMN 2.0 <definitions>")
        try expectRefused("empty.bpmn", [], code: 2, "empty.bpmn: error: the file is empty")
        try expectRefused("binary.bpmn", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13], code: 2, "binary.bpmn: error: a binary file")
        try expectRefused("deep.bpmn", Array((String(repeating: "<a>", count: 5000) + String(repeating: "</a>", count: 5000)).utf8),
                          code: 2, "deep.bpmn:1: error: elements nested deeper than 256 levels")
        // Bytes that are not UTF-8 in a name: Foundation's parser on Linux would trap on
        // them, so they are refused before it sees them (found by fuzzing the fixtures).
        try expectRefused("latin.bpmn", Array("<definitions>\n<".utf8) + [0xCE] + Array("fin/>".utf8),
                          code: 2, "latin.bpmn:2: error: not valid UTF-8 (save the file as UTF-8, or name its encoding in the XML declaration)")
        let bomb = """
            <?xml version="1.0"?>
            <!DOCTYPE d [<!ENTITY a "aaaaaaaaaaaaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
            <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
            <!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;"><!ENTITY i "&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;">]>
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"><process id="p"><task id="t" name="&i;"/></process></definitions>
            """
        let (r, written) = try run("bomb.bpmn", Array(bomb.utf8))
        XCTAssertNotEqual(r.code, 0, "an entity bomb is refused (or at least never expanded into a file)")
        XCTAssertEqual(written, [])
    }

    func testAFlowToAMissingNodeIsAnErrorAndNothingIsWritten() throws {
        try expectRefused("dangling.bpmn", bpmn("""
            <task id="A" name="A"/>
            <sequenceFlow id="F" sourceRef="A" targetRef="Gone"/>
            """), code: 1, "dangling.bpmn:5: error: sequence flow F leads to Gone, which is not a flow node of process P1")
    }

    func testExistingFilesAreKeptUnlessForced() throws {
        let dir = try makeTemporaryDirectory()
        let input = dir.appendingPathComponent("a.bpmn")
        try Data(bpmn("<task id=\"A\" name=\"A\"/>")).write(to: input)
        try Data("keep".utf8).write(to: dir.appendingPathComponent("Antrag.orga"))
        var r = OrgcCommand.run(["import", "bpmn", input.path, "-o", dir.path])
        XCTAssertEqual(r.code, 2)
        XCTAssertTrue(r.err.contains("Antrag.orga exists (--force overwrites it); nothing written"), r.err)
        XCTAssertEqual(try String(contentsOf: dir.appendingPathComponent("Antrag.orga"), encoding: .utf8), "keep")
        r = OrgcCommand.run(["import", "bpmn", input.path, "-o", dir.path, "--force"])
        XCTAssertEqual(r.code, 0, r.err)
        XCTAssertTrue(try String(contentsOf: dir.appendingPathComponent("Antrag.orga"), encoding: .utf8).contains("step A"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix(".") }
        XCTAssertEqual(leftovers, [], "no temporary files left behind")
    }

    /// Lanes nested with repeated ids and a lane naming itself as a flow node: the lane
    /// tree is read as written (XML nesting cannot loop), the innermost lane wins.
    func testALaneCycleByIdsIsHarmless() throws {
        let (r, written) = try run("lanes.bpmn", bpmn("""
            <laneSet id="S"><lane id="L" name="Außen"><flowNodeRef>L</flowNodeRef><flowNodeRef>A</flowNodeRef>
              <childLaneSet id="S"><lane id="L" name="Innen"><flowNodeRef>A</flowNodeRef><flowNodeRef>L</flowNodeRef></lane></childLaneSet></lane></laneSet>
            <task id="A" name="A"/>
            """))
        XCTAssertEqual(r.code, 0, r.err)
        XCTAssertEqual(written, ["Antrag.orga", "declarations.orga"])
        XCTAssertTrue(r.out.contains("Antrag: 1 step, 0 decisions; to fill in: volume, time of 1 step"), r.out)
    }

    func testTenThousandTasks() throws {
        var body = "<laneSet id=\"S\"><lane id=\"L\" name=\"Team\">"
        for i in 0..<10_000 { body += "<flowNodeRef>T\(i)</flowNodeRef>" }
        body += "</lane></laneSet><startEvent id=\"St\"/><sequenceFlow id=\"F\" sourceRef=\"St\" targetRef=\"T0\"/>\n"
        for i in 0..<10_000 {
            body += "<task id=\"T\(i)\" name=\"Task\"/>"
            if i > 0 { body += "<sequenceFlow id=\"F\(i)\" sourceRef=\"T\(i - 1)\" targetRef=\"T\(i)\"/>" }
            if i % 100 == 0 { body += "\n" }
        }
        let started = Date()
        let result = BPMNImporter.run([("big.bpmn", bpmn(body))])
        let seconds = Date().timeIntervalSince(started)
        XCTAssertFalse(result.hasErrors)
        XCTAssertEqual(result.gaps.first?.steps, 10_000)
        let text = result.files.first { $0.name == "Antrag.orga" }?.text ?? ""
        XCTAssertTrue(text.contains("  step Task { by Team }\n  step Task_2 \"Task\" { by Team }\n"), String(text.prefix(300)))
        XCTAssertTrue(text.contains("  step Task_10000 \"Task\" { by Team }\n}"))
        XCTAssertLessThan(seconds, 20, "10,000 tasks import in linear time")
        let model = Analyzer.check(files: result.files.map { SourceFile(path: $0.name, text: $0.text) }).model
        XCTAssertEqual(model.processes.first?.nodes.count, 10_000)
    }

    /// A file in ISO-8859-1 that says so, and one in UTF-16: both read, umlauts intact.
    func testDeclaredEncodings() throws {
        let latin1 = Array("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n".utf8)
            + String(decoding: bpmn("<task id=\"T\" name=\"Prüfen\"/>").dropFirst(39), as: UTF8.self).unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }
        var r = BPMNImporter.run([("l.bpmn", latin1)])
        XCTAssertFalse(r.hasErrors, "\(r.messages)")
        XCTAssertTrue(r.files.first?.text.contains("step Prüfen\n") == true, r.files.first?.text ?? "")
        let utf16: [UInt8] = [0xFE, 0xFF] + String(decoding: bpmn("<task id=\"T\" name=\"Prüfen\"/>"), as: UTF8.self)
            .replacingOccurrences(of: "encoding=\"UTF-8\"", with: "encoding=\"UTF-16\"").utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        r = BPMNImporter.run([("u.bpmn", utf16)])
        XCTAssertFalse(r.hasErrors, "\(r.messages)")
        XCTAssertTrue(r.files.first?.text.contains("step Prüfen\n") == true, r.files.first?.text ?? "")
    }

    func testUsage() {
        var r = OrgcCommand.run(["import"])
        XCTAssertEqual(r.code, 2)
        XCTAssertTrue(r.err.contains("say what to import: `orgc import bpmn FILE…` or `orgc import stellenplan FILE.csv`"), r.err)
        r = OrgcCommand.run(["import", "bpmn"])
        XCTAssertEqual(r.code, 2)
        XCTAssertTrue(r.err.contains("orgc import bpmn: name the files to import"), r.err)
        r = OrgcCommand.run(["import", "bpmn", "/nonexistent/x.bpmn"])
        XCTAssertEqual(r.code, 2)
        XCTAssertTrue(r.err.contains("/nonexistent/x.bpmn: cannot read the file"), r.err)
        r = OrgcCommand.run(["import", "--help"])
        XCTAssertEqual(r.code, 0)
        XCTAssertTrue(r.out.hasPrefix("Usage: orgc import bpmn FILE.bpmn…"))
        r = OrgcCommand.run(["import", "stellenplan", "a.csv", "--columns", "stelle=Nr"])
        XCTAssertEqual(r.code, 2)
        XCTAssertTrue(r.err.contains("`stelle=Nr` is not KEY=HEADER"), r.err)
    }
}
