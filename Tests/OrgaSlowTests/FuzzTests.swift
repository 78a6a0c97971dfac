import Foundation
import OrgaTestSupport
import XCTest
@testable import OrgaCLI
import OrgaSyntax
import OrgaSemantics

/// Deterministic mutation fuzzing: every sample file and every case file is mutated
/// about 50 times (byte flips, deletions, duplicated ranges, inserted tokens, swapped
/// lines) and the mutant goes through parse, check and all four printers. Nothing may
/// crash, every range must lie in its file, and the same input must give the same
/// output twice. Seeds are fixed (per file: the file's name mixed with the test's
/// seed, `ORGC_TEST_SEED` to vary it), so a failure reproduces; the input being
/// checked is written to `$TMPDIR/orgc-fuzz-current.orga` first, so a crash leaves it
/// behind.
final class FuzzTests: XCTestCase {
    /// Mutants per file: 50; `ORGC_FUZZ_LONG=1` 1,000; `ORGC_FUZZ_MUTATIONS=N` any.
    static let mutationsPerFile = SlowTests.iterations("ORGC_FUZZ_MUTATIONS", short: 50, long: 1_000)
    static let vocabulary = ["{", "}", ";", "->", "%", "..", "\"", "/*", "*/", "//", "\n", "unit", "step", "12", "min",
                             " ", "///", "\r", "\r\n", "€", "ü", "🏛", "2024-02-30", "1__2", "\\u{", "-", ","]

    override func setUpWithError() throws { try SlowTests.require() }

    /// Applies 1–3 random mutations; returns the bytes and what was done.
    static func mutate(_ input: [UInt8], _ rng: inout SeededRandom) -> ([UInt8], String) {
        var b = input
        var done: [String] = []
        for _ in 0...rng.below(3) {
            switch rng.below(5) {
            case 0 where !b.isEmpty:
                let i = rng.below(b.count)
                let v = rng.below(2) == 0 ? b[i] ^ UInt8(1 << rng.below(8)) : UInt8(truncatingIfNeeded: rng.next())
                done.append("flip@\(i)=\(v)")
                b[i] = v
            case 1 where !b.isEmpty:
                let i = rng.below(b.count)
                let n = min(b.count - i, 1 + rng.below(16))
                done.append("delete@\(i)+\(n)")
                b.removeSubrange(i..<i + n)
            case 2 where !b.isEmpty:
                let i = rng.below(b.count)
                let n = min(b.count - i, 1 + rng.below(64))
                let at = rng.below(b.count + 1)
                done.append("duplicate@\(i)+\(n)->\(at)")
                b.insert(contentsOf: Array(b[i..<i + n]), at: at)
            case 3:
                let token = rng.pick(vocabulary) ?? " "
                let at = rng.below(b.count + 1)
                done.append("insert@\(at)=\(token.debugDescription)")
                b.insert(contentsOf: Array(token.utf8), at: at)
            default:
                var lines = b.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
                guard lines.count > 1 else { continue }
                let x = rng.below(lines.count), y = rng.below(lines.count)
                done.append("swap-lines \(x + 1)<->\(y + 1)")
                lines.swapAt(x, y)
                b = Array(lines.joined(separator: [0x0A]))
            }
        }
        return (b, done.joined(separator: ", "))
    }

    /// A model to fuzz: its files, and which of them is mutated.
    struct Target {
        var name: String
        var files: [SourceFile]
        var mutated: Int
    }

    static func targets() throws -> [Target] {
        var result: [Target] = []
        // Sample models: each file mutated in turn, the rest of its model unchanged.
        for model in try TestPaths.sampleNames() {
            let files = try ModelFiles.load(TestPaths.samples.appendingPathComponent(model), prefix: "Samples/\(model)")
            for i in files.indices { result.append(Target(name: files[i].path, files: files, mutated: i)) }
        }
        // Case files: a directory is one model.
        let cases = TestPaths.tests("OrgaSemanticsTests").appendingPathComponent("cases")
        for model in try ModelFiles.caseModels(in: cases, prefix: "cases") {
            for i in model.files.indices { result.append(Target(name: model.files[i].path, files: model.files, mutated: i)) }
        }
        return result
    }

    /// Everything `orgc check` prints for these diagnostics, in all four formats.
    static func printed(_ diagnostics: [Diagnostic], _ files: [SourceFile]) -> [String] {
        let printer = DiagnosticPrinter(sources: Dictionary(uniqueKeysWithValues: files.map { ($0.path, $0) }))
        return [printer.text(diagnostics, color: false), printer.json(diagnostics).pretty(),
                printer.github(diagnostics), printer.sarif(diagnostics).pretty()]
    }

