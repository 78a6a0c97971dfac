import XCTest
import Foundation
import OrgaTestSupport
import OrgaSemantics
import OrgaAnalysis
import OrgaSupport
@testable import OrgaGraphs

/// Every graph of every sample in German (`--lang de`, the default of `orgc graph`):
/// no English word and no English-formatted number in what a reader sees. The text a
/// reader sees is taken from each format (SVG text and tooltips, DOT labels, Mermaid
/// labels and comments, BPMN names and documentation); the model's own strings
/// (names, titles, codes, doc comments) are removed first — they are the author's.
final class GermanOutputTests: XCTestCase {
    /// English words orgc could write: the English drawing words and the common words
    /// of English labels. Words spelt alike in German (Start, System, min, IT, kw) are
    /// not in it.
    static let english: Set<String> = {
        var words: Set<String> = [
            "the", "and", "of", "per", "from", "until", "to", "incl", "with", "without", "more", "than",
            "planned", "filled", "need", "fte", "cases", "case", "year", "visits", "wait", "share", "owner",
            "source", "process", "processes", "end", "legend", "staff", "step", "actor", "calls", "call", "lead",
            "time", "days", "day", "external", "media", "break", "vacant", "head", "hiring", "freeze", "estimate",
            "timing", "selfreport", "mma", "keyfigure", "performer", "loop", "back", "edge", "decision", "unit",
            "position", "positions", "bound", "exceeds", "border", "width", "organisation", "chart", "lapse",
            "nodes", "edges", "truncated", "media_break", "h", "d", "wk",
        ]
        // Every word of the English drawing vocabulary that German does not share.
        let de = Set(allWords(Words.de))
        for w in allWords(Words.en) where !de.contains(w) { words.insert(w) }
        return words.subtracting(["start", "system", "min", "it", "kw", "legende", "organisation"])
    }()

    static func allWords(_ w: Words) -> [String] {
        Mirror(reflecting: w).children.compactMap { $0.value as? String }
            .flatMap { $0.lowercased().split { !$0.isLetter && $0 != "_" }.map(String.init) }
    }

    func testGermanGraphsHaveNoEnglish() throws {
        var scanned = 0
        for sample in GoldenTests.samples {
            let model = try loadSample(sample)
            let metrics = GraphMetrics.analyze(model)
            let own = Self.modelStrings(model)
            var outputs: [(String, String, GraphFormat)] = []
            for p in model.processes.ids {
                for show in [false, true] {
                    for format in GraphFormat.allCases {
                        let text = Graphs.process(model, p, format: format, metrics: metrics, showMetrics: show, words: .de)
                        outputs.append(("\(sample)/\(model.processes[p].name)\(show ? " --metrics" : "").\(format.rawValue)", text, format))
                    }
                }
            }
            for format in [GraphFormat.dot, .mermaid, .svg] {
                outputs.append(("\(sample)/org.\(format.rawValue)", Graphs.org(model, format: format, metrics: metrics, words: .de) ?? "", format))
                outputs.append(("\(sample)/landscape.\(format.rawValue)", Graphs.landscape(model, format: format, metrics: metrics, words: .de) ?? "", format))
            }
            if sample == "masterplan" {
                let whatIf = WhatIfAnalysis.analyze(model, base: StaffingAnalysis.analyze(model))
                for format in [GraphFormat.mermaid, .svg] {
                    outputs.append(("\(sample)/gantt.\(format.rawValue)", Graphs.gantt(model, format: format, german: true) ?? "", format))
                }
                for format in [GraphFormat.dot, .mermaid, .svg] {
                    outputs.append(("\(sample)/projects.\(format.rawValue)", Graphs.projects(model, whatIf: whatIf, format: format, german: true) ?? "", format))
                }
            }
            for (what, text, format) in outputs {
                let found = Self.englishIn(Self.visibleText(text, format), removing: own)
                XCTAssert(found.isEmpty, "\(what): " + found.prefix(10).joined(separator: " | "))
                scanned += 1
            }
        }
        // 19 processes (jugendamt has 2, masterplan 1) × 2 × 4 formats + 5 samples × 2 drawings × 3 formats,
        // and the masterplan's Gantt chart (2 formats) and projects graph (3 formats).
        XCTAssertEqual(scanned, 19 * 2 * 4 + 5 * 2 * 3 + 5)
    }

