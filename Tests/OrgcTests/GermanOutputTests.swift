import Foundation
import OrgaTestSupport
import XCTest
import OrgaSyntax
import OrgaSemantics

/// Issue 18: with `--lang de` no English word and no English-formatted number reaches
/// the reader. Every command that writes for a reader runs on every sample in German;
/// the output (HTML: the text and the tooltips a reader sees) is scanned for words of a
/// list of English words and for numbers written the English way.
///
/// Allowed: the model's own identifiers (`SB_Orga`, `Stellenbewertung` — names the
/// author chose), a keyword of the language when it is quoted (`` `time` ``) or named
/// in parentheses ("Anteil (share)"), file paths, and units (h, min, EUR, VZÄ).
final class GermanOutputTests: XCTestCase {
    /// The samples and a broken model (its findings are part of every output).
    static let samples = ["Samples/hilden", "Samples/buergerbuero", "Samples/landesamt", "Samples/jugendamt", "Samples/masterplan", "Samples/sachgebiet", "Tests/OrgcTests/models/broken"]

    /// Command lines (without the sample path) whose output a German reader gets.
    static let commands: [[String]] = [
        ["report", "--lang", "de", "--format", "md"],
        ["report", "--lang", "de", "--format", "html"],
        ["report", "--lang", "de", "--format", "csv", "--units"],
        ["rank", "--lang", "de"],
        ["rank", "--lang", "de", "--format", "md"],
        ["check", "--lang", "de"],
    ]

    /// Commands that do not read a model, scanned once.
    static let modelFreeCommands: [[String]] = [["explain", "--lang", "de", "--list"]]
        + DiagnosticCode.allCases.map { ["explain", "--lang", "de", $0.rawValue] }

    /// Graph outputs scanned the same way (`orgc graph … --lang de`); the engineer who
    /// makes graphs German adds their command lines here.
    static let graphCommands: [[String]] = [
        ["graph", "--measures", "--lang", "de", "--format", "svg"],
        ["graph", "--measures", "--lang", "de", "--format", "mermaid"],
        ["report", "--lang", "de", "--format", "csv", "--what-if"],
        ["report", "--lang", "de", "--format", "csv", "--table", "matrices"],
        ["report", "--lang", "de", "--format", "csv", "--table", "raci"],
        ["report", "--lang", "de", "--format", "csv", "--table", "kpis"],
        ["report", "--lang", "de", "--format", "csv", "--table", "pools"],
    ]

    /// Command lines that need what only one sample declares (a scenario, a matrix, a
    /// responsibility chart).
    static let sampleCommands: [String: [[String]]] = [
        "Samples/buergerbuero": [
            ["graph", "--measures", "--scenario", "Soll2026", "--lang", "de", "--format", "svg"],
            ["report", "--scenario", "Soll2026", "--lang", "de", "--format", "md"],
            ["report", "--scenario", "Soll2026", "--lang", "de", "--format", "html"],
            ["report", "--scenario", "Soll2026", "--lang", "de", "--format", "csv"],
        ],
        "Samples/jugendamt": [
            ["graph", "--matrix", "Reife", "--lang", "de", "--format", "svg"],
            ["graph", "--matrix", "Reife", "--lang", "de", "--format", "md"],
            ["graph", "--matrix", "Reife", "--lang", "de", "--format", "csv"],
            ["graph", "--raci", "Funktionogramm", "--lang", "de", "--format", "md"],
            ["graph", "--raci", "Funktionogramm", "--lang", "de", "--format", "html"],
            ["graph", "--raci", "Leistungsgewaehrung", "--lang", "de", "--format", "csv"],
        ],
        "Samples/masterplan": [
            ["graph", "--gantt", "--lang", "de", "--format", "svg"],
            ["graph", "--gantt", "--lang", "de", "--format", "mermaid"],
            ["graph", "--projects", "--lang", "de", "--format", "svg"],
            ["graph", "--projects", "--lang", "de", "--format", "mermaid"],
            ["report", "--lang", "de", "--format", "csv", "--table", "projects"],
        ],
        "Samples/sachgebiet": [
            ["report", "--at", "2022-09-01", "--lang", "de", "--format", "md"],
            ["report", "--at", "2022-09-01", "--lang", "de", "--format", "csv", "--units"],
            ["report", "--year", "2023", "--lang", "de", "--format", "html"],
        ],
    ]

