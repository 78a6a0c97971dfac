/// A deterministic layered ("Sugiyama") layout, left to right, with lanes as
/// horizontal bands. Used by the SVG writer and by BPMN DI, so both show the same
/// picture. Steps, each linear or near-linear in nodes + edges:
///
/// 1. Back edges: iterative depth-first search from the preferred roots, then every
///    other node in index order, edges in their given order. An edge to a node on
///    the DFS stack (or to itself) is a back edge (a loop).
/// 2. Ranks (columns): longest path over the forward edges (Kahn order), unless the
///    caller fixes ranks.
/// 3. Order within each (lane, rank) group: barycentre sweeps, a fixed number of
///    them, alternating predecessors / successors. Rows are assigned so that a node
///    keeps the row of its same-lane neighbours where it can (straight edges).
/// 4. Coordinates: column widths from the widest node, channel widths from edge
///    labels; each lane's rows get the height of their tallest node; lanes stack.
/// 5. Edge routing, orthogonal: forward edges run through the channel between
///    columns and, when they skip columns, along the gutter between rows; back edges
///    leave a node at the bottom, run along gutters and the channel before the
///    target, and enter it from below. Channels and gutters never contain nodes, so
///    edges never cross a node.
///
/// Nothing here traps on any input: indices are checked, sizes clamped.

public struct Point: Sendable, Hashable {
    public var x: Double
    public var y: Double
    public init(_ x: Double, _ y: Double) {
        self.x = x
        self.y = y
    }
}

public struct Rect: Sendable, Hashable {
    public var x: Double, y: Double, width: Double, height: Double
    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }
    public var maxX: Double { x + width }
    public var maxY: Double { y + height }
    public func intersects(_ o: Rect) -> Bool {
        x < o.maxX && o.x < maxX && y < o.maxY && o.y < maxY
    }
    public func contains(_ o: Rect) -> Bool {
        o.x >= x - 1e-9 && o.y >= y - 1e-9 && o.maxX <= maxX + 1e-9 && o.maxY <= maxY + 1e-9
    }
}

/// The size of one node: its shape (edges attach to it) and label space above and
/// below the shape (e.g. a gateway's question).
public struct NodeSize: Sendable, Hashable {
    /// The outline edges attach to.
    public enum Shape: Sendable, Hashable { case box, diamond, circle }
    public var shape: Shape = .box
    public var width: Double
    public var height: Double
    public var labelWidth: Double
    public var labelAbove: Double
    public var labelBelow: Double
    public init(width: Double, height: Double, labelWidth: Double = 0, labelAbove: Double = 0, labelBelow: Double = 0) {
        self.width = width
        self.height = height
        self.labelWidth = labelWidth
        self.labelAbove = labelAbove
        self.labelBelow = labelBelow
    }
    var boxWidth: Double { max(width, labelWidth) }
    var above: Double { height / 2 + labelAbove }
    var below: Double { height / 2 + labelBelow }
}

public struct LayoutConfig: Sendable {
    /// Left edge of the lanes.
    public var left: Double = 20
    /// Top edge of the first lane (space above is the caller's, e.g. for a title).
    public var top: Double = 20
    /// Width of each lane's header (its title); 0 for no header.
    public var laneHeaderWidth: Double = 150
    /// Minimum horizontal gap between columns (the channel edges run in).
    public var columnGap: Double = 56
    /// Vertical gap between rows of a lane (the gutter edges run in).
    public var rowGap: Double = 30
    /// Space between a lane's border and its first / last row.
    public var lanePadding: Double = 22
    /// Barycentre sweeps (fixed, so that layout time stays linear).
    public var sweeps: Int = 5
    /// Distance between edges that share a channel or gutter, and from its sides.
    public var edgeSpacing: Double = 8
    /// Height of an edge label's box (its text is `labelHeight` − 2.5 px tall).
    public var labelHeight: Double = 13
    public init() {}
}

public struct LayoutResult: Sendable {
    /// Centre of each node's shape.
    public var x: [Double] = []
    public var y: [Double] = []
    public var size: [NodeSize] = []
    public var rank: [Int] = []
    public var row: [Int] = []
    public var lane: [Int] = []
    /// Per lane: top and height of its band.
    public var laneTop: [Double] = []
    public var laneHeight: [Double] = []
    public var lanesLeft: Double = 0
    public var lanesWidth: Double = 0
    public var laneHeaderWidth: Double = 0
    /// Total drawing size (including the caller's top space, without extra margins below).
    public var width: Double = 0
    public var height: Double = 0
    /// Waypoints of each edge, from the source shape's border to the target's.
    public var edges: [[Point]] = []
    /// Whether an edge goes backwards (a loop) in the drawing.
    public var backEdge: [Bool] = []
    /// Where an edge's label goes, and whether its text ends there (right-aligned).
    public var labelAt: [Point] = []
    public var labelEnds: [Bool] = []
    /// The box each edge label takes (nil: no label), next to a segment of its own edge.
    public var labelRect: [Rect?] = []

