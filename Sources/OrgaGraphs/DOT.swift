import OrgaSupport

/// Writes a graph as Graphviz DOT. Lanes become clusters; Graphviz does its own
/// layout. Every string is quoted and escaped; ids are `n<index>`.
public enum DOTWriter {
    public static func write(_ g: Graph) -> String {
        var s = ""
        s.reserveCapacity(2048 + g.nodes.count * 200 + g.edges.count * 60)
        let rankdir = g.kind == .org ? "TB" : "LR"
        s += "digraph \"\(Escape.dot(g.name.isEmpty ? g.title : g.name))\" {\n"
        // Heading lines, each left-justified (`\l`).
        let heading = ([g.title] + g.subtitle).map { Escape.dot(Escape.singleLine($0)) + "\\l" }.joined()
        s += "  graph [rankdir=\(rankdir), fontname=\"Helvetica\", fontsize=12, labelloc=t, labeljust=l, label=\"\(heading)\", nodesep=0.3, ranksep=0.45, newrank=true];\n"
        s += "  node [fontname=\"Helvetica\", fontsize=10, shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", color=\"#2f6db5\", margin=\"0.12,0.06\"];\n"
        s += "  edge [fontname=\"Helvetica\", fontsize=9, color=\"#475569\"];\n"
        var members = [[Int]](repeating: [], count: g.lanes.count)
        var loose: [Int] = []
        for (i, node) in g.nodes.enumerated() {
            if node.lane >= 0 && node.lane < g.lanes.count { members[node.lane].append(i) } else { loose.append(i) }
        }
        for l in g.lanes.indices {
            let lane = g.lanes[l]
            let fill: String
            switch lane.kind {
            case .actor: fill = "#fdf6ea"
            case .system: fill = "#eef7f0"
            case .none: fill = "#f3f3f3"
            default: fill = "#f3f6fa"
            }
            let label = [lane.title, lane.subtitle].compactMap { $0 }.map(Escape.singleLine).joined(separator: "\n")
            s += "  subgraph cluster_\(l) {\n"
            s += "    label=\"\(Escape.dot(label))\"; style=\"filled\"; fillcolor=\"\(fill)\"; color=\"#cbd5e1\"; fontname=\"Helvetica-Bold\"; fontsize=11;\n"
            for i in members[l] { s += "    " + node(g, i) + "\n" }
            s += "  }\n"
        }
        for i in loose { s += "  " + node(g, i) + "\n" }
        for e in g.edges where e.from >= 0 && e.from < g.nodes.count && e.to >= 0 && e.to < g.nodes.count {
            var attrs: [String] = []
            if let l = e.label, !l.isEmpty { attrs.append("label=\"\(Escape.dot(Escape.singleLine(l)))\"") }
            if e.plain { attrs.append("arrowhead=none") }
            if g.kind == .landscape { attrs.append("style=dashed") }
            s += "  n\(e.from) -> n\(e.to)" + (attrs.isEmpty ? "" : " [" + attrs.joined(separator: ", ") + "]") + ";\n"
        }
        s += "}\n"
        return s
    }

    static func label(_ node: GraphNode, width: Double) -> String {
        if let box = node.org { return orgLabel(node, box, width: width) }
        var lines = TextMetrics.wrap(node.title, maxWidth: width, size: 10, maxLines: 6)
        lines += node.details.map(Escape.singleLine)
        return lines.map(Escape.dot).joined(separator: "\\n")
    }

    /// An org chart box: the unit's lines centred (`\n`), its positions left-aligned
    /// (`\l`), every text wrapped at word boundaries as in the SVG.
    static func orgLabel(_ node: GraphNode, _ box: OrgBox, width: Double) -> String {
        func wrap(_ t: String, _ w: Double) -> [String] { TextMetrics.wrap(Escape.singleLine(t), maxWidth: w, size: 10, maxLines: 40) }
        var s = ""
        var centred = wrap(node.title, width)
        if let kc = box.kindAndCode { centred += wrap(kc, width) }
        centred += wrap(box.figures, width)
        if !box.markers.isEmpty { centred += wrap(box.markers.map(\.text).joined(separator: " · "), width) }
        for l in centred { s += Escape.dot(l) + "\\n" }
        for p in box.positions {
            for l in wrap((p.isHead ? "★ " : "") + p.title, width) { s += Escape.dot(l) + "\\l" }
            let figures = ([p.figures] + p.markers.map(\.text)).joined(separator: " · ")
            for l in wrap(figures, width - 12) { s += "    " + Escape.dot(l) + "\\l" }
        }
        if let more = box.more { s += Escape.dot(more) + "\\l" }
        return s
    }

