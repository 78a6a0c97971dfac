/// The flow of one process as a graph, worked out once from the model and shared by the
/// checker (which reports what is wrong with it) and the visit solver (which needs a
/// valid one): successors with probabilities, reachability, and the nodes from which a
/// case can never end.
public struct FlowGraph: Sendable {
    /// Why a flow cannot be solved, the first one in node order. The checker reports
    /// each as an error.
    public enum Problem: String, Sendable {
        case empty                  // W407: no nodes (visits are then an empty array, not a problem)
        case decisionWithoutBranches // E405
        case unresolvedTarget        // E402
        case branchShares            // E401
        case invalidShare            // E203: a share outside 0…100 %
        case caseCannotEnd           // E403
        case singular                // numerically unsolvable (should not happen after the checks above)
    }

    public let nodeCount: Int
    /// Per node: successors with repeated targets merged and zero probabilities dropped;
    /// target nil = end of the case.
    public let transitions: [[(target: Int?, p: Double)]]
    /// Nodes reachable from the first node along any written edge (also a 0 % branch):
    /// what the checker calls reachable.
    public let reachable: [Bool]
    /// Nodes reachable from the first node through transitions with positive
    /// probability: the nodes a case can visit.
    public let visited: [Bool]
    /// Nodes from which the end can be reached through transitions with positive probability.
    public let reachesEnd: [Bool]
    /// True when every transition of a visited node goes forward in source order (no loop).
    public let isForward: Bool
    /// A piece of the flow is missing (a target that did not resolve, a branch without
    /// share or target, a decision without branches): it has its own diagnostic, and
    /// the whole-flow checks would only report consequences of it.
    public let isIncomplete: Bool
    /// What keeps the visits from being solved, if anything (`empty` is not a problem).
    public let problem: Problem?

    public init(_ process: Process) {
        let nodes = process.nodes
        let n = nodes.count
        nodeCount = n
        var trans = [[(target: Int?, p: Double)]](repeating: [], count: n)
        var reach = [Bool](repeating: false, count: n)
        var toEnd = [Bool](repeating: false, count: n)
        var work: [Int] = []
        // Written edges taken with probability 0 or less (rare): they count for reachability only.
        var zeroEdges: [(from: Int, to: Int)] = []
        // Edges between nodes, as parallel lists; their reverse (predecessors) is laid out
        // flat below instead of one array per node, and the successors are read from the
        // node, not from `Process.successors` (an array per node): FlowGraph.init was 6 %
        // of the 100k check's instructions (callgrind 2026-12-01).
        var edgeFrom: [Int] = [], edgeTo: [Int] = []
        edgeFrom.reserveCapacity(n)
        edgeTo.reserveCapacity(n)
        for i in 0..<n {
            var out: [(target: Int?, p: Double)] = []
            func add(_ t: FlowTarget, _ p: Double) {
                let j: Int?
                switch t {
                case .end: j = nil
                case .node(let k): j = (k >= 0 && k < n) ? k : nil
                }
                guard p > 0 else {
                    if let j { zeroEdges.append((i, j)) }
                    return
                }
                if let idx = out.firstIndex(where: { $0.target == j }) { out[idx].p += p } else { out.append((j, p)) }
            }
            // As `Process.successors(i)`. Nodes are read in place, here and below: a copy
            // (`let node = nodes[i]`, `for node in nodes`) retained and released all its
            // fields (callgrind, 100k model: FlowGraph.init 58 → 43 M instructions, 2026-12-02).
            if nodes[i].isDecision {
                for b in nodes[i].branches { if let t = b.target { add(t, b.share) } }
            } else if let next = nodes[i].next {
                add(next, 1)
            } else {
                add(i + 1 < n ? .node(i + 1) : .end, 1)
            }
            for (t, _) in out {
                if let j = t {
                    edgeFrom.append(i)
                    edgeTo.append(j)
                } else if !toEnd[i] {
                    toEnd[i] = true
                    work.append(i)
                }
            }
            trans[i] = out
        }
        // Predecessors of node j: preds[predStart[j] ..< predStart[j + 1]], in node order.
        var predStart = [Int](repeating: 0, count: n + 1)
        for j in edgeTo { predStart[j + 1] += 1 }
        for k in 0..<n { predStart[k + 1] += predStart[k] }
        var preds = [Int](repeating: 0, count: edgeTo.count)
        var fill = predStart
        for e in edgeTo.indices {
            preds[fill[edgeTo[e]]] = edgeFrom[e]
            fill[edgeTo[e]] += 1
        }
        while let j = work.popLast() {
            for k in predStart[j]..<predStart[j + 1] where !toEnd[preds[k]] {
                toEnd[preds[k]] = true
                work.append(preds[k])
            }
        }
        var seen = [Bool](repeating: false, count: n)
        if n > 0 {
            reach[0] = true
            var stack = [0]
            var zeroFrom = [[Int]](repeating: [], count: zeroEdges.isEmpty ? 0 : n)
            for e in zeroEdges { zeroFrom[e.from].append(e.to) }
            while let i = stack.popLast() {
                for (t, _) in trans[i] { if let j = t, !reach[j] { reach[j] = true; stack.append(j) } }
                if !zeroFrom.isEmpty { for j in zeroFrom[i] where !reach[j] { reach[j] = true; stack.append(j) } }
            }
            seen[0] = true
            stack = [0]
            while let i = stack.popLast() { for (t, _) in trans[i] { if let j = t, !seen[j] { seen[j] = true; stack.append(j) } } }
        }
        var forward = true
        for i in 0..<n where seen[i] { for (t, _) in trans[i] { if let j = t, j <= i { forward = false } } }
        transitions = trans
        reachable = reach
        visited = seen
        reachesEnd = toEnd
        isForward = forward

        var incomplete = false
        for i in nodes.indices {
            if nodes[i].nextGiven && nodes[i].next == nil { incomplete = true }
            if nodes[i].isDecision && nodes[i].branches.contains(where: { $0.target == nil || !$0.shareSetting.isWritten }) { incomplete = true }
            if nodes[i].isDecision && nodes[i].branches.isEmpty { incomplete = true }
        }
        isIncomplete = incomplete
        problem = Self.validate(nodes) ?? ((0..<n).contains { seen[$0] && !toEnd[$0] } ? .caseCannotEnd : nil)
    }

    /// Nodes that are reachable but from which a case can never end, in node order.
    public var trapped: [Int] { (0..<nodeCount).filter { reachable[$0] && !reachesEnd[$0] } }

    /// The first problem of the written flow that keeps it from being solved.
    private static func validate(_ nodes: [FlowNode]) -> Problem? {
        for i in nodes.indices {
            if nodes[i].isDecision {
                if nodes[i].branches.isEmpty { return .decisionWithoutBranches }
                var sum = 0.0
                for b in nodes[i].branches {
                    guard b.target != nil else { return .unresolvedTarget }
                    guard b.share.isFinite, b.share >= 0, b.share <= 1 else { return .invalidShare }
                    sum += b.share
                }
                if abs(sum - 1) > 1e-9 { return .branchShares }
            } else {
                if nodes[i].nextGiven && nodes[i].next == nil { return .unresolvedTarget }
                let share = nodes[i].share
                guard share.isFinite, share >= 0, share <= 1 else { return .invalidShare }
            }
        }
        return nil
    }
}