    public func shape(_ i: Int) -> Rect {
        guard i >= 0 && i < x.count else { return Rect(x: 0, y: 0, width: 0, height: 0) }
        return Rect(x: x[i] - size[i].width / 2, y: y[i] - size[i].height / 2, width: size[i].width, height: size[i].height)
    }

    /// The node with its label space.
    public func box(_ i: Int) -> Rect {
        guard i >= 0 && i < x.count else { return Rect(x: 0, y: 0, width: 0, height: 0) }
        let s = size[i]
        return Rect(x: x[i] - s.boxWidth / 2, y: y[i] - s.above, width: s.boxWidth, height: s.above + s.below)
    }

    public func laneRect(_ l: Int) -> Rect {
        guard l >= 0 && l < laneTop.count else { return Rect(x: 0, y: 0, width: 0, height: 0) }
        return Rect(x: lanesLeft, y: laneTop[l], width: lanesWidth, height: laneHeight[l])
    }
}

public enum LayeredLayout {
    /// Lays out `sizes.count` nodes. `lanes[i]` is node i's lane (clamped into
    /// 0..<laneCount); `edges` are (from, to) pairs; `labelWidths[e]` is the width
    /// of edge e's label (0 for none); `laneMinHeights[l]` the height lane l's header
    /// needs. `roots` are tried first as DFS starts; `fixedRanks` replaces step 2.
    public static func layout(sizes: [NodeSize], lanes: [Int], laneCount: Int, edges: [(Int, Int)],
                              labelWidths: [Double] = [], laneMinHeights: [Double] = [], roots: [Int] = [],
                              fixedRanks: [Int]? = nil, config: LayoutConfig = LayoutConfig()) -> LayoutResult {
        let n = sizes.count
        let m = edges.count
        let lc = max(1, laneCount)
        var res = LayoutResult()
        res.size = sizes.map { s in
            var c = NodeSize(width: clampSize(s.width), height: clampSize(s.height), labelWidth: clampSize(s.labelWidth),
                             labelAbove: clampSize(s.labelAbove), labelBelow: clampSize(s.labelBelow))
            c.shape = s.shape
            return c
        }
        let lane: [Int] = (0..<n).map { i in
            let l = i < lanes.count ? lanes[i] : 0
            return l >= 0 && l < lc ? l : 0
        }
        res.lane = lane
        func valid(_ e: Int) -> Bool {
            let (a, b) = edges[e]
            return a >= 0 && a < n && b >= 0 && b < n
        }

        // Adjacency (CSR), edges in their given order.
        var outStart = [Int](repeating: 0, count: n + 1)
        var inStart = [Int](repeating: 0, count: n + 1)
        for e in 0..<m where valid(e) {
            outStart[edges[e].0 + 1] += 1
            inStart[edges[e].1 + 1] += 1
        }
        for i in 0..<n {
            outStart[i + 1] += outStart[i]
            inStart[i + 1] += inStart[i]
        }
        var outEdges = [Int](repeating: 0, count: outStart[n])
        var inEdges = [Int](repeating: 0, count: inStart[n])
        do {
            var o = outStart, p = inStart
            for e in 0..<m where valid(e) {
                outEdges[o[edges[e].0]] = e
                o[edges[e].0] += 1
                inEdges[p[edges[e].1]] = e
                p[edges[e].1] += 1
            }
        }

        // 1. DFS: back edges and preorder.
        var back = [Bool](repeating: false, count: m)
        var state = [UInt8](repeating: 0, count: n)
        var preorder = [Int](repeating: 0, count: n)
        var visited = 0
        var stack: [(node: Int, next: Int)] = []
        func dfs(_ root: Int) {
            guard root >= 0 && root < n && state[root] == 0 else { return }
            state[root] = 1
            preorder[root] = visited
            visited += 1
            stack.append((root, outStart[root]))
            while let top = stack.last {
                let u = top.node
                if top.next < outStart[u + 1] {
                    let e = outEdges[top.next]
                    stack[stack.count - 1].next += 1
                    let v = edges[e].1
                    if v == u || state[v] == 1 {
                        back[e] = true
                    } else if state[v] == 0 {
                        state[v] = 1
                        preorder[v] = visited
                        visited += 1
                        stack.append((v, outStart[v]))
                    }
                } else {
                    state[u] = 2
                    stack.removeLast()
                }
            }
        }
        for r in roots { dfs(r) }
        for r in 0..<n { dfs(r) }

        // 2. Ranks.
        var rank = [Int](repeating: 0, count: n)
        if let fixed = fixedRanks {
            for i in 0..<n { rank[i] = i < fixed.count ? max(0, min(fixed[i], 1_000_000)) : 0 }
        } else {
            var indeg = [Int](repeating: 0, count: n)
            for e in 0..<m where valid(e) && !back[e] { indeg[edges[e].1] += 1 }
            var byPre = [Int](repeating: 0, count: n)
            for i in 0..<n { byPre[preorder[i]] = i }
            var queue: [Int] = []
            queue.reserveCapacity(n)
            for i in byPre where indeg[i] == 0 { queue.append(i) }
            var head = 0
            while head < queue.count {
                let u = queue[head]
                head += 1
                for k in outStart[u]..<outStart[u + 1] {
                    let e = outEdges[k]
                    if back[e] { continue }
                    let v = edges[e].1
                    if rank[v] < rank[u] + 1 { rank[v] = rank[u] + 1 }
                    indeg[v] -= 1
                    if indeg[v] == 0 { queue.append(v) }
                }
            }
        }
        res.rank = rank
        let maxRank = rank.max() ?? 0
        // In the drawing an edge is "back" when it does not go to a later column.
        for e in 0..<m where valid(e) { back[e] = rank[edges[e].1] <= rank[edges[e].0] }
        res.backEdge = back

        // 3. Groups (rank, lane) and rows.
        var order = Array(0..<n)
        order.sort { a, b in
            rank[a] != rank[b] ? rank[a] < rank[b] : lane[a] != lane[b] ? lane[a] < lane[b] : preorder[a] < preorder[b]
        }
        var groups: [Range<Int>] = []
        var gs = 0
        for k in 0..<n where k == n - 1 || rank[order[k]] != rank[order[k + 1]] || lane[order[k]] != lane[order[k + 1]] {
            groups.append(gs..<(k + 1))
            gs = k + 1
        }
        var row = [Int](repeating: 0, count: n)
        for g in groups { for (k, i) in order[g].enumerated() { row[i] = k } }
        let laneScale = Double(n + 1) * 4
        var bary = [Double](repeating: 0, count: n)
        var want = [Int](repeating: 0, count: n)
        let sweeps = max(0, min(config.sweeps, 12))
        for pass in 0..<sweeps {
            let down = pass % 2 == 0
            let seq: [Range<Int>] = down ? groups : groups.reversed()
            for g in seq {
                for i in order[g] {
                    var sum = 0.0, cnt = 0, sameSum = 0, sameCnt = 0
                    let range = down ? inStart[i]..<inStart[i + 1] : outStart[i]..<outStart[i + 1]
                    for k in range {
                        let e = down ? inEdges[k] : outEdges[k]
                        if back[e] { continue }
                        let w = down ? edges[e].0 : edges[e].1
                        sum += Double(lane[w]) * laneScale + Double(row[w])
                        cnt += 1
                        if lane[w] == lane[i] { sameSum += row[w]; sameCnt += 1 }
                    }
                    bary[i] = cnt > 0 ? sum / Double(cnt) : Double(lane[i]) * laneScale + Double(row[i])
                    want[i] = sameCnt > 0 ? Int((Double(sameSum) / Double(sameCnt)).rounded()) : 0
                }
                var members = Array(order[g])
                members.sort { a, b in
                    bary[a] != bary[b] ? bary[a] < bary[b] : row[a] != row[b] ? row[a] < row[b] : a < b
                }
                var prev = -1
                for (k, i) in members.enumerated() {
                    order[g.lowerBound + k] = i
                    let r = max(want[i], prev + 1)
                    row[i] = min(r, n)
                    prev = row[i]
                }
            }
        }
        // Compress the rows of each lane to those in use, keeping their order.
        var usedRows = [[Int]](repeating: [], count: lc)
        for i in 0..<n { usedRows[lane[i]].append(row[i]) }
        var rowCount = [Int](repeating: 0, count: lc)
        for l in 0..<lc {
            let sorted = Array(Set(usedRows[l])).sorted()
            var map: [Int: Int] = [:]
            for (k, r) in sorted.enumerated() { map[r] = k }
            usedRows[l] = sorted
            rowCount[l] = sorted.count
            _ = map
        }
        for i in 0..<n {
            let rows = usedRows[lane[i]]
            // Binary search: rows are sorted and contain row[i].
            var lo = 0, hi = rows.count - 1
            while lo < hi {
                let mid = (lo + hi) / 2
                if rows[mid] < row[i] { lo = mid + 1 } else { hi = mid }
            }
            row[i] = lo
        }
        res.row = row

        // Route plans (which channel and gutter each edge uses), before coordinates:
        // channels and gutters are then made wide enough that the edges sharing one run
        // `edgeSpacing` apart, and never along a lane border.
        let rowKeyScale = n + 1
        var occupied: [Int: [Int]] = [:]
        for i in 0..<n { occupied[lane[i] * rowKeyScale + row[i], default: []].append(rank[i]) }
        for k in occupied.keys { occupied[k]?.sort() }
        func freeBetween(_ l: Int, _ r: Int, _ a: Int, _ b: Int) -> Bool {
            guard let ranks = occupied[l * rowKeyScale + r] else { return true }
            var lo = 0, hi = ranks.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if ranks[mid] <= a { lo = mid + 1 } else { hi = mid }
            }
            return lo >= ranks.count || ranks[lo] >= b
        }
        /// Gutter key: (lane, row) below a row (odd) or the lane's top gutter (even).
        func gutterKey(_ l: Int, _ r: Int, below: Bool) -> Int {
            if below { return (l * rowKeyScale + r) * 2 + 1 }
            if r == 0 { return (l * rowKeyScale) * 2 }
            return (l * rowKeyScale + r - 1) * 2 + 1
        }
        enum Plan {
            case none, selfLoop(c: Int, g: Int), straight, channel(c: Int), skip(g: Int, c1: Int, c2: Int)
            case backSame(g: Int), backOther(gu: Int, gv: Int, c: Int)
        }
        var plans = [Plan](repeating: .none, count: m)
        var channelCount: [Int: Int] = [:]
        var gutterCount: [Int: Int] = [:]
        for e in 0..<m where valid(e) {
            let (u, v) = edges[e]
            let ru = rank[u], rv = rank[v]
            if u == v {
                let g = gutterKey(lane[u], row[u], below: true)
                plans[e] = .selfLoop(c: ru, g: g)
                channelCount[ru, default: 0] += 1
                gutterCount[g, default: 0] += 1
            } else if !back[e] {
                if rv == ru + 1 {
                    if lane[u] == lane[v] && row[u] == row[v] {
                        plans[e] = .straight
                    } else {
                        plans[e] = .channel(c: ru)
                        channelCount[ru, default: 0] += 1
                    }
                } else if lane[u] == lane[v] && row[u] == row[v] && freeBetween(lane[u], row[u], ru, rv) {
                    plans[e] = .straight
                } else {
                    let below = lane[v] > lane[u] || (lane[v] == lane[u] && row[v] > row[u])
                    let g = gutterKey(lane[u], row[u], below: below)
                    plans[e] = .skip(g: g, c1: ru, c2: rv - 1)
                    gutterCount[g, default: 0] += 1
                    channelCount[ru, default: 0] += 1
                    channelCount[rv - 1, default: 0] += 1
                }
            } else {
                let gu = gutterKey(lane[u], row[u], below: true)
                gutterCount[gu, default: 0] += 1
                if lane[u] == lane[v] && row[u] == row[v] {
                    plans[e] = .backSame(g: gu)
                } else {
                    let gv = gutterKey(lane[v], row[v], below: true)
                    plans[e] = .backOther(gu: gu, gv: gv, c: rank[v] - 1)
                    if gv != gu { gutterCount[gv, default: 0] += 1 }
                    channelCount[rank[v] - 1, default: 0] += 1
                }
            }
        }
        let spacing = config.edgeSpacing
        /// Room a channel or gutter needs for `k` edges `spacing` apart, with `spacing` to
        /// spare on both sides.
        func room(_ k: Int) -> Double { Double(min(k, 10_000) + 1) * spacing }

