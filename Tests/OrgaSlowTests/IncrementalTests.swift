import Foundation
import OrgaTestSupport
import XCTest
import OrgaSyntax
import OrgaSemantics

/// Differential test of `IncrementalAnalyzer`: after every one of a few hundred
/// deterministic random edits (numbers changed, lines deleted or duplicated, references
/// renamed, garbage inserted, statements inserted, declarations added, removed and
/// renamed, settings moved between files, several files at once), its model and source
/// map must equal a full `Analyzer.check` of the same trees, field by field; a failure
/// names the seed of its run. Slow (skipped unless `ORGC_SLOW_TESTS=1`);
/// `ORGC_FUZZ_LONG=1` makes ten times as many edits, `ORGC_TEST_SEED` varies them.
final class IncrementalTests: XCTestCase {
    static let root = TestPaths.repositoryRoot

    /// Random edits per model in the short and the long (`ORGC_FUZZ_LONG=1`) mode.
    static func edits(_ short: Int) -> Int { SlowTests.isLong ? short * 10 : short }

    // MARK: Canonical dump

    /// Every field of the model that later stages read (`ModelDump` in OrgaTestSupport).
    static func dump(_ checked: CheckedModel) -> [String] { ModelDump.lines(checked) }

    /// The first difference of two dumps, for the failure message.
    static func firstDifference(_ a: [String], _ b: [String]) -> String? {
        for i in 0..<max(a.count, b.count) {
            let x = i < a.count ? a[i] : "<none>", y = i < b.count ? b[i] : "<none>"
            if x != y { return "line \(i):\n  incremental: \(x)\n  full:        \(y)" }
        }
        return nil
    }

    // MARK: Random edits

    typealias Random = SeededRandom

    static let snippets = [
        "  volume 3 /day", "  volume 120 /year", "  workdays 200", "  workdays 230", "  by SB", "  time 5 min",
        "  next end", "  in Amt", "model M2 {}", "  worktime 1600 h", "  worktime 0 h", "  allowance 12 %",
        "  cost 50_000 EUR", "  grade E9", "  planned 1 fte", "  filled 2 fte", "  branch \"x\" 50 % -> end",
        "  call Missing", "  owner Amt", "  media_break", "  source selfreport", "  kw 2020", "  weight 3",
        "  dna { Digitalisierung 3 }", "}", "{", "// comment", "", "  \"unclosed", "step Extra { by SB; time 1 min }",
        "  year 2024", "  head Leiter", "  effort \"x\" 100 h /year", "  coverage 20 h", "  scale 0..5",
        // Dated values and ramp-up (docs/language.md, Time): repeated dates (E801), a second
        // undated value (E802), a dated volume alone (E803), ramps in every block.
        "  planned 2 fte from 2022-01-01", "  filled 1 fte from 2022-07-01", "  filled 3 fte from 2022-07-01",
        "  volume 60 /year from 2023-01-01", "  ramp 6 mo", "  ramp 3 mo start 20 %", "  ramp 0 d",
        "  asof 2023-06-30", "  freeze until 2022-03-02", "  planned 3 fte",
    ]

    static let declarationKeywords = ["unit ", "position ", "step ", "decide ", "process ", "grade ", "actor ", "system ", "criterion "]
    static let settingKeywords = ["workdays ", "worktime ", "allowance ", "year ", "overhead ", "workplace ", "leadership ", "rounding ", "asof ", "ramp "]

    static func trimmed(_ line: String) -> String { line.trimmingCharacters(in: .whitespaces) }

