import OrgaSupport

/// A value that changes on dates: a step function (docs/language.md, Time). The
/// undated value holds before the first date; each dated value holds from its date
/// (inclusive) to the next. `planned`, `filled`, `volume` and a kpi's `plan` are read
/// into it; the period figures of reports are its day-weighted averages.
///
/// Sums run over the steps, not over days, so a period of any length costs
/// O(number of steps); `dated` is kept sorted by date with no date twice (the model
/// builder reports a repeated date and keeps the first).
public struct DatedSeries: Sendable, Equatable {
    /// The value before the first date; nil when only dated values were written.
    public var undated: Double?
    /// Sorted by date, dates distinct.
    public private(set) var dated: [Step]

    public struct Step: Sendable, Equatable {
        public var from: CalendarDate
        public var value: Double
        public init(from: CalendarDate, value: Double) {
            self.from = from
            self.value = value
        }
    }

    public init(undated: Double?, dated: [Step] = []) {
        self.undated = undated
        self.dated = []
        for s in dated { _ = insert(s) }
    }

    /// A series that never changes.
    public static func constant(_ v: Double) -> DatedSeries { DatedSeries(undated: v) }

    /// Adds a dated value; false (and nothing changes) when its date is already taken.
    @discardableResult
    public mutating func insert(_ step: Step) -> Bool {
        var lo = 0, hi = dated.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if dated[mid].from < step.from { lo = mid + 1 } else { hi = mid }
        }
        if lo < dated.count && dated[lo].from == step.from { return false }
        dated.insert(step, at: lo)
        return true
    }

    /// No dated values: every figure equals the undated one (v1 behaviour).
    public var isConstant: Bool { dated.isEmpty }

    /// The value before any date: the undated value, or `beforeFirst` when none was
    /// written (0 for planned and filled).
    public func base(beforeFirst: Double) -> Double { undated ?? beforeFirst }

    /// The value in force on `day`.
    public func value(at day: CalendarDate, beforeFirst: Double = 0) -> Double {
        var v = base(beforeFirst: beforeFirst)
        for s in dated {
            if s.from > day { break }
            v = s.value
        }
        return v
    }

    /// Σ value × days over `span` (both ends inclusive).
    public func daySum(over span: DateSpan, beforeFirst: Double = 0) -> Double {
        var total = 0.0
        var current = base(beforeFirst: beforeFirst)
        var cursor = span.first
        for s in dated {
            if s.from > span.last { break }
            if s.from > cursor {
                total += current * Double(cursor.days(to: s.from))
                cursor = s.from
            }
            current = s.value
        }
        total += current * Double(cursor.days(to: span.last) + 1)
        return total
    }

    /// The day-weighted average over `span`.
    public func average(over span: DateSpan, beforeFirst: Double = 0) -> Double {
        daySum(over: span, beforeFirst: beforeFirst) / Double(span.dayCount)
    }

    /// Dates at which the value changes, in order.
    public var changeDates: [CalendarDate] { dated.map(\.from) }
}
