import Foundation
import OrgaSyntax
import OrgaSupport

/// Whole-model checks of programmes, projects and milestones (docs/language.md,
/// Programmes): what a project must say (E853–E856, W859), milestones without a date
/// (E850), `depends` cycles (E851), periods that do not nest (W850, W851), dependencies
/// that end too late (W852), budgets above the programme's (W853), done projects with
/// open milestones (W854), measures delivered twice (W855) or applied although their
/// project is stopped (W856), and with `asof` what is overdue (W857, W858). Linear in
/// projects, milestones and `depends`/`delivers` entries.
extension Checker {
    mutating func checkPortfolio() {
        guard !model.projects.isEmpty || !model.programmes.isEmpty else { return }
        for j in model.projects.ids { checkProject(j) }
        checkDependsCycles()
        checkBudgets()
        checkDeliveries()
    }

    /// `2025-06-30` for messages (dates are quoted, so German output keeps them as written).
    private static func day(_ d: CalendarDate) -> String { d.iso }

    private mutating func checkProject(_ j: ProjectID) {
        let p = model.projects[j]
        let name = p.name
        if !p.inWritten { report(.projectWithoutProgramme, p.location, "project `\(name)` has no `in`: name its programme or `Programme.Field`") }
        if !p.ownerWritten { report(.projectWithoutOwner, p.location, "project `\(name)` has no `owner`: name the unit, position or actor responsible") }
        if !p.periodSetting.isWrittenOrMeant {
            report(.projectWithoutPeriod, p.location, "project `\(name)` has no `period`: add one, e.g. `period 2025-01-01..2025-12-31`")
        }
        if !p.statusSetting.isWrittenOrMeant {
            report(.projectWithoutStatus, p.location, "project `\(name)` has no `status`: add `planned`, `running`, `done` or `stopped`")
        }
        if !p.budgetSetting.isWrittenOrMeant {
            report(.projectWithoutBudget, p.location, "project `\(name)` has no `budget`: the budget sums of its field and programme leave it out")
        }
        if let span = p.period, let prog = p.programme, model.programmes.contains(prog),
           let outer = model.programmes[prog].period, !(outer.contains(span.first) && outer.contains(span.last)) {
            report(.projectOutsideProgramme, p.periodSetting.location ?? p.location,
                   "project `\(name)` runs `\(span)`, outside the period `\(outer)` of programme `\(model.programmes[prog].name)`")
        }
        let asof = model.settings.asof
        for m in p.milestones {
            guard let date = m.date else {
                if !m.dateSetting.isWrittenOrMeant {
                    report(.milestoneWithoutDate, m.location, "milestone `\(m.name)` of project `\(name)` has no `date`: add one, e.g. `date 2025-06-30`")
                }
                continue
            }
            if let span = p.period, !span.contains(date) {
                report(.milestoneOutsideProject, m.dateSetting.location ?? m.location,
                       "milestone `\(m.name)` of project `\(name)` is dated `\(Self.day(date))`, outside the project's period `\(span)`")
            }
            if !m.done, p.status == .done {
                report(.doneWithOpenMilestones, m.location, "project `\(name)` is done, but its milestone `\(m.name)` is not marked `done`")
            }
            if !m.done, p.isActive, let asof, date < asof {
                report(.milestoneOverdue, m.location,
                       "milestone `\(m.name)` of project `\(name)` is overdue since `\(Self.day(date.adding(days: 1)))` (status date `\(Self.day(asof))`)")
            }
        }
        if p.status == .running, let asof, let span = p.period, span.last < asof {
            report(.projectOverdue, p.statusSetting.location ?? p.location,
                   "project `\(name)` is running and overdue since `\(Self.day(span.last.adding(days: 1)))`: its period ended on `\(Self.day(span.last))` (status date `\(Self.day(asof))`)")
        }
        if let span = p.period {
            for d in p.depends where model.projects.contains(d.value) {
                let dep = model.projects[d.value]
                if let other = dep.period, other.last >= span.first {
                    report(.dependencyEndsLate, d.location,
                           "project `\(name)` starts on `\(Self.day(span.first))`, but `\(dep.name)`, which it depends on, ends on `\(Self.day(other.last))`")
                }
            }
        }
    }