    /// English words that never belong in German output (lower case). Words that are
    /// also German (`an`, `am`, `man`, `die`, `digital`) or units are not listed.
    static let englishWords: Set<String> = [
        "the", "and", "of", "to", "is", "are", "has", "have", "but", "still", "with", "without", "not", "no", "per", "from",
        "for", "this", "that", "which", "only", "or", "be", "it", "its", "at", "on", "as",
        "position", "positions", "unit", "units", "process", "processes", "step", "steps", "need", "needs", "planned",
        "filled", "gap", "vacancy", "proposal", "cost", "costs", "case", "cases", "year", "years", "hours", "hour",
        "total", "totals", "rank", "score", "complete", "incomplete", "findings", "finding", "error", "errors",
        "warning", "warnings", "problems", "problem", "found", "source", "timing", "estimate", "selfreport",
        "keyfigure", "measured", "rated", "criterion", "criteria", "value", "values", "weight", "title", "owner",
        "lead", "days", "bound", "own", "work", "legend", "chart", "missing", "unknown", "grade", "grades", "report",
        "staffing", "assumptions", "overhead", "workplace", "leadership", "rounding", "workdays", "allowance",
        "volume", "capacity", "breaks", "handoffs", "leadtime", "legal", "citizen", "savings", "maturity",
        "surplus", "shortfall", "freeze", "until", "lapses", "remarks", "called", "calls", "surcharge",
        "deduction", "none", "given", "yes", "kind", "share", "time", "fte", "media", "help", "did", "you", "mean",
        "declared", "already", "named", "expected", "must", "cannot", "priced", "flat", "effort", "coverage",
    ]

    func testGermanOutputHasNoEnglishWordsOrNumbers() throws {
        var problems: [String] = []
        for sample in Self.samples {
            let allowed = try Self.identifiers(of: sample)
            for args in Self.commands + Self.graphCommands + (Self.sampleCommands[sample] ?? []) {
                let r = OrgcCommand.run(args + [sample])
                XCTAssertTrue(r.code == 0 || r.code == 1, "\(args) \(sample): \(r.err)")
                let text = args.contains("html") || args.contains("svg") ? Self.visibleText(ofHTML: r.out) : r.out
                for finding in Self.scan(text + "\n" + r.err, allowed: allowed) {
                    problems.append("\(args.joined(separator: " ")) \(sample): \(finding)")
                }
            }
            // `orgc diff` between the sample and an edited copy (volumes and planned fte
            // changed), text and Markdown.
            guard sample.hasPrefix("Samples/") else { continue }
            let edited = try Self.editedCopy(of: sample)
            defer { try? FileManager.default.removeItem(at: edited) }
            for format in ["text", "md"] {
                let r = OrgcCommand.run(["diff", "--lang", "de", "--format", format, sample, edited.path])
                XCTAssertTrue(r.code == 0 || r.code == 1, "diff \(format) \(sample): \(r.err)")
                XCTAssertFalse(r.out.isEmpty, "diff \(format) \(sample)")
                for finding in Self.scan(r.out + "\n" + r.err, allowed: allowed) {
                    problems.append("diff --format \(format) \(sample): \(finding)")
                }
            }
        }
        for args in Self.modelFreeCommands {
            for finding in Self.scan(OrgcCommand.run(args).out, allowed: []) { problems.append("\(args.joined(separator: " ")): \(finding)") }
        }
        XCTAssertEqual(problems, [], problems.prefix(40).joined(separator: "\n"))
        // The same scan on the English report finds plenty: the scan reads real output.
        let english = OrgcCommand.run(["report", "--lang", "en", "--format", "html", "Samples/hilden"]).out
        XCTAssertGreaterThan(Self.scan(Self.visibleText(ofHTML: english), allowed: try Self.identifiers(of: "Samples/hilden")).count, 100)
    }

    /// The scanner itself finds what it must find and lets pass what it must.
    func testScannerFindsEnglishWordsAndNumbers() {
        let allowed: Set<String> = ["SB_Orga", "Stellenbewertung"]
        XCTAssertEqual(Self.scan("position `P` is kw from 2022 but still has 1 fte planned", allowed: allowed).count, 8)
        XCTAssertEqual(Self.scan("1,234,567 Fälle/Jahr · 1,234.5 h", allowed: allowed), ["English number: 1,234,567", "English number: 1,234.5"])
        XCTAssertEqual(Self.scan("19.5 / 17 / 13.89 VZÄ", allowed: allowed), ["English number: 19.5", "English number: 13.89"])
        XCTAssertEqual(Self.scan("Quelle: timing", allowed: allowed), ["English word: timing"])
        XCTAssertEqual(Self.scan("SB_Orga: 1.590,25 h; 0,175 VZÄ; Anteil (share); `time`; bis 02.03.2022", allowed: allowed), [])
    }

    // MARK: Scanner

