import OrgaSyntax
import OrgaSemantics

/// The staffing engine (Personalbemessung, docs/language.md (Staffing, Prozess-DNA)). Pure and
/// thread-safe: `analyze` only reads the model, so the language server, graphs and
/// reports may call it concurrently.
///
/// ```swift
/// let model = Analyzer.check(files: files)
/// let r = StaffingAnalysis.analyze(model)
/// r.positions[i].need, r.positions[i].gap, r.positions[i].topContributions(3)
/// r.processes[p].cases, r.processes[p].nodes[n].visits, r.processes[p].leadTimeDays
/// r.dna.scores[p].score, r.dna.scores[p].rank
/// r.units[u].need   // rolled up over the subtree
/// ```
/// Semantics decisions are documented in `docs/staffing.md`.
public enum StaffingAnalysis {
    public static func analyze(_ model: Model) -> StaffingResult {
        var engine = Engine(model: model)
        return engine.run()
    }

    /// As `analyze`, reusing the per-process work (visits, handoffs) of an earlier run
    /// for every process not in `changed` (what-if evaluation: a change to one process
    /// re-solves that process only; cases, positions and units are summed afresh, which
    /// is linear). `changed == nil` or no `previous`: everything is computed.
    public static func analyze(_ model: Model, reusing previous: StaffingCache?, changed: Set<ProcessID>?) -> (StaffingResult, StaffingCache) {
        var engine = Engine(model: model)
        if let previous, let changed, previous.solutions.count == model.processes.count {
            engine.reused = previous
            engine.changed = changed
        }
        let result = engine.run()
        return (result, StaffingCache(solutions: engine.solutions, handoffs: engine.handoffCache))
    }
}

/// What `StaffingAnalysis.analyze(_:reusing:changed:)` keeps of a run for the next one.
public struct StaffingCache: Sendable {
    var solutions: [Visits.Solution]
    var handoffs: [Double??]
}

/// The engine works on process indices (`p: Int`): its working arrays and the call-graph
/// solver number processes 0..<n. Ids are made where results leave it (contributions,
/// missing inputs, callers).
private struct Engine {
    let model: Model
    var solutions: [Visits.Solution] = []
    var processes: [ProcessStaffing] = []
    /// Whether the cases of a process include every caller (false: partial or unknown).
    var casesComplete: [Bool] = []
    var leadTimeComplete: [Bool] = []
    /// Where the nodes of process p start in the flat per-node tables (`nodeStart[p] + n`):
    /// one array for all nodes instead of one per process and table (on 100,000 processes,
    /// 300,000 small arrays and their headers).
    var nodeStart: [Int] = []
    /// Per node: index into `stepContributions` of the contribution of a staff step, -1
    /// when not a staff step or an input is missing.
    var stepContributionIndex: [Int] = []
    var stepContributions: [Contribution] = []
    /// An earlier run whose per-process results hold for every process not in `changed`.
    var reused: StaffingCache? = nil
    var changed: Set<ProcessID> = []
    /// Per process: the handoffs computed (outer nil: not computed in this run).
    var handoffCache: [Double??] = []

    // Ranges (docs/staffing.md, Ranges): cases as linear combinations of the uncertain
    // volumes, the time factor of every step, and per staff step the weight w of its need
    // (need = w × cases × time).
    var caseFactors: [CaseFactors?] = []
    /// σ² of each process's own volume (0 when exact), by process index.
    var volumeVariance: [Double] = []
    /// Per node (flat, `nodeStart`): index into `timeVariances` of an uncertain time, else -1.
    var timeIndex: [Int] = []
    var timeVariances: [Double] = []
    /// Per node (flat, `nodeStart`): the weight w of a staff step's need.
    var stepWeight: [Double] = []
    var leadSums: [LeadSum] = []
    /// The need of each position and of each unit's own work as aggregates of ranges.
    var positionSums: [SpreadSum] = []
    var unitOwnSums: [SpreadSum] = []

    init(model: Model) { self.model = model }

    private static func canReuse(_ p: Int, _ model: Model, _ reused: StaffingCache?, _ changed: Set<ProcessID>) -> Bool {
        guard let reused, !changed.contains(ProcessID(p)), p < reused.solutions.count else { return false }
        return reused.solutions[p].reachable.count == model.processes[p].nodes.count
    }

    /// The contribution of staff step `n` of process `p`, if it has one.
    func stepContribution(_ p: Int, _ n: Int) -> Contribution? {
        let k = stepContributionIndex[nodeStart[p] + n]
        return k >= 0 ? stepContributions[k] : nil
    }

