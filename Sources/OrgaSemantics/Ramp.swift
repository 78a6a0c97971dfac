/// `ramp DURATION [start P %]`: how new staff come up to full productivity
/// (docs/language.md, Time). An increase of `filled` on day d counts `start` on d and
/// rises linearly to 1 on d + `days`.
public struct Ramp: Sendable, Equatable {
    /// The duration in calendar days (months count 30 days); more than 0.
    public var days: Double
    /// The share counted on the day of the increase (20 % → 0.2); below 1.
    public var start: Double

    public init(days: Double, start: Double = 0) {
        self.days = days
        self.start = start
    }

    /// The productive share of an increase `k` days after its date (k ≥ 0).
    public func share(afterDays k: Int) -> Double {
        let d = Double(k)
        if d >= days { return 1 }
        return start + (1 - start) * d / days
    }

    /// The longest ramp accepted: 10 years of 365 days (E804 beyond).
    public static let maximumDays: Double = 3_650
}