    /// Applies one random edit to `files` (most touch one file; moving a setting touches
    /// two); returns the indices of the changed files.
    static func edit(_ files: inout [SourceFile], _ rnd: inout Random) -> [Int] {
        let f = rnd.below(files.count)
        var text = String(decoding: files[f].bytes, as: UTF8.self)
        var lines = text.components(separatedBy: "\n")
        let kind = rnd.below(14)
        switch kind {
        case 0:   // change a number
            let chars = Array(text.unicodeScalars)
            let digits = chars.indices.filter { chars[$0].properties.numericType != nil && chars[$0].isASCII }
            if let i = rnd.pick(digits) {
                let replacement = rnd.pick(["0", "1", "7", "99", "366", "1000000", "5.5", "-3"])!
                var s = String.UnicodeScalarView()
                s.append(contentsOf: chars[..<i])
                s.append(contentsOf: replacement.unicodeScalars)
                s.append(contentsOf: chars[(i + 1)...])
                text = String(s)
                lines = text.components(separatedBy: "\n")
            }
        case 1:   // delete a line
            if !lines.isEmpty { lines.remove(at: rnd.below(lines.count)) }
        case 2, 3:   // rename a reference (or any word) to another name of the file, or a typo
            let words = wordRanges(lines)
            if let (ln, r) = rnd.pick(words) {
                let all = words.map { w -> String in let l = Array(lines[w.0]); return String(l[w.1]) }
                var name = rnd.pick(all) ?? "x"
                if rnd.below(3) == 0 { name += "x" }
                var l = Array(lines[ln])
                l.replaceSubrange(r, with: Array(name))
                lines[ln] = String(l)
            }
        case 4:   // insert garbage
            let garbage = rnd.pick(["{", "}", "\"", "@@", "é", "😀", "->", ";", "unit", "step", "by", "12 %", "\u{0}", "/*"])!
            if !lines.isEmpty {
                let ln = rnd.below(lines.count)
                var l = Array(lines[ln])
                l.insert(contentsOf: Array(garbage), at: rnd.below(l.count + 1))
                lines[ln] = String(l)
            }
        case 5:   // duplicate a line (often a declaration)
            if !lines.isEmpty {
                let decl = lines.indices.filter {
                    let t = lines[$0].trimmingCharacters(in: .whitespaces)
                    return ["unit ", "position ", "step ", "decide ", "process ", "grade ", "actor ", "system ", "criterion "].contains { t.hasPrefix($0) }
                }
                let ln = rnd.pick(decl) ?? rnd.below(lines.count)
                lines.insert(lines[ln], at: rnd.below(lines.count + 1))
            }
        case 6, 7:   // insert a statement
            lines.insert(rnd.pick(snippets)!, at: rnd.below(lines.count + 1))
        case 8:   // shift everything below a point (locations move, names stay)
            lines.insert(rnd.below(2) == 0 ? "" : "// moved", at: rnd.below(lines.count + 1))
        case 9:   // add a declaration at the top level (a new name, or one taken elsewhere)
            let name = rnd.below(3) == 0 ? (rnd.pick(declaredNames(files)) ?? "Amt") : "New\(rnd.below(1000))"
            let declaration = rnd.pick([
                "unit \(name) {}", "position \(name) { planned 1 fte }", "actor \(name)", "system \(name)",
                "grade \(name) { cost 1 EUR }", "process \(name) { volume 5 /year\n  step S { by SB; time 3 min } }",
                "dna { criterion \(name) { weight 1; scale 0..5 } }",
            ])!
            lines.insert(declaration, at: rnd.pick(topLevelLines(lines)) ?? lines.count)
        case 10:   // remove a declaration line
            let decl = lines.indices.filter { i in declarationKeywords.contains { trimmed(lines[i]).hasPrefix($0) } }
            if let ln = rnd.pick(decl) { lines.remove(at: ln) }
        case 11:   // rename a declaration (a new name, or another declared name: a duplicate)
            let decl = lines.indices.filter { i in declarationKeywords.contains { trimmed(lines[i]).hasPrefix($0) } }
            if let ln = rnd.pick(decl) {
                var words = lines[ln].components(separatedBy: " ")
                if let i = words.firstIndex(where: { declarationKeywords.contains($0 + " ") }), i + 1 < words.count {
                    words[i + 1] = rnd.below(2) == 0 ? "Renamed\(rnd.below(100))" : (rnd.pick(declaredNames(files)) ?? "Amt")
                    lines[ln] = words.joined(separator: " ")
                }
            }
        case 12:   // move a setting of a `model` block to another file (into its model block, or a new one)
            let settings = lines.indices.filter { i in settingKeywords.contains { trimmed(lines[i]).hasPrefix($0) } }
            guard files.count > 1, let ln = rnd.pick(settings) else { break }
            let setting = lines.remove(at: ln)
            let g = (f + 1 + rnd.below(files.count - 1)) % files.count
            var other = String(decoding: files[g].bytes, as: UTF8.self).components(separatedBy: "\n")
            if let m = other.firstIndex(where: { trimmed($0).hasPrefix("model ") && $0.contains("{") && !$0.contains("}") }) {
                other.insert(setting, at: m + 1)
            } else {
                other.insert("model Moved {\n\(setting)\n}", at: rnd.pick(topLevelLines(other)) ?? other.count)
            }
            files[g] = SourceFile(path: files[g].path, text: other.joined(separator: "\n"))
            files[f] = SourceFile(path: files[f].path, text: lines.joined(separator: "\n"))
            return [f, g]
        default:  // undo-like: swap two adjacent lines
            if lines.count >= 2 {
                let ln = rnd.below(lines.count - 1)
                lines.swapAt(ln, ln + 1)
            }
        }
        if kind != 0 { text = lines.joined(separator: "\n") }
        files[f] = SourceFile(path: files[f].path, text: text)
        return [f]
    }