        // 4. Coordinates. Columns:
        let cols = n == 0 ? 0 : maxRank + 1
        var colWidth = [Double](repeating: 0, count: cols)
        for i in 0..<n { colWidth[rank[i]] = max(colWidth[rank[i]], res.size[i].boxWidth) }
        var labelSpace = [Double](repeating: 0, count: cols)
        var gap = [Double](repeating: config.columnGap, count: cols)
        for e in 0..<m where valid(e) && !back[e] {
            let w = e < labelWidths.count ? clampSize(labelWidths[e]) : 0
            if w > 0 {
                // The label fits between the channel's edges and the target: a fan-out
                // from a decision shares its way to the channel, the rest is the edge's own.
                let c = rank[edges[e].1] - 1
                if c >= 0 && c < cols { labelSpace[c] = max(labelSpace[c], w + 20) }
            }
        }
        // A channel: its edges on the left, the labels' room on the right.
        for c in 0..<cols { gap[c] = max(gap[c], room(channelCount[c, default: 0]) + labelSpace[c]) }
        let firstGap = max(config.columnGap * 0.7, room(channelCount[-1, default: 0]))
        var colLeft = [Double](repeating: 0, count: cols)
        var x0 = config.left + config.laneHeaderWidth + firstGap
        for c in 0..<cols {
            colLeft[c] = x0
            x0 += colWidth[c] + gap[c]
        }
        let contentRight = cols == 0 ? config.left + config.laneHeaderWidth + firstGap : colLeft[cols - 1] + colWidth[cols - 1] + max(firstGap, config.columnGap * 0.7)
        func channelX(_ c: Int) -> Double {
            if cols == 0 { return config.left + config.laneHeaderWidth + firstGap / 2 }
            if c < 0 { return colLeft[0] - firstGap / 2 }
            let cc = min(c, cols - 1)
            return colLeft[cc] + colWidth[cc] + (gap[cc] - labelSpace[cc]) / 2
        }
        res.x = [Double](repeating: 0, count: n)
        res.y = [Double](repeating: 0, count: n)
        for i in 0..<n { res.x[i] = colLeft[rank[i]] + colWidth[rank[i]] / 2 }