    /// The visits of every process and the handoffs of every solved one. Both depend on
    /// the process alone, so blocks of processes are solved on all cores; every result
    /// lands in its process's slot, so the figures are bit-identical to one thread (the
    /// 100k-line model: 156 M of the analysis's 315 M instructions are these two).
    private static func solveAll(_ model: Model, reusing reused: StaffingCache?, changed: Set<ProcessID>)
        -> (solutions: [Visits.Solution], handoffs: [Double??]) {
        let np = model.processes.count
        let block = 64
        let parts = concurrentMap((np + block - 1) / block) { b in
            (b * block ..< Swift.min(np, (b + 1) * block)).map { p in
                solveOne(p, model, reusing: reused, changed: changed)
            }
        }
        var solutions: [Visits.Solution] = []
        var handoffs: [Double??] = []
        solutions.reserveCapacity(np)
        handoffs.reserveCapacity(np)
        for part in parts {
            for (solution, h) in part { solutions.append(solution); handoffs.append(h) }
        }
        return (solutions, handoffs)
    }

    /// Process `p`'s visits (reused when unchanged) and, when solved, its handoffs (outer nil: not solved).
    private static func solveOne(_ p: Int, _ model: Model, reusing reused: StaffingCache?, changed: Set<ProcessID>)
        -> (Visits.Solution, Double??) {
        let proc = model.processes[p]
        let reuse = canReuse(p, model, reused, changed)
        let solution: Visits.Solution
        if reuse, let reused {
            solution = reused.solutions[p]
        } else {
            solution = Visits.solve(proc, flow: p < model.flows.count ? model.flows[p] : FlowGraph(proc))
        }
        guard solution.visits != nil else { return (solution, nil) }
        if reuse, let reused, p < reused.handoffs.count, let h = reused.handoffs[p] { return (solution, .some(h)) }
        return (solution, .some(handoffs(p, model, solution)))
    }

    func timeFactor(_ p: Int, _ n: Int) -> TimeFactor {
        let node = model.processes[p].nodes[n]
        return TimeFactor(mean: node.timeHours ?? 0, range: node.timeRange)
    }

    mutating func run() -> StaffingResult {
        let np = model.processes.count
        (solutions, handoffCache) = Engine.solveAll(model, reusing: reused, changed: changed)
        processes = (0..<np).map { p in
            let proc = model.processes[p]
            return ProcessStaffing(ownVolume: proc.volumePerYear, cases: nil, callers: [],
                                   nodes: Array(repeating: NodeStaffing(), count: proc.nodes.count),
                                   flowSolved: solutions[p].visits != nil, staffHoursPerCase: 0, staffHoursPerYear: nil,
                                   fte: 0, costPerCase: nil, leadTimeDays: nil, mediaBreaks: nil, handoffs: nil,
                                   steps: nil, systemSteps: nil, digital: nil, missing: [], costComplete: true,
                                   casesComplete: false, leadTimeComplete: false,
                                   staffHoursPerCaseWithCalls: 0, fteWithCalls: nil, costPerCaseWithCalls: nil,
                                   withCallsComplete: false, costWithCallsComplete: false, hasCalls: false)
        }
        casesComplete = Array(repeating: false, count: np)
        leadTimeComplete = Array(repeating: false, count: np)
        nodeStart.reserveCapacity(np + 1)
        var nodeCount = 0
        for proc in model.processes { nodeStart.append(nodeCount); nodeCount += proc.nodes.count }
        nodeStart.append(nodeCount)
        stepContributionIndex = Array(repeating: -1, count: nodeCount)
        stepWeight = Array(repeating: 0, count: nodeCount)
        caseFactors = Array(repeating: nil, count: np)
        leadSums = Array(repeating: LeadSum(), count: np)
        volumeVariance = model.processes.map { $0.volumeRange?.variance ?? 0 }
        timeIndex.reserveCapacity(nodeCount)
        for proc in model.processes {
            for node in proc.nodes {
                if let r = node.timeRange, !node.isDecision {
                    timeVariances.append(r.variance)
                    timeIndex.append(timeVariances.count - 1)
                } else {
                    timeIndex.append(-1)
                }
            }
        }

        // Call graph: process → processes it calls. Tarjan emits callees before callers.
        var callEntries = [[(Int, Double)]](repeating: [], count: np)
        for (p, proc) in model.processes.enumerated() {
            for node in proc.nodes where !node.isDecision {
                if let c = node.call, model.processes.contains(c) { callEntries[p].append((c.index, 1)) }
            }
        }
        let callSolver = FlowSolver(n: np, entries: callEntries)
        let order = callSolver.components()
        var cyclic = [Bool](repeating: false, count: np)
        for comp in order where comp.count > 1 || callEntries[comp[0]].contains(where: { $0.0 == comp[0] }) {
            for p in comp { cyclic[p] = true }
        }
        let calleesFirst = order.flatMap { $0 }
        computeCases(callersFirst: calleesFirst.reversed(), cyclic: cyclic)
        for p in calleesFirst { computeProcess(p, cyclic: cyclic) }

        var positions = computePositions()
        let units = computeUnits(&positions)
        let dna = DNA.compute(model, processes: processes)

        var totalPlanned = 0.0, totalFilled = 0.0, totalNeed = 0.0, totalPlannedCost = 0.0, totalNeedCost = 0.0
        var needSum = SpreadSum(), costSum = SpreadSum()
        for (i, ps) in positions.enumerated() {
            totalPlanned += ps.planned; totalFilled += ps.filled; totalNeed += ps.need
            totalPlannedCost += ps.plannedCost ?? 0; totalNeedCost += ps.needCost ?? 0
            needSum.add(positionSums[i])
            if let cpf = ps.costPerFTE { costSum.add(positionSums[i], scaled: cpf) }
        }
        for (u, us) in units.enumerated() { totalNeed += us.ownNeed; needSum.add(unitOwnSums[u]) }
        let roots = model.units.ids.filter { model.units[$0].parent == nil }
        var result = StaffingResult(positions: positions, units: units, processes: processes, dna: dna, rootUnits: roots,
                                    totalPlanned: totalPlanned, totalFilled: totalFilled, totalNeed: totalNeed,
                                    totalPlannedCost: totalPlannedCost, totalNeedCost: totalNeedCost)
        result.totalNeedSpread = needSum.spread(value: totalNeed, volumeVariance: volumeVariance)
        result.totalNeedCostSpread = costSum.spread(value: totalNeedCost, volumeVariance: volumeVariance)
        return result
    }

