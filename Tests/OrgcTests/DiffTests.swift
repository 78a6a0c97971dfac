import Foundation
import OrgaTestSupport
import XCTest
import OrgaSyntax
import OrgaSemantics
import OrgaAnalysis
import OrgaReports
import OrgaSupport

/// `orgc diff` (docs/diff.md): goldens for every cause kind and format, the figures
/// by hand, the gate, bad input, a real git repository, and a seeded property test
/// on the samples. Refresh goldens with `UPDATE_GOLDEN=1 swift test --filter DiffTests`.
final class DiffTests: XCTestCase {
    static let base = "Tests/OrgcTests/diff/base.orga"
    static let casesDirectory = TestPaths.tests("OrgcTests").appendingPathComponent("diff/cases")
    static let goldenDirectory = TestPaths.tests("OrgcTests").appendingPathComponent("golden/diff")

    /// The what-if inputs (measures, scenarios, targets): their own base and cases.
    static let whatIfBase = "Tests/OrgcTests/diff/whatif/base.orga"
    static let whatIfCasesDirectory = TestPaths.tests("OrgcTests").appendingPathComponent("diff/whatif/cases")

    static func caseNames(_ directory: URL = casesDirectory) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".orga") }.map { String($0.dropLast(5)) }.sorted()
    }

    /// Every case: its base, its path and the golden file stem.
    static func allCases() throws -> [(name: String, base: String, path: String, golden: URL)] {
        try caseNames().map { ($0, base, "Tests/OrgcTests/diff/cases/\($0).orga", goldenDirectory.appendingPathComponent($0)) }
            + caseNames(whatIfCasesDirectory).map {
                ($0, whatIfBase, "Tests/OrgcTests/diff/whatif/cases/\($0).orga", goldenDirectory.appendingPathComponent("whatif/" + $0))
            }
    }

    static func diffJSON(_ args: [String]) throws -> [String: Any] {
        let r = OrgcCommand.run(["diff", "--format", "json"] + args)
        XCTAssertEqual(r.code, 0, r.err)
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
    }

    // MARK: Goldens

    /// Every case against the base in every format: text and github in English, md in
    /// German (the default) — `golden/diff/<case>.<format>`.
    func testGoldenOutputs() throws {
        let cases = try Self.allCases()
        XCTAssertGreaterThanOrEqual(cases.count, 33)
        for c in cases {
            for (format, ext, lang) in [("text", "text", "en"), ("md", "md", "de"), ("json", "json", "de"), ("github", "github", "en")] {
                let r = OrgcCommand.run(["diff", "--format", format, "--lang", lang, c.base, c.path])
                XCTAssertEqual(r.code, 0, "\(c.name) \(format): \(r.err)")
                XCTAssertEqual(r.err, "", "\(c.name) \(format)")
                GoldenFile.assertMatches(r.out, c.golden.appendingPathExtension(ext))
            }
        }
        // English Markdown, and the gate on the multi-input change.
        let md = OrgcCommand.run(["diff", "--format", "md", "--lang", "en", Self.base, "Tests/OrgcTests/diff/cases/multi.orga"])
        GoldenFile.assertMatches(md.out, Self.goldenDirectory.appendingPathComponent("multi.en.md"))
        let gate = OrgcCommand.run(["diff", "--lang", "en", "--fail-above", "0.5", Self.base, "Tests/OrgcTests/diff/cases/multi.orga"])
        XCTAssertEqual(gate.code, 1)
        GoldenFile.assertMatches(gate.out, Self.goldenDirectory.appendingPathComponent("multi.gate.text"))
        // Δ total +0.6036 and Δ Amt +0.6036 exceed 0.5; BB (+0.4412) and Info (+0.1625) do not.
        XCTAssertEqual(gate.err, "orgc diff: --fail-above: total need +0.60 fte (limit ±0.5 fte)\norgc diff: --fail-above: need of Amt +0.60 fte (limit ±0.5 fte)\n")
    }

    // MARK: Scenarios

    /// `--scenario S`: the buergerbuero sample against its scenarios in every format
    /// (`golden/diff/scenario/<S>.<format>`); the causes are the `change` lines.
    func testScenarioDiffGoldens() throws {
        for scenario in ["Digital", "Soll2026"] {
            for (format, ext, lang) in [("text", "text", "en"), ("md", "md", "de"), ("json", "json", "de"), ("github", "github", "en")] {
                let r = OrgcCommand.run(["diff", "--format", format, "--lang", lang, "--scenario", scenario, "Samples/buergerbuero"])
                XCTAssertEqual(r.code, 0, "\(scenario) \(format): \(r.err)")
                XCTAssertEqual(r.err, "", "\(scenario) \(format)")
                GoldenFile.assertMatches(r.out, Self.goldenDirectory.appendingPathComponent("scenario/\(scenario).\(ext)"))
            }
        }
        let de = OrgcCommand.run(["diff", "--scenario", "Soll2026", "Samples/buergerbuero"])
        GoldenFile.assertMatches(de.out, Self.goldenDirectory.appendingPathComponent("scenario/Soll2026.de.text"))
    }

    /// Soll2026 (Samples/README.md): SB needs 2,400 × 75 min × 1.1 ÷ 1,590 h = 3,465 ÷ 1,590
    /// = 2.179245 fte; +10 % volume adds 240 × 45 min × 1.1 = 198 h, DigitalePost halves
    /// Erfassen (30 → 15 min) for 2,640 cases: −726 h → (3,465 + 198 − 726) ÷ 1,590 =
    /// 2,937 ÷ 1,590 = 1.847170 fte. The causes are the change lines in massnahmen.orga.
    func testScenarioDiffHandComputed() throws {
        let d = try Self.diffJSON(["--scenario", "Soll2026", "Samples/buergerbuero"])
        XCTAssertEqual((d["new"] as? [String: Any])?["scenario"] as? String, "Soll2026")
        let sb = ((d["positions"] as? [[String: Any]]) ?? []).first { $0["id"] as? String == "SB" }
        let need = try XCTUnwrap(sb?["need_fte"] as? [String: Any])
        XCTAssertEqual(need["old"] as? Double ?? 0, 3465.0 / 1590, accuracy: 1e-12)
        XCTAssertEqual(need["new"] as? Double ?? 0, 2937.0 / 1590, accuracy: 1e-12)
        XCTAssertEqual(need["delta"] as? Double ?? 0, -528.0 / 1590, accuracy: 1e-12)
        let causes = (d["causes"] as? [[String: Any]]) ?? []
        // Erfassen time (line 18) and media break (19) in measure DigitalePost; the volume (28) in the scenario.
        XCTAssertEqual(causes.map { $0["line"] as? Int }, [18, 19, 28])
        XCTAssertEqual(Set(causes.compactMap { $0["file"] as? String }), ["Samples/buergerbuero/massnahmen.orga"])
        XCTAssertEqual(causes.map { $0["kind"] as? String }, ["time", "media_break", "volume"])
        XCTAssertEqual(causes.first?["change_text"] as? String, "change Meldung.Erfassen time -50 %")
        XCTAssertEqual(causes.first?["old_text"] as? String, "time 30 min")
        // The moves add up to SB's Δ: −528 ÷ 1,590 (Shapley split of time and volume).
        let moved = causes.compactMap { ($0["moves"] as? [String: Double])?["SB"] }.reduce(0, +)
        XCTAssertEqual(moved, -528.0 / 1590, accuracy: 1e-12)
    }

    /// A changed `change` line moves no base figure but the totals of the scenarios that
    /// apply its measure: Online's Erfassen −10 → −12 min, visited once per case (1.25
    /// visits of the check × 80 % "ja"). Nur: 2,400 × 2 min = 80 h × 1.1 ÷ 1,600 = 0.055
    /// fte less; Digital (volume +5 %): 2,520 × 2 min = 84 h × 1.1 ÷ 1,600 = 0.05775. Need
    /// cost: × E8 60,000 EUR × (1 + overhead 20 %) = 72,000 → 3,960 and 4,158 EUR.
    func testScenarioTotalsMoveWithWhatIfEdits() throws {
        let d = try Self.diffJSON([Self.whatIfBase, "Tests/OrgcTests/diff/whatif/cases/change.orga"])
        let rows = (d["scenarios"] as? [[String: Any]]) ?? []
        XCTAssertEqual(rows.map { $0["id"] as? String }, ["Digital", "Nur"])
        func delta(_ i: Int, _ key: String) -> Double { ((rows.element(i)?[key] as? [String: Any])?["delta"] as? Double) ?? 0 }
        XCTAssertEqual(delta(0, "need_fte"), -84 * 1.1 / 1600, accuracy: 1e-12)
        XCTAssertEqual(delta(1, "need_fte"), -80 * 1.1 / 1600, accuracy: 1e-12)
        XCTAssertEqual(delta(0, "need_cost_eur"), -4158, accuracy: 1e-6)
        XCTAssertEqual(delta(1, "need_cost_eur"), -3960, accuracy: 1e-6)
        // The target's save moves no scenario; --scenario lists none.
        XCTAssertEqual((try Self.diffJSON([Self.whatIfBase, "Tests/OrgcTests/diff/whatif/cases/save.orga"])["scenarios"] as? [Any])?.count, 0)
        XCTAssertEqual((try Self.diffJSON(["--scenario", "Digital", Self.whatIfBase])["scenarios"] as? [Any])?.count, 0)
    }

    /// The gate on a scenario, an unknown scenario, and --base with --scenario.
    func testScenarioDiffGateAndBadInput() throws {
        // Δ −0.332 fte in total, Bürgerbüro and Meldewesen: over 0.3, under 0.4.
        let gate = OrgcCommand.run(["diff", "--lang", "en", "--fail-above", "0.3", "--scenario", "Soll2026", "Samples/buergerbuero"])
        XCTAssertEqual(gate.code, 1, gate.err)
        XCTAssertEqual(gate.err, "orgc diff: --fail-above: total need -0.33 fte (limit ±0.3 fte)\n"
                       + "orgc diff: --fail-above: need of Bürgerbüro -0.33 fte (limit ±0.3 fte)\n"
                       + "orgc diff: --fail-above: need of Meldewesen -0.33 fte (limit ±0.3 fte)\n")
        XCTAssertEqual(OrgcCommand.run(["diff", "--fail-above", "0.4", "--scenario", "Soll2026", "Samples/buergerbuero"]).code, 0)
        let unknown = OrgcCommand.run(["diff", "--scenario", "Sol2026", "Samples/buergerbuero"])
        XCTAssertEqual(unknown.code, 2)
        XCTAssertEqual(unknown.err, "orgc diff: no scenario `Sol2026` in the model; did you mean `Soll2026`?\n")
        let none = OrgcCommand.run(["diff", "--scenario", "X", "Tests/OrgcTests/diff/base.orga"])
        XCTAssertEqual(none.code, 2)
        XCTAssertTrue(none.err.contains("the model declares no scenario"), none.err)
        let both = OrgcCommand.run(["diff", "--base", "HEAD", "--scenario", "Soll2026", "Samples/buergerbuero"])
        XCTAssertEqual(both.code, 2)
        XCTAssertTrue(both.err.contains("--base and --scenario do not combine"), both.err)
        let two = OrgcCommand.run(["diff", "--scenario", "Soll2026", "Samples/buergerbuero", "Samples/hilden"])
        XCTAssertEqual(two.code, 2)
    }

    /// Every kind of cause has a case whose diff reports exactly that kind.
    func testEveryCauseKindHasACase() throws {
        var seen = Set<String>()
        for c in try Self.allCases() {
            let d = try Self.diffJSON([c.base, c.path])
            let causes = (d["causes"] as? [[String: Any]]) ?? []
            let kinds = causes.compactMap { $0["kind"] as? String }
            seen.formUnion(kinds)
            if let k = DiffCause.Kind(rawValue: c.name) {
                XCTAssertEqual(Set(kinds), [k.rawValue], "case \(c.name) should change only \(c.name) inputs")
                if k.isWhatIf {
                    // A what-if input moves nothing in the base model.
                    XCTAssertEqual(causes.count, 1, c.name)
                    XCTAssertEqual(causes.first?["base_effect"] as? Bool, false, c.name)
                    XCTAssertEqual((causes.first?["moves"] as? [String: Any])?.count, 0, c.name)
                    XCTAssertEqual((d["positions"] as? [Any])?.count, 0, c.name)
                    XCTAssertEqual(((d["totals"] as? [String: Any])?["need_fte"] as? [String: Any])?["delta"] as? Double, 0, c.name)
                }
            }
        }
        XCTAssertEqual(seen, Set(DiffCause.Kind.allCases.map(\.rawValue)))
    }

    /// Comments, layout and the order of declarations: an empty diff that says so; the
    /// same for two identical models.
    func testCosmeticEditsAndIdenticalModelsGiveAnEmptyDiff() throws {
        for other in [Self.base, "Tests/OrgcTests/diff/cases/cosmetic.orga"] {
            let d = try Self.diffJSON([Self.base, other])
            XCTAssertEqual(d["empty"] as? Bool, true)
            XCTAssertEqual((d["causes"] as? [Any])?.count, 0)
            XCTAssertEqual((d["positions"] as? [Any])?.count, 0)
            let t = OrgcCommand.run(["diff", "--lang", "en", Self.base, other])
            XCTAssertEqual(t.code, 0)
            XCTAssertTrue(t.out.hasPrefix("orgc diff: No change: both models have the same inputs and the same figures\n"), t.out)
        }
    }

    // MARK: Figures by hand

    /// The base: Meldung 2,400 cases; Pruefen is visited 1 ÷ (1 − 0.2) = 1.25 times per
    /// case (20 % go back through Nachfordern); allowance 10 %, worktime 1,600 h.
    func testHandComputedMoves() throws {
        func moves(_ name: String) throws -> [String: Double] {
            let d = try Self.diffJSON([Self.base, "Tests/OrgcTests/diff/cases/\(name).orga"])
            return ((d["causes"] as? [[String: Any]])?.first?["moves"] as? [String: Double]) ?? [:]
        }
        // time 15 → 20 min: 2,400 × 1.25 × 5/60 h = 250 h × 1.1 ÷ 1,600 = 0.171875 fte.
        XCTAssertEqual(try moves("time")["SB"] ?? 0, 0.171875, accuracy: 1e-12)
        // volume 2,400 → 3,000: SB's Meldung steps take 0.25 × 1.25 + 1/6 × 0.25 + 0.5 =
        // 0.8541667 h per case → 600 × 0.8541667 × 1.1 ÷ 1,600 = 0.352344; Bescheinigung gets
        // 600 × 50 % = 300 more cases → Versenden 300 × 2/60 × 1.1 ÷ 1,600 = 0.006875 (SB)
        // and Drucken 300 × 6/60 × 1.1 ÷ 1,600 = 0.020625 (SG).
        let v = try moves("volume")
        XCTAssertEqual(v["SB"] ?? 0, 600 * (0.25 * 1.25 + 10.0 / 60 * 0.25 + 0.5) * 1.1 / 1600 + 0.006875, accuracy: 1e-12)
        XCTAssertEqual(v["SG"] ?? 0, 0.020625, accuracy: 1e-12)
        // filled 3.5 → 4 (SB): AL leads 0.5 fte more × leadership 10 % = +0.05.
        XCTAssertEqual(try moves("filled")["AL"] ?? 0, 0.05, accuracy: 1e-12)
        // head SG for BB: SG leads SB's 3.5 fte (+0.35); AL now leads SG instead of SB + SG
        // (5.5 → 2 fte: −0.35).
        let h = try moves("head")
        XCTAssertEqual(h["SG"] ?? 0, 0.35, accuracy: 1e-12)
        XCTAssertEqual(h["AL"] ?? 0, -0.35, accuracy: 1e-12)
        // coverage 20 → 30 h/week: 10 × 52 ÷ 1,600 = 0.325 (no Verteilzeit).
        XCTAssertEqual(try moves("coverage")["Theke"] ?? 0, 0.325, accuracy: 1e-12)
        // performer of Erfassen SB → SG: 2,400 × 0.5 h × 1.1 ÷ 1,600 = 0.825 moves over.
        let p = try moves("performer")
        XCTAssertEqual(p["SB"] ?? 0, -0.825, accuracy: 1e-12)
        XCTAssertEqual(p["SG"] ?? 0, 0.825, accuracy: 1e-12)
        // planned and grade cost move no need.
        XCTAssertEqual(try moves("planned"), [:])
        XCTAssertEqual(try moves("grade_cost"), [:])
    }

    /// Dated values are compared as their period averages (docs/language.md, Time): a
    /// changed dated `planned` or `volume` is a cause with the averages as its values.
    func testDatedValuesAreComparedOverThePeriod() throws {
        let dir = try makeTemporaryDirectory()
        func write(_ name: String, planned: String, volume: String) throws -> String {
            let url = dir.appendingPathComponent(name + ".orga")
            try """
                model M { year 2025; worktime 1600 h }
                unit U { position S { planned 1 fte; planned \(planned) fte from 2025-07-01; filled 1 fte } }
                process P { volume 1000 /year; volume \(volume) /year from 2025-07-01
                  step A { by S; time 60 min } }
                """.write(to: url, atomically: true, encoding: .utf8)
            return url.path
        }
        let old = try write("old", planned: "3", volume: "1000"), new = try write("new", planned: "4", volume: "2000")
        let d = try Self.diffJSON([old, new])
        let causes = try XCTUnwrap(d["causes"] as? [[String: Any]])
        func cause(_ property: String) -> [String: Any]? { causes.first { $0["property"] as? String == property } }
        // planned: 181 days at 1 fte and 184 days at 3 → 733/365; at 4 → 917/365.
        XCTAssertEqual(cause("planned")?["old"] as? Double ?? 0, 733.0 / 365, accuracy: 1e-9)
        XCTAssertEqual(cause("planned")?["new"] as? Double ?? 0, 917.0 / 365, accuracy: 1e-9)
        // volume: 1,000 all year → 1,000 + 184 × 1,000 / 365 = 1,504.11 cases; the need moves
        // by 504.11 h ÷ 1,600 h = 0.315068 fte.
        XCTAssertEqual(cause("volume")?["new"] as? Double ?? 0, 1000 + 184_000.0 / 365, accuracy: 1e-9)
        XCTAssertEqual((cause("volume")?["moves"] as? [String: Double])?["S"] ?? 0, 184_000.0 / 365 / 1600, accuracy: 1e-9)
        // On 2025-03-01 nothing differs yet.
        let at = OrgcCommand.run(["diff", "--lang", "en", "--at", "2025-03-01", old, new])
        XCTAssertEqual(at.code, 0, at.err)
        XCTAssertTrue(at.out.contains("No change"), at.out)
    }

    /// The model's Verteilzeit and BB's both change; BB sets its own in OLD and NEW, so
    /// the model's change moves nothing in BB (only the level in force counts).
    func testOnlyTheLevelInForceMovesWorktimeAndAllowance() throws {
        let base = try String(contentsOf: TestPaths.repositoryRoot.appendingPathComponent(Self.base), encoding: .utf8)
        let oldText = base.replacingOccurrences(of: "  unit BB \"Bürgerbüro\" {\n", with: "  unit BB \"Bürgerbüro\" {\n    allowance 15 %\n")
        let newText = oldText.replacingOccurrences(of: "allowance 15 %", with: "allowance 20 %").replacingOccurrences(of: "allowance 10 %", with: "allowance 12 %")
        func version(_ t: String) -> ModelVersion {
            ModelVersion(checked: Analyzer.check(files: [SourceFile(path: "m.orga", bytes: Array(t.utf8))]), path: "m")
        }
        let d = ModelDiff.compare(old: version(oldText), new: version(newText))
        XCTAssertEqual(d.causes.map(\.kind), [.setting, .allowance])
        XCTAssertTrue(d.causes[0].moves.isEmpty, "\(d.causes[0].moves)")   // Theke: coverage only, no Verteilzeit
        // BB's steps: load × 1.20/1.15, so SB's and SG's need grow by 5/115 of what they were.
        let sb = try XCTUnwrap(d.positions.first { $0.id == "SB" })
        XCTAssertEqual(d.causes[1].moves.first { $0.id == "SB" }?.fte ?? 0, sb.need.delta ?? 1, accuracy: 1e-12)
        XCTAssertEqual((sb.need.new ?? 0) / (sb.need.old ?? 1), 1.20 / 1.15, accuracy: 1e-12)
    }

    /// For every case: the moves of all causes add up to each position's Δ need, and
    /// nothing is left unattributed.
    func testMovesAddUpToTheEffects() throws {
        for name in try Self.caseNames() {
            let d = try Self.diffJSON([Self.base, "Tests/OrgcTests/diff/cases/\(name).orga"])
            var delta: [String: Double] = [:]
            for p in (d["positions"] as? [[String: Any]]) ?? [] {
                delta[p["id"] as? String ?? ""] = ((p["need_fte"] as? [String: Any])?["delta"] as? Double) ?? 0
            }
            var moved: [String: Double] = [:]
            for c in (d["causes"] as? [[String: Any]]) ?? [] {
                for (k, v) in (c["moves"] as? [String: Double]) ?? [:] { moved[k, default: 0] += v }
            }
            XCTAssertEqual((d["unattributed"] as? [String: Any])?.count, 0, name)
            for k in Set(delta.keys).union(moved.keys) {
                XCTAssertEqual(moved[k] ?? 0, delta[k] ?? 0, accuracy: 1e-9, "\(name): \(k)")
            }
        }
    }

    /// Every declared name changed: every declaration removed + added, the need moved
    /// over to the new names in full, nothing unattributed.
    func testEveryNameChanged() throws {
        let files = try ModelFiles.load(TestPaths.tests("OrgcTests").appendingPathComponent("diff"), prefix: nil)
            .filter { $0.path.hasSuffix("base.orga") && !$0.path.contains("whatif") }
        let old = ModelVersion(checked: Analyzer.check(files: files), path: "base")
        var text = String(decoding: files[0].bytes, as: UTF8.self)
        let m = old.model
        let names = m.units.map(\.name) + m.positions.map(\.name) + m.grades.map(\.name) + m.processes.map(\.name)
            + m.processes.flatMap { $0.nodes.map(\.name) }
        for name in names {
            text = text.replacingOccurrences(of: "\\b\(name)\\b", with: name + "_neu", options: .regularExpression)
        }
        let new = ModelVersion(checked: Analyzer.check(files: [SourceFile(path: "renamed.orga", bytes: Array(text.utf8))]), path: "renamed")
        XCTAssertFalse(new.checked.hasErrors, "\(new.checked.diagnostics)")
        let d = ModelDiff.compare(old: old, new: new)
        // 3 units + 4 positions + 3 grades + 3 processes, each removed and added (the steps
        // of a removed or added process go with it).
        XCTAssertEqual(d.causes.filter { $0.kind == .removed }.count, 13)
        XCTAssertEqual(d.causes.filter { $0.kind == .added }.count, 13)
        XCTAssertEqual(d.causes.count, 26)
        XCTAssertEqual(d.totalNeed.delta ?? 1, 0, accuracy: 1e-12)
        XCTAssertTrue(d.unattributed.isEmpty)
        XCTAssertEqual(d.positions.count, 8)
        XCTAssertTrue(d.positions.allSatisfy { $0.status != .changed })
        // The need of SB leaves with its steps (removed process steps) and arrives with SB_neu's.
        let moved = d.causes.flatMap(\.moves).filter { $0.id == "SB" }.reduce(0) { $0 + $1.fte }
        XCTAssertEqual(moved, -(old.result.positions[1].need), accuracy: 1e-12)
    }

    /// `--top N` cuts the Markdown lists with "and N more"; `--color always` colours the
    /// text; `-o FILE` writes the file.
    func testTopColourAndOutputFile() throws {
        let multi = "Tests/OrgcTests/diff/cases/multi.orga"
        let md = OrgcCommand.run(["diff", "--format", "md", "--lang", "en", "--top", "2", Self.base, multi])
        XCTAssertTrue(md.out.contains("… and 4 more"), md.out)      // 3 units + 3 positions, 2 shown
        XCTAssertTrue(md.out.contains("- … and 2 more"), md.out)    // 4 causes, 2 shown
        let colour = OrgcCommand.run(["diff", "--color", "always", Self.base, multi])
        XCTAssertTrue(colour.out.contains("\u{1B}[1m"))
        XCTAssertFalse(OrgcCommand.run(["diff", Self.base, multi]).out.contains("\u{1B}["))
        let file = try makeTemporaryDirectory().appendingPathComponent("d.json")
        let r = OrgcCommand.run(["diff", "--format", "json", "-o", file.path, Self.base, multi])
        XCTAssertEqual(r.code, 0)
        XCTAssertEqual(r.out, "")
        XCTAssertTrue(try String(contentsOf: file, encoding: .utf8).hasPrefix("{\n  \"schema_version\": 1,"))
    }

    /// Models damaged at random (lines deleted): the diff never traps, whatever the
    /// models' errors (the library API compares them anyway).
    func testDamagedModelsNeverTrap() throws {
        var rng = SeededRandom(for: self, default: 0xD1FF)
        let files = try ModelFiles.sample("hilden")
        let old = ModelVersion(checked: Analyzer.check(files: files), path: "hilden")
        for _ in 0..<30 {
            var edited = files
            let f = rng.below(files.count)
            var lines = String(decoding: files[f].bytes, as: UTF8.self).components(separatedBy: "\n")
            for _ in 0..<(1 + rng.below(4)) where !lines.isEmpty { lines.remove(at: rng.below(lines.count)) }
            edited[f] = SourceFile(path: files[f].path, bytes: Array(lines.joined(separator: "\n").utf8))
            let new = ModelVersion(checked: Analyzer.check(files: edited), path: "hilden")
            let d = ModelDiff.compare(old: old, new: new)
            let back = ModelDiff.compare(old: new, new: old)
            XCTAssertEqual(d.causes.count, back.causes.count)
            _ = DiffText.render(d, language: .de) + DiffMarkdown.render(back, language: .en) + DiffJSON.render(d) + DiffGitHub.render(back, language: .en)
        }
    }

    // MARK: Gate, usage, bad input

    func testGateExitCodes() throws {
        let multi = "Tests/OrgcTests/diff/cases/multi.orga"
        XCTAssertEqual(OrgcCommand.run(["diff", "--fail-above", "1", Self.base, multi]).code, 0)
        // Δ total +0.6036, Δ Amt +0.6036, Δ BB +0.4412, Δ Info +0.1625.
        let d = OrgcCommand.run(["diff", "--format", "json", "--fail-above", "0.2", Self.base, multi])
        XCTAssertEqual(d.code, 1)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(d.out.utf8)) as? [String: Any])
        let exceeded = (json["exceeded"] as? [[String: Any]]) ?? []
        XCTAssertEqual(exceeded.map { $0["kind"] as? String }, ["total", "unit", "unit"])
        XCTAssertEqual(exceeded.map { $0["id"] as? String }, [nil, "Amt", "BB"])
        // A decrease counts too: NEW → OLD.
        XCTAssertEqual(OrgcCommand.run(["diff", "--fail-above", "0.5", multi, Self.base]).code, 1)
    }

    func testUsageAndIOProblemsExitTwo() throws {
        for args in [["diff"], ["diff", Self.base], ["diff", "--fail-above", "x", Self.base, Self.base],
                     ["diff", "--fail-above", "-1", Self.base, Self.base], ["diff", Self.base, "no/such/model"],
                     ["diff", "--format", "pdf", Self.base, Self.base], ["diff", "--base", "HEAD", "a", "b"]] {
            let r = OrgcCommand.run(args)
            XCTAssertEqual(r.code, 2, "\(args): \(r.out)")
            XCTAssertFalse(r.err.isEmpty, "\(args)")
        }
    }

    /// Either model with errors: exit 2, its errors printed and marked old/new.
    func testModelWithErrorsExitsTwoAndSaysWhichSide() throws {
        let dir = try makeTemporaryDirectory()
        let broken = dir.appendingPathComponent("broken.orga")
        try "process P { volume 10 /year; step S { by Nobody; time 5 min } }\n".write(to: broken, atomically: true, encoding: .utf8)
        let r = OrgcCommand.run(["diff", "--lang", "en", Self.base, broken.path])
        XCTAssertEqual(r.code, 2)
        XCTAssertTrue(r.err.contains("the new model"), r.err)
        XCTAssertTrue(r.err.contains("[new] error"), r.err)
        let s = OrgcCommand.run(["diff", "--lang", "en", broken.path, Self.base])
        XCTAssertEqual(s.code, 2)
        XCTAssertTrue(s.err.contains("[old] error"), s.err)
        // German by default, like every command.
        let de = OrgcCommand.run(["diff", broken.path, Self.base])
        XCTAssertEqual(de.code, 2)
        XCTAssertTrue(de.err.contains("das alte Modell"), de.err)
        XCTAssertTrue(de.err.contains("[alt] Fehler[E301]: unbekannter Name: `Nobody`"), de.err)
    }

    // MARK: git

    @discardableResult
    private func git(_ args: [String], in dir: URL) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["git", "-c", "user.name=orgc", "-c", "user.email=orgc@example.invalid", "-c", "commit.gpgsign=false"] + args
        p.currentDirectoryURL = dir
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0, "git \(args)")
        return String(decoding: data, as: UTF8.self)
    }

    /// A real repository with two commits; the model in a sub-directory; run from
    /// another directory inside the repository with `--base HEAD~1`.
    func testBaseRevisionInARealGitRepository() throws {
        let repo = try makeTemporaryDirectory()
        let model = repo.appendingPathComponent("org/models")
        let elsewhere = repo.appendingPathComponent("docs")
        try FileManager.default.createDirectory(at: model.appendingPathComponent("processes"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        let base = try String(contentsOf: TestPaths.repositoryRoot.appendingPathComponent(Self.base), encoding: .utf8)
        // Split over two files, plus a hidden folder that must be skipped.
        let cut = try XCTUnwrap(base.range(of: "process Meldung"))
        try String(base[..<cut.lowerBound]).write(to: model.appendingPathComponent("org.orga"), atomically: true, encoding: .utf8)
        try String(base[cut.lowerBound...]).write(to: model.appendingPathComponent("processes/p.orga"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: model.appendingPathComponent(".hidden"), withIntermediateDirectories: true)
        try "garbage {{{".write(to: model.appendingPathComponent(".hidden/x.orga"), atomically: true, encoding: .utf8)
        try "notes\n".write(to: elsewhere.appendingPathComponent("README"), atomically: true, encoding: .utf8)
        try git(["init", "-q"], in: repo)
        try git(["add", "-A"], in: repo)
        try git(["commit", "-q", "-m", "base"], in: repo)
        let p = model.appendingPathComponent("processes/p.orga")
        try String(base[cut.lowerBound...]).replacingOccurrences(of: "by SB; time 15 min", with: "by SB; time 20 min")
            .write(to: p, atomically: true, encoding: .utf8)
        try git(["commit", "-q", "-am", "longer check"], in: repo)
        // An uncommitted edit in the working tree on top: the volume.
        try String(base[cut.lowerBound...]).replacingOccurrences(of: "by SB; time 15 min", with: "by SB; time 20 min")
            .replacingOccurrences(of: "volume 2_400 /year", with: "volume 3_000 /year").write(to: p, atomically: true, encoding: .utf8)

        let r = OrgcCommand.run(["diff", "--format", "json", "--base", "HEAD~1", "../org/models"], in: elsewhere)
        XCTAssertEqual(r.code, 0, r.err)
        let d = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        XCTAssertEqual((d["old"] as? [String: Any])?["rev"] as? String, "HEAD~1")
        let causes = (d["causes"] as? [[String: Any]]) ?? []
        XCTAssertEqual(causes.map { $0["kind"] as? String }, ["volume", "time"])
        XCTAssertEqual(causes.map { $0["file"] as? String }, ["../org/models/processes/p.orga", "../org/models/processes/p.orga"])
        XCTAssertEqual(causes.map { $0["line"] as? Int }, [3, 4])
        // HEAD against the working tree: only the volume.
        let head = OrgcCommand.run(["diff", "--format", "json", "--base", "HEAD"], in: model)
        XCTAssertEqual(head.code, 0, head.err)
        let hd = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(head.out.utf8)) as? [String: Any])
        XCTAssertEqual(((hd["causes"] as? [[String: Any]]) ?? []).map { $0["kind"] as? String }, ["volume"])
        // A single file of the model at a revision.
        let file = OrgcCommand.run(["diff", "--format", "json", "--base", "HEAD~1", "org/models/processes/p.orga"], in: repo)
        XCTAssertEqual(file.code, 2, "the file alone has unknown references: errors")
        XCTAssertTrue(file.err.contains("[alt]"), file.err)
        // Unknown revision; a path outside any repository.
        let unknown = OrgcCommand.run(["diff", "--base", "no-such-rev", "org/models"], in: repo)
        XCTAssertEqual(unknown.code, 2)
        XCTAssertTrue(unknown.err.contains("unknown revision `no-such-rev`"), unknown.err)
        let outside = try makeTemporaryDirectory()
        try base.write(to: outside.appendingPathComponent("m.orga"), atomically: true, encoding: .utf8)
        let notRepo = OrgcCommand.run(["diff", "--base", "HEAD", "."], in: outside)
        XCTAssertEqual(notRepo.code, 2)
        XCTAssertTrue(notRepo.err.contains("not in a git repository"), notRepo.err)
    }

    // MARK: Property: single-input edits of the samples

    /// Random single-number edits of the samples (a time, volume, planned, filled,
    /// cost, coverage, step share or worktime): the diff reports exactly that cause on
    /// the edited line, its moves are each position's Δ need, and every effect equals
    /// report(NEW) − report(OLD) from the JSON report.
    func testSingleInputEditsOfTheSamples() throws {
        var rng = SeededRandom(for: self, default: 0x0D1F_F10)
        let pattern = try NSRegularExpression(pattern: #"\b(time|volume|planned|filled|cost|coverage|share|worktime) ([0-9][0-9_]*(?:\.[0-9]+)?) "#)
        let expectedKind: [String: DiffCause.Kind] = ["time": .time, "volume": .volume, "planned": .planned, "filled": .filled,
                                                      "cost": .gradeCost, "coverage": .coverage, "share": .share]
        var checked = 0, whatIf = 0
        for sample in ["buergerbuero", "hilden", "landesamt"] {
            let files = try ModelFiles.sample(sample)
            let old = ModelVersion(checked: Analyzer.check(files: files), path: sample)
            XCTAssertFalse(old.checked.hasErrors)
            let oldReport = try report(old)
            let candidates = try Self.numberEdits(files, pattern)
            XCTAssertGreaterThan(candidates.count, 10, sample)
            var n = 0, attempts = 0
            while n < 25 && attempts < 200 {
                attempts += 1
                guard let c = rng.pick(candidates) else { break }
                var edited = files
                let text = String(decoding: files[c.file].bytes, as: UTF8.self) as NSString
                let oldNumber = Double(text.substring(with: c.range).replacingOccurrences(of: "_", with: "")) ?? 0
                let newNumber = c.keyword == "share" ? Double(1 + rng.below(99)) : (oldNumber + Double(1 + rng.below(9)) * max(1, (oldNumber / 10).rounded()))
                guard newNumber != oldNumber else { continue }
                let newText = text.replacingCharacters(in: c.range, with: NumberFormat.shortest(newNumber))
                edited[c.file] = SourceFile(path: files[c.file].path, bytes: Array(newText.utf8))
                let new = ModelVersion(checked: Analyzer.check(files: edited), path: sample)
                if new.checked.hasErrors { continue }
                n += 1
                checked += 1
                let what = "\(sample) \(files[c.file].path):\(c.line) \(c.keyword) \(oldNumber) → \(newNumber)"
                let diff = ModelDiff.compare(old: old, new: new)
                XCTAssertEqual(diff.causes.count, 1, what)
                guard let cause = diff.causes.first else { continue }
                XCTAssertEqual(cause.line, c.line, what)
                XCTAssertEqual(cause.file, files[c.file].path, what)
                XCTAssertTrue(diff.unattributed.isEmpty, what)
                if c.whatIf {
                    // A measure's cost or a `change` line: one cause, no effect on the base.
                    whatIf += 1
                    XCTAssertEqual(cause.kind, c.keyword == "cost" && !cause.property.hasPrefix("change") ? .measureCost : .change, what)
                    XCTAssertTrue(cause.isWhatIf, what)
                    XCTAssertTrue(cause.moves.isEmpty, what)
                    XCTAssertTrue(diff.units.isEmpty && diff.positions.isEmpty && diff.processes.isEmpty, what)
                    XCTAssertFalse(diff.totalNeed.changed || diff.totalNeedCost.changed || diff.totalPlanned.changed || diff.totalFilled.changed, what)
                    continue
                }
                if let k = expectedKind[c.keyword] { XCTAssertEqual(cause.kind, k, what) }
                if c.keyword == "worktime" { XCTAssertTrue([.setting, .worktime].contains(cause.kind), what) }
                try compareWithReports(diff, oldReport, try report(new), what)
            }
        }
        XCTAssertGreaterThanOrEqual(checked, 60)
        XCTAssertGreaterThan(whatIf, 0, "some edits fall inside measures or scenarios")
    }

    /// Every number after one of the keywords of `pattern` that is not in a comment:
    /// the file, the number's range, the keyword, the 1-based line.
    static func numberEdits(_ files: [SourceFile], _ pattern: NSRegularExpression) throws -> [(file: Int, range: NSRange, keyword: String, line: Int, whatIf: Bool)] {
        var candidates: [(file: Int, range: NSRange, keyword: String, line: Int, whatIf: Bool)] = []
        for (fi, f) in files.enumerated() {
            let text = String(decoding: f.bytes, as: UTF8.self)
            let ns = text as NSString
            for m in pattern.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
                let lineStart = ns.lineRange(for: NSRange(location: m.range.location, length: 0))
                let prefix = ns.substring(with: NSRange(location: lineStart.location, length: m.range.location - lineStart.location))
                if prefix.contains("//") { continue }   // in a comment
                let line = ns.substring(to: m.range.location).components(separatedBy: "\n").count
                candidates.append((fi, m.range(at: 2), ns.substring(with: m.range(at: 1)), line, Self.isInWhatIfDeclaration(ns, at: m.range.location)))
            }
        }
        return candidates
    }

    /// Numbers inside `measure`, `scenario` and `target` blocks are what-if inputs: they
    /// do not move the base model's figures (the declaration a line belongs to is the
    /// last unindented line).
    static func isInWhatIfDeclaration(_ text: NSString, at location: Int) -> Bool {
        let before = text.substring(to: location).components(separatedBy: "\n")
        for line in before.reversed() where !line.isEmpty && !line.hasPrefix(" ") && !line.hasPrefix("\t") && !line.hasPrefix("/") {
            let word = line.split(separator: " ").first.map(String.init) ?? ""
            return ["measure", "scenario", "target"].contains(word)
        }
        return false
    }

    /// Several edits at once (2–6 numbers, anywhere in a sample): one cause per edited
    /// statement, and the moves of all causes still add up to each position's Δ need
    /// (the Shapley split is exact), with nothing unattributed.
    func testSeveralEditsStillAddUp() throws {
        var rng = SeededRandom(for: self, default: 0x5EB_E7A1)
        let pattern = try NSRegularExpression(pattern: #"\b(time|volume|planned|filled|cost|coverage|worktime|allowance|leadership) ([0-9][0-9_]*(?:\.[0-9]+)?) "#)
        var checked = 0
        for sample in ["buergerbuero", "hilden", "landesamt"] {
            let files = try ModelFiles.sample(sample)
            let old = ModelVersion(checked: Analyzer.check(files: files), path: sample)
            let candidates = try Self.numberEdits(files, pattern)
            var n = 0, attempts = 0
            while n < 12 && attempts < 100 {
                attempts += 1
                var texts = files.map { String(decoding: $0.bytes, as: UTF8.self) as NSString }
                // Distinct statements, edited from the end of each file so ranges stay valid.
                var chosen: [(file: Int, range: NSRange, keyword: String, line: Int, whatIf: Bool)] = []
                for _ in 0..<(2 + rng.below(5)) {
                    if let c = rng.pick(candidates), !chosen.contains(where: { $0.file == c.file && $0.line == c.line }) { chosen.append(c) }
                }
                for c in chosen.sorted(by: { $0.file != $1.file ? $0.file < $1.file : $0.range.location > $1.range.location }) {
                    let v = Double(texts[c.file].substring(with: c.range).replacingOccurrences(of: "_", with: "")) ?? 0
                    let nv = c.keyword == "allowance" || c.keyword == "leadership" ? Double(1 + rng.below(30)) : v + Double(1 + rng.below(5)) * max(1, (v / 10).rounded())
                    texts[c.file] = texts[c.file].replacingCharacters(in: c.range, with: NumberFormat.shortest(nv)) as NSString
                }
                let edited = files.indices.map { SourceFile(path: files[$0].path, bytes: Array((texts[$0] as String).utf8)) }
                let new = ModelVersion(checked: Analyzer.check(files: edited), path: sample)
                if new.checked.hasErrors { continue }
                n += 1
                checked += 1
                let what = "\(sample): " + chosen.map { "\(files[$0.file].path):\($0.line) \($0.keyword)" }.joined(separator: ", ")
                let d = ModelDiff.compare(old: old, new: new)
                XCTAssertLessThanOrEqual(d.causes.count, chosen.count, what)
                XCTAssertTrue(d.unattributed.isEmpty, "\(what): \(d.unattributed)")
                var moved: [String: Double] = [:]
                for c in d.causes { for (id, fte) in c.moves { moved[id, default: 0] += fte } }
                for row in d.positions {
                    XCTAssertEqual(moved[row.id] ?? 0, row.need.delta ?? 0, accuracy: 1e-9, "\(what): \(row.id)")
                }
                let total = moved.values.reduce(0, +)
                XCTAssertEqual(total, d.totalNeed.delta ?? 0, accuracy: 1e-9, what)
            }
        }
        XCTAssertGreaterThanOrEqual(checked, 24)
    }

    private func report(_ v: ModelVersion) throws -> [String: Any] {
        let json = JSONReport.render(ReportContext(model: v.checked, result: v.result, language: .en))
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    }

    private func compareWithReports(_ diff: ModelDiff, _ a: [String: Any], _ b: [String: Any], _ what: String) throws {
        func number(_ o: [String: Any], _ key: String) -> Double { (o[key] as? Double) ?? 0 }
        func byID(_ r: [String: Any], _ key: String) -> [String: [String: Any]] {
            var d: [String: [String: Any]] = [:]
            for x in (r[key] as? [[String: Any]]) ?? [] { d[x["id"] as? String ?? ""] = x }
            return d
        }
        let ta = (a["totals"] as? [String: Any]) ?? [:], tb = (b["totals"] as? [String: Any]) ?? [:]
        XCTAssertEqual(diff.totalNeed.delta ?? 0, number(tb, "need_fte") - number(ta, "need_fte"), accuracy: 1e-9, what)
        XCTAssertEqual(diff.totalNeedCost.delta ?? 0, number(tb, "need_cost_eur") - number(ta, "need_cost_eur"), accuracy: 1e-6, what)
        XCTAssertEqual(diff.totalPlanned.delta ?? 0, number(tb, "planned_fte") - number(ta, "planned_fte"), accuracy: 1e-9, what)
        XCTAssertEqual(diff.totalFilled.delta ?? 0, number(tb, "filled_fte") - number(ta, "filled_fte"), accuracy: 1e-9, what)
        var moved: [String: Double] = [:]
        for (id, fte) in diff.causes.first?.moves ?? [] { moved[id] = fte }
        for (key, rows) in [("positions", diff.positions), ("units", diff.units)] {
            let oa = byID(a, key), ob = byID(b, key)
            let listed = Dictionary(rows.map { ($0.id, $0) }, uniquingKeysWith: { x, _ in x })
            for (id, x) in ob {
                let y = oa[id] ?? [:]
                for (field, figure) in [("need_fte", \StaffingDiffRow.need), ("planned_fte", \.planned), ("filled_fte", \.filled),
                                        ("gap_fte", \.gap), ("need_cost_eur", \.needCost)] {
                    let expected = number(x, field) - number(y, field)
                    let got = listed[id].flatMap { $0[keyPath: figure].delta } ?? 0
                    XCTAssertEqual(got, expected, accuracy: field == "need_cost_eur" ? 1e-6 : 1e-9, "\(what): \(key) \(id) \(field)")
                }
                if key == "positions" {
                    XCTAssertEqual(moved[id] ?? 0, number(x, "need_fte") - number(y, "need_fte"), accuracy: 1e-9, "\(what): moves of \(id)")
                }
            }
        }
        let pa = byID(a, "processes"), pb = byID(b, "processes")
        let listed = Dictionary(diff.processes.map { ($0.id, $0) }, uniquingKeysWith: { x, _ in x })
        for (id, x) in pb {
            let y = pa[id] ?? [:]
            XCTAssertEqual(listed[id]?.cases.delta ?? 0, number(x, "cases_per_year") - number(y, "cases_per_year"), accuracy: 1e-6, "\(what): \(id) cases")
        }
    }
}

private extension Array {
    func element(_ i: Int) -> Element? { indices.contains(i) ? self[i] : nil }
}
