import OrgaSemantics
import OrgaSupport

/// The process landscape: every process as a node, grouped in lanes by owner unit,
/// with an edge for each caller → callee pair. With metrics, nodes show cases and
/// fte bound, and their border weight grows with the fte bound.
public enum Landscape {
    public static func build(_ model: Model, metrics: GraphMetrics? = nil, words: Words = .en) -> Graph {
        let w = words
        var g = Graph(kind: .landscape, title: model.settings.title ?? model.settings.name ?? "Process landscape", name: model.settings.name ?? "landscape")
        g.words = w
        g.subtitle = ["\(model.processes.count) \(w.processes)"]
        g.metrics = metrics != nil
        // Lanes: owner units in unit-tree order (pre-order), then processes without owner.
        var unitOrder = [Int](repeating: -1, count: model.units.count)   // by unit index
        var k = 0
        var stack: [UnitID] = model.units.ids.filter { model.units[$0].parent == nil }.reversed()
        var seen = [Bool](repeating: false, count: model.units.count)
        while let u = stack.popLast() {
            guard model.units.contains(u) && !seen[u.index] else { continue }
            seen[u.index] = true
            unitOrder[u.index] = k
            k += 1
            for c in model.units[u].subunits.reversed() { stack.append(c) }
        }
        for u in model.units.indices where unitOrder[u] < 0 { unitOrder[u] = k; k += 1 }
        var owners: [UnitID] = []
        var hasNone = false
        for p in model.processes {
            if let o = p.owner, model.units.contains(o) { owners.append(o) } else { hasNone = true }
        }
        owners = Array(Set(owners)).sorted { unitOrder[$0.index] < unitOrder[$1.index] }
        var laneOf: [UnitID: Int] = [:]
        for (l, u) in owners.enumerated() {
            laneOf[u] = l
            let unit = model.units[u]
            g.lanes.append(GraphLane(title: unit.title ?? unit.name, subtitle: [unit.kind, unit.code].compactMap { $0 }.joined(separator: " · "), kind: .unit, name: unit.name))
        }
        let noneLane = g.lanes.count
        if hasNone { g.lanes.append(GraphLane(title: w.noLane, kind: .none, name: "")) }

        let maxFTE = metrics.map { m in m.processes.compactMap(\.fte).max() ?? 0 } ?? 0
        for (pi, p) in zip(model.processes.ids, model.processes) {
            var node = GraphNode(kind: .process, title: p.title ?? p.name)
            node.name = p.name
            node.process = pi
            node.documentation = p.doc
            node.lane = p.owner.flatMap { laneOf[$0] } ?? noneLane
            var details: [String] = []
            let f = metrics?.process(pi)
            if let c = f?.cases ?? p.volumePerYear { details.append("\(w.numbers.grouped(c, 1)) \(w.casesPerYear)") }
            if let fte = f?.fte {
                details.append("\(f?.complete == false ? "≥ " : "")\(w.numbers.fte(fte)) \(w.fteBound)")
                node.weight = maxFTE > 0 ? fte / maxFTE : 0
            }
            node.details = details
            g.nodes.append(node)
        }
        var pairs = Set<Int>()
        let np = model.processes.count
        for (pi, p) in model.processes.enumerated() {
            for node in p.nodes {
                // Graph nodes are the processes in model order: a process's node index is its index.
                guard let c = node.call, model.processes.contains(c) else { continue }
                if pairs.insert(pi * np + c.index).inserted { g.edges.append(GraphEdge(from: pi, to: c.index)) }
            }
        }
        return g
    }

    /// Columns for the landscape: callers left of callees (longest path over the call
    /// graph, cycles ignored); processes without calls fill a grid in their lane.
    public static func ranks(_ g: Graph) -> [Int] {
        let n = g.nodes.count
        var rank = [Int](repeating: 0, count: n)
        var connected = [Bool](repeating: false, count: n)
        var indeg = [Int](repeating: 0, count: n)
        var out = [[Int]](repeating: [], count: n)
        for e in g.edges where e.from >= 0 && e.from < n && e.to >= 0 && e.to < n && e.from != e.to {
            out[e.from].append(e.to)
            indeg[e.to] += 1
            connected[e.from] = true
            connected[e.to] = true
        }
        var queue = (0..<n).filter { indeg[$0] == 0 }
        var head = 0
        while head < queue.count {
            let u = queue[head]
            head += 1
            for v in out[u] {
                rank[v] = max(rank[v], rank[u] + 1)
                indeg[v] -= 1
                if indeg[v] == 0 { queue.append(v) }
            }
        }
        let usedCols = (0..<n).filter { connected[$0] }.map { rank[$0] }.max().map { $0 + 1 } ?? 0
        var perLane: [Int: Int] = [:]
        for i in 0..<n where !connected[i] { perLane[g.nodes[i].lane, default: 0] += 1 }
        var counter: [Int: Int] = [:]
        for i in 0..<n where !connected[i] {
            let l = g.nodes[i].lane
            let count = perLane[l] ?? 1
            var cols = max(usedCols, 1)
            var side = 1
            while side * side < count { side += 1 }
            cols = max(cols, min(side, 8))
            let k = counter[l, default: 0]
            counter[l] = k + 1
            rank[i] = k % cols
        }
        return rank
    }
}