    // MARK: Cases (docs/language.md, Staffing: cases(p) = volume(p) + Σ cases(caller) × visits × share)

    private mutating func computeCases(callersFirst: [Int], cyclic: [Bool]) {
        let np = model.processes.count
        var incoming = [Double](repeating: 0, count: np)
        var incomingAny = [Bool](repeating: false, count: np)
        var incomingComplete = [Bool](repeating: true, count: np)
        var incomingMin = [Double](repeating: 0, count: np), incomingMax = [Double](repeating: 0, count: np)
        var incomingWeights = [[Int: Double]](repeating: [:], count: np)
        for p in callersFirst {
            let proc = model.processes[p]
            var cases: Double? = nil
            var complete = true
            if cyclic[p] {
                cases = nil
                complete = false
            } else {
                let own = proc.volumePerYear
                if case .rejected = proc.volumeSetting { complete = false }   // volume written but unusable (E205 …)
                if own != nil || incomingAny[p] { cases = (own ?? 0) + incoming[p] }
                if !incomingComplete[p] { complete = false }
                if cases == nil { complete = false }
            }
            processes[p].cases = cases.flatMap { $0.isFinite ? $0 : nil }
            if let cs = processes[p].cases {
                // C = own volume + Σ incoming: its bounds and its coefficients on the uncertain volumes.
                let own = proc.volumePerYear ?? 0
                let range = proc.volumePerYear == nil ? nil : proc.volumeRange
                var f = CaseFactors(mean: cs, min: (range?.low ?? own) + incomingMin[p], max: (range?.high ?? own) + incomingMax[p])
                var weights = incomingWeights[p]
                if range != nil { weights[p, default: 0] += 1 }
                f.coefficients = weights.keys.sorted().map { ($0, weights[$0] ?? 0) }
                for (r, a) in f.coefficients { f.variance += a * a * volumeVariance[r] }
                caseFactors[p] = f
                processes[p].casesSpread = f.coefficients.isEmpty ? .exact(cs)
                    : Spread(min: Swift.min(f.min, cs), max: Swift.max(f.max, cs), sd: f.variance.squareRoot())
            }
            casesComplete[p] = complete && processes[p].cases != nil
            processes[p].casesComplete = casesComplete[p]
            // Push cases into the callees.
            let visits = solutions[p].visits
            for (n, node) in proc.nodes.enumerated() where !node.isDecision {
                guard let callee = node.call, model.processes.contains(callee), !cyclic[callee.index] || callee.index != p else { continue }
                let c = callee.index
                if let cs = processes[p].cases, let v = visits?[n] {
                    let add = cs * v * node.share
                    if let f = caseFactors[p] {
                        let k = v * node.share
                        incomingMin[c] += f.min * k
                        incomingMax[c] += f.max * k
                        for (r, a) in f.coefficients { incomingWeights[c][r, default: 0] += a * k }
                    }
                    incoming[c] += add
                    incomingAny[c] = true
                    processes[c].callers.append((process: ProcessID(p), node: n, cases: add))
                    if !casesComplete[p] { incomingComplete[c] = false }
                } else {
                    incomingComplete[c] = false
                }
            }
        }
    }

