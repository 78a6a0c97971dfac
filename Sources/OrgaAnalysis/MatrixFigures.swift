import OrgaSemantics

/// The figures of one matrix cell (area × aspect) over the raters that rated it.
public struct MatrixCell: Sendable, Equatable {
    /// Mean of the raters' values (the cell's index); nil when no rater rated it.
    public var mean: Double?
    public var min: Double?
    public var max: Double?
    /// max − min: how far the raters disagree.
    public var spread: Double?
    /// Raters that rated the cell.
    public var n: Int
    /// The target profile's value, if the matrix has one and it gives this cell.
    public var target: Double?
    /// target − mean, when both exist.
    public var gap: Double?
}

/// The figures of a matrix: index, min, max, spread and n per cell, the means per area
/// and per aspect (each the mean of its cells' indices), and gaps to the target profile.
/// Values outside the scale, `-` and areas a rater leaves out are not counted (never 0).
public struct MatrixFigures: Sendable {
    /// Index into `Model.matrices`.
    public var matrix: Int
    /// `cells[area][aspect]`.
    public var cells: [[MatrixCell]]
    /// Mean of the area's cell indices; nil when none of its cells has one.
    public var areaMeans: [Double?]
    public var aspectMeans: [Double?]
    /// Ratings counted as raters (not the target profile), in source order.
    public var raters: [Int]
    /// The rating used as target profile.
    public var target: Int?
    /// Where raters disagree by at least half the scale (spread ≥ (upper − lower) / 2).
    public var disagreementThreshold: Double?

    public init(_ model: Model, matrix mi: Int) {
        matrix = mi
        let m = model.matrices[mi]
        let areas = m.areas.count, aspects = m.aspects.count
        let scale = m.scale
        disagreementThreshold = scale.map { ($0.upper - $0.lower) / 2 }
        target = m.targetRating
        // Each rater's first rating and the first `rate` of each area count (later ones are errors).
        var seenRaters = Set<Party>()
        var raterList: [Int] = []
        for (i, r) in m.ratings.enumerated() where !r.isTarget {
            // A name that resolves to no unit, position or actor rates nothing (E301/E302).
            guard let p = r.rater, seenRaters.insert(p).inserted else { continue }
            raterList.append(i)
        }
        raters = raterList
        // Too large to lay out (E951): no figures.
        guard areas * aspects <= Matrix.maxCells else {
            cells = []
            areaMeans = [Double?](repeating: nil, count: areas)
            aspectMeans = [Double?](repeating: nil, count: aspects)
            return
        }
        // Accumulated rate by rate: linear in what is written, whatever the number of raters.
        var sum = [Double](repeating: 0, count: areas * aspects)
        var count = [Int](repeating: 0, count: areas * aspects)
        var lo = [Double](repeating: .infinity, count: areas * aspects)
        var hi = [Double](repeating: -.infinity, count: areas * aspects)
        var target = [Double?](repeating: nil, count: areas * aspects)
        func visit(_ r: MatrixRating, _ use: (Int, Double) -> Void) {
            var done = Set<Int>()
            for rate in r.rates {
                guard let a = rate.area, a >= 0, a < areas, rate.values.count == aspects, done.insert(a).inserted else { continue }
                for (k, v) in rate.values.enumerated() {
                    if case .given(let x) = v, let scale, x >= scale.lower, x <= scale.upper { use(a * aspects + k, x) }
                }
            }
        }
        for i in raterList {
            visit(m.ratings[i]) { c, x in
                sum[c] += x
                count[c] += 1
                lo[c] = Swift.min(lo[c], x)
                hi[c] = Swift.max(hi[c], x)
            }
        }
        if let t = self.target { visit(m.ratings[t]) { c, x in target[c] = x } }
        var cells: [[MatrixCell]] = []
        for a in 0..<areas {
            var row: [MatrixCell] = []
            for k in 0..<aspects {
                let c = a * aspects + k
                var cell = MatrixCell(n: count[c])
                if count[c] > 0 {
                    cell.mean = sum[c] / Double(count[c])
                    cell.min = lo[c]
                    cell.max = hi[c]
                    cell.spread = hi[c] - lo[c]
                }
                cell.target = target[c]
                if let t = cell.target, let mean = cell.mean { cell.gap = t - mean }
                row.append(cell)
            }
            cells.append(row)
        }
        self.cells = cells
        func mean(_ xs: [Double]) -> Double? { xs.isEmpty ? nil : xs.reduce(0, +) / Double(xs.count) }
        areaMeans = (0..<areas).map { a in mean(cells[a].compactMap(\.mean)) }
        aspectMeans = (0..<aspects).map { k in mean((0..<areas).compactMap { cells[$0][k].mean }) }
    }

    /// Areas and aspects laid out in `cells` (none for a matrix too large, E951):
    /// outputs draw these, never the declared counts.
    public var laidOutAreas: Int { cells.count }
    public var laidOutAspects: Int { cells.first?.count ?? 0 }

    /// Whether the raters of a cell disagree by at least half the scale.
    public func disagree(_ cell: MatrixCell) -> Bool {
        guard let s = cell.spread, let t = disagreementThreshold, cell.n >= 2 else { return false }
        return s >= t
    }

    public static func all(_ model: Model) -> [MatrixFigures] {
        model.matrices.indices.map { MatrixFigures(model, matrix: $0) }
    }
}