    static func scan(_ text: String, allowed: Set<String>) -> [String] {
        var t = text
        // Quoted code, source lines shown by `check`, dates, paths and the model's
        // identifiers are not prose.
        t = replace(t, "`[^`\\n]*`", " ")
        t = replace(t, "\\borgc [a-z]+", " ")
        t = replace(t, "(?m)^\\s*\\d* \\|.*$", " ")
        t = replace(t, "\\b\\d{2}\\.\\d{2}\\.\\d{4}\\b", " ")
        t = replace(t, "\\b\\d{4}-\\d{2}-\\d{2}\\b", " ")
        t = replace(t, "[A-Za-z0-9_./-]*\\.orga(:\\d+(:\\d+)?)?", " ")
        t = replace(t, "\\((" + Keywords.words.map { NSRegularExpression.escapedPattern(for: $0) }.joined(separator: "|") + ")\\)", " ")
        var out: [String] = []
        // English numbers: a decimal point followed by one, two or more than three digits
        // (German 1.590 has three: a thousands point), or commas grouping thousands twice or
        // before a decimal point (1,234,567 / 1,234.5). A single `5,200` cannot be told from
        // a German fte figure (`2,179`) and is left to the decimal checks.
        for pattern in ["(?<![\\d.,])\\d+\\.\\d{1,2}(?![\\d.,])", "(?<![\\d.,])\\d+\\.\\d{4,}",
                        "(?<![\\d.,])\\d{1,3}(,\\d{3}){2,}(?![\\d,])", "(?<![\\d.,])\\d{1,3}(,\\d{3})+\\.\\d+"] {
            for m in matches(t, pattern) { out.append("English number: \(m)") }
        }
        for word in matches(t, "[\\p{L}_][\\p{L}\\p{N}_]*") where !allowed.contains(word) {
            if englishWords.contains(word.lowercased()) { out.append("English word: \(word)") }
        }
        return out
    }

    /// Text and tooltips of an HTML report, without CSS and markup.
    static func visibleText(ofHTML html: String) -> String {
        var t = replace(html, "<style>[\\s\\S]*?</style>", " ")
        var tips: [String] = []
        for m in matches(t, "(title|aria-label)=\"[^\"]*\"") { tips.append(String(m.drop(while: { $0 != "\"" }).dropFirst().dropLast())) }
        t = replace(t, "<code>[^<]*</code>", " ")
        t = replace(t, "<[^>]*>", " ")
        t += "\n" + tips.joined(separator: "\n")
        for (entity, char) in [("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'")] {
            t = t.replacingOccurrences(of: entity, with: char)
        }
        return t
    }

    /// A copy of the sample in a temporary directory with every `volume` raised (a 1
    /// written before it: `volume 120` → `volume 1120`) and every `planned 1 fte` made
    /// `planned 2 fte`: a diff with figures in every section.
    static func editedCopy(of sample: String) throws -> URL {
        let source = TestPaths.repositoryRoot.appendingPathComponent(sample)
        let target = FileManager.default.temporaryDirectory
            .appendingPathComponent("orgc-german-diff-\(ProcessInfo.processInfo.processIdentifier)-\(source.lastPathComponent)")
        try? FileManager.default.removeItem(at: target)
        try FileManager.default.copyItem(at: source, to: target)
        let files = FileManager.default.enumerator(at: target, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        for f in files where f.pathExtension == "orga" {
            var text = try String(contentsOf: f, encoding: .utf8)
            text = replace(text, "volume (\\d+)(\\s*/)", "volume 1$1$2")
            text = text.replacingOccurrences(of: "planned 1 fte", with: "planned 2 fte")
            try text.write(to: f, atomically: true, encoding: .utf8)
        }
        return target
    }

    /// Every name the model declares (units, positions, processes, steps, criteria …).
    static func identifiers(of sample: String) throws -> Set<String> {
        let files = try ModelLoader.load(TestPaths.repositoryRoot.appendingPathComponent(sample).path)
        let model = Analyzer.check(files: files).model
        var names = Set(model.symbols.map(\.name))
        names.formUnion(model.criteria.map(\.name))
        names.formUnion(model.measures.map(\.name))
        names.formUnion(model.scenarios.map(\.name))
        if let n = model.settings.name { names.insert(n) }
        names.insert("orgc")
        return names
    }

    static func replace(_ s: String, _ pattern: String, _ with: String) -> String {
        guard let re = try? NSRegularExpression(pattern: pattern) else { return s }
        return re.stringByReplacingMatches(in: s, range: NSRange(s.startIndex..., in: s), withTemplate: with)
    }

    static func matches(_ s: String, _ pattern: String) -> [String] {
        guard let re = try? NSRegularExpression(pattern: pattern) else { return [] }
        return re.matches(in: s, range: NSRange(s.startIndex..., in: s)).compactMap { Range($0.range, in: s).map { String(s[$0]) } }
    }
}
