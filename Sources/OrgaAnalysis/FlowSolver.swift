/// Exact solver for the linear systems of process flows: `x = g + W x`, where `W` is
/// sparse and substochastic (an absorbing Markov chain restricted to its transient
/// states), for one or several right-hand sides `g` at once.
///
/// Method: the dependency graph (`x_i` depends on `x_j` when `W[i][j] ≠ 0`) is split
/// into strongly connected components (iterative Tarjan). Tarjan emits a component only
/// after every component it depends on, so components are solved in emission order:
/// - a single node without a self-loop is a direct sum (the fast path; an acyclic flow
///   is solved entirely this way in O(nodes + edges));
/// - a loop (larger component or self-loop) is solved by sparse Gaussian elimination
///   on `(I − W_SS) x_S = b_S` in source order. `I − W` is a nonsingular M-matrix when
///   every case can end, so no pivoting is needed and elimination is stable; loops of
///   flows are local, so fill-in stays proportional to loop length × nesting depth.
///
/// Rows are kept as sorted arrays (never dictionaries), so the order of every
/// floating-point sum is fixed: the same input gives bit-identical results.
struct FlowSolver {
    /// CSR: the dependencies of row i are `cols[rowStart[i]..<rowStart[i+1]]` with `weights`.
    private(set) var n: Int
    private var rowStart: [Int]
    private var cols: [Int]
    private var weights: [Double]

    /// `entries[i]` = the (j, w) with x_i = … + w · x_j. Repeated j are summed; j out of range is ignored.
    init(n: Int, entries: [[(Int, Double)]]) {
        self.n = n
        var rs = [Int]()
        rs.reserveCapacity(n + 1)
        var cs = [Int]()
        var ws = [Double]()
        rs.append(0)
        for i in 0..<n {
            let row = i < entries.count ? entries[i] : []
            let sorted = row.filter { $0.0 >= 0 && $0.0 < n && $0.1 != 0 }.sorted { $0.0 < $1.0 }
            var k = 0
            while k < sorted.count {
                let j = sorted[k].0
                var w = 0.0
                while k < sorted.count && sorted[k].0 == j { w += sorted[k].1; k += 1 }
                cs.append(j)
                ws.append(w)
            }
            rs.append(cs.count)
        }
        rowStart = rs
        cols = cs
        weights = ws
    }

    /// Strongly connected components in Tarjan emission order (dependencies first).
    /// Each component's nodes are sorted ascending.
    func components() -> [[Int]] {
        var index = [Int](repeating: -1, count: n)
        var low = [Int](repeating: 0, count: n)
        var onStack = [Bool](repeating: false, count: n)
        var stack: [Int] = []
        var result: [[Int]] = []
        var counter = 0
        var call: [(node: Int, edge: Int)] = []
        for root in 0..<n where index[root] < 0 {
            call.append((root, rowStart[root]))
            index[root] = counter; low[root] = counter; counter += 1
            stack.append(root); onStack[root] = true
            while let top = call.last {
                let v = top.node
                if top.edge < rowStart[v + 1] {
                    let w = cols[top.edge]
                    call[call.count - 1].edge += 1
                    if index[w] < 0 {
                        index[w] = counter; low[w] = counter; counter += 1
                        stack.append(w); onStack[w] = true
                        call.append((w, rowStart[w]))
                    } else if onStack[w] {
                        low[v] = min(low[v], index[w])
                    }
                } else {
                    call.removeLast()
                    if let parent = call.last { low[parent.node] = min(low[parent.node], low[v]) }
                    if low[v] == index[v] {
                        var comp: [Int] = []
                        while let w = stack.popLast() {
                            onStack[w] = false
                            comp.append(w)
                            if w == v { break }
                        }
                        comp.sort()
                        result.append(comp)
                    }
                }
            }
        }
        return result
    }

    private func hasSelfLoop(_ i: Int) -> Bool {
        for k in rowStart[i]..<rowStart[i + 1] where cols[k] == i { return true }
        return false
    }

    /// Solves x = g + W x for `m` right-hand sides given as `rhs[k][i]`. Returns `x[k][i]`,
    /// or nil when a loop has no way out (singular system) or a value is not finite.
    func solve(_ rhs: [[Double]]) -> [[Double]]? {
        let m = rhs.count
        if m == 0 { return [] }
        // x stored row-major by node: x[i * m + k].
        var x = [Double](repeating: 0, count: n * m)
        var local = [Int](repeating: -1, count: n)
        for comp in components() {
            if comp.count == 1 && !hasSelfLoop(comp[0]) {
                let i = comp[0]
                for k in 0..<m {
                    var s = i < rhs[k].count ? rhs[k][i] : 0
                    for e in rowStart[i]..<rowStart[i + 1] { s += weights[e] * x[cols[e] * m + k] }
                    guard s.isFinite else { return nil }
                    x[i * m + k] = s
                }
                continue
            }
            guard solveLoop(comp, rhs: rhs, m: m, x: &x, local: &local) else { return nil }
        }
        var out = [[Double]](repeating: [], count: m)
        for k in 0..<m {
            var v = [Double](repeating: 0, count: n)
            for i in 0..<n { v[i] = x[i * m + k] }
            out[k] = v
        }
        return out
    }