        // Rows and lanes.
        var rowAbove = [[Double]](repeating: [], count: lc)
        var rowBelow = [[Double]](repeating: [], count: lc)
        for l in 0..<lc {
            rowAbove[l] = [Double](repeating: 0, count: rowCount[l])
            rowBelow[l] = [Double](repeating: 0, count: rowCount[l])
        }
        for i in 0..<n {
            rowAbove[lane[i]][row[i]] = max(rowAbove[lane[i]][row[i]], res.size[i].above)
            rowBelow[lane[i]][row[i]] = max(rowBelow[lane[i]][row[i]], res.size[i].below)
        }
        var rowCenter = [[Double]](repeating: [], count: lc)
        var gutterBelow = [[Double]](repeating: [], count: lc)
        var gutterTop = [Double](repeating: 0, count: lc)
        res.laneTop = [Double](repeating: 0, count: lc)
        res.laneHeight = [Double](repeating: 0, count: lc)
        var yCursor = config.top
        let pad = max(config.lanePadding, config.rowGap / 2 + 4)
        for l in 0..<lc {
            // Space above the first row and below each row, from the edges running there.
            // An edge in the outer gutters keeps 2 × spacing from the lane border.
            func outer(_ k: Int) -> Double { k == 0 ? pad : max(pad, room(k) + 2 * spacing) }
            let padTop = outer(gutterCount[gutterKey(l, 0, below: false), default: 0])
            var below = [Double](repeating: 0, count: rowCount[l])
            for k in 0..<rowCount[l] {
                let used = room(gutterCount[gutterKey(l, k, below: true), default: 0])
                below[k] = k == rowCount[l] - 1 ? outer(gutterCount[gutterKey(l, k, below: true), default: 0]) : max(config.rowGap, used)
            }
            var content = 0.0
            for k in 0..<rowCount[l] { content += rowAbove[l][k] + rowBelow[l][k] + (k < rowCount[l] - 1 ? below[k] : 0) }
            let padBottom = rowCount[l] > 0 ? below[rowCount[l] - 1] : pad
            let minH = l < laneMinHeights.count ? clampSize(laneMinHeights[l]) : 0
            let h = max(content + padTop + padBottom, minH, 2 * pad + 20)
            let top = yCursor
            var cursor = top + padTop + (h - content - padTop - padBottom) / 2
            var centers: [Double] = []
            var gutters: [Double] = []
            for k in 0..<rowCount[l] {
                let c = cursor + rowAbove[l][k]
                centers.append(c)
                let bottom = c + rowBelow[l][k]
                gutters.append(k == rowCount[l] - 1 ? (bottom + top + h) / 2 : bottom + below[k] / 2)
                cursor = bottom + below[k]
            }
            rowCenter[l] = centers
            gutterBelow[l] = gutters
            let firstTop = rowCount[l] > 0 ? centers[0] - rowAbove[l][0] : top + h / 2
            gutterTop[l] = (top + firstTop) / 2
            res.laneTop[l] = top
            res.laneHeight[l] = h
            yCursor = top + h
        }
        for i in 0..<n { res.y[i] = rowCenter[lane[i]][row[i]] }
        res.lanesLeft = config.left
        res.laneHeaderWidth = config.laneHeaderWidth
        res.lanesWidth = contentRight - config.left
        res.width = contentRight + config.left
        res.height = yCursor

