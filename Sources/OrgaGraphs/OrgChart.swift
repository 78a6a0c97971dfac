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
        g.subtitle = ["\(w.orgChart) · \(w.figuresInFTE)"]
        let nu = model.units.count
        // Planned and filled over each subtree (from the model), need from the analysis.
        var planned = [Double](repeating: 0, count: nu)
        var filled = [Double](repeating: 0, count: nu)
        for p in model.positions {
            var cur = p.unit
            var steps = 0
            while let u = cur, model.units.contains(u) && steps <= nu {
                planned[u.index] += p.planned
                filled[u.index] += p.filled
                cur = model.units[u].parent
                steps += 1
            }
        }
        let num = w.numbers
        func staff(_ pl: Double, _ fi: Double, _ need: Double?, complete: Bool) -> String {
            var t = "\(w.planned) \(num.fte(pl)) · \(w.filled) \(num.fte(fi))"
            if let need { t += " · \(w.need) \(complete ? "" : "≥ ")\(num.fte(need))" }
            return t
        }
        // kw positions (planned fte) per subtree.
        var kwFTE = [Double](repeating: 0, count: nu)
        for p in model.positions where p.kw != nil {
            var cur = p.unit
            var steps = 0
            while let u = cur, model.units.contains(u) && steps <= nu {
                kwFTE[u.index] += p.planned
                cur = model.units[u].parent
                steps += 1
            }
        }
        for (u, unit) in zip(model.units.ids, model.units) {
            var node = GraphNode(kind: .unit, title: unit.title ?? unit.name)
            node.name = unit.name
            node.documentation = unit.doc
            let kc = [unit.kind, unit.code].compactMap { $0 }.map(Escape.singleLine).joined(separator: " · ")
            let fig = metrics?.unit(u)
            let pl = fig?.planned ?? planned[u.index], fi = fig?.filled ?? filled[u.index]
            var box = OrgBox(kindAndCode: kc.isEmpty ? nil : kc, figures: staff(pl, fi, fig?.need, complete: fig?.complete != false) + " \(w.fte)")
            if let need = fig?.need { node.highlight = need > pl + 1e-9 }
            if pl - fi > 0.0005 { box.markers.append(.init(kind: .vacancy, text: "\(w.vacant) \(num.fte(pl - fi)) \(w.fte)")) }
            if kwFTE[u.index] > 0.0005 { box.markers.append(.init(kind: .kw, text: "kw \(num.fte(kwFTE[u.index])) \(w.fte)")) }
            var positions = unit.positions.filter { model.positions.contains($0) }
            if let h = unit.head, let k = positions.firstIndex(of: h) {
                positions.remove(at: k)
                positions.insert(h, at: 0)
            }
            for pi in positions.prefix(12) {
                let pos = model.positions[pi]
                let f = metrics?.position(pi)
                var line = OrgBox.PositionLine(title: Escape.singleLine(pos.title ?? pos.name), isHead: unit.head == pi,
                                               figures: staff(pos.planned, pos.filled, f?.need, complete: f?.complete != false), markers: [])
                if pos.planned - pos.filled > 0.0005 { line.markers.append(.init(kind: .vacancy, text: "\(w.vacant) \(num.fte(pos.planned - pos.filled))")) }
                if let kw = pos.kw { line.markers.append(.init(kind: .kw, text: "\(w.kwFrom) \(kw)")) }
                if let fr = pos.freezeUntil {
                    // German readers get 02.03.2022; `freeze until` is checked as a date, else shown as written.
                    let date = w.language == .de ? (CalendarDate(iso: fr)?.german ?? fr) : fr
                    line.markers.append(.init(kind: .freeze, text: "\(w.freezeUntil) \(Escape.singleLine(date))"))
                }
                box.positions.append(line)
            }
            if positions.count > 12 { box.more = "+ \(positions.count - 12) \(w.morePositions)" }
            // The same content as lines, for DOT and Mermaid.
            var details: [String] = []
            if let kc = box.kindAndCode { details.append(kc) }
            details.append(box.figures)
            if !box.markers.isEmpty { details.append(box.markers.map(\.text).joined(separator: " · ")) }
            node.listFrom = details.count
            for line in box.positions {
                var t = (line.isHead ? "★ " : "") + line.title + ": " + line.figures
                if !line.markers.isEmpty { t += " · " + line.markers.map(\.text).joined(separator: " · ") }
                details.append(t)
            }
            if let more = box.more { details.append(more) }
            node.details = details
            node.org = box
            g.nodes.append(node)
        }
        for (u, unit) in zip(model.units.ids, model.units) {
            // Graph nodes are the units in model order.
            for c in unit.subunits where model.units.contains(c) && model.units[c].parent == u {
                var e = GraphEdge(from: u.index, to: c.index)
                e.plain = true
                g.edges.append(e)
            }
        }
        return g
    }

    static let boxWidth = 264.0
    static let hGap = 28.0, vGap = 48.0, indent = 28.0, stackGap = 14.0
    /// Side-by-side children wrap into rows no wider than this.
    static let maxRowWidth = 1_360.0
    /// Stacked children: a column holds about this many before a new one starts, and
    /// there are at most `maxStackColumns` columns (a very long list grows in height).
    static let stackPerColumn = 8, maxStackColumns = 4
    static let pad = 10.0
    static let titleSize = 12.5, titleLine = 16.0
    static let textSize = 10.5, textLine = 13.5
    static let markerSize = 9.5, markerLine = 16.0

    /// The texts of one box relative to its top-left corner, its height and the
    /// separator lines; every text is wrapped at word boundaries, never cut.
    static func boxContent(_ node: GraphNode, index: Int, words w: Words, wrapped: inout [WrappedText]) -> (texts: [PlacedText], separators: [(Point, Point)], height: Double) {
        let inner = boxWidth - 2 * pad
        var texts: [PlacedText] = []
        var seps: [(Point, Point)] = []
        var y = pad
        func lines(_ text: String, size: Double, bold: Bool = false, maxWidth: Double) -> [String] {
            let l = TextMetrics.wrap(text, maxWidth: maxWidth, size: size * (bold ? 1.08 : 1), maxLines: 40)
            wrapped.append(WrappedText(node: index, original: text, lines: l, maxWidth: maxWidth, size: size * (bold ? 1.08 : 1)))
            return l
        }
        func put(_ text: String, x: Double, anchor: PlacedText.Anchor, cls: String, size: Double, line: Double, bold: Bool = false) {
            texts.append(PlacedText(text, x: x, y: y + (line + size * 0.68) / 2, anchor: anchor, cssClass: cls, size: size, bold: bold))
            y += line
        }
        func markers(_ ms: [OrgBox.Marker], left: Double) {
            var x = left + 3
            var first = true
            for m in ms {
                let wdt = TextMetrics.width(m.text, size: markerSize) + 6
                if !first && x + wdt > pad + inner { y += markerLine; x = left + 3 }
                texts.append(PlacedText(m.text, x: x, y: y + (markerLine + markerSize * 0.68) / 2, anchor: .start, cssClass: "mk",
                                        size: markerSize, pill: "p-" + m.kind.rawValue))
                x += wdt + 4
                first = false
            }
            if !ms.isEmpty { y += markerLine + 1 }
        }
        for l in lines(node.title, size: titleSize, bold: true, maxWidth: inner) {
            put(l, x: boxWidth / 2, anchor: .middle, cls: "ob", size: titleSize, line: titleLine, bold: true)
        }
        guard let box = node.org else { return (texts, seps, max(44, y + pad)) }
        if let kc = box.kindAndCode {
            for l in lines(kc, size: textSize, maxWidth: inner) { put(l, x: boxWidth / 2, anchor: .middle, cls: "ok", size: textSize, line: textLine) }
        }
        y += 2
        for l in lines(box.figures, size: textSize, maxWidth: inner) { put(l, x: boxWidth / 2, anchor: .middle, cls: "of", size: textSize, line: textLine) }
        if !box.markers.isEmpty {
            y += 2
            // Centre the unit's markers as a group.
            let total = box.markers.reduce(0) { $0 + TextMetrics.width($1.text, size: markerSize) + 10 } - 4
            markers(box.markers, left: total <= inner ? (boxWidth - total) / 2 - 3 : pad)
        }
        if !box.positions.isEmpty || box.more != nil {
            y += 4
            seps.append((Point(pad, y), Point(boxWidth - pad, y)))
            y += 5
        }
        for p in box.positions {
            let star = p.isHead ? "★ " : ""
            let tl = lines(star + p.title, size: textSize, bold: p.isHead, maxWidth: inner)
            for l in tl { put(l, x: pad, anchor: .start, cls: p.isHead ? "ohb" : "op", size: textSize, line: textLine, bold: p.isHead) }
            for l in lines(p.figures, size: textSize, maxWidth: inner - 12) { put(l, x: pad + 12, anchor: .start, cls: "opf", size: textSize, line: textLine) }
            markers(p.markers, left: pad + 12)
            y += 3
        }
        if let more = box.more { put(more, x: pad, anchor: .start, cls: "opf", size: textSize, line: textLine) }
        return (texts, seps, (y + pad - 2).rounded(.up))
    }

    /// Lays the tree out top-down: a parent centred over its children, side by side;
    /// a row wider than `maxRowWidth` (more for a large organisation) wraps into further rows under the first. Children
    /// that are all leaves, and everything below the second level, are stacked in a
    /// column under their parent (so that a wide level does not run off the page).
    public static func drawing(_ g: Graph) -> Drawing {
        let n = g.nodes.count
        var wrapped: [WrappedText] = []
        var content = [[PlacedText]](repeating: [], count: n)
        var seps = [[(Point, Point)]](repeating: [], count: n)
        var height = [Double](repeating: 0, count: n)
        for i in 0..<n {
            let c = boxContent(g.nodes[i], index: i, words: g.words, wrapped: &wrapped)
            content[i] = c.texts
            seps[i] = c.separators
            height[i] = c.height
        }
        // Rows wrap at a page width (1,400 px); a large organisation gets rows as wide
        // as the square root of its boxes' area, so that it grows about as wide as tall
        // instead of into one very tall strip.
        let area = height.reduce(0) { $0 + (boxWidth + hGap) * ($1 + stackGap) }
        let rowLimit = max(maxRowWidth, area.squareRoot().rounded())
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
        var depth = [Int](repeating: 0, count: n)
        for u in order { for c in kids[u] { depth[c] = depth[u] + 1 } }
        let stacked = (0..<n).map { u in !kids[u].isEmpty && (depth[u] >= 2 || kids[u].allSatisfy { kids[$0].isEmpty }) }
        // Side-by-side children in rows: (children, width) per row.
        var rows = [[[Int]]](repeating: [], count: n)
        // Stacked children in columns, each column's trunk, and each child's column.
        var stackColumns = [[[Int]]](repeating: [], count: n)
        var trunkOf = [[Double]](repeating: [], count: n)
        var stackColumnOf = [Int](repeating: 0, count: n)
        // Post-order: subtree width and height.
        var subW = [Double](repeating: boxWidth, count: n)
        var subH = [Double](repeating: 0, count: n)
        for u in order.reversed() {
            if kids[u].isEmpty {
                subW[u] = boxWidth
                subH[u] = height[u]
            } else if stacked[u] {
                // Many stacked children wrap into up to `maxStackColumns` columns.
                let count = kids[u].count
                let ncols = max(1, min(maxStackColumns, (count + stackPerColumn - 1) / stackPerColumn))
                let per = (count + ncols - 1) / ncols
                var cs: [[Int]] = []
                var k = 0
                while k < count {
                    cs.append(Array(kids[u][k..<min(count, k + per)]))
                    k += per
                }
                stackColumns[u] = cs
                let colW = kids[u].map { subW[$0] }.max() ?? 0
                subW[u] = max(boxWidth, indent + Double(cs.count) * colW + Double(cs.count - 1) * hGap)
                let tallest = cs.map { col in col.reduce(0) { $0 + subH[$1] + stackGap } - stackGap }.max() ?? 0
                subH[u] = height[u] + stackGap + tallest
            } else {
                var rs: [[Int]] = [[]]
                var w = 0.0
                for c in kids[u] {
                    let add = (rs[rs.count - 1].isEmpty ? 0 : hGap) + subW[c]
                    if !rs[rs.count - 1].isEmpty && w + add > rowLimit {
                        rs.append([c])
                        w = subW[c]
                    } else {
                        rs[rs.count - 1].append(c)
                        w += add
                    }
                }
                rows[u] = rs
                let widths = rs.map { r in r.reduce(0) { $0 + subW[$1] } + hGap * Double(r.count - 1) }
                // Wrapped rows leave room on the left for the trunk that feeds them.
                let trunk = rs.count > 1 ? hGap : 0
                subW[u] = max(boxWidth, trunk + (widths.max() ?? 0))
                subH[u] = height[u] + rs.reduce(0) { acc, r in acc + vGap + (r.map { subH[$0] }.max() ?? 0) }
            }
        }
        var left = [Double](repeating: 0, count: n)
        var top = [Double](repeating: 0, count: n)
        var x = [Double](repeating: 0, count: n)
        var y = [Double](repeating: 0, count: n)
        let header = 20 + 24 + Double(g.subtitle.count) * 17 + 12
        // Roots side by side; a very wide organisation wraps into bands of trees.
        let maxBand = max(rowLimit, subW.max() ?? 0)
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
        // Bus lines (y) of the rows under each side-by-side parent, and the trunk's x.
        var busY = [[Double]](repeating: [], count: n)
        var trunkX = [Double](repeating: 0, count: n)
        for u in order {
            if kids[u].isEmpty {
                x[u] = left[u] + boxWidth / 2
            } else if stacked[u] {
                x[u] = left[u] + boxWidth / 2
                let colW = kids[u].map { subW[$0] }.max() ?? 0
                for (k, col) in stackColumns[u].enumerated() {
                    var yy = top[u] + height[u] + stackGap
                    let colLeft = left[u] + indent + Double(k) * (colW + hGap)
                    trunkOf[u].append(colLeft - indent / 2)
                    for c in col {
                        left[c] = colLeft
                        top[c] = yy
                        stackColumnOf[c] = k
                        yy += subH[c] + stackGap
                    }
                }
            } else {
                let rs = rows[u]
                let trunk = rs.count > 1 ? hGap : 0
                let widths = rs.map { r in r.reduce(0) { $0 + subW[$1] } + hGap * Double(r.count - 1) }
                let block = widths.max() ?? 0
                let blockLeft = left[u] + trunk + (subW[u] - trunk - block) / 2
                trunkX[u] = blockLeft - hGap / 2
                var rowTop = top[u] + height[u] + vGap
                for (k, r) in rs.enumerated() {
                    // The first row is centred under the parent; further rows start left.
                    var xx = k == 0 ? blockLeft + (block - widths[0]) / 2 : blockLeft
                    for c in r {
                        left[c] = xx
                        top[c] = rowTop
                        xx += subW[c] + hGap
                    }
                    busY[u].append(rowTop - vGap / 2)
                    rowTop += vGap + (r.map { subH[$0] }.max() ?? 0)
                }
                // The parent is centred over its first row of children.
                x[u] = blockLeft + (block - widths[0]) / 2 + widths[0] / 2
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
        var rowOf = [Int](repeating: 0, count: n)
        for u in 0..<n { for (k, r) in rows[u].enumerated() { for c in r { rowOf[c] = k } } }
        for (k, e) in g.edges.enumerated() where e.from >= 0 && e.from < n && e.to >= 0 && e.to < n {
            let p = e.from, c = e.to
            guard placedUnder[c] == p else { continue }
            let pb = y[p] + height[p] / 2
            if stacked[p] {
                let px = x[p] - boxWidth / 2 + indent / 2
                let cy = min(y[c], top[c] + 18)
                let col = stackColumnOf[c]
                if col > 0 && col < trunkOf[p].count {
                    // A further column: along a bus under the parent to its own trunk.
                    let bus = pb + stackGap / 2, tx = trunkOf[p][col]
                    layout.edges[k] = [Point(px, pb), Point(px, bus), Point(tx, bus), Point(tx, cy), Point(x[c] - boxWidth / 2, cy)]
                } else {
                    layout.edges[k] = [Point(px, pb), Point(px, cy), Point(x[c] - boxWidth / 2, cy)]
                }
            } else {
                let ct = y[c] - height[c] / 2
                let r = rowOf[c]
                guard r < busY[p].count else { continue }
                if r == 0 {
                    let bus = busY[p][0]
                    layout.edges[k] = abs(x[p] - x[c]) < 0.01
                        ? [Point(x[p], pb), Point(x[c], ct)]
                        : [Point(x[p], pb), Point(x[p], bus), Point(x[c], bus), Point(x[c], ct)]
                } else {
                    let bus0 = busY[p][0], bus = busY[p][r]
                    layout.edges[k] = [Point(x[p], pb), Point(x[p], bus0), Point(trunkX[p], bus0), Point(trunkX[p], bus), Point(x[c], bus), Point(x[c], ct)]
                }
            }
        }
        var texts = content
        var separators = seps
        for i in 0..<n {
            let dx = x[i] - boxWidth / 2, dy = y[i] - height[i] / 2
            texts[i] = content[i].map { t in
                var t = t
                t.x += dx
                t.y += dy
                return t
            }
            separators[i] = seps[i].map { (Point($0.0.x + dx, $0.0.y + dy), Point($0.1.x + dx, $0.1.y + dy)) }
        }
        var d = Drawing(graph: g, layout: layout, titleLines: g.nodes.map { [$0.title] }, detailLines: [[String]](repeating: [], count: n), laneLines: [],
                        edgeLabels: [String](repeating: "", count: g.edges.count), headerHeight: header)
        d.customTexts = texts
        d.separators = separators
        d.wrapped = wrapped
        return d
    }
}