    /// Lines before which a top-level declaration may go: the first line, and each line
    /// after a line that closes a block at the start of the line.
    static func topLevelLines(_ lines: [String]) -> [Int] {
        [0] + lines.indices.filter { lines[$0].hasPrefix("}") }.map { $0 + 1 }
    }

    /// Names declared in any file (second word of a declaration line).
    static func declaredNames(_ files: [SourceFile]) -> [String] {
        var out: [String] = []
        for f in files {
            for line in String(decoding: f.bytes, as: UTF8.self).components(separatedBy: "\n") {
                let words = trimmed(line).components(separatedBy: " ")
                if words.count > 1, declarationKeywords.contains(words[0] + " ") { out.append(words[1]) }
            }
        }
        return out
    }

    /// Identifier-like words (not at the start of a line's statement) with their line.
    static func wordRanges(_ lines: [String]) -> [(Int, Range<Int>)] {
        var out: [(Int, Range<Int>)] = []
        for (ln, line) in lines.enumerated() {
            let c = Array(line)
            var i = 0
            var first = true
            while i < c.count {
                if c[i].isLetter || c[i] == "_" {
                    var j = i
                    while j < c.count && (c[j].isLetter || c[j].isNumber || c[j] == "_") { j += 1 }
                    if !first { out.append((ln, i..<j)) }
                    first = false
                    i = j
                } else { i += 1 }
            }
        }
        return out
    }

    // MARK: Driver

    /// Runs `edits` random edits on a model and compares after each one; returns how many
    /// checks were incremental.
    func run(_ name: String, _ original: [SourceFile], edits: Int, seed: UInt64, maxFilesPerEdit: Int = 3,
             file: StaticString = #filePath, line: UInt = #line) -> Int {
        var files = original
        var rnd = Random(seed: seed)
        var trees = files.map { Parser.parse($0) }
        var inc = IncrementalAnalyzer()
        func compare(_ step: Int) -> Bool {
            let a = Self.dump(inc.check(trees: trees))
            let b = Self.dump(Analyzer.check(trees: trees))
            if let d = Self.firstDifference(a, b) {
                XCTFail("\(name), seed \(seed), edit \(step) (incremental: \(inc.lastWasIncremental)): \(d)", file: file, line: line)
                return false
            }
            return true
        }
        guard compare(0) else { return 0 }
        var incremental = 0
        for step in 1...edits {
            // Mostly one file (the editor case), sometimes several; sometimes back to the original.
            let n = rnd.below(8) == 0 ? 1 + rnd.below(maxFilesPerEdit) : 1
            for _ in 0..<n {
                let changed: [Int]
                if rnd.below(12) == 0 {
                    let f = rnd.below(files.count)
                    files[f] = original[f]
                    changed = [f]
                } else {
                    changed = Self.edit(&files, &rnd)
                }
                for f in changed { trees[f] = Parser.parse(files[f]) }
            }
            guard compare(step) else { return incremental }
            if inc.lastWasIncremental { incremental += 1 }
        }
        return incremental
    }

