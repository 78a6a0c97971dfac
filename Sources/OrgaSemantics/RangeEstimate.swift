/// An uncertain estimate written as a range (`time 10..20 min`, `time 20..30..60 min`,
/// `volume 2_000..2_600 /year`), in the unit the model stores (hours, cases per year).
///
/// A range states the uncertainty of the *average* value, so it is one random quantity
/// for the whole year, independent of every other range: two-point ranges are uniform
/// on [low, high], three-point ranges follow the classic PERT approximation
/// (docs/staffing.md, Ranges). A range whose bounds are equal is exact and never stored.
public struct RangeEstimate: Sendable, Hashable {
    public var low: Double
    /// The most likely value of a three-point range; nil for a two-point range.
    public var likely: Double?
    public var high: Double

    public init(low: Double, likely: Double? = nil, high: Double) {
        self.low = low
        self.likely = likely
        self.high = high
    }

    /// PERT (a + 4m + b) ÷ 6, or uniform (a + b) ÷ 2.
    public var mean: Double {
        if let m = likely { return (low + 4 * m + high) / 6 }
        return (low + high) / 2
    }

    /// PERT ((b − a) ÷ 6)², or uniform (b − a)² ÷ 12.
    public var variance: Double {
        let w = high - low
        return likely == nil ? w * w / 12 : w * w / 36
    }

    public var sd: Double { variance.squareRoot() }

    /// The same range in another unit (`/month` → per year: × 12).
    public func scaled(by k: Double) -> RangeEstimate {
        RangeEstimate(low: low * k, likely: likely.map { $0 * k }, high: high * k)
    }

    /// The same range moved by `d` (a signed change `time -5 min` shifts every bound).
    public func shifted(by d: Double) -> RangeEstimate {
        RangeEstimate(low: low + d, likely: likely.map { $0 + d }, high: high + d)
    }

    /// The same range in a larger unit (`min` → hours: ÷ 60, as single values are converted).
    public func divided(by k: Double) -> RangeEstimate {
        RangeEstimate(low: low / k, likely: likely.map { $0 / k }, high: high / k)
    }
}
