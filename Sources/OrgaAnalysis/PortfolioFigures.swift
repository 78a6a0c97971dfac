import OrgaSemantics
import OrgaSupport

/// The figures of the portfolio (docs/language.md, Programmes): per programme and
/// field the status counts, budgets and savings; per project its saving, whether it
/// is overdue and its open and overdue milestones; per owner the projects and open
/// milestones. Savings come from the measures a project delivers, in its programme's
/// scenario (each measure counts for the first project that delivers it, W855 reports
/// the others). Overdue needs `asof`; without it nothing is overdue.
public struct PortfolioFigures: Sendable {
    public struct ProjectFigures: Sendable, IndexedByID {
        public typealias ID = ProjectID
        public var project: ProjectID
        /// Σ annual saving (EUR/year) of the measures it delivers that its programme's
        /// scenario applies; nil without a scenario.
        public var annualSaving: Double?
        /// Some delivered measure's saving could not be priced (its cost Δ is incomplete).
        public var savingIncomplete = false
        /// Running and its period ended before `asof`: overdue since the day after its last day.
        public var overdueSince: CalendarDate?
        public var openMilestones = 0
        /// Per milestone (index like `Project.milestones`): overdue since (nil: not overdue).
        public var milestoneOverdueSince: [CalendarDate?] = []
        /// Pool deployments to the project (indices into `Model.deployments`).
        public var deployments: [DeploymentID] = []
        public var overdue: Bool { overdueSince != nil }
    }

    public struct FieldFigures: Sendable {
        /// Index into the programme's fields; nil for projects directly in the programme.
        public var field: Int?
        public var projects: [ProjectID] = []
        /// Σ of its projects' budgets (those that have one).
        public var budget = 0.0
        public var projectsWithoutBudget = 0
        /// planned, running, done, stopped (and projects without a status).
        public var statusCounts = [0, 0, 0, 0]
        public var withoutStatus = 0
        public var annualSaving: Double?
        public var savingIncomplete = false
    }

    public struct ProgrammeFigures: Sendable, IndexedByID {
        public typealias ID = ProgrammeID
        public var programme: ProgrammeID
        /// Its declared fields in order, then (if any) the projects without a field.
        public var fields: [FieldFigures] = []
        public var projectsBudget = 0.0
        public var annualSaving: Double?
        public var savingIncomplete = false
    }

    public struct OwnerFigures: Sendable {
        public var owner: SymbolID
        public var name: String
        public var projects = 0
        public var milestonesOpen = 0
    }

    public var programmes: [ProgrammeFigures] = []
    /// Index like `Model.projects`.
    public var projects: [ProjectFigures] = []
    /// Most projects first, then most open milestones, then by name.
    public var owners: [OwnerFigures] = []
    public var asof: CalendarDate?

    public var isEmpty: Bool { programmes.isEmpty && projects.isEmpty }

    public static func statusIndex(_ s: ProjectStatus) -> Int {
        switch s {
        case .planned: 0
        case .running: 1
        case .done: 2
        case .stopped: 3
        }
    }

