import OrgaSyntax
import OrgaSupport

/// A change whose result is impossible (E709) or that breaks a rule of the statement it
/// changes (E710). The message names the resulting value.
public struct ChangeProblem: Sendable, Hashable {
    public var code: DiagnosticCode
    public var location: Location
    public var message: String
}

/// What an applied entry touched, so that evaluation recomputes only that.
public struct ChangeFootprint: Sendable {
    /// Processes whose volume, steps or decisions changed.
    public var processes: Set<ProcessID> = []
    /// Something that moves many figures changed (settings, a grade, a position or a
    /// unit): recompute everything.
    public var global = false
    /// Where each value the entry set was written: the `change` line that set it (a later
    /// change of the same input wins). `orgc diff --scenario` points its causes there.
    public var locations: [ChangedInput: Location] = [:]
    public init() {}
}

/// One input a change sets: its target and the property as a diff names it (`time`,
/// `by`, `effort "label"`, `branch "label"`, a setting's keyword, `cost` of a grade).
public struct ChangedInput: Sendable, Hashable {
    public var target: ChangeTarget
    public var property: String
    public init(target: ChangeTarget, property: String) {
        self.target = target
        self.property = property
    }

    /// The inputs `change` sets (`skip` sets the share, the wait and the media break).
    public static func of(_ c: Change) -> [ChangedInput] {
        switch c.property {
        case .skip: return ["share", "wait", "media_break"].map { ChangedInput(target: c.target, property: $0) }
        case .effort(let label, _, _): return [ChangedInput(target: c.target, property: "effort \"\(label)\"")]
        case .branch(let label, _): return [ChangedInput(target: c.target, property: "branch \"\(label)\"")]
        default: return [ChangedInput(target: c.target, property: c.property.word)]
        }
    }
}

/// Applies typed changes to a copy of the model (the base is a value and never
/// altered). Values are written as given at the change's location; impossible results
/// are reported, never clamped: the value is still written, so that an evaluation shows
/// what the change says.
public enum ChangeApplier {
    /// Applies the changes of one scenario entry in order and checks the entry's end
    /// (decisions whose branches no longer add up to 100 %). Recomputes the flow of
    /// every process it touched. `context` words the messages ("in scenario `S`").
    public static func applyEntry(_ changes: [Change], to model: inout Model, context: String,
                                  footprint: inout ChangeFootprint) -> [ChangeProblem] {
        var problems: [ChangeProblem] = []
        var lastBranchChange: [NodeID: Location] = [:]
        var touched: [ProcessID] = []
        for c in changes {
            if let p = apply(c, to: &model, context: context) { problems.append(p) }
            for input in ChangedInput.of(c) { footprint.locations[input] = c.location }
            switch c.target {
            case .process(let p): touched.append(p)
            case .node(let id):
                touched.append(id.process)
                if case .branch = c.property { lastBranchChange[id] = c.location }
            default: footprint.global = true
            }
            if c.property.isGlobal { footprint.global = true }
        }
        for (id, l) in lastBranchChange.sorted(by: { $0.value < $1.value }) {
            guard let node = model.node(id) else { continue }
            let sum = node.branches.reduce(0.0) { $0 + $1.share }
            if abs(sum - 1) > 1e-9 {
                problems.append(ChangeProblem(code: .invalidChangeResult, location: l,
                                              message: "after this change the branches of decision `\(model.processes[id.process].name).\(node.name)` add up to \(percent(sum)), not 100 %\(context)"))
            }
        }
        for p in Set(touched).sorted() where model.processes.contains(p) && model.flows.contains(p) {
            model.flows[p] = FlowGraph(model.processes[p])
            footprint.processes.insert(p)
        }
        return problems
    }

    static func percent(_ f: Double) -> String { NumberFormat.shortest((f * 100 * 1e6).rounded() / 1e6) + " %" }
    static func number(_ v: Double) -> String { NumberFormat.shortest((v * 1e6).rounded() / 1e6) }