    static func load(_ dir: URL) throws -> [SourceFile] {
        try ModelLoader.files(at: dir.path).sorted().map { try ModelLoader.read($0) }
    }

    func testSamples() throws {
        try SlowTests.require()
        let seed = SeededRandom.seed(for: self, default: 0x5EED)
        let edits = Self.edits(80)
        var total = 0, incremental = 0
        for (k, sample) in ["buergerbuero", "hilden", "landesamt", "jugendamt", "sachgebiet"].enumerated() {
            let files = try Self.load(Self.root.appendingPathComponent("Samples/\(sample)"))
            XCTAssertGreaterThan(files.count, 1)
            incremental += run(sample, files, edits: edits, seed: seed &+ UInt64(k))
            total += edits
        }
        XCTAssertGreaterThan(incremental, total / 4, "the incremental path is exercised")
    }

    /// The case suite as one model: duplicates across files, several `model` blocks,
    /// syntax errors, `/day` volumes before and after the model block.
    func testCasesAsOneModel() throws {
        try SlowTests.require()
        let dir = Self.root.appendingPathComponent("Tests/OrgaSemanticsTests/cases")
        let files = try Self.load(dir)
        XCTAssertGreaterThan(files.count, 20)
        let incremental = run("cases", files, edits: Self.edits(120), seed: SeededRandom.seed(for: self, default: 42))
        XCTAssertGreaterThan(incremental, 10, "the incremental path is exercised")
    }

