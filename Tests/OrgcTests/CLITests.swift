import Foundation
import OrgaTestSupport
import XCTest
@testable import OrgaCLI
import OrgaSyntax
import OrgaSupport

/// `orgc` as a command: exit codes, usage errors, help, version, explain.
final class CLITests: XCTestCase {
    private func orgc(_ args: String...) -> OrgcCommand.Result { OrgcCommand.run(args) }

    private func write(_ text: String, to name: String, in dir: URL) throws -> String {
        let url = dir.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    // MARK: check: exit codes

    func testCleanSamplesExit0() {
        for sample in ["Samples/hilden", "Samples/buergerbuero", "Samples/landesamt"] {
            let r = orgc("check", sample)
            XCTAssertEqual(r.code, 0, "\(sample): \(r.out)\(r.err)")
            XCTAssertEqual(r.out, "keine Probleme gefunden\n")   // --lang de is the default
            XCTAssertEqual(orgc("check", "--lang", "en", sample).out, "no problems found\n")
            XCTAssertEqual(r.err, "")
            XCTAssertEqual(orgc("check", "--strict", sample).code, 0, "the samples have no warnings either")
        }
    }

    func testSeveralModelsInOneRun() {
        let r = orgc("check", "Samples/hilden", "Samples/buergerbuero")
        XCTAssertEqual(r.code, 0)
        XCTAssertEqual(orgc("check", "Samples/hilden", "Tests/OrgcTests/models/broken").code, 1)
        // A missing path among others is a usage/IO problem: 2, whatever the others hold.
        XCTAssertEqual(orgc("check", "Samples/hilden", "Samples/nonexistent").code, 2)
    }

    func testErrorsExit1() {
        let r = orgc("check", "Tests/OrgcTests/models/broken")
        XCTAssertEqual(r.code, 1)
        XCTAssertTrue(r.out.hasSuffix("7 Fehler, 4 Warnungen\n"), r.out)
        XCTAssertTrue(orgc("check", "--lang", "en", "Tests/OrgcTests/models/broken").out.hasSuffix("7 errors, 4 warnings\n"))
    }

    func testWarningsExit0AndWithStrict1() throws {
        let dir = try TemporaryDirectory.make()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = try write("model M { year 2024 }\nunit A { position P { } }\n", to: "w.orga", in: dir)
        let plain = orgc("check", path)
        XCTAssertEqual(plain.code, 0, plain.out)
        XCTAssertTrue(plain.out.contains("Warnung[W510]"), plain.out)
        // W509 too: the position has no grade (reported also when the model has no grade at all).
        XCTAssertTrue(plain.out.hasSuffix("0 Fehler, 2 Warnungen\n"), plain.out)
        XCTAssertTrue(orgc("check", "--lang", "en", path).out.hasSuffix("0 errors, 2 warnings\n"))
        XCTAssertEqual(orgc("check", "--strict", path).code, 1)
        XCTAssertEqual(orgc("check", path, "--strict").code, 1, "options may follow paths")
        XCTAssertEqual(orgc("check", "--strict", "--format", "json", path).code, 1)
    }

    /// `--scenario S` on report, rank and graph; an unknown S is a usage error (exit 2)
    /// with a "did you mean".
    func testScenarioOption() {
        let md = orgc("report", "--scenario", "Soll2026", "Samples/buergerbuero")
        XCTAssertEqual(md.code, 0, md.err)
        XCTAssertTrue(md.out.contains("**Bericht für Szenario Soll2026"), md.out)
        // SB in Soll2026: 2.179 + 0.1245 − 0.4566 = 1.847 fte.
        XCTAssertTrue(md.out.contains("| SB | Sachbearbeitung Bürgerbüro | Meldewesen | E8 | 4,000 | 3,500 | 1,847 "), md.out)
        XCTAssertEqual(orgc("rank", "--scenario", "Soll2026", "Samples/buergerbuero").code, 0)
        let graph = orgc("graph", "--org", "--format", "dot", "--scenario", "Digital", "Samples/buergerbuero")
        XCTAssertEqual(graph.code, 0, graph.err)
        let measures = orgc("graph", "--measures", "--format", "mermaid", "--lang", "en", "--scenario", "Soll2026", "Samples/buergerbuero")
        XCTAssertTrue(measures.out.contains("-0.457 fte, 39,617 EUR/year, payback 0.38 y"), measures.out)
        for command in ["report", "rank", "graph"] {
            let bad = command == "graph" ? orgc(command, "--org", "--scenario", "Sol2026", "Samples/buergerbuero")
                                         : orgc(command, "--scenario", "Sol2026", "Samples/buergerbuero")
            XCTAssertEqual(bad.code, 2, command)
            XCTAssertTrue(bad.err.contains("no scenario `Sol2026` in the model; did you mean `Soll2026`?"), bad.err)
        }
        let csv = orgc("report", "--format", "csv", "--what-if", "--lang", "en", "Samples/buergerbuero")
        XCTAssertTrue(csv.out.contains("scenario_entry,Soll2026,DigitalePost,30,-0.456604,-39617.23,39617.23,0.3786"), csv.out)
    }

    /// W711 needs the staffing calculation: `orgc check` runs it for models with targets.
    /// A1 plans 2 fte and needs 1 (1,600 h ÷ 1,600 h): potential 1 fte < save 3 fte → shortfall 2 fte.
    func testCheckReportsTargetShortfall() throws {
        let dir = try TemporaryDirectory.make()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = try write("""
            model M { year 2024; worktime 1600 h }
            unit A1 { position P { planned 2 fte } }
            process X { owner A1; volume 1_600 /year; step S { by P; time 60 min } }
            target T { save 3 fte; across A1 }
            """, to: "t.orga", in: dir)
        let r = orgc("check", "--lang", "en", path)
        XCTAssertEqual(r.code, 0, r.out)
        XCTAssertTrue(r.out.contains("warning[W711]: target `T`: the units in scope have too little planned capacity above need; 2 fte"), r.out)
        XCTAssertEqual(orgc("check", "--strict", path).code, 1)
    }

    /// E833 is an analysis finding: `orgc check` reports it (German by default, with the
    /// date and both figures) and exits 1. 1 fte filled, 1 + 0.5 fte deployed from 01.02.
    func testCheckReportsPoolOverCommitment() throws {
        let dir = try TemporaryDirectory.make()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = try write("""
            model M { year 2025 }
            unit Pool { pool; position F { planned 1 fte; filled 1 fte }
              deploy A { to X; fte 1; period 2025-01-01..2025-12-31 }
              deploy B { to X; fte 0.5; period 2025-02-01..2025-02-28 } }
            unit X { }
            """, to: "p.orga", in: dir)
        let en = orgc("check", "--lang", "en", path)
        XCTAssertEqual(en.code, 1, en.out)
        XCTAssertTrue(en.out.contains("error[E833]: pool `Pool` deploys 1.5 fte on `2025-02-01`, but has only 1 fte effective filled on that day"), en.out)
        let de = orgc("check", path)
        XCTAssertTrue(de.out.contains("Pool `Pool` setzt am 01.02.2025 1,5 VZÄ ein, hat an diesem Tag aber nur 1 VZÄ effektiv besetzt"), de.out)
    }

    /// German findings write dates as a German reader does (01.02.2022, not 2022-02-01),
    /// and a year's average as reports round it (three decimals).
    func testGermanFindingsWriteGermanDatesAndRoundedAverages() throws {
        let dir = try TemporaryDirectory.make()
        defer { try? FileManager.default.removeItem(at: dir) }
        // filled 1 fte, 2 from 2022-02-01 (334 days): 1 + 334/365 = 1.915 fte on average;
        // planned 1 fte, 2 from 2022-07-01 (184 days): 1 + 184/365 = 1.504 fte.
        let path = try write("""
            model M { year 2022; worktime 1600 h }
            grade E9 { cost 1 EUR }
            unit U { position S { grade E9; planned 1 fte; planned 2 fte from 2022-07-01; planned 3 fte from 2022-07-01
              filled 1 fte; filled 2 fte from 2022-02-01; freeze until 2022-03-02 } }
            """, to: "t.orga", in: dir)
        let de = orgc("check", path)
        XCTAssertTrue(de.out.contains("`planned` ist in diesem Block schon ab 01.07.2022 gegeben"), de.out)
        XCTAssertTrue(de.out.contains("Stelle `S` wird am 01.02.2022 stärker besetzt, bevor ihre Besetzungssperre am 02.03.2022 endet"), de.out)
        XCTAssertTrue(de.out.contains("Stelle `S` ist mit 1,915 VZÄ besetzt, hat aber nur 1,504 VZÄ im Soll"), de.out)
    }

    /// Issue 17, item 12: a file named on the command line that is not `.orga` gets one
    /// clear message and exit 2, not hundreds of errors; `--any-extension` reads it anyway.
    func testNamedFileThatIsNotOrgaIsAUsageError() throws {
        let dir = try TemporaryDirectory.make()
        defer { try? FileManager.default.removeItem(at: dir) }
        let md = try write("# Report\n\n| a | b |\n|---|---|\n| 1 | 2 |\n", to: "report.md", in: dir)
        let orga = try write("unit A { position P { planned 1 fte } }\n", to: "m.txt", in: dir)
        for command in ["check", "report", "rank", "fmt"] {
            let r = orgc(command, md)
            XCTAssertEqual(r.code, 2, "\(command): \(r.out)\(r.err)")
            XCTAssertEqual(r.out, "", command)
            XCTAssertEqual(r.err, "orgc \(command): \(md) is not an .orga file; name a model directory or a .orga file (--any-extension reads it as Orga anyway)\n")
        }
        XCTAssertEqual(orgc("graph", "--org", md).code, 2)
        // With the flag the file is read as Orga: Markdown is full of errors (1), a model is clean (0).
        XCTAssertEqual(orgc("check", "--any-extension", md).code, 1)
        let clean = orgc("check", "--any-extension", orga)
        XCTAssertEqual(clean.code, 0, clean.out + clean.err)
        XCTAssertTrue(clean.out.hasSuffix("0 Fehler, 1 Warnung\n"), clean.out)   // W509: P has no grade
        // A directory is a model whatever its name; its non-.orga files are not read.
        XCTAssertEqual(orgc("check", dir.path).code, 2, "a directory without .orga files is an I/O problem")
        _ = try write("unit B\n", to: "b.orga", in: dir)
        XCTAssertEqual(orgc("check", dir.path).code, 0)
        XCTAssertTrue(orgc("check", "--help").out.contains("--any-extension"))
    }

    /// Issue 17, item 4: `fmt --stdin` and `fmt FILE` keep a comment's bytes exactly,
    /// invalid UTF-8 included (no U+FFFD), and `check` warns about it (W122).
    func testFmtKeepsInvalidUTF8InCommentsByteForByteOnEveryPath() throws {
        let input: [UInt8] = Array("//".utf8) + [0xC3] + Array(" x\nunit   A   /* caf".utf8) + [0xE9] + Array(" */\n".utf8)
        let expected: [UInt8] = Array("//".utf8) + [0xC3] + Array(" x\nunit A /* caf".utf8) + [0xE9] + Array(" */\n".utf8)
        // Standard input to standard output.
        let (io, read) = CommandIO.captureBytes(input: input)
        XCTAssertEqual(Orgc.run(["fmt", "--stdin"], io: io), 0, read().err)
        XCTAssertEqual(read().out, expected)
        XCTAssertFalse(read().out.contains(0xBF), "no U+FFFD (EF BF BD) in the output")
        // Already formatted input comes back unchanged.
        let (io2, read2) = CommandIO.captureBytes(input: expected)
        XCTAssertEqual(Orgc.run(["fmt", "--stdin"], io: io2), 0)
        XCTAssertEqual(read2().out, expected)
        // A file, rewritten in place: the same bytes.
        let dir = try TemporaryDirectory.make()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("c.orga")
        try Data(input).write(to: url)
        XCTAssertEqual(orgc("fmt", url.path).code, 0)
        XCTAssertEqual([UInt8](try Data(contentsOf: url)), expected)
        // `check` warns once per comment; warnings alone exit 0.
        let check = orgc("check", "--format", "json", url.path)
        XCTAssertEqual(check.code, 0, check.out)
        let diagnostics = (try CheckOutput.json(check.out) as? [String: Any])?["diagnostics"] as? [[String: Any]] ?? []
        let codes = diagnostics.compactMap { $0["code"] as? String }
        XCTAssertEqual(codes, ["W122", "W122"])
    }

    func testCurrentDirectoryIsTheDefaultModel() throws {
        let dir = try TemporaryDirectory.make()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try write("unit A { kind 12 }\n", to: "sub/a.orga", in: dir)
        let fm = FileManager.default
        let previous = fm.currentDirectoryPath
        _ = fm.changeCurrentDirectoryPath(dir.path)
        defer { _ = fm.changeCurrentDirectoryPath(previous) }
        let (io, read) = CommandIO.capture()
        XCTAssertEqual(Orgc.run(["check"], io: io), 1)
        XCTAssertTrue(read().out.contains("--> ./sub/a.orga:1:15"), read().out)
    }

    // MARK: check: I/O problems exit 2

    func testMissingPathExits2() {
        let r = orgc("check", "Samples/does-not-exist")
        XCTAssertEqual(r.code, 2)
        XCTAssertEqual(r.out, "")
        XCTAssertTrue(r.err.contains("Samples/does-not-exist: no such file or directory"), r.err)
    }

    func testPathUnderANonDirectoryExits2() {
        // `Samples/README.md` is a file, so nothing can be below it (ENOTDIR).
        let r = orgc("check", "Samples/README.md/model.orga")
        XCTAssertEqual(r.code, 2)
        XCTAssertTrue(r.err.contains("no such file or directory"), r.err)
    }

    func testDirectoryWithoutOrgaFilesExits2() throws {
        let dir = try TemporaryDirectory.make()
        defer { try? FileManager.default.removeItem(at: dir) }
        // A directory whose name ends in `.orga` is a directory, not a file to read.
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("looks-like-a-file.orga"), withIntermediateDirectories: true)
        _ = try write("not a model", to: "notes.txt", in: dir)
        let r = orgc("check", dir.path)
        XCTAssertEqual(r.code, 2)
        XCTAssertTrue(r.err.contains("no .orga files found"), r.err)
    }