    /// Applies one change; returns its problem, if any.
    static func apply(_ c: Change, to model: inout Model, context: String) -> ChangeProblem? {
        let l = c.location
        func negative(_ what: String, _ v: Double, _ unit: String) -> ChangeProblem? {
            v < 0 || !v.isFinite ? ChangeProblem(code: .invalidChangeResult, location: l,
                                                 message: "this change makes \(what) \(number(v)) \(unit), below zero\(context)") : nil
        }
        func nothing(_ what: String) -> ChangeProblem {
            ChangeProblem(code: .changeBreaksStatement, location: l, message: "\(what) has no value to add to or scale; set it (without a sign)\(context)")
        }
        switch (c.target, c.property) {
        case (.process(let p), .volume(let v)):
            guard model.processes.contains(p) else { return nil }
            let name = "the volume of `\(model.processes[p].name)`"
            guard let new = v.applied(to: model.processes[p].volumePerYear) else { return nothing(name) }
            let range = v.appliedRange(to: model.processes[p].volumeRange)
            model.processes[p].volumeSetting = .given(new, l)
            // The changed figure holds over the whole period: dated values give way to it
            // (else a later evaluation of the period would average them back in).
            model.processes[p].volumeSeries = .constant(new)
            model.processes[p].volumeRange = range
            if let r = range, r.low < 0 { return negative("the lower bound of \(name)", r.low, "/year") }
            return negative(name, new, "/year")
        case (.node(let id), let property):
            guard model.node(id) != nil else { return nil }
            let p = id.process, n = id.index
            let name = "`\(model.processes[p].name).\(model.processes[p].nodes[n].name)`"
            switch property {
            case .time(let v):
                guard let new = v.applied(to: model.processes[p].nodes[n].timeHours) else { return nothing("the time of \(name)") }
                let range = v.appliedRange(to: model.processes[p].nodes[n].timeRange)
                model.processes[p].nodes[n].timeSetting = .given(new, l)
                model.processes[p].nodes[n].timeRange = range
                if let r = range, r.low < 0 { return negative("the lower bound of the time of \(name)", r.low * 60, "min") }
                return negative("the time of \(name)", new * 60, "min")
            case .wait(let v):
                let old = model.processes[p].nodes[n].waitSetting.value ?? (model.processes[p].nodes[n].waitSetting.isWritten ? nil : 0)
                guard let new = v.applied(to: old) else { return nothing("the wait of \(name)") }
                model.processes[p].nodes[n].waitSetting = .given(new, l)
                return negative("the wait of \(name)", new, "d")
            case .share(let f):
                model.processes[p].nodes[n].shareSetting = .given(f, l)
                return nil
            case .performer(let perf):
                model.processes[p].nodes[n].performerSetting = .given(perf, l)
                if model.processes[p].nodes[n].call != nil {
                    return ChangeProblem(code: .changeBreaksStatement, location: l,
                                         message: "step \(name) calls a process and does no work itself; it takes no `by`\(context)")
                }
                if perf.isStaff && model.processes[p].nodes[n].timeHours == nil {
                    return ChangeProblem(code: .changeBreaksStatement, location: l,
                                         message: "step \(name) is now done by `\(model.performerName(perf))` but has no `time`; change its time too\(context)")
                }
                return nil
            case .mediaBreak(let on):
                model.processes[p].nodes[n].mediaBreak = on
                return nil
            case .skip:
                // No longer done: no time, wait, work or media break, not counted in
                // `steps`; the flow passes through unchanged (share 0).
                model.processes[p].nodes[n].shareSetting = .given(0, l)
                model.processes[p].nodes[n].waitSetting = .given(0, l)
                model.processes[p].nodes[n].mediaBreak = false
                return nil
            case .branch(let label, let f):
                guard let b = model.processes[p].nodes[n].branches.firstIndex(where: { ($0.title ?? "") == label }) else {
                    return ChangeProblem(code: .unknownChangeTarget, location: l, message: "decision \(name) has no branch \"\(label)\"")
                }
                model.processes[p].nodes[n].branches[b].shareSetting = .given(f, l)
                return nil
            default: return nil
            }
        case (.position(let i), let property):
            guard model.positions.contains(i) else { return nil }
            let name = "`\(model.positions[i].name)`"
            switch property {
            case .planned(let v):
                let new = v.applied(to: model.positions[i].planned) ?? 0
                model.positions[i].plannedSetting = .given(new, l)
                model.positions[i].plannedSeries = .constant(new)   // as the volume's
                return negative("planned of \(name)", new, "fte")
            case .filled(let v):
                let new = v.applied(to: model.positions[i].filled) ?? 0
                model.positions[i].filledSetting = .given(new, l)
                model.positions[i].filledSeries = .constant(new)    // as the volume's
                return negative("filled of \(name)", new, "fte")
            case .coverage(let v):
                guard let new = v.applied(to: model.positions[i].coverageHoursPerWeek) else { return nothing("the coverage of \(name)") }
                model.positions[i].coverageSetting = .given(new, l)
                return negative("the coverage of \(name)", new, "h /week")
            case .effort(let label, let v, let inFTE):
                if let e = model.positions[i].efforts.firstIndex(where: { $0.label == label }) {
                    let old = model.positions[i].efforts[e]
                    // The set form may switch between fte and h/year; add and scale keep the unit written.
                    let base = inFTE ? old.fte : old.hoursPerYear
                    guard let new = v.applied(to: base) ?? (v == .set(0) ? 0 : nil) else {
                        return ChangeProblem(code: .wrongChangeValue, location: l,
                                             message: "effort \"\(label)\" of \(name) is given in \(old.fte != nil ? "fte" : "h /year"); change it in that unit or set it\(context)")
                    }
                    if inFTE && new == 0, case .set = v {
                        model.positions[i].efforts.remove(at: e)
                        return nil
                    }
                    model.positions[i].efforts[e] = Effort(label: label, fte: inFTE ? new : nil, hoursPerYear: inFTE ? nil : new, location: l)
                    return negative("effort \"\(label)\" of \(name)", new, inFTE ? "fte" : "h /year")
                }
                guard case .set(let new) = v else { return nil }
                if new == 0 && inFTE { return nil }
                model.positions[i].efforts.append(Effort(label: label, fte: inFTE ? new : nil, hoursPerYear: inFTE ? nil : new, location: l))
                return nil
            case .grade(let g):
                model.positions[i].gradeSetting = .given(g, l)
                return nil
            case .worktime(let v):
                guard let new = v.applied(to: model.worktime(position: i)?.value) else { return nothing("the worktime of \(name)") }
                model.positions[i].worktimeSetting = .given(new, l)
                return positive("the worktime of \(name)", new, l, context)
            case .allowance(let a):
                model.positions[i].allowanceSetting = .given(a, l)
                return nil
            default: return nil
            }
        case (.unit(let u), let property):
            guard model.units.contains(u) else { return nil }
            switch property {
            case .worktime(let v):
                let name = "the worktime of `\(model.units[u].name)`"
                guard let new = v.applied(to: model.worktime(unit: u)?.value) else { return nothing(name) }
                model.units[u].worktimeSetting = .given(new, l)
                return positive(name, new, l, context)
            case .allowance(let a):
                model.units[u].allowanceSetting = .given(a, l)
                return nil
            default: return nil
            }
        case (.grade(let g), .cost(let v)):
            guard model.grades.contains(g) else { return nil }
            let name = "the cost of `\(model.grades[g].name)`"
            guard let new = v.applied(to: model.grades[g].cost) else { return nothing(name) }
            model.grades[g].costSetting = .given(new, l)
            return negative(name, new, "EUR")
        case (.model, let property):
            switch property {
            case .worktime(let v):
                guard let new = v.applied(to: model.settings.worktime?.value) else { return nothing("the model's worktime") }
                model.settings.worktimeSetting = .given(new, l)
                return positive("the model's worktime", new, l, context)
            case .allowance(let a): model.settings.allowanceSetting = .given(a, l)
            case .overhead(let f): model.settings.overheadSetting = .given(f, l)
            case .leadership(let f): model.settings.leadershipSetting = .given(f, l)
            case .workplace(let v): model.settings.workplaceSetting = .given(v, l)
            case .rounding(let v): model.settings.roundingSetting = .given(v, l)
            default: break
            }
            return nil
        default:
            return nil
        }
    }

    private static func positive(_ what: String, _ v: Double, _ l: Location, _ context: String) -> ChangeProblem? {
        v > 0 && v.isFinite ? nil : ChangeProblem(code: .invalidChangeResult, location: l,
                                                  message: "this change makes \(what) \(number(v)) h, not above zero\(context)")
    }
}