    /// Sparse elimination on one strongly connected component.
    private func solveLoop(_ comp: [Int], rhs: [[Double]], m: Int, x: inout [Double], local: inout [Int]) -> Bool {
        let s = comp.count
        for (li, i) in comp.enumerated() { local[i] = li }
        defer { for i in comp { local[i] = -1 } }
        // Row li of (I − W_SS) as sorted (col, value); b = g + W_out x_out.
        var rowCols = [[Int]](repeating: [], count: s)
        var rowVals = [[Double]](repeating: [], count: s)
        var b = [Double](repeating: 0, count: s * m)
        var colRows = [[Int]](repeating: [], count: s)   // rows r > c with an entry in column c
        for (li, i) in comp.enumerated() {
            var cs: [Int] = []
            var vs: [Double] = []
            var diag = 1.0
            for k in 0..<m { b[li * m + k] = i < rhs[k].count ? rhs[k][i] : 0 }
            for e in rowStart[i]..<rowStart[i + 1] {
                let j = cols[e], w = weights[e]
                let lj = local[j]
                if lj < 0 {
                    for k in 0..<m { b[li * m + k] += w * x[j * m + k] }
                } else if lj == li {
                    diag -= w
                } else {
                    cs.append(lj); vs.append(-w)
                }
            }
            // Insert the diagonal; cols are ascending because comp is sorted and CSR rows are sorted by node.
            var pairs = zip(cs, vs).map { ($0, $1) }
            pairs.append((li, diag))
            pairs.sort { $0.0 < $1.0 }
            rowCols[li] = pairs.map(\.0)
            rowVals[li] = pairs.map(\.1)
            for c in rowCols[li] where c < li { colRows[c].append(li) }
        }
        // Forward elimination in source order.
        for p in 0..<s {
            guard let pd = rowCols[p].firstIndex(of: p) else { return false }
            let pivot = rowVals[p][pd]
            guard pivot.isFinite, abs(pivot) > 1e-13 else { return false }
            // Upper part of the pivot row.
            let upperCols = Array(rowCols[p][(pd + 1)...])
            let upperVals = Array(rowVals[p][(pd + 1)...])
            for r in colRows[p] {
                guard let rp = rowCols[r].firstIndex(of: p) else { continue }
                let f = rowVals[r][rp] / pivot
                // row r := row r − f × upper(row p), dropping column p.
                var nc: [Int] = []
                var nv: [Double] = []
                nc.reserveCapacity(rowCols[r].count + upperCols.count)
                nv.reserveCapacity(rowCols[r].count + upperCols.count)
                let oc = rowCols[r], ov = rowVals[r]
                var a = 0, u = 0
                while a < oc.count || u < upperCols.count {
                    if a < oc.count && oc[a] == p { a += 1; continue }
                    if u >= upperCols.count || (a < oc.count && oc[a] < upperCols[u]) {
                        nc.append(oc[a]); nv.append(ov[a]); a += 1
                    } else if a >= oc.count || upperCols[u] < oc[a] {
                        let c = upperCols[u]
                        nc.append(c); nv.append(-f * upperVals[u])
                        if c < r { colRows[c].append(r) }   // fill-in below the diagonal
                        u += 1
                    } else {
                        nc.append(oc[a]); nv.append(ov[a] - f * upperVals[u]); a += 1; u += 1
                    }
                }
                rowCols[r] = nc
                rowVals[r] = nv
                for k in 0..<m { b[r * m + k] -= f * b[p * m + k] }
            }
        }
        // Back substitution.
        var xs = [Double](repeating: 0, count: s * m)
        for p in stride(from: s - 1, through: 0, by: -1) {
            guard let pd = rowCols[p].firstIndex(of: p) else { return false }
            let pivot = rowVals[p][pd]
            for k in 0..<m {
                var acc = b[p * m + k]
                var e = pd + 1
                while e < rowCols[p].count { acc -= rowVals[p][e] * xs[rowCols[p][e] * m + k]; e += 1 }
                let v = acc / pivot
                guard v.isFinite else { return false }
                xs[p * m + k] = v
            }
        }
        for (li, i) in comp.enumerated() { for k in 0..<m { x[i * m + k] = xs[li * m + k] } }
        return true
    }
}