    /// The figures of `model`; `whatIf` gives the measures' savings per scenario.
    public static func compute(_ model: Model, whatIf: WhatIfResult?) -> PortfolioFigures {
        var out = PortfolioFigures()
        out.asof = model.settings.asof
        guard !model.projects.isEmpty || !model.programmes.isEmpty else { return out }
        // The first project delivering each measure.
        var deliveredBy = [ProjectID?](repeating: nil, count: model.measures.count)   // by measure index
        for (j, p) in zip(model.projects.ids, model.projects) {
            for d in p.delivers where model.measures.contains(d.value) && deliveredBy[d.value.index] == nil { deliveredBy[d.value.index] = j }
        }
        // Per scenario that some programme names: each measure's annual saving there (nil: not priced).
        var savings: [ScenarioID: [MeasureID: Double?]] = [:]
        for prog in model.programmes {
            guard let s = prog.scenario, savings[s] == nil, let whatIf, whatIf.scenarios.contains(s) else { continue }
            var table: [MeasureID: Double?] = [:]
            for e in whatIf.scenarios[s].entries where e.isApply {
                if let m = e.measure { table[m] = e.annualSaving }
            }
            savings[s] = table
        }
        let asof = model.settings.asof
        out.projects = zip(model.projects.ids, model.projects).map { j, p in
            var f = ProjectFigures(project: j)
            if let prog = p.programme, model.programmes.contains(prog), let s = model.programmes[prog].scenario,
               let table = savings[s] {
                var sum = 0.0
                for d in p.delivers where model.measures.contains(d.value) && deliveredBy[d.value.index] == j {
                    guard let entry = table[d.value] else { continue }   // not applied in the scenario
                    if let v = entry { sum += v } else { f.savingIncomplete = true }
                }
                f.annualSaving = sum
            }
            f.milestoneOverdueSince = p.milestones.map { m in
                guard let asof, !m.done, p.isActive, let d = m.date, d < asof else { return nil }
                return d.adding(days: 1)
            }
            f.openMilestones = p.isActive ? p.milestones.reduce(0) { $0 + ($1.done ? 0 : 1) } : 0
            if let asof, p.status == .running, let span = p.period, span.last < asof { f.overdueSince = span.last.adding(days: 1) }
            return f
        }
        // Deployments from pools to projects.
        for (k, d) in zip(model.deployments.ids, model.deployments) {
            guard let s = d.toProject, model.symbols.contains(s),
                  let j = model.symbols[s].id(ProjectID.self), out.projects.contains(j) else { continue }
            out.projects[j].deployments.append(k)
        }
        // Programmes and their fields.
        out.programmes = model.programmes.ids.map { i in
            var g = ProgrammeFigures(programme: i)
            g.fields = model.programmes[i].fields.indices.map { FieldFigures(field: $0) }
            if model.programmes[i].scenario != nil { g.annualSaving = 0 }
            return g
        }
        var direct = [FieldFigures?](repeating: nil, count: model.programmes.count)   // by programme index
        for (j, p) in zip(model.projects.ids, model.projects) {
            guard let prog = p.programme, out.programmes.contains(prog) else { continue }
            let pf = out.projects[j]   // read before `add` writes into `out` (exclusive access)
            func add(_ f: inout FieldFigures) {
                f.projects.append(j)
                if let b = p.budget { f.budget += b } else { f.projectsWithoutBudget += 1 }
                if let s = p.status { f.statusCounts[statusIndex(s)] += 1 } else { f.withoutStatus += 1 }
                if let v = pf.annualSaving { f.annualSaving = (f.annualSaving ?? 0) + v }
                if pf.savingIncomplete { f.savingIncomplete = true }
            }
            if let fi = p.field, fi >= 0, fi < out.programmes[prog].fields.count {
                add(&out.programmes[prog].fields[fi])
            } else {
                var f = direct[prog.index] ?? FieldFigures(field: nil)
                add(&f)
                direct[prog.index] = f
            }
            if let b = p.budget { out.programmes[prog].projectsBudget += b }
            if let v = out.projects[j].annualSaving { out.programmes[prog].annualSaving = (out.programmes[prog].annualSaving ?? 0) + v }
            if out.projects[j].savingIncomplete { out.programmes[prog].savingIncomplete = true }
        }
        for (i, d) in direct.enumerated() { if let d { out.programmes[i].fields.append(d) } }
        // Owners of projects.
        var byOwner: [SymbolID: Int] = [:]
        var owners: [OwnerFigures] = []
        for (j, p) in zip(model.projects.ids, model.projects) {
            guard let o = p.owner, model.symbols.contains(o) else { continue }
            let k: Int
            if let existing = byOwner[o] { k = existing } else {
                k = owners.count
                byOwner[o] = k
                owners.append(OwnerFigures(owner: o, name: model.symbols[o].name))
            }
            owners[k].projects += 1
            owners[k].milestonesOpen += out.projects[j].openMilestones
        }
        out.owners = owners.sorted {
            ($0.projects, $0.milestonesOpen) != ($1.projects, $1.milestonesOpen)
                ? ($0.projects, $0.milestonesOpen) > ($1.projects, $1.milestonesOpen)
                : ($0.name, $0.owner.index) < ($1.name, $1.owner.index)
        }
        return out
    }
}