    func testGeneratedModel() throws {
        try SlowTests.require()
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("orgc-incremental-\(getpid())")
        defer { try? FileManager.default.removeItem(at: out) }
        let p = Foundation.Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", Self.root.appendingPathComponent("Benchmarks/genmodel.py").path,
                       "--lines", "20000", "--out", out.path, "--force"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { throw XCTSkip("python3 not available: \(error)") }
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw XCTSkip("genmodel.py failed") }
        let files = try Self.load(out)
        XCTAssertGreaterThan(files.count, 5)
        // ORGC_INCREMENTAL_EDITS=N for a longer run (a debug-build full check of this model is ~0.1 s, the dumps ~0.5 s).
        let edits = SlowTests.iterations("ORGC_INCREMENTAL_EDITS", short: 40, long: 400)
        let incremental = run("generated", files, edits: edits, seed: SeededRandom.seed(for: self, default: 7))
        XCTAssertGreaterThan(incremental, edits / 4, "the incremental path is exercised")
    }

    /// The state the linear diagnostics keep per file and per process (issue 17, items 5
    /// and 7): a process beyond the size searched by name (node-name table), duplicates
    /// beyond the per-file bound of stored findings (one W121, `firstDropped`), duplicate
    /// declarations found by place and unknown references with "did you mean", in
    /// several files; the incremental path must still equal a full build.
    func testLargeProcessesAndBoundedFindings() throws {
        try SlowTests.require()
        let cap = 2_000   // ModelBuilder.maxStoredDiagnostics
        var steps = ""
        for i in 0..<60 { steps += "  step S\(i % 50) { by SB; time \(i + 1) min; next S\((i + 7) % 60) }\n" }
        var units = ""
        for i in 0..<40 { units += "unit Amt\(i) { in Amtt\(i % 3) }\n" }
        let files = [
            SourceFile(path: "/m/a.orga", text: "model M { worktime 1600 h\n workdays 200 }\nunit Amt {}\nposition SB { in Amt; planned 1 fte }\n" + units),
            SourceFile(path: "/m/b.orga", text: "process P { volume 2 /day\n" + steps + "}\nprocess Q { volume 1 /year\n step A { by SBB; time 1 min; next Ende } }\n"),
            SourceFile(path: "/m/c.orga", text: String(repeating: "unit Dup\n", count: cap + 40) + "position SB { in Amt }\n"),
        ]
        let incremental = run("large", files, edits: Self.edits(30), seed: SeededRandom.seed(for: self, default: 17))
        XCTAssertGreaterThan(incremental, 3, "the incremental path is exercised")
    }

    /// Edits that keep the declarations are incremental; others fall back, with the same result.
    func testIncrementalAndFallback() {
        let a = SourceFile(path: "/m/a.orga", text: "model M { worktime 1600 h\n workdays 200 }\nunit Amt {}\nposition SB { in Amt; planned 1 fte; filled 1 fte }\n")
        let b = SourceFile(path: "/m/b.orga", text: "process P { volume 2 /day\n step S { by SB; time 5 min } }\n")
        var inc = IncrementalAnalyzer()
        _ = inc.check(trees: [Parser.parse(a), Parser.parse(b)])
        XCTAssertFalse(inc.lastWasIncremental)
        let b2 = SourceFile(path: b.path, text: "process P { volume 3 /day\n step S { by Nobody; time 5 min } }\n")
        var m = inc.check(trees: [Parser.parse(a), Parser.parse(b2)])
        XCTAssertTrue(inc.lastWasIncremental)
        XCTAssertEqual(m.processes[0].volumePerYear, 600)
        XCTAssertEqual(m.diagnostics.map(\.code), Analyzer.check(trees: [Parser.parse(a), Parser.parse(b2)]).diagnostics.map(\.code))
        // workdays changed in the model file: a full check.
        let a2 = SourceFile(path: a.path, text: "model M { worktime 1600 h\n workdays 100 }\nunit Amt {}\nposition SB { in Amt; planned 1 fte; filled 1 fte }\n")
        m = inc.check(trees: [Parser.parse(a2), Parser.parse(b2)])
        XCTAssertFalse(inc.lastWasIncremental)
        XCTAssertEqual(m.processes[0].volumePerYear, 300)
        // A new declaration: the file and those that refer to what moved (incremental).
        let b3 = SourceFile(path: b.path, text: "process P { volume 3 /day\n step S { by SB; time 5 min }\n step T { by SB } }\n")
        m = inc.check(trees: [Parser.parse(a2), Parser.parse(b3)])
        XCTAssertTrue(inc.lastWasIncremental)
        XCTAssertEqual(Self.dump(m), Self.dump(Analyzer.check(trees: [Parser.parse(a2), Parser.parse(b3)])))
        // Back to the same declarations (in another layout): incremental again.
        let b4 = SourceFile(path: b.path, text: "\n\nprocess P {\n volume 4 /day\n step S { by SB; time 6 min }\n step T { by SB } }\n")
        m = inc.check(trees: [Parser.parse(a2), Parser.parse(b4)])
        XCTAssertTrue(inc.lastWasIncremental)
        XCTAssertEqual(Self.dump(m), Self.dump(Analyzer.check(trees: [Parser.parse(a2), Parser.parse(b4)])))
    }

    /// Edits that rename declarations: the file and the files that refer to the names are
    /// rebuilt (incremental) unless another file declares an old or new name (full);
    /// each with the same result as a full check.
    func testRenamedDeclarations() {
        let a = SourceFile(path: "/m/a.orga", text: """
            model M { worktime 1600 h }
            unit Amt { position SB { planned 1 fte } }
            dna { criterion Digital { scale 0..4 } }
            grade E9 { cost 50_000 EUR }

            """)
        let b = SourceFile(path: "/m/b.orga", text: """
            process P { volume 2 /year
              dna { Digital 3 }
              step S { by SB; time 5 min; next T }
              step T { by Neu; time 1 min } }

            """)
        let c = SourceFile(path: "/m/c.orga", text: "position X { in Amt; grade E9; planned 1 fte }\nactor Buerger\n")
        let d = SourceFile(path: "/m/d.orga", text: "raci R { task T1 { step P.S; R SB; A SB } }\n")
        let steps: [(file: Int, text: String, incremental: Bool)] = [
            // a position renamed: b refers to it (and now to nothing), c and d are rebuilt too (d refers to it)
            (0, "model M { worktime 1600 h }\nunit Amt { position Neu { planned 1 fte } }\ndna { criterion Digital { scale 0..4 } }\ngrade E9 { cost 50_000 EUR }\n", true),
            // a unit renamed: c's `in Amt` no longer resolves
            (0, "model M { worktime 1600 h }\nunit Amt2 { position Neu { planned 1 fte } }\ndna { criterion Digital { scale 0..4 } }\ngrade E9 { cost 50_000 EUR }\n", true),
            // a criterion renamed: the rating in b is unknown now
            (0, "model M { worktime 1600 h }\nunit Amt2 { position Neu { planned 1 fte } }\ndna { criterion Digi { scale 0..4 } }\ngrade E9 { cost 50_000 EUR }\n", true),
            // a step renamed: its `next` in the same file, the RACI task in d
            (1, "process P { volume 2 /year\n  dna { Digital 3 }\n  step S2 { by SB; time 5 min; next T }\n  step T { by Neu; time 1 min } }\n", true),
            // renamed to a name another file declares: a duplicate, full check
            (2, "position Neu { in Amt; grade E9; planned 1 fte }\nactor Buerger\n", false),
            // and back: the name was declared elsewhere, full check
            (2, "position X { in Amt; grade E9; planned 1 fte }\nactor Buerger\n", false),
            // two names swapped within one file
            (0, "model M { worktime 1600 h }\nunit Neu { position Amt2 { planned 1 fte } }\ndna { criterion Digi { scale 0..4 } }\ngrade E9 { cost 50_000 EUR }\n", true),
            // back to the original names
            (0, String(decoding: a.bytes, as: UTF8.self), true),
            (1, String(decoding: b.bytes, as: UTF8.self), true),
        ]
        var texts = [a, b, c, d]
        var inc = IncrementalAnalyzer()
        _ = inc.check(trees: texts.map { Parser.parse($0) })
        for (i, step) in steps.enumerated() {
            texts[step.file] = SourceFile(path: texts[step.file].path, text: step.text)
            let trees = texts.map { Parser.parse($0) }
            let m = inc.check(trees: trees)
            XCTAssertEqual(inc.lastWasIncremental, step.incremental, "step \(i)")
            let full = Analyzer.check(trees: trees)
            XCTAssertEqual(Self.dump(m), Self.dump(full), "step \(i): \(Self.firstDifference(Self.dump(m), Self.dump(full)) ?? "")")
        }
    }

    /// Edits that add or remove declarations of one file: the later files' entities move
    /// (every index into them is mapped), files that referred to a removed declaration
    /// are rebuilt; a name another file declares, or an assessment, makes it a full
    /// check. Each with the same result as a full check.
    func testAddedAndRemovedDeclarations() {
        let a = SourceFile(path: "/m/a.orga", text: """
            model M { worktime 1600 h }
            grade E9 { cost 50_000 EUR }
            unit Amt { position SB { grade E9; planned 1 fte } }
            dna { criterion Digital { scale 0..4 } }

            """)
        let b = SourceFile(path: "/m/b.orga", text: """
            unit Team { in Amt; head TL }
            position TL { in Team; grade E9; planned 1 fte }
            system Akte
            actor Buerger

            """)
        let c = SourceFile(path: "/m/c.orga", text: """
            process P { volume 2 /year; owner Team
              dna { Digital 3 }
              step S { by TL; time 5 min; system Akte; next T }
              step T { call Q } }
            process Q { volume 1 /year
              step A { by Buerger; wait 2 d }
              step A { by SB; time 1 min } }

            """)
        let steps: [(file: Int, text: String, incremental: Bool)] = [
            // declarations added to the first file: everything after it moves
            (0, "model M { worktime 1600 h }\ngrade E8 { cost 40_000 EUR }\ngrade E9 { cost 50_000 EUR }\nunit Vorne {}\n"
                + "unit Amt { position SB0 { planned 1 fte }\n position SB { grade E9; planned 1 fte } }\n"
                + "dna { criterion Zuerst { scale 0..1 }\n criterion Digital { scale 0..4 } }\n", true),
            // a step added to a process and a process added before it (the middle file)
            (2, "process N { volume 1 /year\n step X { by SB; time 1 min } }\n" + String(decoding: c.bytes, as: UTF8.self)
                .replacingOccurrences(of: "step T { call Q } }", with: "step T { call Q }\n  step U { by TL; time 2 min } }"), true),
            // a declaration others refer to removed: those files are rebuilt
            (1, "unit Team { in Amt }\nsystem Akte\nactor Buerger\n", true),
            // and added again, after the others
            (1, "unit Team { in Amt; head TL }\nsystem Akte\nactor Buerger\nposition TL { in Team; grade E9; planned 1 fte }\n", true),
            // a name another file declares: full
            (1, "unit Team { in Amt; head TL }\nsystem Akte\nactor Buerger\nposition TL { in Team; grade E9; planned 1 fte }\nunit Amt {}\n", false),
            // the first file back to what it was
            (0, String(decoding: a.bytes, as: UTF8.self), true),
            // an assessment added (no declaration: the file alone), then declarations
            // removed with an assessment in the model: full
            (1, "unit Team { in Amt; head TL }\nsystem Akte\nactor Buerger\nposition TL { in Team; grade E9; planned 1 fte }\nunit Amt {}\n"
                + "raci R { task T1 { R TL; A TL } }\n", true),
            (0, "model M { worktime 1600 h }\ngrade E9 { cost 50_000 EUR }\n", false),
        ]
        var texts = [a, b, c]
        var inc = IncrementalAnalyzer()
        _ = inc.check(trees: texts.map { Parser.parse($0) })
        for (i, step) in steps.enumerated() {
            texts[step.file] = SourceFile(path: texts[step.file].path, text: step.text)
            let trees = texts.map { Parser.parse($0) }
            let m = inc.check(trees: trees)
            XCTAssertEqual(inc.lastWasIncremental, step.incremental, "step \(i)")
            let full = Analyzer.check(trees: trees)
            XCTAssertEqual(Self.dump(m), Self.dump(full), "step \(i): \(Self.firstDifference(Self.dump(m), Self.dump(full)) ?? "")")
        }
    }

    /// Edits that change a file's interface in more than one file, or its settings: each is
    /// a full check with the same result (one file's declarations changed is incremental,
    /// `testRenamedDeclarations`, `testAddedAndRemovedDeclarations`).
    func testInterfaceChangesFallBack() {
        let a = SourceFile(path: "/m/a.orga", text: "model M { worktime 1600 h\n workdays 200 }\nunit Amt {}\nposition SB { in Amt; planned 1 fte }\n")
        let b = SourceFile(path: "/m/b.orga", text: "process P { volume 2 /day\n step S { by SB; time 5 min } }\n")
        let variants: [(String, String, incremental: Bool)] = [
            // a declaration renamed and one removed (two files at once)
            ("model M { worktime 1600 h\n workdays 200 }\nunit Amt {}\nposition SC { in Amt; planned 1 fte }\n",
             "process P { volume 2 /day }\n", false),
            // a declaration removed (and the other file back: two files)
            ("model M { worktime 1600 h\n workdays 200 }\nunit Amt {}\n", String(decoding: b.bytes, as: UTF8.self), false),
            // one added under a name the file declares already (one file: incremental)
            ("model M { worktime 1600 h\n workdays 200 }\nunit Amt {}\nposition Amt { planned 1 fte }\n", String(decoding: b.bytes, as: UTF8.self), true),
            // `workdays` moved to another file's (new) model block: the first model block decides
            ("model M { worktime 1600 h }\nunit Amt {}\nposition SB { in Amt; planned 1 fte }\n",
             "model N { workdays 250 }\nprocess P { volume 2 /day\n step S { by SB; time 5 min } }\n", false),
            // and back
            (String(decoding: a.bytes, as: UTF8.self), String(decoding: b.bytes, as: UTF8.self), false),
        ]
        var inc = IncrementalAnalyzer()
        _ = inc.check(trees: [Parser.parse(a), Parser.parse(b)])
        for (i, (x, y, incremental)) in variants.enumerated() {
            let trees = [Parser.parse(path: a.path, text: x), Parser.parse(path: b.path, text: y)]
            let m = inc.check(trees: trees)
            XCTAssertEqual(inc.lastWasIncremental, incremental, "variant \(i)")
            XCTAssertEqual(Self.dump(m), Self.dump(Analyzer.check(trees: trees)), "variant \(i)")
        }
    }
}
