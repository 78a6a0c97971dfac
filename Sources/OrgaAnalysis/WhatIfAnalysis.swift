import Foundation
import OrgaSyntax
import OrgaSemantics

/// Results written from worker threads, one slot each.
private final class ScenarioResults: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [ScenarioAttribution?]
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ r: ScenarioAttribution) {
        lock.lock()
        slots[i] = r
        lock.unlock()
    }
    var all: [ScenarioAttribution] {
        lock.lock()
        defer { lock.unlock() }
        return slots.compactMap { $0 }
    }
}

/// Everything the what-if layer computes for a model: each scenario with its
/// attribution, and each target's two allocations. Reports, JSON and the language
/// server read this.
public struct WhatIfResult: Sendable {
    /// Index like `Model.scenarios`.
    public var scenarios: [ScenarioAttribution]
    /// One per target that has a `save` and units in scope, in model order.
    public var targets: [TargetResult]
    /// Per measure (index like `Model.measures`): the scenarios applying it, in model order.
    public var appliedIn: [[ScenarioID]]

    public var isEmpty: Bool { scenarios.isEmpty && targets.isEmpty && appliedIn.isEmpty }
}

public enum WhatIfAnalysis {
    /// Evaluates every scenario against `base` (the base model's staffing) and every target.
    public static func analyze(_ model: Model, base: StaffingResult) -> WhatIfResult {
        // The base's per-process work once, shared by every scenario; scenarios are
        // independent, so they are evaluated in parallel (results by index: deterministic).
        let cache = model.scenarios.isEmpty ? nil : StaffingAnalysis.analyze(model, reusing: nil, changed: nil).1
        let results = ScenarioResults(count: model.scenarios.count)
        DispatchQueue.concurrentPerform(iterations: model.scenarios.count) { s in
            results.set(s, ScenarioEvaluator.attribute(model, scenario: ScenarioID(s), base: base, baseCache: cache))
        }
        let scenarios = results.all
        var targets: [TargetResult] = []
        for t in model.targets.ids {
            var staffing = base
            if let p = model.targets[t].potential?.value, scenarios.contains(p) { staffing = scenarios[p].staffing }
            if let r = Targets.evaluate(model, target: t, staffing: staffing) { targets.append(r) }
        }
        var appliedIn = [[ScenarioID]](repeating: [], count: model.measures.count)
        for (s, scenario) in zip(model.scenarios.ids, model.scenarios) {
            for entry in scenario.entries {
                if case .apply(let m?, _) = entry, model.measures.contains(m), appliedIn[m.index].last != s { appliedIn[m.index].append(s) }
            }
        }
        return WhatIfResult(scenarios: scenarios, targets: targets, appliedIn: appliedIn)
    }
}

extension WhatIfAnalysis {
    /// Findings that need the staffing calculation or the pools' capacity day by day:
    /// E833 for each over-committed pool, W711 for each target whose saving the
    /// potential does not reach. Costs one staffing run (plus one per potential
    /// scenario) and nothing when the model has no target.
    public static func diagnostics(_ checked: CheckedModel, base: StaffingResult? = nil) -> [Diagnostic] {
        let model = checked.model
        // E833 (a pool's over-commitment) needs the pools' capacity day by day, not the staffing.
        let pools = PoolFigures.diagnostics(model, checked.sources)
        guard !model.targets.isEmpty else { return pools }
        let baseStaffing = base ?? StaffingAnalysis.analyze(model)
        var scenarioStaffing: [ScenarioID: StaffingResult] = [:]
        var out: [Diagnostic] = []
        for t in model.targets.ids {
            var staffing = baseStaffing
            if let s = model.targets[t].potential?.value, model.scenarios.contains(s) {
                if scenarioStaffing[s] == nil { scenarioStaffing[s] = ScenarioEvaluator.evaluate(model, scenario: s).staffing }
                staffing = scenarioStaffing[s] ?? baseStaffing
            }
            if let r = Targets.evaluate(model, target: t, staffing: staffing), let d = Targets.shortfallDiagnostic(model, checked.sources, r) {
                out.append(d)
            }
        }
        return pools + out
    }
}