    // MARK: Per process

    private mutating func addMissing(_ m: MissingInput, toProcess p: Int) {
        if !processes[p].missing.contains(m) { processes[p].missing.append(m) }
    }

    private mutating func computeProcess(_ p: Int, cyclic: [Bool]) {
        let proc = model.processes[p]
        let sol = solutions[p]
        let cases = processes[p].cases
        let pid = ProcessID(p)
        if sol.visits == nil { addMissing(MissingInput(kind: .flow, process: pid), toProcess: p) }
        if !casesComplete[p] { addMissing(MissingInput(kind: .cases, process: pid), toProcess: p) }
        var staffHours = 0.0, fte = 0.0, cost = 0.0
        var lead = 0.0, leadComplete = sol.visits != nil
        var media = 0.0, steps = 0.0, systemSteps = 0.0
        var costComplete = true
        var anyPriced = false
        // Spreads: lead time and staff hours per case depend on times only, fte on times and volumes.
        var leadSum = LeadSum(), fteSum = SpreadSum()
        var hoursMin = 0.0, hoursMax = 0.0, hoursVariance = 0.0
        for (n, node) in proc.nodes.enumerated() {
            let visits = sol.visits?[n]
            let exec = visits.map { $0 * (node.isDecision ? 1 : node.share) }
            processes[p].nodes[n].visits = visits
            processes[p].nodes[n].executions = exec
            if node.isDecision {
                if let e = exec {
                    processes[p].nodes[n].leadTimeDays = e * node.waitDays; lead += e * node.waitDays
                    leadSum.min += e * node.waitDays; leadSum.max += e * node.waitDays
                }
                continue
            }
            if let e = exec {
                steps += e
                if node.mediaBreak { media += e }
                if case .system = node.performer, node.call == nil { systemSteps += e }
            }
            // Calling step: its own wait and the callee's lead time per case (docs/language.md § 7.8).
            if let callee = node.call {
                guard model.processes.contains(callee) else { continue }
                let c = callee.index
                if let e = exec, !cyclic[c] || c != p, let calleeLead = processes[c].leadTimeDays, !cyclic[c] {
                    let d = e * (node.waitDays + calleeLead)
                    processes[p].nodes[n].leadTimeDays = d
                    lead += d
                    let callee = leadSums[c]
                    leadSum.min += e * (node.waitDays + callee.min)
                    leadSum.max += e * (node.waitDays + callee.max)
                    for (t, w) in callee.weights { leadSum.weights[t, default: 0] += e * w }
                    if !leadTimeComplete[c] { leadComplete = false }
                } else {
                    leadComplete = false
                    addMissing(MissingInput(kind: .flow, process: callee), toProcess: p)
                }
                continue
            }
            let timeDays = (node.timeHours ?? 0) / 24
            let tf = timeFactor(p, n)
            if let e = exec {
                let d = e * (timeDays + node.waitDays)
                processes[p].nodes[n].leadTimeDays = d
                lead += d
                leadSum.min += e * (tf.min / 24 + node.waitDays)
                leadSum.max += e * (tf.max / 24 + node.waitDays)
                let t = timeIndex[nodeStart[p] + n]
                if t >= 0 { leadSum.weights[t, default: 0] += e / 24 }
            }
            guard let perf = node.performer, perf.isStaff else { continue }
            guard let time = node.timeHours else {
                addMissing(MissingInput(kind: .time, process: pid, node: n), toProcess: p)
                leadComplete = false
                costComplete = false
                continue
            }
            guard let e = exec else { continue }
            staffHours += e * time
            hoursMin += e * tf.min; hoursMax += e * tf.max; hoursVariance += e * e * tf.variance
            let worktime: Double?
            let allowance: Allowance
            switch perf {
            case .position(let i):
                guard model.positions.contains(i) else { continue }
                worktime = model.worktime(position: i)?.value
                allowance = model.allowance(position: i)
            case .unit(let u):
                guard model.units.contains(u) else { continue }
                worktime = model.worktime(unit: u)?.value
                allowance = model.allowance(unit: u)
            default: continue
            }
            guard let cs = cases else { costComplete = false; continue }
            let hours = cs * e * time
            processes[p].nodes[n].hoursPerYear = hours
            guard let wt = worktime, wt > 0 else {
                addMissing(MissingInput(kind: .worktime, process: pid, node: n), toProcess: p)
                costComplete = false
                continue
            }
            let load = allowance.load(hours)
            let need = load / wt
            guard need.isFinite else { continue }
            var c = Contribution(kind: .step, fte: need)
            c.process = pid; c.node = n; c.cases = cs; c.visits = visits; c.share = node.share
            c.timeHours = time; c.hours = hours; c.loadHours = load; c.worktime = wt
            // need = w × cases × time with w = load per executed hour ÷ worktime.
            let w = allowance.load(e) / wt
            if let cf = caseFactors[p], w.isFinite {
                stepWeight[nodeStart[p] + n] = w
                var one = SpreadSum()
                one.addStep(weight: w, cases: cf, time: tf)
                c.fteSpread = one.spread(value: need, volumeVariance: volumeVariance)
                fteSum.addStep(weight: w, cases: cf, time: tf)
            }
            stepContributionIndex[nodeStart[p] + n] = stepContributions.count
            stepContributions.append(c)
            processes[p].nodes[n].fte = need
            processes[p].nodes[n].fteSpread = c.fteSpread
            fte += need
            switch perf {
            case .position(let i):
                if let cpf = Costs.costPerFTE(model, position: i) { cost += need * cpf; anyPriced = true } else { costComplete = false }
            default:
                costComplete = false   // work done by a unit has no grade: not priced, never a silent 0
            }
        }
        let solved = sol.visits != nil
        processes[p].staffHoursPerCase = staffHours
        processes[p].staffHoursPerYear = cases.map { $0 * staffHours }
        processes[p].fte = fte
        // Cost per case: nil when nothing could be priced and something is missing (a 0 would
        // look like a real figure, e.g. for a process whose work is all done by units).
        if let cs = cases, cs > 0, solved, anyPriced || costComplete {
            let v = cost / cs
            processes[p].costPerCase = v.isFinite ? v : nil
        }
        processes[p].costComplete = costComplete && casesComplete[p]
        processes[p].leadTimeDays = solved ? lead : nil
        leadSums[p] = leadSum
        processes[p].leadTimeSpread = solved ? leadSum.spread(value: lead, timeVariance: timeVariances) : nil
        processes[p].fteSpread = fteSum.spread(value: fte, volumeVariance: volumeVariance)
        processes[p].staffHoursPerCaseSpread = hoursVariance > 0 || hoursMin != hoursMax
            ? Spread(min: Swift.min(hoursMin, staffHours), max: Swift.max(hoursMax, staffHours), sd: hoursVariance.squareRoot())
            : .exact(staffHours)
        leadTimeComplete[p] = leadComplete
        processes[p].leadTimeComplete = leadComplete
        if solved {
            processes[p].mediaBreaks = media
            processes[p].steps = steps
            processes[p].systemSteps = systemSteps
            processes[p].digital = steps > 0 ? 1 - systemSteps / steps : nil
            processes[p].handoffs = handoffCache[p] ?? nil   // solved in `solveAll`
        }
        computeWithCalls(p, cyclic: cyclic)
    }

