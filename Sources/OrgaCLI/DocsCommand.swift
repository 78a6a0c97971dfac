import OrgaSyntax

/// `orgc docs reference|diagnostics` prints the Markdown reference generated from the
/// keyword table and the diagnostic catalogue. `docs/reference.md` and
/// `docs/diagnostics.md` are this output; a test keeps them in step.
enum DocsCommand {
    static func run(_ args: [String], io: CommandIO) -> Int32 {
        switch args.first {
        case "reference": io.out(reference()); return ExitCode.ok
        case "diagnostics": io.out(diagnostics()); return ExitCode.ok
        case "keywords": io.out(Keywords.words.joined(separator: "\n") + "\n"); return ExitCode.ok
        default:
            io.err("Usage: orgc docs reference|diagnostics|keywords\n")
            return ExitCode.usage
        }
    }

    static let contextTitles: [(BlockContext, String)] = [
        (.file, "Top level"), (.model, "`model` block"), (.grade, "`grade` block"), (.unit, "`unit` block"),
        (.position, "`position` block"), (.actor, "`actor` block"), (.system, "`system` block"),
        (.process, "`process` block"), (.step, "`step` block"), (.decide, "`decide` block"),
        (.dnaDefinition, "Top-level `dna` block"), (.criterion, "`criterion` block"),
        (.dnaRatings, "`dna` block inside a process"), (.measure, "`measure` block (v2)"),
        (.scenario, "`scenario` block (v2)"), (.target, "`target` block (v2)"), (.kpi, "`kpi` block (v2)"),
        (.deployment, "`deploy` block inside a pool unit (v2)"),
    ] + assessmentContextTitles

    /// Assessments: the maturity matrix and responsibility charts.
    static let assessmentContextTitles: [(BlockContext, String)] = [
        (.matrix, "`matrix` block"), (.matrixRating, "`rating` block inside a matrix"),
        (.raci, "`raci` block"), (.task, "`task` block"),
        (.programme, "`programme` block (v2)"), (.field, "`field` block inside a programme (v2)"),
        (.project, "`project` block (v2)"), (.milestone, "`milestone` block inside a project (v2)"),
    ]

    static func argumentSummary(_ spec: KeywordSpec) -> String {
        spec.args.map { a -> String in
            switch a.form {
            case .declName: return "NAME"
            case .title: return "[\"Title\"]"
            case .text: return "\"text\""
            case .quantity(let d): return quantityPlaceholder(d)
            case .year: return "YEAR"
            case .count: return "NUMBER"
            case .rating: return "NUMBER"
            case .date: return "YYYY-MM-DD"
            case .dateRange: return "YYYY-MM-DD..YYYY-MM-DD"
            case .datedFrom: return "[from YYYY-MM-DD]"
            case .optionalValue(let w, let d): return "[\(w) " + quantityPlaceholder(d) + "]"
            case .word(let w): return w
            case .optionalPhrase(let ws): return "[" + ws.joined(separator: " ") + "]"
            case .choice(let ws): return ws.joined(separator: "|")
            case .ref(let k): return refPlaceholder(k)
            case .refList(let k): return refPlaceholder(k) + ", …"
            case .target: return "NODE|end"
            case .arrowTarget: return "-> NODE|end"
            case .range: return "LOW..HIGH"
            case .localName: return "AREA"
            case .scoreList: return "N|-, …"
            case .nodePath: return "PROCESS.STEP"
            case .refPath(let k): return refPlaceholder(k) + "[.FIELD]"
            case .rest: return "…"
            }
        }.joined(separator: " ")
    }

    static func quantityPlaceholder(_ d: Dimension) -> String {
        switch d {
        case .effortTime: "N min|h"
        case .calendarTime: "N min|h|d|wk|mo"
        case .annualHours: "N h"
        case .caseRate: "N /year|/month|/week|/day"
        case .effortRate: "N h /year|/month|/week"
        case .capacity: "N fte"
        case .share: "N %"
        case .money: "N EUR"
        case .coverage: "N h /week"
        case .capacityOrEffortRate: "N fte | N h /year"
        case .signedShare: "±N %"
        case .moneyRate: "N EUR /year"
        case .capacityOrMoneyRate: "N fte | N EUR /year"
        }
    }

    static func refPlaceholder(_ k: DeclKinds) -> String {
        String(k.phrase.dropFirst(2)).replacingAll(", ", "|").replacingAll(" or ", "|").uppercased().replacingAll(" ", "_")
    }

    static func reference() -> String {
        var out = """
            # Orga keyword reference

            Generated from the keyword table (`Sources/OrgaSyntax/Keywords.swift`) by
            `orgc docs reference`; do not edit by hand. The language itself is described in
            [language.md](language.md).

            Notation: `NAME` a new name, `["Title"]` an optional display string, `N unit` a
            quantity, `A|B` alternatives, `[words]` optional words. *once* = at most once per
            block. *block* = opens a `{ … }` block on the same line.


            """
        for (context, title) in contextTitles {
            let specs = Keywords.all.filter { $0.contexts.contains(context) }
            if specs.isEmpty { continue }
            out += "## \(title)\n\n| statement | meaning | notes |\n|---|---|---|\n"
            for s in specs {
                let word = s.keyword == .rating ? "CRITERION" : s.word
                let shape = ([word] + (argumentSummary(s).isEmpty ? [] : [argumentSummary(s)])).joined(separator: " ")
                var notes: [String] = []
                if s.opens != nil { notes.append("block") }
                if s.unique { notes.append("once") }
                if s.isV2 { notes.append("v2") }
                out += "| `\(shape.replacingAll("|", "\\|"))` | \(s.doc.replacingAll("|", "\\|")) | \(notes.joined(separator: ", ")) |\n"
            }
            out += "\n"
        }
        out += "## Units\n\n| unit | meaning |\n|---|---|\n"
        for u in UnitWord.allCases { out += "| `\(u.rawValue)` | \(u.doc) |\n" }
        for r in RateWord.allCases { out += "| `/\(r.rawValue)` | per \(r.rawValue)\(r.perYear.map { " (× \(Int($0)) per year)" } ?? " (× `workdays` per year)") |\n" }
        out += "\n## Measured Prozess-DNA criteria (`from`)\n\n| measure | meaning |\n|---|---|\n"
        for m in MeasuredCriterion.allCases { out += "| `\(m.rawValue)` | \(m.doc) |\n" }
        return out
    }

    static func diagnostics() -> String {
        var out = """
            # Diagnostic codes

            Generated from `Sources/OrgaSyntax/DiagnosticCatalog.swift` by `orgc docs diagnostics`;
            do not edit by hand. `orgc explain --lang en CODE` prints the same text;
            `orgc explain CODE` prints it in German (`DiagnosticCatalogDE.swift`). Codes are
            stable: E = error, W = warning; 1xx syntax, 2xx quantities and values, 3xx names
            and structure, 4xx process flow, 5xx staffing inputs, 6xx Prozess-DNA, 7xx
            measures, scenarios and targets, 9xx ranges (uncertain estimates).


            """
        out += "| code | severity | title |\n|---|---|---|\n"
        for c in DiagnosticCode.allCases { out += "| [\(c.rawValue)](#\(c.rawValue.lowercased())) | \(c.defaultSeverity.rawValue) | \(c.title) |\n" }
        out += "\n"
        for c in DiagnosticCode.allCases {
            out += "## \(c.rawValue)\n\n**\(c.title)** (\(c.defaultSeverity.rawValue))\n\n\(c.explanation)\n\n"
        }
        return out
    }
}
