import XCTest
import Foundation
import OrgaTestSupport
import OrgaSyntax
import OrgaSemantics
@testable import OrgaImport

/// Windows-1252 bytes of a string that only uses Latin-1 letters (ä ö ü ß Ä Ö Ü) and ASCII.
private func cp1252(_ s: String) -> [UInt8] { s.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) } }

final class StellenplanImportTests: XCTestCase {
    let german = "Stellennummer;Bezeichnung;Organisationseinheit;Entgeltgruppe;Soll (VZÄ);Ist (VZÄ);kw-Vermerk\r\n"
        + "10.1.001;Sachbearbeitung Bürgerbüro;Bürgerbüro;E 8;1,0;0,5;\r\n"
        + "10.1.002;\"Leitung; Bürgerbüro\";Bürgerbüro;E 10;1;1;kw 2027\r\n"
        + "10.2.001;Teamassistenz;Zentrale Dienste;E 6;0,75;;\r\n"

    static let expectedGerman = """
        grade E8 "E 8"
        grade E10 "E 10"
        grade E6 "E 6"

        unit Bürgerbüro
        unit Zentrale_Dienste "Zentrale Dienste"

        /// Stellennummer: 10.1.001
        position S_10_1_001 "Sachbearbeitung Bürgerbüro" { in Bürgerbüro; grade E8; planned 1 fte; filled 0.5 fte }
        /// Stellennummer: 10.1.002
        position S_10_1_002 "Leitung; Bürgerbüro" { in Bürgerbüro; grade E10; planned 1 fte; filled 1 fte; kw 2027 }
        /// Stellennummer: 10.2.001
        position S_10_2_001 "Teamassistenz" { in Zentrale_Dienste; grade E6; planned 0.75 fte }

        """

    func importCSV(_ bytes: [UInt8], columns: [String: String] = [:], into: ExistingModel? = nil) -> ImportResult {
        StellenplanImporter.run("plan.csv", bytes, outputName: "plan.orga", into: into, columns: columns)
    }