        // 5. Edge routing, from the plans; edges sharing a channel or gutter get
        // distinct offsets, `spacing` apart, centred on its middle.
        // The order of the edges within a channel: an edge that leaves a row at y runs
        // left of an edge that enters a row at the same y, so that the two do not share
        // the stretch between the channel and the columns.
        struct ChannelUse { var edge: Int; var exitY: Double?; var entryY: Double? }
        var uses: [Int: [ChannelUse]] = [:]
        for e in 0..<m where valid(e) {
            let (u, v) = edges[e]
            switch plans[e] {
            case .selfLoop(let c, _): uses[c, default: []].append(ChannelUse(edge: e, exitY: res.y[u], entryY: nil))
            case .channel(let c): uses[c, default: []].append(ChannelUse(edge: e, exitY: res.y[u], entryY: res.y[v]))
            case .skip(_, let c1, let c2):
                uses[c1, default: []].append(ChannelUse(edge: e, exitY: res.y[u], entryY: nil))
                uses[c2, default: []].append(ChannelUse(edge: e, exitY: nil, entryY: res.y[v]))
            case .backOther(_, _, let c): uses[c, default: []].append(ChannelUse(edge: e, exitY: nil, entryY: nil))
            default: break
            }
        }
        // Slot of (channel, edge) → offset; `slotKey` tells an edge's two channels apart.
        var slot: [Int: Double] = [:]
        func slotKey(_ c: Int, _ e: Int) -> Int { (c + 1) &* (m + 1) &+ e }
        for c in uses.keys.sorted() {
            guard let list = uses[c] else { continue }
            let k = list.count
            var before = [[Int]](repeating: [], count: k)
            var indeg = [Int](repeating: 0, count: k)
            if k <= 400 {
                for a in 0..<k {
                    guard let y = list[a].exitY else { continue }
                    for b in 0..<k where b != a {
                        if let t = list[b].entryY, abs(t - y) < 0.5 { before[a].append(b); indeg[b] += 1 }
                    }
                }
            }
            // Kahn's order, earliest edge first among the free ones; a cycle keeps edge order.
            var done = [Bool](repeating: false, count: k)
            var order: [Int] = k > 400 ? Array(0..<k) : []
            while order.count < k {
                let next = (0..<k).first { !done[$0] && indeg[$0] == 0 } ?? (0..<k).first { !done[$0] } ?? 0
                done[next] = true
                order.append(next)
                for b in before[next] { indeg[b] -= 1 }
            }
            for (pos, a) in order.enumerated() {
                slot[slotKey(c, list[a].edge)] = (Double(pos) - Double(k - 1) / 2) * spacing
            }
        }
        var gutterUse: [Int: Int] = [:]
        var currentEdge = 0
        func channelOffset(_ c: Int) -> Double { slot[slotKey(c, currentEdge)] ?? 0 }
        func gutterOffset(_ key: Int) -> Double {
            let k = gutterUse[key, default: 0]
            gutterUse[key] = k + 1
            let count = gutterCount[key, default: 1]
            return (Double(k) - Double(count - 1) / 2) * spacing
        }
        func gutterY(_ key: Int) -> Double {
            let pair = key / 2
            let l = pair / rowKeyScale, r = pair % rowKeyScale
            guard l >= 0 && l < lc else { return 0 }
            if key % 2 == 0 { return gutterTop[l] }
            return r < gutterBelow[l].count ? gutterBelow[l][r] : gutterTop[l]
        }
        /// Loops leave a shape right of its bottom centre and enter left of it, so that a
        /// loop out of a node and one into it do not run on top of each other.
        func portShift(_ s: NodeSize) -> Double { s.shape == .box ? min(12, s.width / 4) : min(8, s.width / 5) }
        /// How far below the centre the outline is at `dx` from the centre.
        func bottom(_ s: NodeSize, _ dx: Double) -> Double {
            switch s.shape {
            case .box: return s.height / 2
            case .diamond: return s.width > 0 ? s.height / 2 * (1 - abs(dx) / (s.width / 2)) : 0
            case .circle:
                let r = s.width / 2
                return (max(0, r * r - dx * dx)).squareRoot()
            }
        }
        res.edges = [[Point]](repeating: [], count: m)
        for e in 0..<m where valid(e) {
            currentEdge = e
            let (u, v) = edges[e]
            let su = res.size[u], sv = res.size[v]
            let ux = res.x[u], uy = res.y[u], vx = res.x[v], vy = res.y[v]
            var pts: [Point] = []
            switch plans[e] {
            case .none:
                break
            case .selfLoop(let c, let g):
                let cx = channelX(c) + channelOffset(c)
                let gy = gutterY(g) + gutterOffset(g)
                pts = [Point(ux + su.width / 2, uy), Point(cx, uy), Point(cx, gy), Point(ux, gy), Point(ux, uy + su.height / 2)]
            case .straight:
                pts = [Point(ux + su.width / 2, uy), Point(vx - sv.width / 2, vy)]
            case .channel(let c):
                let cx = channelX(c) + channelOffset(c)
                pts = [Point(ux + su.width / 2, uy), Point(cx, uy), Point(cx, vy), Point(vx - sv.width / 2, vy)]
            case .skip(let g, let c1, let c2):
                let gy = gutterY(g) + gutterOffset(g)
                let x1 = channelX(c1) + channelOffset(c1)
                let x2 = channelX(c2) + channelOffset(c2)
                pts = [Point(ux + su.width / 2, uy), Point(x1, uy), Point(x1, gy), Point(x2, gy), Point(x2, vy), Point(vx - sv.width / 2, vy)]
            case .backSame(let g):
                let gy = gutterY(g) + gutterOffset(g)
                let ox = ux + portShift(su), ix = vx - portShift(sv)
                pts = [Point(ox, uy + bottom(su, ox - ux)), Point(ox, gy), Point(ix, gy), Point(ix, vy + bottom(sv, ix - vx))]
            case .backOther(let gu, let gv, let c):
                let guy = gutterY(gu) + gutterOffset(gu)
                let gvy = gv == gu ? guy : gutterY(gv) + gutterOffset(gv)
                let cx = channelX(c) + channelOffset(c)
                let ox = ux + portShift(su), ix = vx - portShift(sv)
                pts = [Point(ox, uy + bottom(su, ox - ux)), Point(ox, guy), Point(cx, guy), Point(cx, gvy), Point(ix, gvy), Point(ix, vy + bottom(sv, ix - vx))]
            }
            // Drop zero-length steps (a channel offset that lands on the row line).
            var clean: [Point] = []
            for p in pts where clean.last.map({ abs($0.x - p.x) > 1e-9 || abs($0.y - p.y) > 1e-9 }) ?? true { clean.append(p) }
            res.edges[e] = clean.count >= 2 ? clean : pts
        }
        placeLabels(&res, labelWidths: labelWidths, labelHeight: config.labelHeight)
        return res
    }

    /// Places each edge label next to a segment of its own edge, where its box meets
    /// no node, no other edge, no part of its own edge but that segment, and no label
    /// placed before it. Candidates in order: the last segment (the label ends just
    /// before the target), the other horizontal segments from the target back, then the
    /// vertical ones; above before below, right before left. A label that fits nowhere
    /// keeps the first candidate.
    static func placeLabels(_ res: inout LayoutResult, labelWidths: [Double], labelHeight: Double) {
        let m = res.edges.count
        res.labelAt = [Point](repeating: Point(0, 0), count: m)
        res.labelEnds = [Bool](repeating: false, count: m)
        res.labelRect = [Rect?](repeating: nil, count: m)
        let cell = 64.0
        func cellKey(_ cx: Int, _ cy: Int) -> Int { cx &* 73_856_093 ^ cy &* 19_349_663 }
        func cells(_ r: Rect) -> [Int] {
            guard r.x.isFinite && r.y.isFinite && r.maxX.isFinite && r.maxY.isFinite else { return [] }
            let x0 = Int((r.x / cell).rounded(.down)), x1 = Int((r.maxX / cell).rounded(.down))
            let y0 = Int((r.y / cell).rounded(.down)), y1 = Int((r.maxY / cell).rounded(.down))
            guard x1 - x0 < 2_000 && y1 - y0 < 2_000 else { return [] }
            var out: [Int] = []
            for cx in x0...x1 { for cy in y0...y1 { out.append(cellKey(cx, cy)) } }
            return out
        }
        // Segments (edge, a, b) and obstacles (node boxes, labels) in a grid.
        var segA: [Point] = [], segB: [Point] = [], segEdge: [Int] = []
        var firstSegment = [Int](repeating: 0, count: m)
        var segGrid: [Int: [Int]] = [:]
        for e in 0..<m {
            let pts = res.edges[e]
            firstSegment[e] = segA.count
            guard pts.count >= 2 else { continue }
            for k in 0..<(pts.count - 1) {
                let id = segA.count
                segA.append(pts[k]); segB.append(pts[k + 1]); segEdge.append(e)
                let r = Rect(x: min(pts[k].x, pts[k + 1].x), y: min(pts[k].y, pts[k + 1].y),
                             width: abs(pts[k].x - pts[k + 1].x), height: abs(pts[k].y - pts[k + 1].y))
                for c in cells(r) { segGrid[c, default: []].append(id) }
            }
        }
        var boxes: [Rect] = []
        var boxGrid: [Int: [Int]] = [:]
        func addBox(_ r: Rect) {
            let id = boxes.count
            boxes.append(r)
            for c in cells(r) { boxGrid[c, default: []].append(id) }
        }
        for i in 0..<res.x.count { addBox(res.box(i)) }
        let left = res.lanesLeft + res.laneHeaderWidth, right = res.lanesLeft + res.lanesWidth
        func free(_ r: Rect, edge e: Int, segment own: Int) -> Bool {
            guard r.x >= left + 1 && r.maxX <= right - 1 else { return false }
            let grown = Rect(x: r.x - 1.5, y: r.y - 1.5, width: r.width + 3, height: r.height + 3)
            var seen = Set<Int>()
            for c in cells(grown) {
                for id in segGrid[c] ?? [] where id != own && seen.insert(id).inserted {
                    if grown.crossedBy(segA[id], segB[id], margin: 0) { return false }
                }
                for b in boxGrid[c] ?? [] where boxes[b].intersects(r) { return false }
            }
            // The stretch of its own segment beside the label is the edge's alone.
            guard own >= 0 && own < segA.count else { return true }
            let a = segA[own], b = segB[own]
            let horizontal = abs(a.y - b.y) < 1e-9
            let span = horizontal ? Rect(x: r.x, y: a.y - 2, width: r.width, height: 4)
                                  : Rect(x: a.x - 2, y: r.y, width: 4, height: r.height)
            for c in cells(span) {
                for id in segGrid[c] ?? [] where segEdge[id] != e {
                    let p = segA[id], q = segB[id]
                    let sameLine = horizontal ? abs(p.y - q.y) < 1e-9 && abs(p.y - a.y) < 2 : abs(p.x - q.x) < 1e-9 && abs(p.x - a.x) < 2
                    if sameLine {
                        let lo = horizontal ? min(p.x, q.x) : min(p.y, q.y), hi = horizontal ? max(p.x, q.x) : max(p.y, q.y)
                        let slo = horizontal ? span.x : span.y, shi = horizontal ? span.maxX : span.maxY
                        if hi > slo && lo < shi { return false }
                    }
                }
            }
            return true
        }
        let h = labelHeight
        for e in 0..<m {
            let w = e < labelWidths.count ? clampSize(labelWidths[e]) : 0
            let pts = res.edges[e]
            guard w > 0 && pts.count >= 2 else { continue }
            let lw = w + 2
            // Segment ids of this edge, in order.
            let firstSeg = firstSegment[e]
            var candidates: [(Rect, Int)] = []
            let nseg = pts.count - 1
            let horizontal = (0..<nseg).reversed().filter { abs(pts[$0].y - pts[$0 + 1].y) < 1e-9 }
            let vertical = (0..<nseg).reversed().filter { abs(pts[$0].x - pts[$0 + 1].x) < 1e-9 && abs(pts[$0].y - pts[$0 + 1].y) > h + 4 }
            for k in horizontal {
                let a = pts[k], b = pts[k + 1]
                let lo = min(a.x, b.x), hi = max(a.x, b.x)
                guard hi - lo >= lw + 8 else { continue }
                let toRight = b.x >= a.x
                // From the target's end of the segment back to the source's, 4 px apart.
                var xs: [Double] = []
                let steps = min(400, Int(((hi - 6 - lw) - (lo + 6)) / 4))
                for k in 0...max(0, steps) { xs.append(toRight ? hi - 6 - lw - Double(k) * 4 : lo + 6 + Double(k) * 4) }
                for x in xs {
                    candidates.append((Rect(x: x, y: a.y - 3 - h, width: lw, height: h), firstSeg + k))
                    candidates.append((Rect(x: x, y: a.y + 3, width: lw, height: h), firstSeg + k))
                }
            }
            for k in vertical {
                let a = pts[k], b = pts[k + 1]
                let mid = (a.y + b.y) / 2
                for x in [a.x + 4, a.x - 4 - lw] {
                    for dy in [0.0, -(abs(a.y - b.y) / 4), abs(a.y - b.y) / 4] {
                        candidates.append((Rect(x: x, y: mid + dy - h / 2, width: lw, height: h), firstSeg + k))
                    }
                }
            }
            var chosen = candidates.first(where: { free($0.0, edge: e, segment: $0.1) })?.0
            if chosen == nil {
                // Nowhere free: at the end of the last segment, as before.
                let t = pts[pts.count - 1]
                chosen = Rect(x: t.x - 6 - lw, y: t.y - 3 - h, width: lw, height: h)
            }
            guard let r = chosen else { continue }
            res.labelRect[e] = r
            res.labelAt[e] = Point(r.x + 1, r.maxY - 3)
            res.labelEnds[e] = false
            addBox(r)
        }
    }

    @inline(__always)
    static func clampSize(_ v: Double) -> Double {
        v.isFinite ? max(0, min(v, 100_000)) : 0
    }
}