    static func node(_ g: Graph, _ i: Int) -> String {
        let n = g.nodes[i]
        var attrs: [String]
        switch n.kind {
        case .start:
            attrs = ["shape=ellipse", "fillcolor=\"#edf7ee\"", "color=\"#2e7d32\"", "penwidth=2"]
        case .end:
            attrs = ["shape=ellipse", "fillcolor=\"#fdecec\"", "color=\"#c62828\"", "penwidth=3"]
        case .decision:
            attrs = ["shape=diamond", "style=filled", "fillcolor=\"#fffbea\"", "color=\"#b8860b\""]
        case .call:
            attrs = ["fillcolor=\"#f5f0fb\"", "color=\"#7b52ab\"", "penwidth=2.5"]
        case .task(.system):
            attrs = ["fillcolor=\"#eef8f0\"", "color=\"#2e8b57\""]
        case .task(.actor):
            attrs = ["fillcolor=\"#fff7e8\"", "color=\"#c7831f\""]
        case .task(.unknown):
            attrs = ["style=\"rounded,dashed\"", "color=\"#8a8a8a\""]
        case .process:
            let w = n.weight.map { 1 + 3 * max(0, min(1, $0)) } ?? 1
            attrs = ["penwidth=\(Num.fmt(w, 2))"]
        default:
            attrs = []
        }
        if n.highlight { attrs += ["fillcolor=\"#fdecec\"", "color=\"#c62828\"", "penwidth=2"] }
        let width: Double = n.kind == .decision ? 120 : n.kind == .unit ? 230 : 150
        var text = label(n, width: width)
        if n.mediaBreak { text += "\\n[" + Escape.dot(g.words.mediaBreak) + "]" }
        attrs.insert("label=\"\(text)\"", at: 0)
        if let doc = n.documentation { attrs.append("tooltip=\"\(Escape.dot(Escape.singleLine(doc)))\"") }
        return "n\(i) [" + attrs.joined(separator: ", ") + "];"
    }
}

/// Writes a graph as a Mermaid `flowchart` (GitHub renders it). Lanes become
/// subgraphs; labels are quoted with Mermaid entity codes; ids are `N<index>`.
public enum MermaidWriter {
    /// Mermaid's default limits (`maxEdges`, `maxTextSize`). They are "secure" settings:
    /// a diagram cannot raise them, so GitHub refuses anything larger.
    public static let maxEdges = 500
    public static let maxTextSize = 50_000
    /// First line of the note written into a diagram cut to fit those limits.
    public static let truncatedMarker = "%% orgc: truncated"

