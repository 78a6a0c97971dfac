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
            NodeSize(width: clampSize(s.width), height: clampSize(s.height), labelWidth: clampSize(s.labelWidth),
                     labelAbove: clampSize(s.labelAbove), labelBelow: clampSize(s.labelBelow))
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

        // 4. Coordinates. Columns:
        let cols = n == 0 ? 0 : maxRank + 1
        var colWidth = [Double](repeating: 0, count: cols)
        for i in 0..<n { colWidth[rank[i]] = max(colWidth[rank[i]], res.size[i].boxWidth) }
        var gap = [Double](repeating: config.columnGap, count: cols)
        for e in 0..<m where valid(e) && !back[e] {
            let w = e < labelWidths.count ? clampSize(labelWidths[e]) : 0
            if w > 0 {
                let c = rank[edges[e].1] - 1
                if c >= 0 && c < cols { gap[c] = max(gap[c], w + 26) }
            }
        }
        let firstGap = config.columnGap * 0.7
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
            return colLeft[cc] + colWidth[cc] + gap[cc] / 2
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
            var content = 0.0
            for k in 0..<rowCount[l] { content += rowAbove[l][k] + rowBelow[l][k] + (k > 0 ? config.rowGap : 0) }
            let minH = l < laneMinHeights.count ? clampSize(laneMinHeights[l]) : 0
            let h = max(content + 2 * pad, minH, 2 * pad + 20)
            let top = yCursor
            var cursor = top + (h - content) / 2
            var centers: [Double] = []
            var gutters: [Double] = []
            for k in 0..<rowCount[l] {
                let c = cursor + rowAbove[l][k]
                centers.append(c)
                let bottom = c + rowBelow[l][k]
                gutters.append(k == rowCount[l] - 1 ? (bottom + top + h) / 2 : bottom + config.rowGap / 2)
                cursor = bottom + config.rowGap
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

        // 5. Edge routing.
        var occupied: [Int: [Int]] = [:]
        let rowKeyScale = n + 1
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
        var channelUse: [Int: Int] = [:]
        var gutterUse: [Int: Int] = [:]
        func channelOffset(_ c: Int) -> Double {
            let k = channelUse[c, default: 0]
            channelUse[c] = k + 1
            let width = c >= 0 && c < cols ? gap[c] : firstGap
            let step = min(5.0, max(1.0, (width - 16) / 14))
            return Double((k % 7) - 3) * step
        }
        func gutterOffset(_ key: Int) -> Double {
            let k = gutterUse[key, default: 0]
            gutterUse[key] = k + 1
            let step = min(3.0, max(0.5, (config.rowGap - 8) / 10))
            return Double((k % 5) - 2) * step
        }
        func gutterY(_ l: Int, _ r: Int, below: Bool) -> (y: Double, key: Int) {
            if below { return (gutterBelow[l][r], (l * rowKeyScale + r) * 2 + 1) }
            if r == 0 { return (gutterTop[l], (l * rowKeyScale) * 2) }
            return (gutterBelow[l][r - 1], (l * rowKeyScale + r - 1) * 2 + 1)
        }
        res.edges = [[Point]](repeating: [], count: m)
        res.labelAt = [Point](repeating: Point(0, 0), count: m)
        res.labelEnds = [Bool](repeating: false, count: m)
        for e in 0..<m where valid(e) {
            let (u, v) = edges[e]
            let su = res.size[u], sv = res.size[v]
            let ux = res.x[u], uy = res.y[u], vx = res.x[v], vy = res.y[v]
            var pts: [Point]
            if u == v {
                let cx = channelX(rank[u]) + channelOffset(rank[u])
                let g = gutterY(lane[u], row[u], below: true)
                let gy = g.y + gutterOffset(g.key)
                pts = [Point(ux + su.width / 2, uy), Point(cx, uy), Point(cx, gy), Point(ux, gy), Point(ux, uy + su.height / 2)]
                res.labelAt[e] = Point(cx + 4, (uy + gy) / 2)
                res.labelEnds[e] = false
            } else if !back[e] {
                let s = Point(ux + su.width / 2, uy)
                let t = Point(vx - sv.width / 2, vy)
                let ru = rank[u], rv = rank[v]
                if rv == ru + 1 {
                    if abs(uy - vy) < 0.01 {
                        pts = [s, t]
                    } else {
                        let cx = channelX(ru) + channelOffset(ru)
                        pts = [s, Point(cx, uy), Point(cx, vy), t]
                    }
                } else if lane[u] == lane[v] && row[u] == row[v] && freeBetween(lane[u], row[u], ru, rv) {
                    pts = [s, t]
                } else {
                    let below = lane[v] > lane[u] || (lane[v] == lane[u] && row[v] > row[u])
                    let g = gutterY(lane[u], row[u], below: below)
                    let gy = g.y + gutterOffset(g.key)
                    let c1 = channelX(ru) + channelOffset(ru)
                    let c2 = channelX(rv - 1) + channelOffset(rv - 1)
                    pts = [s, Point(c1, uy), Point(c1, gy), Point(c2, gy), Point(c2, vy), t]
                }
                res.labelAt[e] = Point(t.x - 6, t.y - 6)
                res.labelEnds[e] = true
            } else {
                let s = Point(ux, uy + su.height / 2)
                let t = Point(vx, vy + sv.height / 2)
                let gu = gutterY(lane[u], row[u], below: true)
                let guy = gu.y + gutterOffset(gu.key)
                if lane[u] == lane[v] && row[u] == row[v] {
                    pts = [s, Point(ux, guy), Point(vx, guy), t]
                } else {
                    let gv = gutterY(lane[v], row[v], below: true)
                    let gvy = gv.y + gutterOffset(gv.key)
                    let cx = channelX(rank[v] - 1) + channelOffset(rank[v] - 1)
                    pts = [s, Point(ux, guy), Point(cx, guy), Point(cx, gvy), Point(vx, gvy), t]
                }
                res.labelAt[e] = Point(ux + 5, guy - 4)
                res.labelEnds[e] = false
            }
            res.edges[e] = pts
        }
        return res
    }

    @inline(__always)
    static func clampSize(_ v: Double) -> Double {
        v.isFinite ? max(0, min(v, 100_000)) : 0
    }
}
