import Foundation
import XCTest
import OrgaSyntax
import OrgaSemantics
import OrgaTestSupport

/// `Parser.parseAll` parses the files of a model on several threads: its trees, and the
/// model and diagnostics checked from them, must be byte-identical to a sequential
/// `files.map(Parser.parse)` — on every sample and on a generated model (genmodel.py,
/// the benchmarks' 100k model at 4,000 lines: 2 files, references across them).
final class ParallelParseTests: XCTestCase {
    /// Trees, diagnostics and the model dump of `files`, parsed in parallel and in turn.
    private func assertParallelEqualsSequential(_ files: [SourceFile], _ name: String) {
        XCTAssertGreaterThan(files.count, 1, "\(name): several files, so that threads share the work")
        let sequential = files.map { Parser.parse($0) }
        // Several rounds: a schedule-dependent tree would show in one of them.
        var parallel: [SyntaxTree] = []
        for round in 0..<3 {
            parallel = Parser.parseAll(files)
            XCTAssertEqual(parallel.map(\.path), sequential.map(\.path), "\(name) round \(round): trees in file order")
            for (p, s) in zip(parallel, sequential) {
                XCTAssertEqual(TreeDump.render(p), TreeDump.render(s), "\(name) round \(round): tree of \(s.path)")
                XCTAssertEqual(p.tokens, s.tokens, "\(name) round \(round): tokens of \(s.path)")
                XCTAssertEqual(p.slots, s.slots, "\(name) round \(round): slots of \(s.path)")
            }
        }
        let a = Analyzer.check(trees: parallel), b = Analyzer.check(trees: sequential)
        XCTAssertEqual(a.diagnostics, b.diagnostics, "\(name): diagnostics")
        let expected = ModelDump.lines(b)
        XCTAssertEqual(ModelDump.lines(a), expected, "\(name): model")
        // The files-to-model entry point (used by report, graph, rank …) parses in parallel too.
        XCTAssertEqual(ModelDump.lines(Analyzer.check(files: files)), expected, "\(name): Analyzer.check(files:)")
    }

    func testSamples() throws {
        let names = try TestPaths.sampleNames()
        XCTAssertFalse(names.isEmpty)
        for name in names {
            assertParallelEqualsSequential(try ModelFiles.sample(name), name)
        }
    }

    func testGeneratedModel() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("orgc-parallel-\(getpid())")
        defer { try? FileManager.default.removeItem(at: out) }
        let p = Foundation.Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", TestPaths.repositoryRoot.appendingPathComponent("Benchmarks/genmodel.py").path,
                       "--lines", "4000", "--out", out.path, "--force"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { throw XCTSkip("python3 not available: \(error)") }
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw XCTSkip("genmodel.py failed") }
        let files = try ModelFiles.load(out)
        XCTAssertEqual(files.count, 2)   // genmodel: lines/2000 files
        assertParallelEqualsSequential(files, "genmodel --lines 4000")
        // The generated model is valid: no errors either way.
        XCTAssertFalse(Analyzer.check(files: files).diagnostics.contains { $0.severity == .error })
    }

    /// Files that parse with errors (and one that is empty) keep their diagnostics per file and in order.
    func testBrokenFiles() {
        let files = [
            SourceFile(path: "/m/a.orga", text: "unit A {\n  position P { planned 1 fte }\n"),
            SourceFile(path: "/m/b.orga", text: ""),
            SourceFile(path: "/m/c.orga", text: "process Q { volume 1 /year\n step S { by P; time 1 mins; next Ende } }\n}}\n"),
            SourceFile(path: "/m/d.orga", text: "unit B { in A }\nunit B\n€€ # ,,\n"),
        ]
        assertParallelEqualsSequential(files, "broken files")
        XCTAssertTrue(Parser.parseAll(files).contains { !$0.diagnostics.isEmpty })
    }
}
