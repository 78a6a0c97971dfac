import OrgaSyntax
import OrgaSemantics

/// The need after a change to some processes, worked out from the need before it
/// (what-if attribution): only the changed processes, the processes they call
/// (transitively: their cases move), the positions and units doing that work and the
/// units above them are recomputed. Everything else keeps its value.
///
/// The result carries exact need figures (positions, units, totals, need cost, cases,
/// staff hours, node fte) but not a fresh audit trail, DNA or lead times: it serves
/// the attribution of entries; the end state of a scenario is computed in full.
/// Returns nil whenever the quick path does not apply (an input missing before or
/// after, a flow that cannot be solved, a call cycle): then the caller runs the
/// whole engine.
enum IncrementalStaffing {
    /// Updates `r` (the result before the entry) in place to the result after it.
    /// `oldPerformers`: the performers of the touched processes' nodes before the entry.
    /// False: the quick path does not apply, and `r` may be half updated (the caller
    /// then computes everything afresh).
    static func update(_ r: inout StaffingResult, model: Model, oldPerformers: [ProcessID: [Performer?]], touched: Set<ProcessID>,
                       cache: inout StaffingCache) -> Bool {
        let np = model.processes.count
        guard np == r.processes.count, cache.solutions.count == np,
              model.positions.count == r.positions.count, model.units.count == r.units.count else { return false }
        // The touched processes and everything they call.
        var inA = [Bool](repeating: false, count: np)   // by process index
        var stack: [ProcessID] = []
        for p in touched where model.processes.contains(p) && !inA[p.index] { inA[p.index] = true; stack.append(p) }
        var members: [ProcessID] = []
        while let p = stack.popLast() {
            members.append(p)
            for node in model.processes[p].nodes where !node.isDecision {
                if let c = node.call, model.processes.contains(c), !inA[c.index] { inA[c.index] = true; stack.append(c) }
            }
        }
        // Callers first (a topological order within A); a cycle: give up.
        var indegree = [ProcessID: Int]()
        for p in members { indegree[p] = 0 }
        for p in members {
            for node in model.processes[p].nodes where !node.isDecision {
                if let c = node.call, model.processes.contains(c), inA[c.index] { indegree[c, default: 0] += 1 }
            }
        }
        var ready = members.filter { indegree[$0] == 0 }.sorted(by: >)
        var order: [ProcessID] = []
        while let p = ready.popLast() {
            order.append(p)
            for node in model.processes[p].nodes where !node.isDecision {
                guard let c = node.call, model.processes.contains(c), inA[c.index], let d = indegree[c] else { continue }
                indegree[c] = d - 1
                if d - 1 == 0 { ready.append(c); ready.sort(by: >) }
            }
        }
        guard order.count == members.count else { return false }
        for p in members {
            guard r.processes[p].complete, r.processes[p].casesComplete, r.processes[p].flowSolved, r.processes[p].cases != nil else { return false }
            if case .rejected = model.processes[p].volumeSetting { return false }
        }
        // Visits of the touched processes.
        for p in touched where model.processes.contains(p) {
            let sol = Visits.solve(model.processes[p], flow: model.flows.contains(p) ? model.flows[p] : FlowGraph(model.processes[p]))
            guard sol.visits != nil else { return false }
            cache.solutions[p.index] = sol
            cache.handoffs[p.index] = nil
        }
        var positionDelta: [PositionID: Double] = [:]
        var unitOwnDelta: [UnitID: Double] = [:]
        var newCases = [ProcessID: Double]()
        for p in order {
            let proc = model.processes[p]
            guard let visits = cache.solutions[p.index].visits, visits.count == proc.nodes.count else { return false }
            // Cases: own volume plus what each caller sends (callers outside A as before).
            var incoming = 0.0
            var any = false
            for k in r.processes[p].callers.indices {
                let (c, n, oldAdd) = r.processes[p].callers[k]
                var add = oldAdd
                if model.processes.contains(c), inA[c.index] {
                    guard let cs = newCases[c], let v = cache.solutions[c.index].visits, n >= 0, n < v.count,
                          n < model.processes[c].nodes.count else { return false }
                    add = cs * v[n] * model.processes[c].nodes[n].share
                    r.processes[p].callers[k].cases = add
                }
                incoming += add
                any = true
            }
            let own = proc.volumePerYear
            guard own != nil || any else { return false }
            let cases = (own ?? 0) + incoming
            guard cases.isFinite else { return false }
            newCases[p] = cases
            r.processes[p].cases = cases
            // Work of the steps, as the engine computes it.
            var staffHours = 0.0, fte = 0.0
            let old = oldPerformers[p]
            guard r.processes[p].nodes.count == proc.nodes.count, old.map({ $0.count == proc.nodes.count }) ?? true else { return false }
            for (n, node) in proc.nodes.enumerated() {
                // Take back what the node contributed before (read before it is overwritten).
                if let f = r.processes[p].nodes[n].fte, let perf = old.map({ $0[n] }) ?? node.performer {
                    switch perf {
                    case .position(let i): positionDelta[i, default: 0] -= f
                    case .unit(let u): unitOwnDelta[u, default: 0] -= f
                    default: break
                    }
                }
                let exec = visits[n] * (node.isDecision ? 1 : node.share)
                r.processes[p].nodes[n].visits = visits[n]
                r.processes[p].nodes[n].executions = exec
                r.processes[p].nodes[n].hoursPerYear = nil
                r.processes[p].nodes[n].fte = nil
                guard !node.isDecision, node.call == nil, let perf = node.performer, perf.isStaff else { continue }
                guard let time = node.timeHours else { return false }
                staffHours += exec * time
                let worktime: Double?
                let allowance: Allowance
                switch perf {
                case .position(let i):
                    guard model.positions.contains(i) else { return false }
                    worktime = model.worktime(position: i)?.value
                    allowance = model.allowance(position: i)
                case .unit(let u):
                    guard model.units.contains(u) else { return false }
                    worktime = model.worktime(unit: u)?.value
                    allowance = model.allowance(unit: u)
                default: continue
                }
                let hours = cases * exec * time
                guard let wt = worktime, wt > 0 else { return false }
                let need = allowance.load(hours) / wt
                guard need.isFinite else { return false }
                r.processes[p].nodes[n].hoursPerYear = hours
                r.processes[p].nodes[n].fte = need
                fte += need
                switch perf {
                case .position(let i): positionDelta[i, default: 0] += need
                case .unit(let u): unitOwnDelta[u, default: 0] += need
                default: break
                }
            }
            r.processes[p].staffHoursPerCase = staffHours
            r.processes[p].staffHoursPerYear = cases * staffHours
            r.processes[p].fte = fte
        }
        // Positions, then the units above them.
        let rounding = model.settings.rounding
        var unitDelta: [UnitID: (need: Double, cost: Double)] = [:]
        func addUp(from unit: UnitID?, _ d: Double, _ cost: Double) {
            var cur = unit
            var steps = 0
            while let u = cur, model.units.contains(u), steps <= model.units.count {
                let old = unitDelta[u] ?? (0, 0)
                unitDelta[u] = (old.need + d, old.cost + cost)
                cur = model.units[u].parent
                steps += 1
            }
        }
        for (i, d) in positionDelta.sorted(by: { $0.key < $1.key }) where d != 0 && r.positions.contains(i) {
            var ps = r.positions[i]
            ps.need += d
            ps.gap = ps.need - ps.planned
            ps.proposal = Costs.roundUp(ps.need, step: rounding)
            let oldCost = ps.needCost
            ps.needCost = Costs.cost(ps.need, ps.costPerFTE)
            let dc = (ps.needCost ?? 0) - (oldCost ?? 0)
            r.positions[i] = ps
            r.totalNeed += d
            r.totalNeedCost += dc
            addUp(from: model.positions[i].unit, d, dc)
        }
        for (u, d) in unitOwnDelta.sorted(by: { $0.key < $1.key }) where d != 0 && r.units.contains(u) {
            r.units[u].ownNeed += d
            r.totalNeed += d
            addUp(from: u, d, 0)
        }
        for (u, d) in unitDelta.sorted(by: { $0.key < $1.key }) {
            r.units[u].need += d.need
            r.units[u].gap = r.units[u].need - r.units[u].planned
            r.units[u].proposal = Costs.roundUp(r.units[u].need, step: rounding)
            r.units[u].needCost += d.cost
        }
        return true
    }
}
