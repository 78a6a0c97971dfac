import OrgaSemantics
import OrgaAnalysis
import OrgaSupport

extension CSVReport {
    /// The what-if table (`orgc report --format csv --what-if`): one row per scenario
    /// entry (its effect) and one per unit of each target (both cuts), in one table with
    /// one header, so that a spreadsheet filters it by the first column.
    public static func whatIf(_ ctx: ReportContext, bom withBOM: Bool = true) -> String {
        let sep: Character = ctx.language == .de ? ";" : ","
        let n = NumberFormat(ctx.language, grouping: false, missing: "")
        func cell(_ s: String) -> String { Escape.csv(s, separator: sep, numeric: false) }
        func num(_ v: Double?, _ digits: Int) -> String { Escape.csv(n.fixed(v, digits), separator: sep, numeric: true) }
        let de = ctx.language == .de
        let header = [de ? "Art" : "kind", de ? "Szenario/Ziel" : "scenario_or_target", de ? "Schritt/Einheit" : "entry_or_unit",
                      de ? "Zeile" : "line", de ? "Δ Bedarf VZÄ" : "delta_need_fte", de ? "Δ Bedarfskosten EUR" : "delta_need_cost_eur",
                      de ? "Einsparung EUR/Jahr" : "annual_saving_eur", de ? "Amortisation Jahre" : "payback_years",
                      de ? "Soll VZÄ" : "planned_fte", de ? "Bedarf VZÄ" : "need_fte", de ? "Potenzial VZÄ" : "potential_fte",
                      de ? "Kürzung pauschal VZÄ" : "cut_across_fte", de ? "Deckung pauschal VZÄ" : "cover_across_fte",
                      de ? "Kürzung nach Potenzial VZÄ" : "cut_potential_fte", de ? "Deckung nach Potenzial VZÄ" : "cover_potential_fte"]
        var lines = [header.map(cell).joined(separator: String(sep))]
        let empty = Array(repeating: "", count: 7)
        for a in ctx.whatIf.scenarios where ctx.base.scenarios.contains(a.scenario) {
            for e in a.entries {
                let label = e.isApply ? (e.measure.map { ctx.base.measures[$0].name } ?? "") : ctx.w(.changeRun)
                let row = [cell(de ? "Szenario-Schritt" : "scenario_entry"), cell(ctx.base.scenarios[a.scenario].name), cell(label),
                           String(ctx.sources.lineColumn(e.location).line), num(e.deltaNeed, 6), num(e.deltaNeedCost, 2),
                           num(e.isApply ? e.annualSaving : nil, 2), num(e.isApply ? e.paybackYears : nil, 4)] + empty
                lines.append(row.joined(separator: String(sep)))
            }
        }
        for r in ctx.whatIf.targets where ctx.base.targets.contains(r.target) {
            for u in r.rows {
                let row = [cell(de ? "Ziel-Einheit" : "target_unit"), cell(ctx.base.targets[r.target].name), cell(ctx.base.units[u.unit].name),
                           "", "", "", "", "", num(u.planned, 4), num(u.need, 6), num(u.potential, 6), num(u.cutAcross, 6),
                           num(u.coverAcross, 6), num(u.cutPotential, 6), num(u.coverPotential, 6)]
                lines.append(row.joined(separator: String(sep)))
            }
        }
        return (withBOM ? bom : "") + lines.joined(separator: "\r\n") + "\r\n"
    }
}
