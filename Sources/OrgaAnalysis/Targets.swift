import OrgaSyntax
import OrgaSemantics
import OrgaSupport

/// One unit in scope of a target, with both cuts (docs/staffing.md, "Targets").
public struct TargetUnitRow: Sendable {
    public var unit: UnitID
    /// P: Σ planned fte of the unit's own positions.
    public var planned: Double
    /// N: need of its own positions plus work done `by` the unit.
    public var need: Double
    /// C: Σ planned cost of its own positions that have a cost.
    public var plannedCost: Double
    /// max(0, P − N), in fte.
    public var potential: Double
    public var cutAcross: Double
    public var cutPotential: Double
    /// Planned after the cut − N (negative: under-staffed after the cut).
    public var coverAcross: Double { planned - cutAcross - need }
    public var coverPotential: Double { planned - cutPotential - need }
}

public struct TargetResult: Sendable {
    public var target: TargetID
    public var save: SaveAmount
    /// The scenario whose need defines the potential (nil: the base model).
    public var potentialScenario: ScenarioID?
    public var rows: [TargetUnitRow]
    /// S − Σ potential in the save unit when the potential does not reach S, else 0.
    public var shortfall: Double
    public var belowNeedAcross: Int { rows.filter { $0.coverAcross < -EntryEffect.noise }.count }
    public var belowNeedPotential: Int { rows.filter { $0.coverPotential < -EntryEffect.noise }.count }
    public var underCoverAcross: Double { rows.reduce(0) { $0 + max(0, -$1.coverAcross) } }
    public var underCoverPotential: Double { rows.reduce(0) { $0 + max(0, -$1.coverPotential) } }
    public var totalCutAcross: Double { rows.reduce(0) { $0 + $1.cutAcross } }
    public var totalCutPotential: Double { rows.reduce(0) { $0 + $1.cutPotential } }
}

/// Across-the-board ("Rasenmäher") vs. potential-based consolidation, side by side.
public enum Targets {
    /// Both allocations of target `t`, from `staffing` (the potential scenario's, or the
    /// base's). Nil when the target has no `save` or no unit in scope.
    public static func evaluate(_ model: Model, target t: TargetID, staffing r: StaffingResult) -> TargetResult? {
        guard model.targets.contains(t), let save = model.targets[t].save else { return nil }
        let target = model.targets[t]
        // Units in the listed sub-trees that hold positions themselves, in tree order, each once.
        var inScope = [Bool](repeating: false, count: model.units.count)   // by unit index
        var order: [UnitID] = []
        for root in target.across where model.units.contains(root.value) {
            var stack = [root.value]
            var steps = 0
            while let u = stack.popLast(), steps <= model.units.count * 2 {
                steps += 1
                guard !inScope[u.index] else { continue }
                inScope[u.index] = true
                order.append(u)
                for s in model.units[u].subunits.reversed() where model.units.contains(s) { stack.append(s) }
            }
        }
        var rows: [TargetUnitRow] = []
        for u in order where !model.units[u].positions.isEmpty && r.units.contains(u) {
            var p = 0.0, n = r.units[u].ownNeed, c = 0.0
            for i in model.units[u].positions where r.positions.contains(i) {
                p += r.positions[i].planned
                n += r.positions[i].need
                c += r.positions[i].plannedCost ?? 0
            }
            rows.append(TargetUnitRow(unit: u, planned: p, need: n, plannedCost: c, potential: max(0, p - n), cutAcross: 0, cutPotential: 0))
        }
        guard !rows.isEmpty else { return nil }
        var shortfall = 0.0
        switch save {
        case .fte(let s):
            let sumP = rows.reduce(0) { $0 + $1.planned }
            let sumPot = rows.reduce(0) { $0 + $1.potential }
            for i in rows.indices {
                rows[i].cutAcross = sumP > 0 ? s * rows[i].planned / sumP : 0
                rows[i].cutPotential = sumPot >= s ? (sumPot > 0 ? s * rows[i].potential / sumPot : 0) : rows[i].potential
            }
            if sumPot < s { shortfall = s - sumPot }
        case .eurPerYear(let s):
            // In EUR: P → C and potential → potential × C ÷ P; the cut in fte is cut × P ÷ C.
            let sumC = rows.reduce(0) { $0 + $1.plannedCost }
            let potEUR = rows.map { $0.planned > 0 ? $0.potential * $0.plannedCost / $0.planned : 0 }
            let sumPot = potEUR.reduce(0, +)
            for i in rows.indices {
                let toFTE = rows[i].plannedCost > 0 ? rows[i].planned / rows[i].plannedCost : 0
                let across = sumC > 0 ? s * rows[i].plannedCost / sumC : 0
                let pot = sumPot >= s ? (sumPot > 0 ? s * potEUR[i] / sumPot : 0) : potEUR[i]
                rows[i].cutAcross = across * toFTE
                rows[i].cutPotential = pot * toFTE
            }
            if sumPot < s { shortfall = s - sumPot }
        }
        return TargetResult(target: t, save: save, potentialScenario: target.potential?.value, rows: rows, shortfall: shortfall)
    }

    /// W711 for a target whose saving the potential does not reach.
    public static func shortfallDiagnostic(_ model: Model, _ sources: SourceMap, _ result: TargetResult) -> Diagnostic? {
        guard result.shortfall > EntryEffect.noise, model.targets.contains(result.target) else { return nil }
        let target = model.targets[result.target]
        let unit: String
        switch result.save { case .fte: unit = "fte"; case .eurPerYear: unit = "EUR /year" }
        let amount = (result.shortfall * 1000).rounded() / 1000
        return Diagnostic(.targetShortfall, path: sources.path(target.location), range: target.location.range,
                          "target `\(target.name)`: the units in scope have too little planned capacity above need; \(NumberFormat.shortest(amount)) \(unit) of the saving cannot be reached without cutting below need")
    }
}

