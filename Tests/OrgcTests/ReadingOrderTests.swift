import Foundation
import OrgaTestSupport
import XCTest
@testable import OrgaCLI
import OrgaSyntax
import OrgaSemantics
import OrgaAnalysis
import OrgaReports

/// No result may depend on the order in which the files of a model are read (issue 17,
/// item 2): every sample and every multi-file test model, checked with its files in
/// reversed and shuffled order, gives byte-identical `check --format json` and
/// `report --format json` output.
final class ReadingOrderTests: XCTestCase {
    private static let root = TestPaths.repositoryRoot

    /// Every sample, every case of the semantic case suite (directories are multi-file
    /// models) and every model directory of the CLI tests.
    private func models() throws -> [(name: String, files: [SourceFile])] {
        let fm = FileManager.default
        var dirs: [String] = []
        for parent in ["Samples", "Tests/OrgaSemanticsTests/cases", "Tests/OrgcTests/models"] {
            let base = Self.root.appendingPathComponent(parent).path
            for e in try fm.contentsOfDirectory(atPath: base).sorted() where !e.hasPrefix(".") {
                let path = base + "/" + e
                var isDir: ObjCBool = false
                if fm.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue || e.hasSuffix(".orga") { dirs.append(path) }
            }
        }
        return try dirs.map { ($0, try ModelLoader.load($0)) }
    }

    /// What `orgc check --format json` and `orgc report --format json` print for the model.
    private func output(_ files: [SourceFile]) -> String {
        let model = Analyzer.check(files: files)
        var sources: [String: SourceFile] = [:]
        for f in model.sources.files { sources[f.path] = f }
        let check = DiagnosticPrinter(sources: sources).json(model.diagnostics).pretty()
        let report = JSONReport.render([ReportContext(model: model, result: StaffingAnalysis.analyze(model.model), language: .de)])
        return check + "\n" + report
    }

    func testEveryModelGivesTheSameOutputInAnyReadingOrder() throws {
        var rng = SeededRandom(for: self, default: 17)
        let seed = rng.seed
        let all = try models()
        XCTAssertGreaterThanOrEqual(all.filter { $0.files.count > 1 }.count, 6, "samples and multi-file cases found")
        for (name, files) in all {
            let expected = output(files)
            var orders: [(String, [SourceFile])] = [("reversed", files.reversed())]
            for k in 0..<3 { orders.append(("shuffled #\(k) (ORGC_TEST_SEED=\(seed))", files.shuffled(using: &rng))) }
            for (how, reordered) in orders {
                let got = output(reordered)
                if got != expected {
                    let line = zip(got.split(separator: "\n"), expected.split(separator: "\n")).first { $0 != $1 }
                    XCTFail("\(name), files \(how) [\(reordered.map { URL(fileURLWithPath: $0.path).lastPathComponent }.joined(separator: ", "))]: output differs; first difference: \(line.map { "\($0.0) ≠ \($0.1)" } ?? "length")")
                }
            }
        }
    }

    /// The issue's example: a `/day` volume in `a.orga` and the `workdays` in `b.orga`
    /// (and the other way round) give 10 × 200 = 2,000 cases, with no E205.
    func testDayVolumeUsesWorkdaysFromAFileReadLater() throws {
        let process = "process P { volume 10 /day; step A { by S; time 6 min } }\nunit U { position S { grade G; planned 1 fte } }\n"
        let settings = "model M { worktime 1600 h; workdays 200 }\ngrade G { cost 50_000 EUR }\n"
        for (a, b) in [(process, settings), (settings, process)] {
            let dir = try makeTemporaryDirectory()
            try Data(a.utf8).write(to: dir.appendingPathComponent("a.orga"))
            try Data(b.utf8).write(to: dir.appendingPathComponent("b.orga"))
            let check = OrgcCommand.run(["check", dir.path])
            XCTAssertEqual(check.code, 0, check.out)
            XCTAssertEqual(check.out, "keine Probleme gefunden\n")
            let model = Analyzer.check(files: try ModelLoader.load(dir.path)).model
            let result = StaffingAnalysis.analyze(model)
            XCTAssertEqual(result.processes.first?.cases, 2000)
            // 2,000 × 0.1 h = 200 h ÷ 1,600 h = 0.125 fte
            XCTAssertEqual(result.positions.first?.need ?? 0, 0.125, accuracy: 1e-12)
        }
    }
}