    /// Cycles of `depends`, in one iterative depth-first walk (no recursion on input):
    /// each edge back into the walk's path is one cycle, reported at that `depends` entry.
    private mutating func checkDependsCycles() {
        let n = model.projects.count
        // Per project (by index): 0 unseen, 1 on the path, 2 done; and where on the path.
        var state = [UInt8](repeating: 0, count: n)
        var onPathAt = [Int](repeating: -1, count: n)
        for start in model.projects.ids where state[start.index] == 0 {
            var stack: [(node: ProjectID, next: Int)] = [(start, 0)]
            state[start.index] = 1
            onPathAt[start.index] = 0
            while let top = stack.last {
                let deps = model.projects[top.node].depends
                if top.next >= deps.count {
                    state[top.node.index] = 2
                    onPathAt[top.node.index] = -1
                    stack.removeLast()
                    continue
                }
                stack[stack.count - 1].next += 1
                let edge = deps[top.next]
                let v = edge.value
                guard model.projects.contains(v) else { continue }
                if state[v.index] == 0 {
                    state[v.index] = 1
                    onPathAt[v.index] = stack.count
                    stack.append((v, 0))
                } else if state[v.index] == 1, onPathAt[v.index] >= 0 {
                    let names = stack[onPathAt[v.index]...].map { model.projects[$0.node].name } + [model.projects[v].name]
                    report(.dependsCycle, edge.location, "the projects `\(names.joined(separator: " → "))` depend on each other in a cycle; remove one of the `depends`")
                }
            }
        }
    }

    private mutating func checkBudgets() {
        var sums = [Double](repeating: 0, count: model.programmes.count)
        for p in model.projects {
            if let prog = p.programme, prog.index >= 0, prog.index < sums.count, let b = p.budget { sums[prog.index] += b }
        }
        for (i, prog) in model.programmes.enumerated() {
            guard let budget = prog.budget, sums[i] > budget else { continue }
            report(.budgetAboveProgramme, prog.budgetSetting.location ?? prog.location,
                   "the projects of programme `\(prog.name)` have budgets of \(Self.plain(sums[i])) EUR together, more than its budget of \(Self.plain(budget)) EUR")
        }
    }

    /// A whole number without grouping (the German message formats it), else two decimals.
    static func plain(_ v: Double) -> String {
        if v.isFinite, v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return v.isFinite ? String(format: "%.2f", v) : "?"
    }

    private mutating func checkDeliveries() {
        // Per measure (by index).
        var deliveredBy = [ProjectID?](repeating: nil, count: model.measures.count)
        var allStopped = [Bool](repeating: true, count: model.measures.count)
        for j in model.projects.ids {
            let p = model.projects[j]
            for d in p.delivers where model.measures.contains(d.value) {
                if p.status != .stopped { allStopped[d.value.index] = false }
                if let first = deliveredBy[d.value.index] {
                    if first != j {
                        report(.measureDeliveredTwice, d.location,
                               "measure `\(model.measures[d.value].name)` is delivered by project `\(model.projects[first].name)` and by project `\(p.name)`")
                    }
                } else { deliveredBy[d.value.index] = j }
            }
        }
        for s in model.scenarios {
            for entry in s.entries {
                guard case .apply(let m?, let l) = entry, model.measures.contains(m), let j = deliveredBy[m.index], allStopped[m.index] else { continue }
                report(.stoppedMeasureApplied, l,
                       "scenario `\(s.name)` applies measure `\(model.measures[m].name)`, which project `\(model.projects[j].name)` delivers, but it is stopped")
            }
        }
    }
}