    public static func write(_ g: Graph) -> String {
        let n = g.nodes.count
        let validEdges = g.edges.indices.filter { k in
            let e = g.edges[k]
            return e.from >= 0 && e.from < n && e.to >= 0 && e.to < n
        }
        let nodeLines = (0..<n).map { node(g, $0) }
        let edgeLines = validEdges.map { edge(g, g.edges[$0]) }
        // How many nodes (in index order) fit within Mermaid's limits, with the edges among them.
        var kept = n
        var keptEdges = validEdges.count
        var total = 400 + g.lanes.reduce(0) { $0 + $1.title.utf8.count * 2 + 40 }
        total += nodeLines.reduce(0) { $0 + $1.utf8.count + 14 } + edgeLines.reduce(0) { $0 + $1.utf8.count + 3 }
        if validEdges.count > maxEdges || total > maxTextSize - 2_000 {
            var byLast = [[Int]](repeating: [], count: n)
            for (k, e) in validEdges.enumerated() { byLast[max(g.edges[e].from, g.edges[e].to)].append(k) }
            var size = 400 + g.lanes.reduce(0) { $0 + $1.title.utf8.count * 2 + 40 } + 300
            var edgesSoFar = 0
            kept = 0
            keptEdges = 0
            for i in 0..<n {
                let add = nodeLines[i].utf8.count + 14 + byLast[i].reduce(0) { $0 + edgeLines[$1].utf8.count + 3 }
                if edgesSoFar + byLast[i].count > maxEdges - 1 || size + add > maxTextSize - 2_000 { break }
                size += add
                edgesSoFar += byLast[i].count
                kept = i + 1
            }
            keptEdges = edgesSoFar
        }
        let truncated = kept < n
        var s = ""
        s.reserveCapacity(2048 + kept * 120)
        s += "flowchart \(g.kind == .org ? "TB" : "LR")\n"
        s += "  %% \(Escape.mermaidComment(g.title))\n"
        for line in g.subtitle { s += "  %% \(Escape.mermaidComment(line))\n" }
        if truncated {
            s += "  \(truncatedMarker): \(kept) of \(n) nodes and \(keptEdges) of \(validEdges.count) edges fit Mermaid's limits (\(maxEdges) edges, \(maxTextSize) characters)\n"
        }
        var members = [[Int]](repeating: [], count: g.lanes.count)
        var loose: [Int] = []
        for i in 0..<kept {
            let node = g.nodes[i]
            if node.lane >= 0 && node.lane < g.lanes.count { members[node.lane].append(i) } else { loose.append(i) }
        }
        for l in g.lanes.indices where !members[l].isEmpty {
            s += "  subgraph L\(l)[\"\(Escape.mermaid(Escape.singleLine(g.lanes[l].title)))\"]\n"
            for i in members[l] { s += "    " + nodeLines[i] + "\n" }
            s += "  end\n"
        }
        for i in loose { s += "  " + nodeLines[i] + "\n" }
        for (k, e) in validEdges.enumerated() where g.edges[e].from < kept && g.edges[e].to < kept {
            s += "  " + edgeLines[k] + "\n"
        }
        if truncated {
            let more = "… \(n - kept) more nodes and \(validEdges.count - keptEdges) more edges: too large for Mermaid; use orgc graph --format svg, dot or bpmn"
            s += "  NMORE[\"\(Escape.mermaid(more))\"]\n"
            s += "  classDef omore fill:#fff7e8,stroke:#c7831f,stroke-dasharray:4 3\n"
            s += "  class NMORE omore\n"
        }
        // Styles by kind.
        var classes: [String: [Int]] = [:]
        for (i, n) in g.nodes.enumerated() where i < kept {
            let c: String
            switch n.kind {
            case .start: c = "start"
            case .end: c = "finish"
            case .decision: c = "decision"
            case .call: c = "call"
            case .task(.staff): c = "staff"
            case .task(.system): c = "system"
            case .task(.actor): c = "actor"
            case .task(.unknown): c = "unknown"
            case .unit, .process: c = "box"
            }
            // Class names carry a prefix: words like `call`, `end`, `style` are keywords.
            classes["o" + (n.highlight ? "warn" : c), default: []].append(i)
        }
        let defs: [(String, String)] = [
            ("ostart", "fill:#edf7ee,stroke:#2e7d32,stroke-width:2px"),
            ("ofinish", "fill:#fdecec,stroke:#c62828,stroke-width:3px"),
            ("odecision", "fill:#fffbea,stroke:#b8860b"),
            ("ocall", "fill:#f5f0fb,stroke:#7b52ab,stroke-width:3px"),
            ("ostaff", "fill:#ffffff,stroke:#2f6db5"),
            ("osystem", "fill:#eef8f0,stroke:#2e8b57"),
            ("oactor", "fill:#fff7e8,stroke:#c7831f"),
            ("ounknown", "fill:#f7f7f7,stroke:#8a8a8a,stroke-dasharray:4 3"),
            ("obox", "fill:#ffffff,stroke:#475569"),
            ("owarn", "fill:#fdecec,stroke:#c62828,stroke-width:2px"),
        ]
        for (name, style) in defs {
            guard let ids = classes[name], !ids.isEmpty else { continue }
            s += "  classDef \(name) \(style)\n"
            // Long class lists in chunks, to keep lines short.
            var k = 0
            while k < ids.count {
                let chunk = ids[k..<min(ids.count, k + 50)]
                s += "  class " + chunk.map { "N\($0)" }.joined(separator: ",") + " \(name)\n"
                k += 50
            }
        }
        return s
    }

    static func edge(_ g: Graph, _ e: GraphEdge) -> String {
        let arrow = e.plain ? "---" : g.kind == .landscape ? "-.->" : "-->"
        if let l = e.label, !l.isEmpty {
            return "N\(e.from) \(arrow)|\"\(Escape.mermaid(Escape.singleLine(l)))\"| N\(e.to)"
        }
        return "N\(e.from) \(arrow) N\(e.to)"
    }

    static func node(_ g: Graph, _ i: Int) -> String {
        let n = g.nodes[i]
        var lines = [Escape.singleLine(n.title)] + n.details.map(Escape.singleLine)
        if n.mediaBreak { lines.append("[" + g.words.mediaBreak + "]") }
        let text = lines.map(Escape.mermaid).joined(separator: "<br/>")
        switch n.kind {
        case .start, .end: return "N\(i)([\"\(text)\"])"
        case .decision: return "N\(i){\"\(text)\"}"
        case .call: return "N\(i)[[\"\(text)\"]]"
        default: return "N\(i)[\"\(text)\"]"
        }
    }
}