    func testMutatedSamplesAndCases() throws {
        let targets = try Self.targets()
        XCTAssertGreaterThan(targets.count, 40)
        let seed = SeededRandom.seed(for: self, default: 0)
        let trace = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("orgc-fuzz-current.orga")
        let started = Date()
        var mutants = 0
        var failures = 0
        for target in targets {
            var rng = SeededRandom(seed: SeededRandom.hash(target.name) ^ seed)
            for n in 0..<Self.mutationsPerFile {
                let (bytes, how) = Self.mutate(target.files[target.mutated].bytes, &rng)
                let label = "\(target.name) mutant \(n) [\(how)]"
                try? Data(bytes).write(to: trace)
                var files = target.files
                files[target.mutated] = SourceFile(path: files[target.mutated].path, bytes: bytes)

                let trees = files.map { Parser.parse($0) }
                RobustnessTests.assertTreeInvariants(trees[target.mutated])
                let first = Analyzer.check(trees: trees)
                let second = Analyzer.check(files: files)
                let sizes = Dictionary(uniqueKeysWithValues: files.map { ($0.path, $0.bytes.count) })
                for d in first.diagnostics {
                    guard let size = sizes[d.path], 0 <= d.range.start, d.range.start <= d.range.end, d.range.end <= size else {
                        XCTFail("\(label): bad range \(d.range) in \(d.path) for \(d.code.rawValue)")
                        failures += 1
                        continue
                    }
                    for fix in d.fixes {
                        for e in fix.edits {
                            guard let s = sizes[e.path], 0 <= e.range.start, e.range.start <= e.range.end, e.range.end <= s else {
                                XCTFail("\(label): fix edit outside its file: \(e)"); failures += 1; continue
                            }
                        }
                    }
                }
                if first.diagnostics != second.diagnostics {
                    XCTFail("\(label): two checks of the same input differ"); failures += 1
                }
                let out1 = Self.printed(first.diagnostics, files)
                if n % 10 == 0 && out1 != Self.printed(second.diagnostics, files) {
                    XCTFail("\(label): printed output differs between runs"); failures += 1
                }
                // Every fifth mutant: the JSON and SARIF outputs parse and agree with the bytes.
                if n % 5 == 0 {
                    let bytesByPath = Dictionary(uniqueKeysWithValues: files.map { ($0.path, $0.bytes) })
                    _ = try CheckOutput.validateJSONDiagnostics(out1[1], files: bytesByPath)
                    try CheckOutput.validateSARIF(out1[3])
                }
                mutants += 1
                if failures > 20 { XCTFail("stopping after 20 failures"); return }
            }
        }
        try? FileManager.default.removeItem(at: trace)
        let elapsed = Date().timeIntervalSince(started)
        print("fuzz: \(mutants) mutants of \(targets.count) files in \(String(format: "%.1f", elapsed)) s")
        XCTAssertEqual(mutants, targets.count * Self.mutationsPerFile)
    }

    /// Mutants through the real command on disk (file I/O, exit codes), fewer of them.
    func testMutantsThroughTheCommand() throws {
        let targets = try Self.targets()
        let dir = try makeTemporaryDirectory()
        var rng = SeededRandom(for: self, default: 2024)
        for k in 0..<40 {
            let target = targets[rng.below(targets.count)]
            let (bytes, how) = Self.mutate(target.files[target.mutated].bytes, &rng)
            let path = dir.appendingPathComponent("mutant\(k).orga").path
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            let model = Analyzer.check(files: [SourceFile(path: path, bytes: bytes)])
            for format in ["text", "json", "github", "sarif"] {
                let r = OrgcCommand.run(["check", "--format", format, path])
                XCTAssertEqual(r.code, model.hasErrors ? 1 : 0, "\(target.name) [\(how)] \(format)")
                XCTAssertEqual(r.err, "")
                if format == "json" { _ = try CheckOutput.validateJSONDiagnostics(r.out, files: [path: bytes]) }
                if format == "sarif" { try CheckOutput.validateSARIF(r.out) }
            }
        }
    }

    func testMutationIsDeterministic() {
        var a = SeededRandom(seed: 7), b = SeededRandom(seed: 7)
        let input = Array("unit A { kind \"x\" }\nunit B\n".utf8)
        for _ in 0..<100 { XCTAssertEqual(Self.mutate(input, &a).0, Self.mutate(input, &b).0) }
    }
}
