import OrgaSemantics
import OrgaAnalysis
import OrgaSupport

/// The CSV staffing report: one table of positions (and of units with `units: true`); the
/// last columns say whether the costs are complete (a unit with unpriced work or a
/// position without a grade: no), and give the kw-Vermerk and the Besetzungssperre.
/// `en`: `,` between cells and `.` as decimal point; `de`: `;` and decimal comma (what a
/// German Excel expects). UTF-8 with a byte order mark so that Excel shows umlauts;
/// CRLF line ends (RFC 4180); cells that start with `= + - @` are neutralised.
public enum CSVReport {
    public static let bom = "\u{FEFF}"

    public static func render(_ ctx: ReportContext, units: Bool = false, modelColumn: String? = nil, bom withBOM: Bool = true) -> String {
        let sep: Character = ctx.language == .de ? ";" : ","
        let n = NumberFormat(ctx.language, grouping: false, missing: "")
        func cell(_ s: String) -> String { Escape.csv(s, separator: sep, numeric: false) }
        func num(_ v: Double?, _ digits: Int) -> String { Escape.csv(n.fixed(v, digits), separator: sep, numeric: true) }
        let de = ctx.language == .de
        var header = [de ? "Art" : "kind", de ? "Kürzel" : "id", de ? "Bezeichnung" : "title", de ? "Einheit" : "unit",
                      de ? "Entgeltgruppe" : "grade", de ? "Soll VZÄ" : "planned_fte", de ? "Ist VZÄ" : "filled_fte",
                      de ? "Bedarf VZÄ" : "need_fte", de ? "Bedarf − Soll VZÄ" : "gap_fte", de ? "Vakanz VZÄ" : "vacancy_fte",
                      de ? "Vorschlag VZÄ" : "proposal_fte", de ? "Kosten Soll EUR" : "planned_cost_eur",
                      de ? "Kosten Bedarf EUR" : "need_cost_eur", de ? "vollständig" : "complete",
                      de ? "Kosten vollständig" : "cost_complete", ctx.t(.kwYear), ctx.t(.freezeUntil),
                      // The spread of the need from ranges (equal to the need, and 0, when exact) and
                      // the proposal at the 90th percentile (normal approximation; empty when exact).
                      de ? "Bedarf min VZÄ" : "need_fte_min", de ? "Bedarf max VZÄ" : "need_fte_max",
                      de ? "Bedarf σ VZÄ" : "need_fte_sd", de ? "Vorschlag P90 VZÄ (Näherung)" : "proposal_p90_fte"]
        // Time (docs/language.md): the period and the effective and ramp-up columns, last,
        // when the model has dated values or a `ramp` (or `--year`/`--at` was given).
        let period = ctx.showsEffective ? (ctx.evaluation.map { e in e.at.map { $0.text(ctx.language) } ?? e.span.text(ctx.language) } ?? "") : nil
        if ctx.showsEffective {
            header += [ctx.evaluation?.at != nil ? (de ? "Stichtag" : "date") : (de ? "Zeitraum" : "period"),
                       de ? "Ist wirksam VZÄ" : "filled_effective_fte", de ? "Einarbeitung VZÄ" : "rampup_loss_fte"]
        }
        func timeCells(_ f: (effective: Double, loss: Double)?) -> [String] {
            guard let period else { return [] }
            return [cell(period), num(f?.effective, 4), num(f?.loss, 4)]
        }
        if modelColumn != nil { header.insert(de ? "Modell" : "model", at: 0) }
        var lines: [String] = [header.map(cell).joined(separator: String(sep))]
        let yes = de ? "ja" : "yes", no = de ? "nein" : "no"
        let r = ctx.result
        for (i, m) in zip(ctx.model.positions.ids, ctx.model.positions) {
            let s = r.positions[i]
            var row = [cell(de ? "Stelle" : "position"), cell(m.name), cell(m.title ?? ""), cell(ctx.unitName(m.unit)),
                       cell(ctx.gradeName(m.grade)), num(s.planned, 4), num(s.filled, 4), num(s.need, 6), num(s.gap, 6),
                       num(s.vacancy, 4), num(s.proposal, 4), num(s.plannedCost, 2), num(s.needCost, 2), cell(s.complete ? yes : no),
                       cell(s.costPerFTE != nil ? yes : no), cell(m.kw.map(String.init) ?? ""), cell(m.freezeUntil.map(ctx.dateText) ?? ""),
                       num(s.needSpread.min, 6), num(s.needSpread.max, 6), num(s.needSpread.sd, 6), num(s.proposalP90, 4)]
                + timeCells(ctx.effective(position: i))
            if let mc = modelColumn { row.insert(cell(mc), at: 0) }
            lines.append(row.joined(separator: String(sep)))
        }
        if units {
            for (u, _) in ctx.unitRows {
                let m = ctx.model.units[u], s = r.units[u]
                var row = [cell(de ? "Einheit" : "unit"), cell(m.name), cell(m.title ?? ""), cell(ctx.unitName(m.parent)), cell(""),
                           num(s.planned, 4), num(s.filled, 4), num(s.need, 6), num(s.gap, 6), num(s.vacancy, 4), num(s.proposal, 4),
                           num(s.plannedCost, 2), num(s.needCost, 2), cell(s.complete ? yes : no),
                           cell(s.costComplete ? yes : no), cell(""), cell(""),
                           num(s.needSpread.min, 6), num(s.needSpread.max, 6), num(s.needSpread.sd, 6), num(s.proposalP90, 4)]
                    + timeCells(ctx.effective(unit: u))
                if let mc = modelColumn { row.insert(cell(mc), at: 0) }
                lines.append(row.joined(separator: String(sep)))
            }
        }
        return (withBOM ? bom : "") + lines.joined(separator: "\r\n") + "\r\n"
    }
}
