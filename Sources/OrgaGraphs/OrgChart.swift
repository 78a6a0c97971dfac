import OrgaSemantics
import OrgaSupport

/// The org chart: the unit tree with positions. Each unit shows planned / filled /
/// need fte (need with an analysis); units whose need exceeds planned are marked.
public enum OrgChart {
    public static func build(_ model: Model, metrics: GraphMetrics? = nil, words: Words = .en) -> Graph {
        let w = words
        var g = Graph(kind: .org, title: model.settings.title ?? model.settings.name ?? "Organisation", name: model.settings.name ?? "org")
        g.words = w
        g.metrics = metrics != nil
        g.subtitle = ["\(w.planned) / \(w.filled)" + (metrics != nil ? " / \(w.need)" : "") + " [\(w.fte)]"]
        let nu = model.units.count
        // Planned and filled over each subtree (from the model), need from the analysis.
        var planned = [Double](repeating: 0, count: nu)
        var filled = [Double](repeating: 0, count: nu)
        for p in model.positions {
            var cur = p.unit
            var steps = 0
            while let u = cur, u >= 0 && u < nu && steps <= nu {
                planned[u] += p.planned
                filled[u] += p.filled
                cur = model.units[u].parent
                steps += 1
            }
        }
        for (u, unit) in model.units.enumerated() {
            var node = GraphNode(kind: .unit, title: unit.title ?? unit.name)
            node.name = unit.name
            node.documentation = unit.doc
            var details: [String] = []
            let kc = [unit.kind, unit.code].compactMap { $0 }.map(Escape.singleLine).joined(separator: " · ")
            if !kc.isEmpty { details.append(kc) }
            let fig = metrics?.unit(u)
            let pl = fig?.planned ?? planned[u], fi = fig?.filled ?? filled[u]
            var staff = "\(Num.fmt(pl, 2)) / \(Num.fmt(fi, 2))"
            if let need = fig?.need {
                staff += " / \(fig?.complete == false ? "≥" : "")\(Num.fmt(need, 2))"
                node.highlight = need > pl + 1e-9
            }
            details.append(staff + " \(w.fte)")
            node.listFrom = details.count
            var positions = unit.positions
            if let h = unit.head, let k = positions.firstIndex(of: h) {
                positions.remove(at: k)
                positions.insert(h, at: 0)
            }
            for pi in positions.prefix(12) where pi >= 0 && pi < model.positions.count {
                let pos = model.positions[pi]
                var line = "\(Num.fmt(pos.planned, 2)) / \(Num.fmt(pos.filled, 2))"
                if let f = metrics?.position(pi), let need = f.need { line += " / \(f.complete ? "" : "≥")\(Num.fmt(need, 2))" }
                line += "  " + Escape.singleLine(pos.title ?? pos.name)
                details.append(line)
            }
            if positions.count > 12 { details.append("+ \(positions.count - 12) …") }
            node.details = details
            g.nodes.append(node)
        }
        for (u, unit) in model.units.enumerated() {
            for c in unit.subunits where c >= 0 && c < nu && model.units[c].parent == u {
                var e = GraphEdge(from: u, to: c)
                e.plain = true
                g.edges.append(e)
            }
        }
        return g
    }

    static let boxWidth = 250.0
    static let hGap = 26.0, vGap = 44.0, indent = 30.0, stackGap = 14.0

