import OrgaSemantics
import OrgaSupport

/// Filled and effective capacity of a position or unit, day by day over a period
/// (docs/language.md, Time: ramp-up). Index `i` of `filled`/`effective` is the day
/// `span.first.adding(days: i)`.
public struct CapacityTimeline: Sendable, Equatable {
    public let span: DateSpan
    /// fte in post on each day (the dated `filled`, 0 before its first date without an undated one).
    public private(set) var filled: [Double]
    /// fte productive on each day: filled minus what is still ramping up.
    public private(set) var effective: [Double]
    /// Averages over the span, exact for a constant series (every figure equals v1's).
    public private(set) var filledAverage: Double
    public private(set) var effectiveAverage: Double

    /// filled − effective, the period average of the ramp-up loss.
    public var rampupLoss: Double { filledAverage - effectiveAverage }

    /// The filled and effective fte on `day` (0 outside the span).
    public func values(on day: CalendarDate) -> (filled: Double, effective: Double) {
        let i = span.first.days(to: day)
        guard i >= 0 && i < filled.count else { return (0, 0) }
        return (filled[i], effective[i])
    }

    static func empty(_ span: DateSpan) -> CapacityTimeline {
        let zeros = [Double](repeating: 0, count: span.dayCount)
        return CapacityTimeline(span: span, filled: zeros, effective: zeros, filledAverage: 0, effectiveAverage: 0)
    }

    /// Adds another timeline over the same span (a unit's positions).
    mutating func add(_ other: CapacityTimeline) {
        for i in filled.indices where i < other.filled.count {
            filled[i] += other.filled[i]
            effective[i] += other.effective[i]
        }
        filledAverage += other.filledAverage
        effectiveAverage += other.effectiveAverage
    }
}

/// The capacity API of the time feature: what a position or unit has in post and what
/// of it is productive, day by day. Pools and reports build on it.
///
/// - `Capacity.ramp(forPosition:in:)`: the `ramp` in force (position, nearest unit, model).
/// - `Capacity.position(_:in:over:)`: one position's timeline.
/// - `Capacity.unit(_:in:over:includingSubunits:)`: the sum over a unit's positions.
public enum Capacity {
    /// The `ramp` that applies to position `p`: its own, else the nearest enclosing
    /// unit's, else the model's; nil when none (then effective = filled). The nearest
    /// statement wins whole (a `ramp` without `start` starts at 0 %).
    public static func ramp(forPosition p: PositionID, in model: Model) -> Ramp? {
        guard model.positions.contains(p) else { return nil }
        let position = model.positions[p]
        if position.rampSetting.isWritten { return position.rampSetting.value }
        var unit = position.unit
        var seen = Set<UnitID>()
        while let u = unit, model.units.contains(u), seen.insert(u).inserted {
            if model.units[u].rampSetting.isWritten { return model.units[u].rampSetting.value }
            unit = model.units[u].parent
        }
        return model.settings.rampSetting.value
    }

    /// Position `p`'s filled and effective fte on each day of `span`.
    public static func position(_ p: PositionID, in model: Model, over span: DateSpan) -> CapacityTimeline {
        guard model.positions.contains(p) else { return .empty(span) }
        return timeline(of: model.positions[p].filledSeries, ramp: ramp(forPosition: p, in: model), over: span)
    }

    /// The sum over unit `u`'s positions (and, with `includingSubunits`, those of every
    /// unit below it), day by day.
    public static func unit(_ u: UnitID, in model: Model, over span: DateSpan, includingSubunits: Bool = true) -> CapacityTimeline {
        var total = CapacityTimeline.empty(span)
        guard model.units.contains(u) else { return total }
        var stack = [u]
        var seen = Set<UnitID>()
        while let next = stack.popLast() {
            guard model.units.contains(next), seen.insert(next).inserted else { continue }
            for p in model.units[next].positions { total.add(position(p, in: model, over: span)) }
            if includingSubunits { stack.append(contentsOf: model.units[next].subunits.reversed()) }
        }
        return total
    }

    /// The timeline of one `filled` series under `ramp`. Each increase on day d is a
    /// tranche counting `ramp.share(afterDays:)`; a decrease cancels the most recent
    /// tranches still ramping up first (latest first), then fully productive fte. The
    /// undated value counts fully; ramps that began before the span carry into it.
    public static func timeline(of series: DatedSeries, ramp: Ramp?, over span: DateSpan) -> CapacityTimeline {
        let count = span.dayCount
        var filled = [Double](repeating: 0, count: count)
        var effective = [Double](repeating: 0, count: count)
        let steps = series.dated
        var current = series.base(beforeFirst: 0)
        var tranches: [(amount: Double, from: CalendarDate)] = []
        var next = 0

        func isDone(_ t: (amount: Double, from: CalendarDate), on day: CalendarDate, _ r: Ramp) -> Bool {
            Double(t.from.days(to: day)) >= r.days
        }
        func apply(_ step: DatedSeries.Step) {
            let delta = step.value - current
            current = step.value
            guard let ramp else { return }
            tranches.removeAll { isDone($0, on: step.from, ramp) }
            if delta > 0 {
                tranches.append((delta, step.from))
            } else if delta < 0 {
                var rest = -delta
                while rest > 0, let last = tranches.last {
                    if last.amount <= rest {
                        rest -= last.amount
                        tranches.removeLast()
                    } else {
                        tranches[tranches.count - 1].amount = last.amount - rest
                        rest = 0
                    }
                }
            }
        }

        while next < steps.count && steps[next].from < span.first {
            apply(steps[next])
            next += 1
        }
        var day = span.first
        for i in 0..<count {
            while next < steps.count && steps[next].from == day {
                apply(steps[next])
                next += 1
            }
            filled[i] = current
            var notYet = 0.0
            if let ramp {
                for t in tranches {
                    let k = t.from.days(to: day)
                    notYet += t.amount * (1 - ramp.share(afterDays: k))
                }
            }
            effective[i] = current - notYet
            day = day.adding(days: 1)
        }
        // Averages: a constant series without a running ramp gives its value exactly.
        let filledAverage = series.isConstant ? current : series.average(over: span)
        let effectiveAverage: Double
        if ramp == nil || tranchesTouch(series, ramp, span) == false {
            effectiveAverage = filledAverage
        } else {
            effectiveAverage = effective.reduce(0, +) / Double(count)
        }
        return CapacityTimeline(span: span, filled: filled, effective: effective,
                                filledAverage: filledAverage, effectiveAverage: effectiveAverage)
    }

    /// Whether any increase ramps during the span (otherwise effective = filled exactly).
    private static func tranchesTouch(_ series: DatedSeries, _ ramp: Ramp?, _ span: DateSpan) -> Bool {
        guard let ramp else { return false }
        var previous = series.base(beforeFirst: 0)
        for s in series.dated {
            defer { previous = s.value }
            if s.from > span.last { break }
            if s.value > previous && Double(s.from.days(to: span.first)) < ramp.days { return true }
        }
        return false
    }
}
