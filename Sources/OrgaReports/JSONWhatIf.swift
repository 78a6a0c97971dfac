import OrgaSyntax
import OrgaSemantics
import OrgaAnalysis
import OrgaSupport

/// The what-if part of the JSON report (docs/report-json.md, "Measures, scenarios,
/// targets"): `scenario`, `measures`, `scenarios`, `targets`.
extension JSONReport {
    /// Position and unit maps list Δs larger than this (identical inputs give exactly 0).
    static let zeroDelta = 1e-12

    static func writeWhatIf(_ ctx: ReportContext, to w: inout JSONWriter) {
        let base = ctx.base
        w.key("scenario")
        if let s = ctx.scenario, base.scenarios.contains(s) {
            w.value(.object([("id", .string(base.scenarios[s].name)), ("title", str(base.scenarios[s].title))]))
        } else {
            w.null()
        }
        w.key("measures"); w.beginArray()
        for (m, measure) in base.measures.enumerated() {
            w.item(); w.beginObject()
            w.field("id", string: measure.name)
            w.field("title", string: measure.title)
            w.field("owner", string: measure.owner.map { base.performerName($0) })
            w.key("requires"); w.value(.array(measure.requires.map { .string(base.measures[$0.value].name) }))
            w.field("cost_eur", measure.cost)
            w.field("running_eur_per_year", measure.running)
            let applied = m < ctx.whatIf.appliedIn.count ? ctx.whatIf.appliedIn[m] : []
            w.key("applied_in"); w.value(.array(applied.map { .string(base.scenarios[$0].name) }))
            w.endObject()
        }
        w.endArray()
        w.key("scenarios"); w.beginArray()
        for a in ctx.whatIf.scenarios where base.scenarios.contains(a.scenario) {
            let scenario = base.scenarios[a.scenario]
            w.item(); w.beginObject()
            w.field("id", string: scenario.name)
            w.field("title", string: scenario.title)
            w.field("base_need_fte", a.base.totalNeed)
            w.field("need_fte", a.staffing.totalNeed)
            w.field("delta_need_fte", a.deltaNeed)
            w.field("base_need_cost_eur", a.base.totalNeedCost)
            w.field("need_cost_eur", a.staffing.totalNeedCost)
            w.key("entries"); w.beginArray()
            for e in a.entries {
                w.item(); w.beginObject()
                w.field("kind", string: e.isApply ? "apply" : "change")
                w.field("measure", string: e.measure.map { base.measures[$0].name })
                w.field("file", string: ctx.sources.path(e.location))
                w.field("line", int: ctx.sources.lineColumn(e.location).line)
                w.field("delta_need_fte", e.deltaNeed)
                w.field("delta_need_cost_eur", e.deltaNeedCost)
                w.key("units"); w.beginObject()
                for (u, d) in e.units.enumerated() where abs(d) > zeroDelta && u < base.units.count { w.key(name: base.units[u].name); w.number(d) }
                w.endObject()
                w.key("positions"); w.beginObject()
                for (i, d) in e.positions.enumerated() where abs(d) > zeroDelta && i < base.positions.count { w.key(name: base.positions[i].name); w.number(d) }
                w.endObject()
                w.field("annual_saving_eur", e.isApply ? e.annualSaving : nil)
                w.field("payback_years", e.isApply ? e.paybackYears : nil)
                w.endObject()
            }
            w.endArray()
            w.endObject()
        }
        w.endArray()
        w.key("targets"); w.beginArray()
        for r in ctx.whatIf.targets where base.targets.contains(r.target) {
            let target = base.targets[r.target]
            w.item(); w.beginObject()
            w.field("id", string: target.name)
            w.field("title", string: target.title)
            switch r.save {
            case .fte(let v): w.key("save"); w.value(.object([("value", num(v)), ("unit", .string("fte"))]))
            case .eurPerYear(let v): w.key("save"); w.value(.object([("value", num(v)), ("unit", .string("eur_per_year"))]))
            }
            w.field("potential_scenario", string: r.potentialScenario.flatMap { base.scenarios.contains($0) ? base.scenarios[$0].name : nil })
            w.key("units"); w.beginArray()
            for row in r.rows {
                w.item(); w.beginObject()
                w.field("unit", string: base.units[row.unit].name)
                w.field("planned_fte", row.planned)
                w.field("need_fte", row.need)
                w.field("planned_cost_eur", row.plannedCost)
                w.field("potential_fte", row.potential)
                w.field("cut_across_fte", row.cutAcross)
                w.field("cover_across_fte", row.coverAcross)
                w.field("cut_potential_fte", row.cutPotential)
                w.field("cover_potential_fte", row.coverPotential)
                w.endObject()
            }
            w.endArray()
            w.field("shortfall", r.shortfall)
            w.field("below_need_across", int: r.belowNeedAcross)
            w.field("below_need_potential", int: r.belowNeedPotential)
            w.field("under_cover_across_fte", r.underCoverAcross)
            w.field("under_cover_potential_fte", r.underCoverPotential)
            w.endObject()
        }
        w.endArray()
    }
}
