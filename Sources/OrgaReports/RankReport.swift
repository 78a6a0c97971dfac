import OrgaSyntax
import OrgaSemantics
import OrgaAnalysis
import OrgaSupport

/// The Prozess-DNA ranking on its own (`orgc rank`): a text table, Markdown or JSON.
public enum RankReport {
    /// A plain-text table: rank, process, score, each criterion's contribution, complete.
    public static func text(_ ctx: ReportContext) -> String {
        let r = ctx.result
        let n = ctx.numbers
        var out = "\(ctx.t(.rankTitle))" + (ctx.modelTitle.isEmpty ? "" : ": \(Escape.plain(ctx.modelTitle))") + "\n\n"
        guard !r.dna.criteria.isEmpty else {
            out += ctx.language == .de ? "Das Modell definiert keine Prozess-DNA-Kriterien (`dna { criterion … }`).\n"
                                        : "The model defines no Prozess-DNA criteria (`dna { criterion … }`).\n"
            return out + findings(ctx)
        }
        let crits = r.dna.criteria
        var header = [ctx.t(.rank), ctx.t(.process), ctx.t(.score)]
        header += crits.map { Escape.plain(ctx.criterionTitle($0)) }
        header.append(ctx.t(.complete))
        var rows: [[String]] = []
        for p in r.dna.ranking {
            let s = r.dna.scores[p]
            var row = [s.rank.map(String.init) ?? n.missing, Escape.plain(ctx.processTitle(p)), n.fixed(s.score, 1)]
            row += s.criteria.map { n.fixed($0.contribution, 1) }
            let missing = s.criteria.filter { $0.value == nil }.map { Escape.plain(ctx.criterionTitle($0.criterion)) }
            row.append(s.complete ? ctx.t(.yes) : ctx.t(.no) + (missing.isEmpty ? "" : " (\(ctx.t(.missingRatings)): \(missing.joined(separator: ", ")))"))
            rows.append(row)
        }
        let rightAligned = Set([0, 2] + Array(3..<(3 + crits.count)))
        out += alignedTable(header, rows, right: rightAligned)
        out += "\n"
        // Legend: criteria with weight and kind.
        out += "\(ctx.t(.criterion)) (\(ctx.t(.weight))):\n"
        for k in crits {
            let c = ctx.model.criteria[k]
            out += "  \(Escape.plain(c.title ?? c.name)): \(ctx.t(.weight)) \(n.compact(c.weight, 2)), \(MarkdownReport.criterionKind(ctx, k))\n"
        }
        let note = ctx.language == .de
            ? "Punkte = 100 × Σ Gewicht × normierter Wert ÷ Σ Gewichte; die Spalten der Kriterien sind ihre Beiträge zu den Punkten.\n"
            : "Score = 100 × Σ weight × normalised value ÷ Σ weights; the criterion columns are their contributions to the score.\n"
        out += "\n" + note
        return out + findings(ctx)
    }

    static func findings(_ ctx: ReportContext) -> String {
        let relevant = ctx.diagnostics.filter { $0.severity == .error || $0.code.rawValue.hasPrefix("E6") || $0.code.rawValue.hasPrefix("W6") }
        guard !relevant.isEmpty else { return "" }
        var out = "\n\(ctx.t(.findings)):\n"
        for d in relevant {
            let (line, col) = ctx.lineColumn(d)
            out += "  \(d.path):\(line):\(col): \(ctx.severityText(d.severity))[\(d.code.rawValue)]: \(Escape.plain(ctx.message(d)))\n"
        }
        return out
    }

    /// Columns padded to their widest cell (counted in characters). A header wider than
    /// its column's cells is wrapped at spaces onto several lines (bottom-aligned), so
    /// that criterion titles do not make the table wider than its figures need.
    static func alignedTable(_ header: [String], _ rows: [[String]], right: Set<Int>) -> String {
        var widths = header.map { h in h.split(separator: " ").map(\.count).max() ?? 0 }
        for row in rows { for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) } }
        let headerLines = header.enumerated().map { i, h in HTMLReport.wrap(h, max(widths[i], 1)) }
        for (i, lines) in headerLines.enumerated() { widths[i] = max(widths[i], lines.map(\.count).max() ?? 0) }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (i, cell) in cells.enumerated() {
                let pad = String(repeating: " ", count: max(0, (i < widths.count ? widths[i] : 0) - cell.count))
                parts.append(right.contains(i) ? pad + cell : (i == cells.count - 1 ? cell : cell + pad))
            }
            return String(parts.joined(separator: "  ").reversed().drop(while: { $0 == " " }).reversed()) + "\n"
        }
        let height = headerLines.map(\.count).max() ?? 1
        var out = ""
        for k in 0..<height {
            out += line(headerLines.map { lines in
                let offset = height - lines.count
                return k >= offset ? lines[k - offset] : ""
            })
        }
        out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for row in rows { out += line(row) }
        return out
    }

    public static func markdown(_ ctx: ReportContext) -> String {
        var out = "# \(Escape.markdown(ctx.t(.rankTitle) + (ctx.modelTitle.isEmpty ? "" : ": \(ctx.modelTitle)")))\n\n"
        let section = MarkdownReport.dnaSection(ctx, level: 2)
        out += section.isEmpty ? (ctx.language == .de ? "Keine Prozess-DNA-Kriterien.\n\n" : "No Prozess-DNA criteria.\n\n") : section
        out += MarkdownReport.findingsSection(ctx, level: 2)
        return out
    }

    public static func json(_ ctx: ReportContext) -> JSONValue {
        .object([
            ("schema_version", .int(JSONReport.schemaVersion)),
            ("model", JSONReport.modelObject(ctx)),
            ("dna_criteria", .array(JSONReport.dnaCriteria(ctx))),
            ("dna", .array(JSONReport.dna(ctx))),
            ("diagnostics", .array(JSONReport.diagnostics(ctx))),
        ])
    }
}