    func testUnreadableFileExits2() throws {
        let dir = try TemporaryDirectory.make()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = try write("unit A\n", to: "secret.orga", in: dir)
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path) }
        if FileManager.default.isReadableFile(atPath: path) {
            throw XCTSkip("running as root: a chmod 000 file is still readable (the other I/O tests cover exit 2)")
        }
        let r = orgc("check", path)
        XCTAssertEqual(r.code, 2)
        XCTAssertTrue(r.err.contains("cannot open file"), r.err)
    }

    func testFileThatCannotBeReadExits2() throws {
        // Opening works, reading fails (EIO): the "cannot read" path, even as root.
        let path = "/proc/self/mem"
        guard FileManager.default.fileExists(atPath: path) else { throw XCTSkip("no /proc on this system") }
        let r = orgc("check", "--any-extension", path)
        XCTAssertEqual(r.code, 2)
        XCTAssertTrue(r.err.hasPrefix("orgc: /proc/self/mem: cannot"), r.err)
    }

    func testDanglingSymlinkExits2() throws {
        let dir = try TemporaryDirectory.make()
        defer { try? FileManager.default.removeItem(at: dir) }
        let link = dir.appendingPathComponent("gone.orga").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: dir.appendingPathComponent("missing.orga").path)
        XCTAssertEqual(orgc("check", link).code, 2)
    }

    func testSymlinksReadEveryFileOnce() throws {
        // A link back up the tree and two links to one directory: each file is read
        // once (no spurious E303 for a file seen twice), and the walk ends.
        let dir = try TemporaryDirectory.make()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try write("unit A { bogus }\n", to: "m/a.orga", in: dir)
        _ = try write("unit B { bogus }\n", to: "m/sub/b.orga", in: dir)
        _ = try write("unit X { bogus }\n", to: "other/x/x.orga", in: dir)
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: dir.appendingPathComponent("m/sub/up").path, withDestinationPath: "..")
        try fm.createSymbolicLink(atPath: dir.appendingPathComponent("m/linkx").path, withDestinationPath: "../other/x")
        try fm.createDirectory(at: dir.appendingPathComponent("m/deep"), withIntermediateDirectories: true)
        try fm.createSymbolicLink(atPath: dir.appendingPathComponent("m/deep/linkx2").path, withDestinationPath: "../../other/x")
        try fm.createSymbolicLink(atPath: dir.appendingPathComponent("m/also-a.orga").path, withDestinationPath: "a.orga")
        let r = orgc("check", "--format", "json", dir.appendingPathComponent("m").path)
        XCTAssertEqual(r.code, 1, r.err)
        let root = try XCTUnwrap(try CheckOutput.json(r.out) as? [String: Any])
        let diags = try XCTUnwrap(root["diagnostics"] as? [[String: Any]])
        XCTAssertEqual(diags.compactMap { $0["code"] as? String }, ["E111", "E111", "E111"], r.out)
    }

    // MARK: usage errors exit 2

    func testBadOptionsExit2() {
        for args in [["check", "--format", "xml", "Samples/hilden"], ["check", "--bogus", "Samples/hilden"],
                     ["check", "Samples/hilden", "--format"], ["check", "--color", "sometimes", "Samples/hilden"],
                     ["check", "--strict=yes", "Samples/hilden"], ["frobnicate"], []] {
            let r = OrgcCommand.run(args)
            XCTAssertEqual(r.code, 2, "\(args): \(r.err)")
            XCTAssertEqual(r.out, "", "\(args): nothing on stdout")
            XCTAssertFalse(r.err.isEmpty, "\(args): a message on stderr")
        }
        XCTAssertTrue(orgc("check", "--format", "xml").err.contains("--format must be one of text, json, github, sarif, not `xml`"))
        XCTAssertTrue(orgc("chekc").err.contains("did you mean `check`?"))
    }

    func testOptionFormsAndDoubleDash() throws {
        XCTAssertEqual(orgc("check", "--format=json", "Samples/hilden").code, 0)
        let dir = try TemporaryDirectory.make()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try write("unit A\n", to: "-odd.orga", in: dir)
        let fm = FileManager.default
        let previous = fm.currentDirectoryPath
        _ = fm.changeCurrentDirectoryPath(dir.path)
        defer { _ = fm.changeCurrentDirectoryPath(previous) }
        let (io, read) = CommandIO.capture()
        XCTAssertEqual(Orgc.run(["check", "--", "-odd.orga"], io: io), 0, read().err)
    }

    // MARK: help and version

    func testHelpAndVersion() {
        for flag in ["--help", "-h", "help"] {
            let r = orgc(flag)
            XCTAssertEqual(r.code, 0)
            XCTAssertTrue(r.out.contains("Usage: orgc <command>"), r.out)
            XCTAssertTrue(r.out.contains("check"), r.out)
        }
        let check = orgc("check", "--help")
        XCTAssertEqual(check.code, 0)
        XCTAssertTrue(check.out.hasPrefix("Usage: orgc check"), check.out)
        XCTAssertTrue(check.out.contains("--strict"))
        for flag in ["--version", "-V", "version"] {
            let r = orgc(flag)
            XCTAssertEqual(r.code, 0)
            XCTAssertEqual(r.out, "orgc \(OrgaVersion.string)\n")
        }
        XCTAssertNotNil(OrgaVersion.string.range(of: #"^\d+\.\d+\.\d+"#, options: .regularExpression))
    }

    // MARK: explain

    func testExplainACode() {
        let r = orgc("explain", "--lang", "en", "E301")
        XCTAssertEqual(r.code, 0)
        XCTAssertTrue(r.out.hasPrefix("E301 (error): unknown name\n\n"), r.out)
        XCTAssertTrue(r.out.contains("did you mean") || r.out.contains("similar name"), r.out)
        XCTAssertEqual(orgc("explain", "--lang", "en", "e301").out, r.out, "codes are case-insensitive")
        let w = orgc("explain", "--lang=en", "W408")
        XCTAssertTrue(w.out.hasPrefix("W408 (warning): "), w.out)
        let two = orgc("explain", "E301", "E401", "--lang", "en")
        XCTAssertEqual(two.code, 0)
        XCTAssertTrue(two.out.contains("E401 (error)"))
        // German is the default, as for every command that writes for a reader.
        let de = orgc("explain", "E301")
        XCTAssertTrue(de.out.hasPrefix("E301 (Fehler): unbekannter Name\n\n"), de.out)
        XCTAssertTrue(de.out.contains("ähnlichen Namen"), de.out)
        XCTAssertEqual(orgc("explain", "--lang", "fr", "E301").code, 2)
    }

    func testExplainListsEveryCode() {
        for (lang, de) in [("en", false), ("de", true)] {
            let r = orgc("explain", "--lang", lang, "--list")
            XCTAssertEqual(r.code, 0)
            let lines = r.out.split(separator: "\n").map(String.init)
            XCTAssertEqual(lines.count, DiagnosticCode.allCases.count)
            for (line, code) in zip(lines, DiagnosticCode.allCases) {
                let severity = de ? (code.defaultSeverity == .error ? "Fehler" : "Warnung") : code.defaultSeverity.rawValue
                XCTAssertTrue(line.hasPrefix("\(code.rawValue)  \(severity)  "), line)
                XCTAssertTrue(line.hasSuffix(de ? code.germanTitle : code.title), line)
            }
            // Every code has a long explanation that `explain` prints.
            for code in DiagnosticCode.allCases {
                let e = orgc("explain", "--lang", lang, code.rawValue)
                XCTAssertEqual(e.code, 0)
                XCTAssertTrue(e.out.contains(de ? code.germanExplanation : code.explanation), code.rawValue)
            }
        }
    }

    /// Every code has a German title and a German explanation of its own (not the
    /// English fallback): German output stays German when a code is added.
    func testEveryCodeIsExplainedInGerman() {
        for code in DiagnosticCode.allCases {
            XCTAssertNotEqual(code.germanTitle, code.title, "\(code.rawValue) has no German title (DiagnosticCatalogDE.swift)")
            XCTAssertNotEqual(code.germanExplanation, code.explanation, "\(code.rawValue) has no German explanation (DiagnosticCatalogDE.swift)")
        }
    }

    func testExplainUnknownCodeExits2() {
        let r = orgc("explain", "--lang", "en", "E999")
        XCTAssertEqual(r.code, 2)
        XCTAssertTrue(r.err.contains("unknown diagnostic code `E999`"), r.err)
        XCTAssertTrue(orgc("explain", "E999").err.contains("unbekannter Code `E999`"))
        XCTAssertEqual(orgc("explain", "E301", "X1").code, 2, "one unknown code fails the run")
        XCTAssertEqual(orgc("explain").code, 2)
        XCTAssertEqual(orgc("explain", "--help").code, 0)
    }

    // MARK: output details

    func testColor() throws {
        let always = orgc("check", "--color", "always", "Tests/OrgcTests/models/broken")
        XCTAssertTrue(always.out.contains("\u{1B}[1;31mFehler[E"), always.out)
        XCTAssertTrue(always.out.contains("\u{1B}[1;33mWarnung[W"), always.out)
        for args in [["check", "--color", "never", "Tests/OrgcTests/models/broken"], ["check", "Tests/OrgcTests/models/broken"]] {
            XCTAssertFalse(OrgcCommand.run(args).out.contains("\u{1B}"), "no colour when captured / never")
        }
    }

    func testTextOutputShowsSourceLineAndCaret() {
        let r = orgc("check", "--lang", "en", "Tests/OrgcTests/models/broken")
        XCTAssertTrue(r.out.contains("""
            error[E301]: no unit, position, actor or system named `Sachbearbeitng`; did you mean `Sachbearbeitung`?
              --> Tests/OrgcTests/models/broken/prozesse/meldung.orga:5:40
              |
            5 |   step Prüfen "Unterlagen prüfen" { by Sachbearbeitng; time 15 min }
              |                                        ^^^^^^^^^^^^^^
              = help: Change to `Sachbearbeitung`
            """), r.out)
    }

    func testOutputIsDeterministic() {
        for format in ["text", "json", "github", "sarif"] {
            let a = orgc("check", "--format", format, "Tests/OrgcTests/models/broken", "Samples/hilden")
            let b = orgc("check", "--format", format, "Tests/OrgcTests/models/broken", "Samples/hilden")
            XCTAssertEqual(a.out, b.out, format)
        }
    }

    func testGitHubEscaping() throws {
        let dir = try TemporaryDirectory.make()
        defer { try? FileManager.default.removeItem(at: dir) }
        // A path with `,` and `:` and a message with `%` must be escaped for the runner.
        let path = try write("model M { allowance 150 % }\n", to: "a,b:c.orga", in: dir)
        let r = orgc("check", "--format", "github", path)
        XCTAssertEqual(r.code, 1)
        XCTAssertTrue(r.out.hasPrefix("::error file=" + path.replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C") + ",line=1,col=21,"), r.out)
        XCTAssertTrue(r.out.contains("between 0 and 100 %25"), r.out)
    }
}