    /// The figures including called processes (callees are computed before their callers).
    private mutating func computeWithCalls(_ p: Int, cyclic: [Bool]) {
        let proc = model.processes[p]
        let own = processes[p]
        var hours = own.staffHoursPerCase
        let cases = own.cases
        var ftePerCase: Double? = cases.flatMap { $0 > 0 ? own.fte / $0 : (own.fte == 0 ? 0 : nil) }
        var cost = own.costPerCase
        var complete = own.complete
        var costComplete = own.costComplete
        var hasCalls = false
        for (n, node) in proc.nodes.enumerated() where !node.isDecision {
            guard let c = node.call else { continue }
            hasCalls = true
            guard model.processes.contains(c), !cyclic[c.index], c.index != p, let e = own.nodes[n].executions else {
                complete = false; costComplete = false
                continue
            }
            let callee = processes[c]
            hours += e * callee.staffHoursPerCaseWithCalls
            if let calleeCases = callee.cases, calleeCases > 0, let f = callee.fteWithCalls, let mine = ftePerCase {
                ftePerCase = mine + e * f / calleeCases
            } else if (callee.fteWithCalls ?? 0) != 0 {
                ftePerCase = nil
            }
            if let cc = callee.costPerCaseWithCalls { cost = (cost ?? 0) + e * cc }
            if !callee.withCallsComplete { complete = false }
            if !callee.costWithCallsComplete { costComplete = false }
        }
        processes[p].hasCalls = hasCalls
        processes[p].staffHoursPerCaseWithCalls = hours
        processes[p].fteWithCalls = own.flowSolved ? cases.flatMap { cs in ftePerCase.map { $0 * cs } }.flatMap { $0.isFinite ? $0 : nil } : nil
        if !own.flowSolved || cases == nil { complete = false }
        processes[p].costPerCaseWithCalls = cost.flatMap { $0.isFinite ? $0 : nil }
        processes[p].withCallsComplete = complete
        processes[p].costWithCallsComplete = costComplete
    }