    /// The declarations of the imported file, without its comment lines.
    func body(_ r: ImportResult) -> String {
        // The header comments (`// Imported from …`) go; doc comments (`///`) stay.
        let lines = (r.files.first?.text ?? "").split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("//") || $0.hasPrefix("///") }
        return lines.drop { $0.isEmpty }.joined(separator: "\n")
    }

    /// The same Stellenplan in every encoding and separator gives the same Orga.
    func testEveryEncodingAndSeparator() throws {
        let comma = german.replacingOccurrences(of: ";", with: ",").replacingOccurrences(of: "\"Leitung, Bürgerbüro\"", with: "\"Leitung; Bürgerbüro\"")
            .replacingOccurrences(of: ",1,0,0,5,", with: ",\"1,0\",\"0,5\",").replacingOccurrences(of: ",0,75,", with: ",\"0,75\",")
        let tab = german.replacingOccurrences(of: ";", with: "\t").replacingOccurrences(of: "\"Leitung\t Bürgerbüro\"", with: "\"Leitung; Bürgerbüro\"")
        let utf16: [UInt8] = [0xFF, 0xFE] + german.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let cases: [(String, [UInt8], String)] = [
            ("UTF-8", Array(german.utf8), "UTF-8, separator \";\""),
            ("UTF-8 BOM", [0xEF, 0xBB, 0xBF] + Array(german.utf8), "UTF-8 with BOM, separator \";\""),
            ("Windows-1252", cp1252(german), "Windows-1252, separator \";\""),
            ("comma", Array(comma.utf8), "UTF-8, separator \",\""),
            ("tab", cp1252(tab), "Windows-1252, separator tab"),
            ("UTF-16LE", utf16, "UTF-16LE, separator \";\""),
        ]
        for (name, bytes, how) in cases {
            let r = importCSV(bytes)
            XCTAssertFalse(r.hasErrors, "\(name): \(r.messages)")
            XCTAssertEqual(r.messages, [], name)
            XCTAssertEqual(body(r), Self.expectedGerman, name)
            XCTAssertTrue(r.files.first?.text.hasPrefix("// Imported from plan.csv by orgc import stellenplan: \(how), 3 positions.\n") == true, "\(name): \(r.files.first?.text.prefix(120) ?? "")")
            // The result is a model orgc reads: only the grades' missing costs are flagged.
            let model = Analyzer.check(files: [SourceFile(path: "plan.orga", text: r.files.first?.text ?? "")]).model
            XCTAssertEqual(Set(model.diagnostics.map(\.code.rawValue)), ["W511"], name)
            XCTAssertEqual(model.positions.map(\.planned), [1, 1, 0.75], name)
        }
    }

    func testEnglishHeadersAndColumnsMapping() throws {
        let english = "Position ID,Title,Unit,Pay grade,Planned FTE,Filled FTE\nP1,Clerk,Registry,A9,\"1,234.5\",1\n"
        var r = importCSV(Array(english.utf8))
        XCTAssertEqual(body(r), """
            grade A9

            unit Registry

            position P1 "Clerk" { in Registry; grade A9; planned 1234.5 fte; filled 1 fte }

            """)
        let odd = "Nr.;Text;OE-Kürzel;Bes.;Anteil %;Besetzt %\n7;Kasse;FB 2;A 9;50 %;25 %\n"
        r = importCSV(Array(odd.utf8), columns: ["unit": "OE-Kürzel", "planned": "Anteil %", "filled": "Besetzt %", "title": "Text"])
        XCTAssertFalse(r.hasErrors, "\(r.messages)")
        XCTAssertTrue(body(r).contains("position S_7 \"Kasse\" { in FB_2; grade A9; planned 0.5 fte; filled 0.25 fte }"), body(r))
        r = importCSV(Array(odd.utf8), columns: ["unit": "Organisation"])
        XCTAssertTrue(r.hasErrors)
        XCTAssertTrue(r.messages.first?.text.hasPrefix("--columns names \"Organisation\", not among the headers") == true, "\(r.messages)")
        XCTAssertThrowsError(try StellenplanImporter.parseColumns("stelle=Nr"))
        XCTAssertEqual(try StellenplanImporter.parseColumns("position=Stelle Nr, unit=OE"), ["position": "Stelle Nr", "unit": "OE"])
    }

    /// Every row left out is reported with its line and reason; the rest is imported.
    func testRejectedRowsAreReportedWithLineAndReason() {
        let csv = german
            + "10.2.002;Fehler;Zentrale Dienste;E6;viel;1;\r\n"
            + "\r\n"
            + ";Ohne Nummer;Zentrale Dienste;E6;1;1;\r\n"
            + "10.1.001;Doppelt;Bürgerbüro;E8;1;1;\r\n"
            + "10.3.001,Komma,Kasse,E9,1,1,\r\n"
            + "10.3.002;Ohne Soll;Kasse;E9;;1;\r\n"
            + "10.3.003;Negativ;Kasse;E9;-1;1;\r\n"
            + "10.3.004;Ohne Jahr;Kasse;E9;1;1;kw\r\n"
            + "\"10.3.005;Offen;Kasse;E9;1;1;\r\n"
        let r = importCSV(Array(csv.utf8))
        XCTAssertFalse(r.hasErrors)
        XCTAssertEqual(r.messages.map(\.rendered), [
            "plan.csv:5: warning: row left out: planned fte \"viel\" of position 10.2.002 is not a number between 0 and 10,000",
            "plan.csv:7: warning: row left out: no position (column \"Stellennummer\" is empty)",
            "plan.csv:8: warning: row left out: position 10.1.001 is already in line 2",
            "plan.csv:9: warning: row left out: 1 field where the header has 7 (a different separator or a stray quote?)",
            "plan.csv:10: warning: row left out: position 10.3.002 has no planned fte",
            "plan.csv:11: warning: row left out: planned fte \"-1\" of position 10.3.003 is not a number between 0 and 10,000",
            "plan.csv:12: warning: kw-Vermerk \"kw\" of position 10.3.004 names no year; `kw` left out",
            "plan.csv:13: warning: row left out: 1 field where the header has 7 (a different separator or a stray quote?)",
        ])
        XCTAssertTrue(body(r).hasSuffix("/// Stellennummer: 10.3.004\nposition S_10_3_004 \"Ohne Jahr\" { in Kasse; grade E9; planned 1 fte; filled 1 fte }\n"), body(r))
        XCTAssertEqual(r.summary.last, "7 rows left out (listed above with line and reason)")
    }

    func testIntoMatchesUnitsAndGrades() {
        let existing = ExistingModel(entries: [
            .init(name: "BB", title: "Bürgerbüro", kind: .unit),
            .init(name: "E8", title: nil, kind: .grade),
        ], takenNames: ["BB", "E8", "S_10_1_001"])
        let r = importCSV(Array(german.utf8), into: existing)
        XCTAssertEqual(body(r), """
            grade E10 "E 10"
            grade E6 "E 6"

            unit Zentrale_Dienste "Zentrale Dienste"

            /// Stellennummer: 10.1.001
            position S_10_1_001_2 "Sachbearbeitung Bürgerbüro" { in BB; grade E8; planned 1 fte; filled 0.5 fte }
            /// Stellennummer: 10.1.002
            position S_10_1_002 "Leitung; Bürgerbüro" { in BB; grade E10; planned 1 fte; filled 1 fte; kw 2027 }
            /// Stellennummer: 10.2.001
            position S_10_2_001 "Teamassistenz" { in Zentrale_Dienste; grade E6; planned 0.75 fte }

            """)
    }

    func testUnreadableFiles() {
        for (bytes, message, unreadable) in [
            ([UInt8](), "the file is empty; expected a Stellenplan as CSV", true),
            ([0x50, 0x4B, 0x03, 0x04, 0x00, 0x00], "a binary file (it contains NUL bytes), not CSV text", true),
            ([0xFF, 0xFE, 0x41], "UTF-16 (byte order mark) with an odd number of bytes: the file is cut off", true),
            (Array(" \n\n".utf8), "the file has no lines with content", true),
            (Array("Name;Wert\nA;1\n".utf8), "no column for the position (Stelle, Stellennummer) among the headers \"Name\", \"Wert\" (separator \";\"); name it with --columns position=HEADER", false),
            (Array("Stelle;Soll\n;x\n".utf8), "no row could be read (1 left out); nothing to import", false),
        ] as [([UInt8], String, Bool)] {
            let r = importCSV(bytes)
            XCTAssertTrue(r.hasErrors, message)
            XCTAssertEqual(r.unreadable, unreadable, message)
            XCTAssertTrue(r.messages.contains { $0.severity == .error && $0.text == message }, "\(r.messages)")
            XCTAssertEqual(r.files.count, 0)
        }
    }

    func testTheCommandWritesAtomicallyAndExitsByOutcome() throws {
        let dir = try makeTemporaryDirectory()
        let input = dir.appendingPathComponent("plan.csv")
        try Data(cp1252(german)).write(to: input)
        let out = dir.appendingPathComponent("plan.orga")
        var r = OrgcCommand.run(["import", "stellenplan", input.path, "-o", out.path])
        XCTAssertEqual(r.code, 0, r.err)
        XCTAssertTrue(r.out.contains("3 positions, 2 units (2 new), 3 grades (3 new); read as Windows-1252, separator \";\""), r.out)
        XCTAssertTrue(try String(contentsOf: out, encoding: .utf8).hasSuffix(Self.expectedGerman))
        try Data([0xFF, 0xFE, 0x41]).write(to: input)
        let other = dir.appendingPathComponent("other.orga")
        r = OrgcCommand.run(["import", "stellenplan", input.path, "-o", other.path])
        XCTAssertEqual(r.code, 2)
        XCTAssertTrue(r.err.contains("plan.csv: error: UTF-16"), r.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: other.path))
    }
}
