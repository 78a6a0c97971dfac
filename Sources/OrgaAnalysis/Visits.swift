import OrgaSemantics

/// Expected visits per node of a process (docs/language.md, Staffing): the absorbing Markov chain
/// `v = e_start + Pᵀ v`, solved exactly by `FlowSolver`.
public enum Visits {
    /// Why a flow cannot be solved (`FlowGraph.Problem`).
    public typealias Problem = FlowGraph.Problem

    /// The result of `solve`: visits per node, or the reason there are none.
    public struct Solution: Sendable {
        /// Expected executions per case of each node (before `share`); 0 for unreachable nodes.
        public var visits: [Double]?
        public var problem: Problem?
        /// Nodes a case can reach from the first node.
        public var reachable: [Bool]
        /// True when every transition of a reachable node goes forward in source order (no
        /// loop): solved in one pass on the fast path.
        public var acyclic: Bool
        /// Merged transitions per node (target nil = end), reused by `handoffs`.
        var transitions: [[(target: Int?, p: Double)]] = []
    }

    /// Solves the visits of every node of `process` (its flow graph worked out here).
    public static func solve(_ process: Process) -> Solution {
        solve(process, flow: FlowGraph(process))
    }

    /// Solves the visits of every node of `process` on its flow graph (`Model.flows`).
    ///
    /// Fast path: when every transition goes forward in source order (no loop), one pass
    /// in source order is exact. Otherwise `FlowSolver` solves the system component by
    /// component (loops by sparse elimination).
    public static func solve(_ process: Process, flow: FlowGraph) -> Solution {
        let n = flow.nodeCount
        if n == 0 { return Solution(visits: [], problem: nil, reachable: [], acyclic: true) }
        let trans = flow.transitions
        let reach = flow.visited
        if let p = flow.problem { return Solution(visits: nil, problem: p, reachable: reach, acyclic: false, transitions: trans) }
        if flow.isForward {
            var v = [Double](repeating: 0, count: n)
            v[0] = 1
            for i in 0..<n where reach[i] {
                for (t, p) in trans[i] { if let j = t { v[j] += v[i] * p } }
            }
            return Solution(visits: v, problem: nil, reachable: reach, acyclic: true, transitions: trans)
        }
        // v_i = [i == 0] + Σ_j P(j, i) v_j over reachable j.
        var entries = [[(Int, Double)]](repeating: [], count: n)
        for j in 0..<n where reach[j] {
            for (t, p) in trans[j] { if let i = t { entries[i].append((j, p)) } }
        }
        let solver = FlowSolver(n: n, entries: entries)
        var e = [Double](repeating: 0, count: n)
        e[0] = 1
        guard let x = solver.solve([e]), let v = x.first else {
            return Solution(visits: nil, problem: .singular, reachable: reach, acyclic: false, transitions: trans)
        }
        // Clamp tiny negative rounding noise; unreachable nodes are exactly 0.
        let visits = (0..<n).map { reach[$0] ? max(0, v[$0]) : 0 }
        return Solution(visits: visits, problem: nil, reachable: reach, acyclic: false, transitions: trans)
    }

    /// Expected number of handoffs per case (docs/language.md, Prozess-DNA): how often a performer
    /// step is followed — through decisions, calling steps, steps without performer and
    /// skipped steps (`share`) — by an executed performer step with a different key.
    ///
    /// Exact: for every key k, f_k(x) = probability that, entering node x, the next
    /// executed performer step has a key ≠ k. f_k(x) = σ_x·[key(x) ≠ k] + (1 − σ_x)·Σ P(x,y) f_k(y)
    /// for performer steps, Σ P(x,y) f_k(y) for the others. One factorisation, one
    /// right-hand side per key. Handoffs = Σ_s visits(s)·σ_s·Σ_y P(s,y)·f_key(s)(y).
    ///
    /// `keys[i]`: the performing-unit key of node i, nil when i is not a performer step.
    static func handoffs(_ process: Process, solution: Solution, keys: [Int?], keyCount: Int) -> Double? {
        let n = process.nodes.count
        guard let visits = solution.visits, n == visits.count, solution.transitions.count == n,
              solution.reachable.count == n else { return nil }
        guard keyCount > 1 else { return 0 }   // one performing unit: no handoffs
        let reachable = solution.reachable
        let trans = solution.transitions
        var f: [[Double]]
        if solution.acyclic {
            // All transitions go forward: solve backwards in one pass per key.
            f = [[Double]](repeating: [Double](repeating: 0, count: n), count: keyCount)
            for x in stride(from: n - 1, through: 0, by: -1) where reachable[x] {
                let kx = keys[x]
                let sigma = process.nodes[x].share
                let pass = kx != nil ? 1 - sigma : 1
                for k in 0..<keyCount {
                    var acc = 0.0
                    if pass != 0 { for (t, p) in trans[x] { if let y = t { acc += p * f[k][y] } } }
                    f[k][x] = (kx != nil && kx != k ? sigma : 0) + pass * acc
                }
            }
        } else {
            var entries = [[(Int, Double)]](repeating: [], count: n)
            for x in 0..<n where reachable[x] {
                let pass = keys[x] != nil ? 1 - process.nodes[x].share : 1
                for (t, p) in trans[x] { if let y = t, pass * p != 0 { entries[x].append((y, pass * p)) } }
            }
            var rhs = [[Double]](repeating: [Double](repeating: 0, count: n), count: keyCount)
            for x in 0..<n where reachable[x] {
                guard let kx = keys[x] else { continue }
                for k in 0..<keyCount where k != kx { rhs[k][x] = process.nodes[x].share }
            }
            guard let solved = FlowSolver(n: n, entries: entries).solve(rhs) else { return nil }
            f = solved
        }
        var total = 0.0
        for s in 0..<n where reachable[s] {
            guard let ks = keys[s] else { continue }
            var next = 0.0
            for (t, p) in trans[s] { if let y = t { next += p * f[ks][y] } }
            total += visits[s] * process.nodes[s].share * next
        }
        return total.isFinite ? max(0, total) : nil
    }
}