    /// The performing-unit key of each performer step (docs/language.md, Prozess-DNA: a position
    /// counts as its unit, actors and systems as themselves), numbered densely in order of first appearance; nil for other nodes.
    private static func handoffs(_ p: Int, _ model: Model, _ solution: Visits.Solution) -> Double? {
        let proc = model.processes[p]
        let nu = model.units.count, np = model.positions.count, na = model.actors.count
        var ids: [Int: Int] = [:]
        var keys = [Int?](repeating: nil, count: proc.nodes.count)
        for (i, node) in proc.nodes.enumerated() where !node.isDecision && node.call == nil {
            let raw: Int?
            switch node.performer {
            case .position(let k) where model.positions.contains(k):
                if let u = model.positions[k].unit, model.units.contains(u) { raw = u.index } else { raw = nu + k.index }
            case .unit(let k) where model.units.contains(k): raw = k.index
            case .actor(let k) where model.actors.contains(k): raw = nu + np + k.index
            case .system(let k) where model.systems.contains(k): raw = nu + np + na + k.index
            default: raw = nil
            }
            guard let r = raw else { continue }
            if let id = ids[r] { keys[i] = id } else { ids[r] = ids.count; keys[i] = ids.count - 1 }
        }
        return Visits.handoffs(proc, solution: solution, keys: keys, keyCount: ids.count)
    }

    // MARK: Positions (docs/language.md § 7.3)

    /// Why staff step `n` of process `p` has no contribution: the first missing input in
    /// the order flow, time, cases, worktime (the node is named for time and worktime).
    private func missingInput(process p: Int, node n: Int) -> (kind: MissingInput.Kind, node: Int?) {
        let kind: MissingInput.Kind = solutions[p].visits == nil ? .flow
            : model.processes[p].nodes[n].timeHours == nil ? .time
            : processes[p].cases == nil ? .cases : .worktime
        return (kind, kind == .time || kind == .worktime ? n : nil)
    }

    /// Adds staff step `n` of process `p` (which has a contribution) to an aggregate of ranges.
    private func addStep(_ p: Int, _ n: Int, to sum: inout SpreadSum) {
        guard let cf = caseFactors[p] else { return }
        sum.addStep(weight: stepWeight[nodeStart[p] + n], cases: cf, time: timeFactor(p, n))
    }

