import OrgaSyntax
import OrgaSemantics

/// Scenario evaluation (docs/staffing.md, "What-if"): a scenario is the base model with
/// its entries applied in the order written (`apply M` applies M's changes at that
/// point), and its result is the complete staffing calculation on the changed model.
/// The base model is a value: it is never altered.
///
/// ```swift
/// let (changed, staffing) = ScenarioEvaluator.evaluate(model, scenario: s)
/// let attributed = ScenarioEvaluator.attribute(model, scenario: s, base: baseStaffing)
/// attributed.entries[i].deltaNeed   // effect of entry i on the total need (fte)
/// ```
public enum ScenarioEvaluator {
    /// The scenario named `name`, if the model declares one.
    public static func scenario(named name: String, in model: Model) -> ScenarioID? {
        model.scenarios.firstID { $0.name == name }
    }

    /// The model with the scenario's entries applied, and its staffing. A measure
    /// applied a second time is skipped (E707 says so); an unresolved `apply` is skipped.
    public static func evaluate(_ model: Model, scenario s: ScenarioID) -> (model: Model, staffing: StaffingResult) {
        let changed = apply(model, scenario: s)
        return (changed, StaffingAnalysis.analyze(changed))
    }

    /// The model with every entry of scenario `s` applied (no staffing).
    public static func apply(_ model: Model, scenario s: ScenarioID) -> Model {
        applyTracing(model, scenario: s).model
    }

    /// `apply`, with the `change` line (in the scenario or in an applied measure) that
    /// last set each input the scenario changed.
    public static func applyTracing(_ model: Model, scenario s: ScenarioID) -> (model: Model, locations: [ChangedInput: Location]) {
        var state = model
        guard model.scenarios.contains(s) else { return (state, [:]) }
        var applied = [Bool](repeating: false, count: model.measures.count)
        var footprint = ChangeFootprint()
        for entry in model.scenarios[s].entries {
            guard let changes = changes(of: entry, in: model, applied: &applied) else { continue }
            _ = ChangeApplier.applyEntry(changes, to: &state, context: "", footprint: &footprint)
        }
        state.diagnostics = model.diagnostics
        return (state, footprint.locations)
    }

    /// The changes an entry applies (nil: nothing, e.g. a measure applied before).
    static func changes(of entry: ScenarioEntry, in model: Model, applied: inout [Bool]) -> [Change]? {
        switch entry {
        case .changes(let cs, _): return cs
        case .apply(let m, _):
            guard let m, model.measures.contains(m), !applied[m.index] else { return nil }
            applied[m.index] = true
            return model.measures[m].changes
        }
    }

    /// The scenario's effect, entry by entry (sequential attribution): each `apply` and
    /// each run of consecutive `change` lines is one entry; its effect is the state just
    /// after it minus the state just before it, so the effects add up to scenario − base.
    public static func attribute(_ model: Model, scenario s: ScenarioID, base: StaffingResult) -> ScenarioAttribution {
        attribute(model, scenario: s, base: base, baseCache: nil)
    }

    /// `attribute`, starting from the per-process work of the base's run (`baseCache`,
    /// from `StaffingAnalysis.analyze(_:reusing:changed:)`), so that an entry re-solves
    /// only the processes it touched.
    public static func attribute(_ model: Model, scenario s: ScenarioID, base: StaffingResult, baseCache: StaffingCache?) -> ScenarioAttribution {
        attribute(model, scenario: s, base: base, baseCache: baseCache, quickPath: true)
    }

    /// `quickPath: false` runs the whole engine after every entry (tests compare both).
    static func attribute(_ model: Model, scenario s: ScenarioID, base: StaffingResult, baseCache: StaffingCache?, quickPath: Bool) -> ScenarioAttribution {
        var state = model
        var current = base
        var entries: [EntryEffect] = []
        var applied = [Bool](repeating: false, count: model.measures.count)
        guard model.scenarios.contains(s) else {
            return ScenarioAttribution(scenario: s, model: model, staffing: base, base: base, entries: [], staffingIsComplete: true)
        }
        var cache: StaffingCache? = baseCache
        // Whether `current` came from the quick path (need figures only, see ScenarioAttribution).
        var stale = false
        var snapshot = NeedSnapshot(current)
        let zeroPositions = [Double](repeating: 0, count: snapshot.positions.count)
        let zeroUnits = [Double](repeating: 0, count: snapshot.units.count)
        for entry in model.scenarios[s].entries {
            let measure: MeasureID?
            switch entry {
            case .apply(let m, _): measure = m
            case .changes: measure = nil
            }
            var footprint = ChangeFootprint()
            var after = snapshot
            var changedSomething = false
            if let changes = changes(of: entry, in: model, applied: &applied), !changes.isEmpty {
                changedSomething = true
                // The performers of the processes the entry may touch, before it.
                var oldPerformers: [ProcessID: [Performer?]] = [:]
                for c in changes {
                    let p: ProcessID
                    switch c.target {
                    case .process(let i): p = i
                    case .node(let id): p = id.process
                    default: continue
                    }
                    if oldPerformers[p] == nil, state.processes.contains(p) { oldPerformers[p] = state.processes[p].nodes.map(\.performer) }
                }
                _ = ChangeApplier.applyEntry(changes, to: &state, context: "", footprint: &footprint)
                // A change to processes: only they, what they call and the positions and units
                // doing that work are recomputed. Settings and the like: the whole engine,
                // re-solving only the processes the entry touched.
                var quick = false
                if quickPath, !footprint.global, var c = cache {
                    quick = IncrementalStaffing.update(&current, model: state, oldPerformers: oldPerformers, touched: footprint.processes, cache: &c)
                    cache = c
                }
                if quick {
                    stale = true
                } else {
                    let (r, c) = StaffingAnalysis.analyze(state, reusing: cache, changed: footprint.global ? nil : footprint.processes)
                    current = r
                    cache = c
                    stale = false
                }
                after = NeedSnapshot(current)
            }
            // An entry that changes nothing (a measure applied again, one without changes)
            // shares one array of zeros: 10,000 of them cost no memory per position.
            var effect = changedSomething ? EntryEffect.between(snapshot, after) : EntryEffect.none(zeroPositions, zeroUnits)
            if case .apply = entry { effect.isApply = true }
            effect.measure = measure
            effect.location = entry.location
            if effect.isApply, let m = measure, model.measures.contains(m) {
                effect.economics(measure: model.measures[m])
            }
            entries.append(effect)
            snapshot = after
        }
        state.diagnostics = model.diagnostics
        return ScenarioAttribution(scenario: s, model: state, staffing: current, base: base, entries: entries, staffingIsComplete: !stale)
    }
}

/// A scenario's result with the effect of each of its entries.
public struct ScenarioAttribution: Sendable, IndexedByID {
    public typealias ID = ScenarioID
    public var scenario: ScenarioID
    /// The changed model and its staffing. When the last entries took the quick path
    /// (`staffingIsComplete == false`), `staffing` has exact need figures (positions,
    /// units, totals, need cost, cases, hours) but not a fresh audit trail, DNA or lead
    /// times: use `ScenarioEvaluator.evaluate` for everything v1 computes.
    public var model: Model
    public var staffing: StaffingResult
    public var base: StaffingResult
    public var entries: [EntryEffect]
    public var staffingIsComplete: Bool

    public var deltaNeed: Double { staffing.totalNeed - base.totalNeed }
    public var deltaNeedCost: Double { staffing.totalNeedCost - base.totalNeedCost }
}
