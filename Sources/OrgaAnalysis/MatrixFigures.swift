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
        func grid(_ r: MatrixRating) -> [[Double?]] {
            var g = [[Double?]](repeating: [Double?](repeating: nil, count: aspects), count: areas)
            var done = [Bool](repeating: false, count: areas)
            for rate in r.rates {
                guard let a = rate.area, a >= 0, a < areas, !done[a], rate.values.count == aspects else { continue }
                done[a] = true
                for (k, v) in rate.values.enumerated() {
                    if case .given(let x) = v, let scale, x >= scale.lower, x <= scale.upper { g[a][k] = x }
                }
            }
            return g
        }
        let grids = raterList.map { grid(m.ratings[$0]) }
        let targetGrid = target.map { grid(m.ratings[$0]) }
        var cells: [[MatrixCell]] = []
        for a in 0..<areas {
            var row: [MatrixCell] = []
            for k in 0..<aspects {
                let values = grids.compactMap { $0[a][k] }
                var cell = MatrixCell(n: values.count)
                if let lo = values.min(), let hi = values.max() {
                    cell.mean = values.reduce(0, +) / Double(values.count)
                    cell.min = lo
                    cell.max = hi
                    cell.spread = hi - lo
                }
                cell.target = targetGrid?[a][k] ?? nil
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

    /// Whether the raters of a cell disagree by at least half the scale.
    public func disagree(_ cell: MatrixCell) -> Bool {
        guard let s = cell.spread, let t = disagreementThreshold, cell.n >= 2 else { return false }
        return s >= t
    }

    public static func all(_ model: Model) -> [MatrixFigures] {
        model.matrices.indices.map { MatrixFigures(model, matrix: $0) }
    }
}
