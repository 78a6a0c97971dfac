import OrgaSemantics
import OrgaSupport

/// Builds the swimlane graph of one process: a start event, one node per `step`
/// and `decide` (in source order), one end event; edges for the flow (fall-through,
/// `next`, branches with their shares); lanes by performing unit, actor or system.
public enum ProcessGraph {
    public struct Options: Sendable {
        /// Show visits and fte on the steps (needs `metrics`).
        public var showMetrics = false
        public var words: Words = .en
        public init(showMetrics: Bool = false, words: Words = .en) {
            self.showMetrics = showMetrics
            self.words = words
        }
    }

    /// Node index of the start event; flow node i is graph node i + 1; the end event is last.
    public static let startNode = 0

    public static func build(_ model: Model, process p: ProcessID, metrics: GraphMetrics? = nil, options: Options = Options()) -> Graph {
        guard model.processes.contains(p) else {
            return Graph(kind: .process, title: "", name: "")
        }
        let process = model.processes[p]
        let w = options.words
        let nodes = process.nodes
        let n = nodes.count
        let figures = options.showMetrics ? metrics?.process(p) : nil
        var g = Graph(kind: .process, title: process.title ?? process.name, name: process.name)
        g.words = w
        g.documentation = process.doc
        g.metrics = figures != nil

        let num = w.numbers
        // The heading is the title; the lines under it name the owner and the figures
        // in words and titles (no identifiers: a reader sees them).
        var sub: [String] = []
        if let o = process.owner, model.units.contains(o) {
            sub.append("\(w.process) · \(w.owner): \(Escape.singleLine(model.units[o].title ?? model.units[o].name))")
        } else {
            sub.append(w.process)
        }
        var second: [String] = []
        if let v = process.volumePerYear { second.append("\(num.grouped(v, 1)) \(w.casesPerYear)") }
        if let c = figures?.cases, c != process.volumePerYear { second.append("\(num.grouped(c, 1)) \(w.casesPerYear) (\(w.inclCalls))") }
        if let f = figures?.fte { second.append("\(figures?.complete == false ? "≥ " : "")\(num.fte(f)) \(w.fteBound)") }
        if let lt = figures?.leadTimeDays { second.append("\(w.leadTime) \(num.days(lt))") }
        if let s = process.source { second.append("\(w.source): \(w.sourceName(s))") }
        if !second.isEmpty { sub.append(second.joined(separator: " · ")) }
        g.subtitle = sub

        // Lanes, in order of first appearance along the nodes.
        var laneIndex: [String: Int] = [:]
        func lane(key: String, make: () -> GraphLane) -> Int {
            if let l = laneIndex[key] { return l }
            let l = g.lanes.count
            g.lanes.append(make())
            laneIndex[key] = l
            return l
        }
        func unitLane(_ u: UnitID) -> Int {
            guard model.units.contains(u) else { return noLane() }
            let unit = model.units[u]
            return lane(key: "unit:\(u.index)") {
                var subtitle = [unit.kind ?? w.unit]
                if let c = unit.code { subtitle.append(c) }
                return GraphLane(title: unit.title ?? unit.name, subtitle: subtitle.joined(separator: " · "), kind: .unit, name: unit.name)
            }
        }
        func noLane() -> Int {
            lane(key: "none") { GraphLane(title: w.noLane, kind: .none, name: "") }
        }
        func performerLane(_ perf: Performer) -> Int {
            switch perf {
            case .position(let i):
                guard model.positions.contains(i) else { return noLane() }
                if let u = model.positions[i].unit { return unitLane(u) }
                let pos = model.positions[i]
                return lane(key: "position:\(i.index)") { GraphLane(title: pos.title ?? pos.name, subtitle: w.position, kind: .position, name: pos.name) }
            case .unit(let u): return unitLane(u)
            case .actor(let a):
                guard model.actors.contains(a) else { return noLane() }
                let actor = model.actors[a]
                return lane(key: "actor:\(a.index)") {
                    GraphLane(title: actor.title ?? actor.name, subtitle: w.actor + (actor.external ? " · \(w.external)" : ""), kind: .actor, name: actor.name)
                }
            case .system(let s):
                guard model.systems.contains(s) else { return noLane() }
                let sys = model.systems[s]
                return lane(key: "system:\(s.index)") { GraphLane(title: sys.title ?? sys.name, subtitle: w.system, kind: .system, name: sys.name) }
            }
        }

        // Predecessors (first one in node order) for the lanes of decisions.
        var firstPred = [Int](repeating: -1, count: n)
        var endPreds: [Int] = []
        for i in 0..<n {
            for (t, _) in process.successors(i) {
                switch t {
                case .node(let j): if j >= 0 && j < n && firstPred[j] < 0 && j != i { firstPred[j] = i }
                case .end: if endPreds.last != i { endPreds.append(i) }
                }
            }
        }

        // Nodes. Lanes of performers first, in node order; decisions follow their predecessor.
        var nodeLane = [Int](repeating: -1, count: n)
        for i in 0..<n where !nodes[i].isDecision {
            let node = nodes[i]
            if let perf = node.performer {
                nodeLane[i] = performerLane(perf)
            } else if let c = node.call, model.processes.contains(c), let o = model.processes[c].owner {
                nodeLane[i] = unitLane(o)
            } else if node.call != nil, let o = process.owner {
                nodeLane[i] = unitLane(o)
            } else {
                nodeLane[i] = noLane()
            }
        }
        func isSystemStep(_ k: Int) -> Bool {
            if case .system? = nodes[k].performer { return true }
            return false
        }
        // Decisions: the lane of the step before them (following chains of decisions and
        // skipping system steps: a system does not decide, the staff step before it does).
        // Without such a step: the owner's lane, else the next non-system step's, else
        // the step before it whatever it is.
        for i in 0..<n where nodes[i].isDecision {
            var cur = firstPred[i]
            var steps = 0
            while cur >= 0 && steps < n && (nodeLane[cur] < 0 || isSystemStep(cur)) {
                cur = firstPred[cur]
                steps += 1
            }
            if cur >= 0 && nodeLane[cur] >= 0 {
                nodeLane[i] = nodeLane[cur]
            } else if let o = process.owner, model.units.contains(o) {
                nodeLane[i] = unitLane(o)
            } else if let j = (i + 1..<n).first(where: { nodeLane[$0] >= 0 && !nodes[$0].isDecision && !isSystemStep($0) }) {
                nodeLane[i] = nodeLane[j]
            } else {
                var any = firstPred[i]
                var k = 0
                while any >= 0 && nodeLane[any] < 0 && k < n {
                    any = firstPred[any]
                    k += 1
                }
                nodeLane[i] = any >= 0 && nodeLane[any] >= 0 ? nodeLane[any] : noLane()
            }
        }
        // Re-order lanes by first appearance along the source order (decisions included).
        var seen = [Bool](repeating: false, count: g.lanes.count)
        var laneOrder: [Int] = []
        for i in 0..<n where nodeLane[i] >= 0 && !seen[nodeLane[i]] {
            seen[nodeLane[i]] = true
            laneOrder.append(nodeLane[i])
        }
        for l in 0..<g.lanes.count where !seen[l] { laneOrder.append(l) }
        var remap = [Int](repeating: 0, count: g.lanes.count)
        for (k, l) in laneOrder.enumerated() { remap[l] = k }
        g.lanes = laneOrder.map { g.lanes[$0] }
        for i in 0..<n where nodeLane[i] >= 0 { nodeLane[i] = remap[nodeLane[i]] }
        if g.lanes.isEmpty {
            if let o = process.owner { _ = unitLane(o) } else { _ = noLane() }
        }

        var start = GraphNode(kind: .start, title: process.trigger ?? w.start)
        start.name = "start"
        start.lane = n > 0 ? nodeLane[0] : 0
        g.nodes.append(start)
        for i in 0..<n {
            let node = nodes[i]
            var kind: NodeKind
            if node.isDecision {
                kind = .decision
            } else if node.call != nil {
                kind = .call
            } else {
                switch node.performer {
                case .position?, .unit?: kind = .task(.staff)
                case .system?: kind = .task(.system)
                case .actor?: kind = .task(.actor)
                case nil: kind = .task(.unknown)
                }
            }
            var gn = GraphNode(kind: kind, title: node.title ?? node.name)
            gn.name = node.name
            gn.lane = nodeLane[i]
            gn.documentation = node.doc
            gn.mediaBreak = node.mediaBreak
            if !node.isDecision {
                var details: [String] = []
                if case .position(let pi)? = node.performer, model.positions.contains(pi) {
                    details.append(model.positions[pi].title ?? model.positions[pi].name)
                }
                if let c = node.call, model.processes.contains(c) {
                    gn.process = c
                    details.append("→ " + (model.processes[c].title ?? model.processes[c].name))
                }
                var timing: [String] = []
                if let r = node.timeRange {
                    timing.append(num.durationRange(r))
                } else if let t = node.timeHours {
                    timing.append(num.duration(hours: t))
                }
                if node.waitDays > 0 { timing.append("\(w.wait) \(num.days(node.waitDays))") }
                if node.share < 1 { timing.append("\(w.share) \(num.percent(node.share))") }
                if !timing.isEmpty { details.append(timing.joined(separator: " · ")) }
                let systems = node.systems.compactMap { s in model.systems.contains(s) ? model.systems[s].name : nil }
                if !systems.isEmpty { details.append("IT: " + systems.joined(separator: ", ")) }
                if let f = figures {
                    var m: [String] = []
                    if i < f.visits.count, let v = f.visits[i] { m.append("\(w.visits) \(num.fmt(v, 2))") }
                    if i < f.nodeFTE.count, let x = f.nodeFTE[i] { m.append("\(num.fte(x)) \(w.fte)") }
                    if !m.isEmpty { details.append(m.joined(separator: " · ")) }
                }
                gn.details = details
            } else if let f = figures, i < f.visits.count, let v = f.visits[i], v != 1 {
                gn.details = ["\(w.visits) \(num.fmt(v, 2))"]
            }
            g.nodes.append(gn)
        }
        var end = GraphNode(kind: .end, title: process.result ?? w.end)
        end.name = "end"
        end.lane = endPreds.last.map { nodeLane[$0] } ?? (n > 0 ? nodeLane[n - 1] : 0)
        g.nodes.append(end)
        let endIndex = n + 1

        // Edges.
        g.edges.append(GraphEdge(from: startNode, to: n > 0 ? 1 : endIndex))
        for i in 0..<n {
            let node = nodes[i]
            if node.isDecision {
                for b in node.branches {
                    guard let t = b.target else { continue }
                    var e = GraphEdge(from: i + 1, to: target(t, n: n))
                    let title = b.title.map { Escape.singleLine($0) }
                    e.branchTitle = title
                    e.share = b.share
                    e.label = [title, num.percent(b.share)].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
                    g.edges.append(e)
                }
            } else {
                for (t, _) in process.successors(i) {
                    g.edges.append(GraphEdge(from: i + 1, to: target(t, n: n)))
                }
            }
        }
        return g
    }

    private static func target(_ t: FlowTarget, n: Int) -> Int {
        switch t {
        case .end: return n + 1
        case .node(let j): return j >= 0 && j < n ? j + 1 : n + 1
        }
    }
}
