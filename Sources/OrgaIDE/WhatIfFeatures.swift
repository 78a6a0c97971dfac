import OrgaSyntax
import OrgaSemantics
import OrgaAnalysis

extension IDEWorkspace {
    /// Scenarios and targets of a model's current analysis, computed once per analysis
    /// on first use (nil when the model has neither).
    func whatIf(_ m: ModelState) -> WhatIfResult? {
        if let w = m.extras.whatIf { return w }
        guard let model = m.model, !model.scenarios.isEmpty || !model.targets.isEmpty, let base = staffing(m) else { return nil }
        let w = WhatIfAnalysis.analyze(model, base: base)
        m.extras.whatIf = w
        return w
    }

    /// Hover figures of a measure (its effect and payback in each scenario applying
    /// it), a scenario (total need and cost against the base) and a target (both cuts).
    func whatIfFigures(_ sym: Symbol, _ ctx: DocContext) -> [String] {
        let model = ctx.model
        guard let i = sym.index, let w = whatIf(ctx.state) else {
            if sym.kind == .measure, let m = model.measures[safe: sym.id(MeasureID.self)] {
                return ["cost \(fmtGrouped(m.cost)) EUR · running \(fmtGrouped(m.running)) EUR/year · applied in no scenario"]
            }
            return []
        }
        var out: [String] = []
        switch sym.kind {
        case .measure:
            let i = MeasureID(i)
            guard let m = model.measures[safe: i] else { break }
            out.append("cost \(fmtGrouped(m.cost)) EUR · running \(fmtGrouped(m.running)) EUR/year")
            let scenarios = w.appliedIn[safe: i.index] ?? []
            if scenarios.isEmpty { out.append("applied in no scenario") }
            for s in scenarios {
                guard let a = w.scenarios[safe: s], let e = a.entries.first(where: { $0.isApply && $0.measure == i }) else { continue }
                var line = "in `\(model.scenarios[s].name)`: **\(signedFTE(e.deltaNeed)) fte**"
                if let saving = e.annualSaving {
                    line += " · saving \(fmtGrouped(saving)) EUR/year · payback " + (e.paybackYears.map { "\(fmt($0, 2)) years" } ?? "none")
                } else {
                    line += " · saving incomplete (a position without cost or unit work moves)"
                }
                out.append(line)
            }
        case .scenario:
            guard let a = w.scenarios[safe: ScenarioID(i)] else { break }
            out.append("need **\(fmt(a.staffing.totalNeed, 3)) fte** (base \(fmt(a.base.totalNeed, 3)), **\(signedFTE(a.deltaNeed)) fte**)")
            out.append("need cost \(fmtGrouped(a.staffing.totalNeedCost)) EUR (base \(fmtGrouped(a.base.totalNeedCost)), \(a.deltaNeedCost >= 0 ? "+" : "")\(fmtGrouped(a.deltaNeedCost)) EUR)")
        case .target:
            guard let r = w.targets.first(where: { $0.target == TargetID(i) }) else {
                out.append("not computed: needs `save` and units with positions in `across`")
                break
            }
            out.append("across the board: cut **\(fmt(r.totalCutAcross, 3)) fte** · \(r.belowNeedAcross) units below need (\(fmt(r.underCoverAcross, 3)) fte)")
            out.append("by potential: cut **\(fmt(r.totalCutPotential, 3)) fte** · \(r.belowNeedPotential) units below need (\(fmt(r.underCoverPotential, 3)) fte)")
            if r.shortfall > 1e-9 {
                switch r.save {
                case .fte: out.append("shortfall \(fmt(r.shortfall, 3)) fte")
                case .eurPerYear: out.append("shortfall \(fmtGrouped(r.shortfall)) EUR/year")
                }
            }
        default: break
        }
        return out
    }

    private func signedFTE(_ v: Double) -> String { v > 0 ? "+" + fmt(v, 3) : fmt(v, 3) }

    /// Δ fte at the end of each `apply` name and of the last line of each run of
    /// `change` lines of the scenarios in this file.
    func scenarioHints(_ ctx: DocContext, from lo: Int, to hi: Int) -> [InlayHint] {
        let model = ctx.model
        guard model.scenarios.contains(where: { $0.location.file == ctx.fileIndex }), let w = whatIf(ctx.state) else { return [] }
        var out: [InlayHint] = []
        for (s, scenario) in zip(model.scenarios.ids, model.scenarios) where scenario.location.file == ctx.fileIndex {
            guard let a = w.scenarios[safe: s], a.entries.count == scenario.entries.count else { continue }
            for (entry, effect) in zip(scenario.entries, a.entries) {
                let end: Int
                switch entry {
                case .apply(_, let l): end = l.range.end
                case .changes(let cs, let l): end = max(l.range.end, cs.last?.location.range.end ?? 0)
                }
                guard end >= lo && end <= hi else { continue }
                var tooltip = "effect of this entry on the total need"
                if effect.isApply {
                    tooltip += effect.annualSaving.map { "; saving \(fmtGrouped($0)) EUR/year" } ?? "; saving incomplete"
                    if effect.annualSaving != nil { tooltip += "; payback " + (effect.paybackYears.map { "\(fmt($0, 2)) years" } ?? "none") }
                }
                out.append(InlayHint(offset: end, label: "Δ \(signedFTE(effect.deltaNeed)) fte", tooltip: tooltip))
            }
        }
        return out
    }
}
