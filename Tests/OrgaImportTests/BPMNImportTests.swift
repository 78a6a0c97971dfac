import XCTest
import Foundation
import OrgaTestSupport
import OrgaSyntax
import OrgaSemantics
@testable import OrgaImport

private let testDir = TestPaths.repositoryRoot.appendingPathComponent("Tests/OrgaImportTests")

/// A BPMN file around `body` (the inside of one `<process>`).
func bpmn(_ body: String, id: String = "P1", name: String = "Antrag", extra: String = "") -> [UInt8] {
    Array("""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="D1" targetNamespace="t">
        \(extra)<process id="\(id)" name="\(name)">
        \(body)
        </process>
        </definitions>
        """.utf8)
}

/// The flow of a process as sorted lines: each node with its title, where it goes
/// (branches with title and share), and what it calls.
func flowLines(_ p: OrgaSemantics.Process, in model: Model) -> [String] {
    func name(_ t: FlowTarget?) -> String {
        switch t {
        case .node(let j)? where j >= 0 && j < p.nodes.count: p.nodes[j].name
        case .end?: "end"
        default: "?"
        }
    }
    return p.nodes.enumerated().map { i, n in
        let title = n.title ?? n.name
        if n.isDecision {
            let branches = n.branches.map { b in "\(b.title ?? "") \(String(format: "%.4f", b.share)) -> \(name(b.target))" }
            return "decide \(n.name) \"\(title)\": " + branches.joined(separator: "; ")
        }
        let next = p.successors(i).first.map { name($0.target) } ?? "?"
        let call = n.call.map { c in model.processes.contains(c) ? " call \"\(model.processes[c].title ?? model.processes[c].name)\"" : " call ?" } ?? ""
        return "step \(n.name) \"\(title)\" -> \(next)\(call)"
    }.sorted()
}

final class BPMNRoundTripTests: XCTestCase {
    /// `orgc graph --format bpmn` of every sample process, imported back: the same
    /// nodes, branches (titles and shares) and targets.
    func testEverySampleProcessComesBackWithTheSameFlow() throws {
        for sample in ["buergerbuero", "hilden", "landesamt"] {
            let dir = try makeTemporaryDirectory("roundtrip\(sample)")
            let r = OrgcCommand.run(["graph", "--all-processes", "--format", "bpmn", "-o", dir.path, "Samples/\(sample)"])
            XCTAssertEqual(r.code, 0, r.err)
            let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".bpmn") }.sorted()
            let inputs = try names.map { ($0, [UInt8](try Data(contentsOf: dir.appendingPathComponent($0)))) }
            let result = BPMNImporter.run(inputs)
            XCTAssertFalse(result.hasErrors, "\(result.messages)")
            XCTAssertEqual(result.messages.filter { $0.severity == .warning }, [], sample)
            let imported = Analyzer.check(files: result.files.map { SourceFile(path: $0.name, text: $0.text) }).model
            let original = Analyzer.check(files: try ModelFiles.sampleRelativeToRepository(sample)).model
            XCTAssertEqual(imported.processes.count, original.processes.count, sample)
            for p in original.processes {
                let title = p.title ?? p.name
                guard let q = imported.processes.first(where: { ($0.title ?? $0.name) == title }) else {
                    XCTFail("\(sample): process \(title) not imported"); continue
                }
                XCTAssertEqual(flowLines(q, in: imported), flowLines(p, in: original), "\(sample) \(p.name)")
            }
            // What is left to fill in is exactly what BPMN cannot carry: times, volume, worktime.
            let codes = Set(imported.diagnostics.filter { $0.severity == .error }.map(\.code.rawValue))
            XCTAssertTrue(codes.isSubset(of: ["E501", "E503", "E504"]), "\(sample): \(codes)")
        }
    }
}

/// Public BPMN files written by bpmn.io / Camunda Modeler, the Camunda Eclipse plugin
/// and SAP Signavio (fixtures/miwg/README.md): what the import makes of them is a
/// golden file; the result parses, and `orgc check` only asks for what BPMN cannot say.
final class MIWGFixtureTests: XCTestCase {
    func testFilesOfOtherTools() throws {
        let dir = testDir.appendingPathComponent("fixtures/miwg")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".bpmn") }.sorted()
        XCTAssertEqual(names.count, 9)
        for name in names {
            let bytes = [UInt8](try Data(contentsOf: dir.appendingPathComponent(name)))
            let result = BPMNImporter.run([(name, bytes)])
            XCTAssertFalse(result.hasErrors, "\(name): \(result.messages)")
            var out = result.messages.map { $0.rendered + "\n" }.joined()
            for g in result.gaps { out += "gaps \(g.process) (\(g.file)): \(g.steps) steps, \(g.decisions) decisions; to fill in: \(g.summary)\n" }
            for f in result.files { out += "\n==> \(f.name) <==\n" + f.text }
            GoldenFile.assertMatches(out, testDir.appendingPathComponent("golden/\(name).txt"))
            let model = Analyzer.check(files: result.files.map { SourceFile(path: $0.name, text: $0.text) }).model
            // Missing shares (E113), times (E501), performers (E502), worktime (E503),
            // volumes (E504); processes without steps (collapsed sub-processes, stubs:
            // W407) and paths after boundary events (W408). Nothing else.
            let codes = Set(model.diagnostics.map(\.code.rawValue))
            XCTAssertTrue(codes.isSubset(of: ["E113", "E501", "E502", "E503", "E504", "W407", "W408"]), "\(name): \(codes)")
        }
    }
}