    private mutating func computePositions() -> [PositionStaffing] {
        let m = model
        var contributions = [[Contribution]](repeating: [], count: m.positions.count)
        var sums = [SpreadSum](repeating: SpreadSum(), count: m.positions.count)
        var missing = [[MissingInput]](repeating: [], count: m.positions.count)
        func addMissing(_ i: PositionID, _ x: MissingInput) { if !missing[i.index].contains(x) { missing[i.index].append(x) } }
        // Each position's list reserved for its steps, efforts and coverage: grown by doubling,
        // one position doing the steps of 100,000 processes held 52 MB for 26 MB of contributions.
        var expected = [Int](repeating: 0, count: m.positions.count)
        for (p, proc) in m.processes.enumerated() {
            for (n, node) in proc.nodes.enumerated() where !node.isDecision && node.call == nil {
                if case .position(let i) = node.performer, m.positions.contains(i), stepContributionIndex[nodeStart[p] + n] >= 0 {
                    expected[i.index] += 1
                }
            }
        }
        for (i, pos) in m.positions.enumerated() {
            let count = expected[i] + pos.efforts.count + (pos.coverageHoursPerWeek == nil ? 0 : 1)
            if count > 0 { contributions[i].reserveCapacity(count) }
        }

        // Steps, in process order and node order.
        for (p, proc) in m.processes.enumerated() {
            for (n, node) in proc.nodes.enumerated() where !node.isDecision && node.call == nil {
                guard case .position(let i) = node.performer, m.positions.contains(i) else { continue }
                if let c = stepContribution(p, n) {
                    contributions[i.index].append(c)
                    addStep(p, n, to: &sums[i.index])
                    if !casesComplete[p] { addMissing(i, MissingInput(kind: .cases, process: ProcessID(p), position: i)) }
                } else {
                    let why = missingInput(process: p, node: n)
                    addMissing(i, MissingInput(kind: why.kind, process: ProcessID(p), node: why.node, position: i))
                }
            }
        }
        // Efforts and coverage: no Verteilzeit (docs/language.md § 7.3: fte as given; h/year ÷ worktime).
        for i in m.positions.ids {
            let pos = m.positions[i]
            let wt = m.worktime(position: i)?.value
            for e in pos.efforts {
                if let f = e.fte {
                    var c = Contribution(kind: .effort, fte: f)
                    c.label = e.label
                    contributions[i.index].append(c)
                } else if let h = e.hoursPerYear {
                    guard let w = wt, w > 0 else { addMissing(i, MissingInput(kind: .worktime, position: i)); continue }
                    var c = Contribution(kind: .effort, fte: h / w)
                    c.label = e.label; c.hours = h; c.loadHours = h; c.worktime = w
                    contributions[i.index].append(c)
                }
            }
            if let perWeek = pos.coverageHoursPerWeek {
                if let w = wt, w > 0 {
                    let h = perWeek * 52
                    var c = Contribution(kind: .coverage, fte: h / w)
                    c.hoursPerWeek = perWeek; c.hours = h; c.loadHours = h; c.worktime = w
                    contributions[i.index].append(c)
                } else {
                    addMissing(i, MissingInput(kind: .worktime, position: i))
                }
            }
        }
        // Leadership (docs/language.md § 7.3): the head's need grows by leadership × filled fte led directly.
        if m.settings.leadership > 0 {
            for u in m.units.ids {
                let unit = m.units[u]
                guard let h = unit.head, m.positions.contains(h) else { continue }
                let led = ledDirectly(unit: u, head: h)
                var c = Contribution(kind: .leadership, fte: m.settings.leadership * led)
                c.unit = u; c.label = unit.name; c.ledFTE = led; c.fraction = m.settings.leadership
                contributions[h.index].append(c)
            }
        }
        var result: [PositionStaffing] = []
        result.reserveCapacity(m.positions.count)
        for i in m.positions.ids {
            let pos = m.positions[i]
            var need = 0.0
            for c in contributions[i.index] {
                need += c.fte
                if c.kind != .step { sums[i.index].addConstant(c.fte) }
            }
            let cpf = Costs.costPerFTE(m, position: i)
            if cpf == nil { addMissing(i, MissingInput(kind: .cost, position: i)) }
            let spread = sums[i.index].spread(value: need, volumeVariance: volumeVariance)
            result.append(PositionStaffing(
                planned: pos.planned, filled: pos.filled, need: need, gap: need - pos.planned, vacancy: pos.planned - pos.filled,
                proposal: Costs.roundUp(need, step: m.settings.rounding),
                worktime: m.worktime(position: i)?.value, allowance: m.allowance(position: i),
                costPerFTE: cpf, plannedCost: Costs.cost(pos.planned, cpf), needCost: Costs.cost(need, cpf),
                contributions: contributions[i.index], missing: missing[i.index]))
            result[i].needSpread = spread
            result[i].proposalP90 = spread.isExact ? nil : Costs.roundUp(spread.percentile90(mean: need), step: m.settings.rounding)
            result[i].needCostSpread = cpf.map { spread.scaled(by: $0) }
        }
        positionSums = sums
        return result
    }

    /// Filled fte led directly by `head` as head of unit `u` (docs/language.md § 7.3): the other positions
    /// directly in the unit, the heads of its direct sub-units, and — for a sub-unit
    /// without a head — that sub-unit's positions and sub-units, counted the same way.
    /// Each position is led once: one that sits in a unit and also heads a sub-unit
    /// counts once, and the head itself never.
    private func ledDirectly(unit u: UnitID, head h: PositionID) -> Double {
        var total = 0.0
        var visited = Set<UnitID>([u])
        var led = Set<PositionID>([h])
        func lead(_ p: PositionID) {
            guard model.positions.contains(p), led.insert(p).inserted else { return }
            total += model.positions[p].filled
        }
        // Work list of units whose members count; iterative to bound the stack.
        var queue = [u]
        var qi = 0
        while qi < queue.count {
            let x = queue[qi]; qi += 1
            for p in model.units[x].positions { lead(p) }
            for s in model.units[x].subunits where model.units.contains(s) && !visited.contains(s) {
                visited.insert(s)
                if let sh = model.units[s].head, model.positions.contains(sh) {
                    lead(sh)
                } else {
                    queue.append(s)
                }
            }
        }
        return total
    }