    /// Lays the tree out top-down: a parent centred over its children; children that
    /// are all leaves are stacked in a list under the parent (compact and readable).
    public static func drawing(_ g: Graph) -> Drawing {
        let n = g.nodes.count
        var titles = [[String]](repeating: [], count: n)
        var details = [[String]](repeating: [], count: n)
        var height = [Double](repeating: 0, count: n)
        for i in 0..<n {
            titles[i] = TextMetrics.wrap(g.nodes[i].title, maxWidth: boxWidth - 18, size: Drawing.titleSize * 1.08, maxLines: 3)
            details[i] = g.nodes[i].details.map { TextMetrics.truncate($0, maxWidth: boxWidth - 18, size: Drawing.detailSize) }
            var h = 10 + Double(titles[i].count) * Drawing.titleLine + 8
            if !details[i].isEmpty { h += 3 + Double(details[i].count) * Drawing.detailLine }
            height[i] = max(50, h.rounded(.up))
        }
        // Children from the tree edges (first parent wins; no cycles).
        var children = [[Int]](repeating: [], count: n)
        var parent = [Int](repeating: -1, count: n)
        for e in g.edges where e.from >= 0 && e.from < n && e.to >= 0 && e.to < n && e.from != e.to && parent[e.to] < 0 {
            parent[e.to] = e.from
            children[e.from].append(e.to)
        }
        // Roots: nodes without parent, then anything not reached (cycles).
        var order: [Int] = []   // pre-order
        var visited = [Bool](repeating: false, count: n)
        var roots: [Int] = []
        func walk(_ r: Int) {
            var stack = [r]
            while let u = stack.popLast() {
                guard !visited[u] else { continue }
                visited[u] = true
                order.append(u)
                for c in children[u].reversed() where !visited[c] { stack.append(c) }
            }
        }
        for i in 0..<n where parent[i] < 0 { roots.append(i); walk(i) }
        for i in 0..<n where !visited[i] { roots.append(i); walk(i) }
        // Keep only tree children actually visited from this parent.
        var kids = [[Int]](repeating: [], count: n)
        var placedUnder = [Int](repeating: -1, count: n)
        var isRoot = [Bool](repeating: false, count: n)
        for r in roots { isRoot[r] = true }
        for u in order {
            for c in children[u] where placedUnder[c] < 0 && !isRoot[c] {
                placedUnder[c] = u
                kids[u].append(c)
            }
        }
        // Children are stacked as an indented list when they are all leaves, and below
        // the second level always (so that large organisations stay readable).
        var depth = [Int](repeating: 0, count: n)
        for u in order { for c in kids[u] { depth[c] = depth[u] + 1 } }
        let stacked = (0..<n).map { u in !kids[u].isEmpty && (depth[u] >= 2 || kids[u].allSatisfy { kids[$0].isEmpty }) }
        // Post-order: subtree width and height.
        var subW = [Double](repeating: boxWidth, count: n)
        var subH = [Double](repeating: 0, count: n)
        for u in order.reversed() {
            if kids[u].isEmpty {
                subW[u] = boxWidth
                subH[u] = height[u]
            } else if stacked[u] {
                subW[u] = max(boxWidth, indent + (kids[u].map { subW[$0] }.max() ?? 0))
                subH[u] = height[u] + stackGap + kids[u].reduce(0) { $0 + subH[$1] + stackGap } - stackGap
            } else {
                let total = kids[u].reduce(0) { $0 + subW[$1] } + hGap * Double(kids[u].count - 1)
                subW[u] = max(boxWidth, total)
                subH[u] = height[u] + vGap + (kids[u].map { subH[$0] }.max() ?? 0)
            }
        }
        // Pre-order: positions (left of subtree, top of node).
        var left = [Double](repeating: 0, count: n)
        var top = [Double](repeating: 0, count: n)
        var x = [Double](repeating: 0, count: n)
        var y = [Double](repeating: 0, count: n)
        let header = 20 + 24 + Double(g.subtitle.count) * 17 + 12
        // Roots side by side; a very wide organisation wraps into bands of trees.
        let maxBand = max(4000.0, subW.max() ?? 0)
        var cursor = 20.0
        var bandTop = header.rounded(.up)
        var bandHeight = 0.0
        var widest = 0.0
        for r in roots {
            if cursor > 20 && cursor + subW[r] > 20 + maxBand {
                cursor = 20
                bandTop += bandHeight + vGap * 1.5
                bandHeight = 0
            }
            left[r] = cursor
            top[r] = bandTop
            cursor += subW[r] + hGap * 2
            widest = max(widest, cursor - hGap * 2)
            bandHeight = max(bandHeight, subH[r])
        }
        for u in order {
            if kids[u].isEmpty {
                x[u] = left[u] + boxWidth / 2
            } else if stacked[u] {
                x[u] = left[u] + boxWidth / 2
                var yy = top[u] + height[u] + stackGap
                for c in kids[u] {
                    left[c] = left[u] + indent
                    top[c] = yy
                    yy += subH[c] + stackGap
                }
            } else {
                let total = kids[u].reduce(0) { $0 + subW[$1] } + hGap * Double(kids[u].count - 1)
                var xx = left[u] + (subW[u] - total) / 2
                for c in kids[u] {
                    left[c] = xx
                    top[c] = top[u] + height[u] + vGap
                    xx += subW[c] + hGap
                }
                x[u] = left[u] + subW[u] / 2
            }
            y[u] = top[u] + height[u] / 2
        }
        var layout = LayoutResult()
        layout.x = x
        layout.y = y
        layout.size = (0..<n).map { NodeSize(width: boxWidth, height: height[$0]) }
        layout.rank = [Int](repeating: 0, count: n)
        layout.row = [Int](repeating: 0, count: n)
        layout.lane = [Int](repeating: 0, count: n)
        layout.width = max(widest + 20, 400)
        layout.height = roots.map { top[$0] + subH[$0] }.max() ?? header
        layout.edges = [[Point]](repeating: [], count: g.edges.count)
        layout.backEdge = [Bool](repeating: false, count: g.edges.count)
        layout.labelAt = [Point](repeating: Point(0, 0), count: g.edges.count)
        layout.labelEnds = [Bool](repeating: false, count: g.edges.count)
        for (k, e) in g.edges.enumerated() where e.from >= 0 && e.from < n && e.to >= 0 && e.to < n {
            let p = e.from, c = e.to
            guard placedUnder[c] == p else { continue }
            let pb = y[p] + height[p] / 2
            if stacked[p] {
                let px = x[p] - boxWidth / 2 + indent / 2
                layout.edges[k] = [Point(px, pb), Point(px, y[c]), Point(x[c] - boxWidth / 2, y[c])]
            } else {
                let ct = y[c] - height[c] / 2
                let mid = pb + vGap / 2
                layout.edges[k] = [Point(x[p], pb), Point(x[p], mid), Point(x[c], mid), Point(x[c], ct)]
            }
        }
        return Drawing(graph: g, layout: layout, titleLines: titles, detailLines: details, laneLines: [],
                       edgeLabels: [String](repeating: "", count: g.edges.count), headerHeight: header)
    }
}