    /// The scan itself finds English words and numbers.
    func testScanFindsEnglish() {
        XCTAssertEqual(Self.englishIn("5,200 Fälle/Jahr · 4.735 VZÄ", removing: []), ["cases 5,200", "fte 4.735"])
        XCTAssertFalse(Self.englishIn("19.5 / 17 / 13.89 VZÄ", removing: []).isEmpty)
        XCTAssertFalse(Self.englishIn("Soll 0.18", removing: []).isEmpty)
        XCTAssertFalse(Self.englishIn("1,234.5 Fälle", removing: []).isEmpty)
        XCTAssertFalse(Self.englishIn("Quelle: timing", removing: []).isEmpty)
        XCTAssertFalse(Self.englishIn("planned 2 · filled 1", removing: []).isEmpty)
        XCTAssertEqual(Self.englishIn("5.200 Fälle/Jahr · 4,735 VZÄ gebunden · Liegezeit 2 Tage", removing: []), [])
        // Every format's visible text is read: the English drawings are caught.
        if let model = try? loadSample("hilden") {
            let metrics = GraphMetrics.analyze(model)
            for format in GraphFormat.allCases {
                let text = Graphs.process(model, ProcessID(0), format: format, metrics: metrics, showMetrics: true, words: .en)
                XCTAssertFalse(Self.englishIn(Self.visibleText(text, format), removing: Self.modelStrings(model)).isEmpty, "\(format)")
            }
            for format in [GraphFormat.dot, .mermaid, .svg] {
                let text = Graphs.org(model, format: format, metrics: metrics, words: .en) ?? ""
                XCTAssertFalse(Self.englishIn(Self.visibleText(text, format), removing: Self.modelStrings(model)).isEmpty, "org \(format)")
            }
        } else {
            XCTFail("hilden does not load")
        }
        // The author's strings are theirs: a code "10.1" or an English title is not orgc's.
        XCTAssertEqual(Self.englishIn("Sachgebiet · 10.1 · Intake and triage", removing: ["10.1", "Intake and triage"]), [])
    }