    // MARK: Units (docs/language.md § 7.4: Σ positions + sub-units + work done by the unit)

    private mutating func computeUnits(_ positions: inout [PositionStaffing]) -> [UnitStaffing] {
        let m = model
        let nu = m.units.count
        var own = [[Contribution]](repeating: [], count: nu)
        var ownSums = [SpreadSum](repeating: SpreadSum(), count: nu)
        var ownMissing = [[MissingInput]](repeating: [], count: nu)
        for (p, proc) in m.processes.enumerated() {
            for (n, node) in proc.nodes.enumerated() where !node.isDecision && node.call == nil {
                guard case .unit(let uid) = node.performer, m.units.contains(uid) else { continue }
                let u = uid.index
                if let c = stepContribution(p, n) {
                    own[u].append(c)
                    addStep(p, n, to: &ownSums[u])
                    if !casesComplete[p] {
                        let x = MissingInput(kind: .cases, process: ProcessID(p), unit: uid)
                        if !ownMissing[u].contains(x) { ownMissing[u].append(x) }
                    }
                } else {
                    let why = missingInput(process: p, node: n)
                    let x = MissingInput(kind: why.kind, process: ProcessID(p), node: why.node, unit: uid)
                    if !ownMissing[u].contains(x) { ownMissing[u].append(x) }
                }
            }
        }
        var result: [UnitStaffing] = m.units.ids.map { uid in
            let u = uid.index
            var ownNeed = 0.0
            for c in own[u] { ownNeed += c.fte }
            return UnitStaffing(planned: 0, filled: 0, need: 0, ownNeed: ownNeed, ownContributions: own[u], gap: 0, vacancy: 0,
                                proposal: 0, plannedCost: 0, needCost: 0, costComplete: own[u].isEmpty && ownMissing[u].isEmpty,
                                worktime: m.worktime(unit: uid)?.value, allowance: m.allowance(unit: uid), missing: ownMissing[u])
        }
        for u in 0..<nu { result[u].ownNeedSpread = ownSums[u].spread(value: result[u].ownNeed, volumeVariance: volumeVariance) }
        unitOwnSums = ownSums
        // The subtree's aggregates of ranges (need, need cost), kept for the parent.
        var needSums = ownSums
        var costSums = [SpreadSum](repeating: SpreadSum(), count: nu)
        // Children before parents (cycle-safe; a sub-unit counts in its parent only).
        let rollup = UnitRollup(m.units)
        for uid in rollup.order {
            let u = uid.index
            var r = result[u]
            var planned = 0.0, filled = 0.0, need = r.ownNeed, pc = 0.0, nc = 0.0
            var costOK = r.costComplete
            var missing = r.missing
            for p in m.units[uid].positions where positions.contains(p) {
                let ps = positions[p]
                planned += ps.planned; filled += ps.filled; need += ps.need
                if p.index < positionSums.count {
                    needSums[u].add(positionSums[p.index])
                    if let cpf = ps.costPerFTE { costSums[u].add(positionSums[p.index], scaled: cpf) }
                }
                if let c = ps.plannedCost { pc += c } else { costOK = false }
                if let c = ps.needCost { nc += c }
                for x in ps.missing where !missing.contains(x) { missing.append(x) }
            }
            for s in rollup.included(in: uid) {
                let sr = result[s]
                planned += sr.planned; filled += sr.filled; need += sr.need
                pc += sr.plannedCost; nc += sr.needCost
                needSums[u].add(needSums[s.index])
                costSums[u].add(costSums[s.index])
                if !sr.costComplete { costOK = false }
                for x in sr.missing where !missing.contains(x) { missing.append(x) }
            }
            r.planned = planned; r.filled = filled; r.need = need
            r.gap = need - planned; r.vacancy = planned - filled
            r.proposal = Costs.roundUp(need, step: m.settings.rounding)
            r.needSpread = needSums[u].spread(value: need, volumeVariance: volumeVariance)
            r.proposalP90 = r.needSpread.isExact ? nil : Costs.roundUp(r.needSpread.percentile90(mean: need), step: m.settings.rounding)
            r.plannedCost = pc; r.needCost = nc; r.costComplete = costOK
            r.needCostSpread = costSums[u].spread(value: nc, volumeVariance: volumeVariance)
            r.missing = missing
            result[u] = r
        }
        return result
    }
}
