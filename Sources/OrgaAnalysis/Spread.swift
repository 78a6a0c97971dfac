import OrgaSemantics

/// How uncertain a computed figure is, given the ranges of the model (docs/staffing.md,
/// Ranges). The figure itself (need, hours, lead time …) stays the mean; `Spread` adds
/// its exact minimum and maximum (every range at its lower or upper end: every figure
/// grows with every time and volume) and its standard deviation under independent ranges.
/// An exact figure has `min == max ==` the figure and `sd == 0`.
public struct Spread: Sendable, Hashable {
    public var min: Double
    public var max: Double
    public var sd: Double

    public init(min: Double, max: Double, sd: Double) {
        self.min = min
        self.max = max
        self.sd = sd
    }

    public static func exact(_ value: Double) -> Spread { Spread(min: value, max: value, sd: 0) }

    /// True when no range reaches the figure.
    public var isExact: Bool { sd == 0 && min == max }

    /// z of the standard normal distribution at 0.9.
    public static let z90 = 1.2815515655446004

    /// The 90th percentile of a figure with mean `mean`, by the normal approximation
    /// (an approximation: sums of products of uniform and PERT ranges are not normal),
    /// kept within [min, max].
    public func percentile90(mean: Double) -> Double {
        Swift.min(max, Swift.max(min, mean + Spread.z90 * sd))
    }

    /// The spread of `k` × the figure, k ≥ 0 (a cost per fte, a conversion).
    public func scaled(by k: Double) -> Spread {
        Spread(min: min * k, max: max * k, sd: sd * k)
    }
}

/// A random time factor: one step's `time` in hours (exact: variance 0, min = max = mean).
struct TimeFactor {
    var mean: Double
    var min: Double
    var max: Double
    var variance: Double

    init(mean: Double, range: RangeEstimate?) {
        self.mean = mean
        self.min = range?.low ?? mean
        self.max = range?.high ?? mean
        self.variance = range?.variance ?? 0
    }
}

/// Cases per year of a process as a linear combination of the uncertain root volumes:
/// C = c₀ + Σᵣ aᵣ·Vᵣ (the process's own volume and, through calls, its callers'), with
/// the constant part folded into `mean`, `min` and `max`.
struct CaseFactors {
    var mean: Double
    var min: Double
    var max: Double
    /// (uncertain volume r = process index, aᵣ), sorted by r.
    var coefficients: [(volume: Int, a: Double)] = []
    /// Σᵣ aᵣ²·σ²(Vᵣ): the variance of C.
    var variance: Double = 0

    static func exact(_ v: Double) -> CaseFactors { CaseFactors(mean: v, min: v, max: v) }
}

/// An aggregate Y = Σₛ wₛ·C_p(s)·Tₛ + constants over a set of steps in which each step
/// occurs once (a position's steps, a unit's subtree, all positions), kept in a form that
/// adds up without pairwise covariances (docs/staffing.md, Ranges):
///
///     Var Y = Σᵣ σ²(Vᵣ)·Aᵣ² + Σₛ σ²(Tₛ)·wₛ²·(E[C]² + Var C)
///     Aᵣ = Σₛ wₛ·aₚ₍ₛ₎,ᵣ·E[Tₛ]
///
/// The second sum is additive over disjoint step sets (`timeVariance`); the first is kept
/// as the per-volume sums Aᵣ (`volumeWeights`) and squared only at the end.
struct SpreadSum {
    var mean = 0.0
    var min = 0.0
    var max = 0.0
    var timeVariance = 0.0
    var volumeWeights: [Int: Double] = [:]
    /// Some range reaches the aggregate.
    var uncertain = false

    mutating func addConstant(_ c: Double) {
        mean += c; min += c; max += c
    }

    /// Adds w·C·T for one step.
    mutating func addStep(weight w: Double, cases c: CaseFactors, time t: TimeFactor) {
        mean += w * c.mean * t.mean
        min += w * c.min * t.min
        max += w * c.max * t.max
        if t.variance > 0 {
            timeVariance += t.variance * w * w * (c.mean * c.mean + c.variance)
            uncertain = true
        }
        if !c.coefficients.isEmpty {
            uncertain = true
            for (r, a) in c.coefficients { volumeWeights[r, default: 0] += w * a * t.mean }
        }
    }

    /// Adds `k` × another aggregate over a disjoint set of steps.
    mutating func add(_ o: SpreadSum, scaled k: Double = 1) {
        mean += k * o.mean; min += k * o.min; max += k * o.max
        timeVariance += k * k * o.timeVariance
        for (r, a) in o.volumeWeights { volumeWeights[r, default: 0] += k * a }
        if o.uncertain { uncertain = true }
    }

    /// The spread of the aggregate whose mean was computed as `value` (exact figures
    /// keep exactly their value). `volumeVariance[r]` is σ²(Vᵣ).
    func spread(value: Double, volumeVariance: [Double]) -> Spread {
        guard uncertain else { return .exact(value) }
        var v = timeVariance
        // Keys in order: the sum must not depend on dictionary order.
        for r in volumeWeights.keys.sorted() where r >= 0 && r < volumeVariance.count {
            let a = volumeWeights[r] ?? 0
            v += volumeVariance[r] * a * a
        }
        let sd = v > 0 && v.isFinite ? v.squareRoot() : 0
        return Spread(min: Swift.min(min, value), max: Swift.max(max, value), sd: sd)
    }
}

/// A lead time L = constant + Σₛ dₛ·Tₛ (times only; calls add the callee's terms scaled
/// by the calling step's executions): Var L = Σₛ dₛ²·σ²(Tₛ).
struct LeadSum {
    var min = 0.0
    var max = 0.0
    /// (time factor index, dₛ) over uncertain times; summed per factor.
    var weights: [Int: Double] = [:]

    func spread(value: Double, timeVariance: [Double]) -> Spread {
        guard !weights.isEmpty else { return .exact(value) }
        var v = 0.0
        for s in weights.keys.sorted() where s >= 0 && s < timeVariance.count {
            let d = weights[s] ?? 0
            v += timeVariance[s] * d * d
        }
        let sd = v > 0 && v.isFinite ? v.squareRoot() : 0
        return Spread(min: Swift.min(min, value), max: Swift.max(max, value), sd: sd)
    }
}