    /// English words (from the list) and English-formatted numbers: a decimal point not
    /// followed by exactly three digits (0.18, 16.75), or a comma group before a point
    /// (1,234.5).
    static func englishIn(_ text: String, removing own: [String]) -> [String] {
        // German dates (02.03.2022) are German; taken out first, so that removing the
        // model's own strings (a year) cannot leave "02.03." behind as a decimal point.
        var t = text.replacingOccurrences(of: #"\b\d{2}\.\d{2}\.\d{4}\b"#, with: " ", options: .regularExpression)
        for s in own where !s.isEmpty { t = t.replacingOccurrences(of: s, with: " ") }
        // Words of the author's strings stay allowed where a drawing wraps them apart.
        let ownWords = Set(own.flatMap { $0.lowercased().split { !$0.isLetter && $0 != "_" }.map(String.init) })
        var found: [String] = []
        for w in t.split(whereSeparator: { !$0.isLetter && $0 != "_" }) where english.contains(w.lowercased()) && !ownWords.contains(w.lowercased()) {
            found.append("word \"\(w)\"")
        }
        let scalars = Array(t.unicodeScalars)
        func isDigit(_ k: Int) -> Bool { k >= 0 && k < scalars.count && scalars[k].properties.numericType == .decimal }
        var k = 0
        while k < scalars.count {
            guard isDigit(k) else { k += 1; continue }
            var e = k
            while e < scalars.count && (isDigit(e) || ((scalars[e] == "." || scalars[e] == ",") && isDigit(e + 1))) { e += 1 }
            let number = String(String.UnicodeScalarView(scalars[k..<e]))
            let parts = number.split(separator: ".", omittingEmptySubsequences: false)
            let commaGroupBeforePoint = number.contains(",") && number.contains(".") && (number.firstIndex(of: ",")! < number.firstIndex(of: ".")!)
            let pointDecimal = parts.count == 2 && parts[1].count != 3 && !parts[1].contains(",")
            if commaGroupBeforePoint || pointDecimal { found.append("number \(number)") }
            // "5.200" and "4,735" are both German; the unit tells: fte carry decimals
            // (no thousands in these models), cases are counted.
            let after = String(String.UnicodeScalarView(scalars[e..<min(scalars.count, e + 8)]))
            if !commaGroupBeforePoint && !pointDecimal {
                if number.contains(".") && (after.hasPrefix(" VZÄ") || after.hasPrefix(" fte")) { found.append("fte \(number)") }
                if number.contains(",") && after.hasPrefix(" Fälle") { found.append("cases \(number)") }
            }
            k = e
        }
        return found
    }

    /// The strings of the model itself, longest first (so that a title is removed before
    /// a name inside it).
    static func modelStrings(_ m: Model) -> [String] {
        var s: [String?] = [m.settings.name, m.settings.title]
        for u in m.units { s += [u.name, u.title, u.doc, u.kind, u.code] }
        for p in m.positions { s += [p.name, p.title, p.doc, p.freezeUntil] }
        for a in m.actors { s += [a.name, a.title, a.doc] }
        for y in m.systems { s += [y.name, y.title, y.doc] }
        for p in m.processes {
            s += [p.name, p.title, p.doc, p.trigger, p.result]
            for n in p.nodes {
                s += [n.name, n.title, n.doc]
                for b in n.branches { s.append(b.title) }
            }
        }
        return Array(Set(s.compactMap { $0 }.flatMap { [$0, Escape.singleLine($0)] })).sorted { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }
    }

    /// What a reader sees of a file in one format.
    static func visibleText(_ text: String, _ format: GraphFormat) -> String {
        switch format {
        case .svg:
            // Texts, tooltips and the description (not the style sheet, not attributes).
            return unescapeXML(matches(#"<(?:text|title|desc)\b[^>]*>([^<]*)<"#, text).joined(separator: "\n"))
        case .bpmn:
            let names = matches(#" name="([^"]*)""#, text)
            let docs = matches(#"<bpmn:documentation>([^<]*)</bpmn:documentation>"#, text)
            return unescapeXML((names + docs).joined(separator: "\n"))
        case .dot:
            let labels = matches(#"(?:label|tooltip)="((?:[^"\\]|\\.)*)""#, text)
            return labels.joined(separator: "\n").replacingOccurrences(of: "\\n", with: "\n").replacingOccurrences(of: "\\l", with: "\n")
                .replacingOccurrences(of: "\\\"", with: "\"").replacingOccurrences(of: "\\\\", with: "\\")
        case .mermaid:
            let labels = matches(#""([^"]*)""#, text)
            let comments = matches(#"%% ([^\n]*)"#, text)
            return (labels + comments).joined(separator: "\n").replacingOccurrences(of: "<br/>", with: "\n")
                .replacingOccurrences(of: "#quot;", with: "\"").replacingOccurrences(of: "#91;", with: "[").replacingOccurrences(of: "#93;", with: "]")
                .replacingOccurrences(of: "#lt;", with: "<").replacingOccurrences(of: "#gt;", with: ">").replacingOccurrences(of: "#amp;", with: "&")
                .replacingOccurrences(of: "#35;", with: "#")
        }
    }

    static func matches(_ pattern: String, _ text: String) -> [String] {
        guard let re = try? NSRegularExpression(pattern: pattern) else { return [] }
        let ns = text as NSString
        return re.matches(in: text, range: NSRange(location: 0, length: ns.length)).compactMap { m in
            m.numberOfRanges > 1 ? ns.substring(with: m.range(at: 1)) : nil
        }
    }

    static func unescapeXML(_ s: String) -> String {
        s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&#10;", with: "\n").replacingOccurrences(of: "&amp;", with: "&")
    }
}
