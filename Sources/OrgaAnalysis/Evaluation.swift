import OrgaSemantics
import OrgaSupport

/// When dated values are evaluated (docs/language.md, Time): over a period (the model
/// `year`, or `--year Y`) as day-weighted averages, or on one date (`--at DATE`).
public struct Evaluation: Sendable, Equatable {
    /// The days averaged over (one day for `at`).
    public let span: DateSpan
    /// The date of `--at`; nil for a period.
    public let at: CalendarDate?

    public static func period(_ span: DateSpan) -> Evaluation { Evaluation(span: span, at: nil) }

    /// The calendar year `year` (366 days in a leap year); nil for a year outside 1..9999.
    public static func year(_ year: Int) -> Evaluation? { DateSpan(year: year).map(period) }

    /// One date: every value is the one in force on it.
    public static func at(_ date: CalendarDate) -> Evaluation? { DateSpan(date, date).map { Evaluation(span: $0, at: date) } }

    /// The model's own period, its `year`; nil without one.
    public static func of(_ model: Model) -> Evaluation? { model.settings.year.flatMap(year) }

    /// The period, nil for `at`.
    public var period: DateSpan? { at == nil ? span : nil }
}

/// The model as it stands in an evaluation: `planned`, `filled` and `volume` with dated
/// values carry their day-weighted averages over the period (or the value on the date),
/// so that the staffing engine, costs and every report read the period figures. A series
/// without dated values keeps its value exactly (every figure equals v1's); the need is
/// linear in the volume, so the average volume gives the average need.
public enum PeriodEvaluation {
    public static func apply(_ e: Evaluation, to model: Model) -> Model {
        guard hasDatedValues(model) else { return model }
        var m = model
        for i in m.positions.ids {
            let p = m.positions[i]
            if !p.plannedSeries.isConstant, let l = p.plannedSetting.location {
                m.positions[i].plannedSetting = .given(p.plannedSeries.average(over: e.span), l)
            }
            if !p.filledSeries.isConstant, let l = p.filledSetting.location {
                m.positions[i].filledSetting = .given(p.filledSeries.average(over: e.span), l)
            }
        }
        for i in m.processes.ids {
            let p = m.processes[i]
            // Only with an undated volume (E803 otherwise: the setting is rejected).
            guard !p.volumeSeries.isConstant, let undated = p.volumeSetting.value, let l = p.volumeSetting.location else { continue }
            let average = p.volumeSeries.average(over: e.span)
            m.processes[i].volumeSetting = .given(average, l)
            // A range scales with the volume (the dated values keep the undated one's uncertainty).
            if let r = p.volumeRange { m.processes[i].volumeRange = undated > 0 ? r.scaled(by: average / undated) : nil }
        }
        return m
    }

    /// The model a report or a graph shows: dated values evaluated over `asked` (nil: the
    /// model's own `year`), with `--year Y` also taking the place of the model `year` (the
    /// `kw` checks and the assumptions read it). Scenarios are applied to this model, so
    /// that a scenario's `change` of a dated value acts on the period figure.
    public static func base(of written: Model, asked: Evaluation?) -> (model: Model, evaluation: Evaluation?) {
        let evaluation = asked ?? Evaluation.of(written)
        var base = evaluation.map { apply($0, to: written) } ?? written
        if let asked, asked.at == nil, let l = base.settings.yearSetting.location ?? base.settings.declaration {
            base.settings.yearSetting = .given(asked.span.first.year, l)
        }
        return (base, evaluation)
    }

    /// The model over its own `year` (itself without dated values or without a year):
    /// what graphs and the editor's figures read.
    public static func overModelYear(_ model: Model) -> Model {
        guard hasDatedValues(model), let e = Evaluation.of(model) else { return model }
        return apply(e, to: model)
    }

    /// Some `planned`, `filled` or `volume` has a dated value.
    public static func hasDatedValues(_ model: Model) -> Bool {
        model.positions.contains { !$0.plannedSeries.isConstant || !$0.filledSeries.isConstant }
            || model.processes.contains { !$0.volumeSeries.isConstant }
    }

    /// The model uses the time features: dated values or a `ramp` (reports then show the
    /// period and the effective and ramp-up columns).
    public static func usesTime(_ model: Model) -> Bool {
        hasDatedValues(model) || model.settings.rampSetting.isWritten
            || model.units.contains { $0.rampSetting.isWritten } || model.positions.contains { $0.rampSetting.isWritten }
    }

    /// All dates on which some dated value of the model changes, ascending, distinct.
    public static func changeDates(_ model: Model) -> [CalendarDate] {
        var dates = Set<CalendarDate>()
        for p in model.positions {
            dates.formUnion(p.plannedSeries.changeDates)
            dates.formUnion(p.filledSeries.changeDates)
        }
        for p in model.processes { dates.formUnion(p.volumeSeries.changeDates) }
        return dates.sorted()
    }

    /// How far `span` lies from every date of the model: nil when the model has no dates
    /// or the span is within a year of one; otherwise the nearest date (a `--year` far
    /// from every date most likely is a typo).
    public static func nearestDateIfFar(_ model: Model, from span: DateSpan) -> CalendarDate? {
        let dates = changeDates(model)
        guard !dates.isEmpty else { return nil }
        var nearest = dates[0]
        var nearestDistance = Int.max
        for d in dates {
            let distance = span.contains(d) ? 0 : min(abs(d.days(to: span.first)), abs(d.days(to: span.last)))
            if distance < nearestDistance { nearest = d; nearestDistance = distance }
        }
        return nearestDistance > 366 ? nearest : nil
    }
}

/// Effective capacity and ramp-up loss in an evaluation, per position and per unit
/// (a unit with its sub-units, as the staffing result's `filled`).
public struct TimeFigures: Sendable {
    public let evaluation: Evaluation
    /// Per position (by index): filled and effective fte (period averages or values on the date).
    public let positionFilled: [Double]
    public let positionEffective: [Double]
    /// Per unit (by index), with its sub-units.
    public let unitFilled: [Double]
    public let unitEffective: [Double]
    public let totalFilled: Double
    public let totalEffective: Double

    public func positionLoss(_ p: PositionID) -> Double {
        p.index >= 0 && p.index < positionFilled.count ? positionFilled[p.index] - positionEffective[p.index] : 0
    }
    public func unitLoss(_ u: UnitID) -> Double {
        u.index >= 0 && u.index < unitFilled.count ? unitFilled[u.index] - unitEffective[u.index] : 0
    }
    public var totalLoss: Double { totalFilled - totalEffective }

    public static func compute(_ model: Model, _ e: Evaluation) -> TimeFigures {
        var filled = [Double](repeating: 0, count: model.positions.count)
        var effective = filled
        for p in model.positions.ids {
            let ramp = Capacity.ramp(forPosition: p, in: model)
            let series = model.positions[p].filledSeries
            if series.isConstant {
                // v1: the filled figure as the staffing engine reads it; the undated value counts fully.
                filled[p.index] = model.positions[p].filled
                effective[p.index] = filled[p.index]
                continue
            }
            let t = Capacity.timeline(of: series, ramp: ramp, over: e.span)
            filled[p.index] = t.filledAverage
            effective[p.index] = t.effectiveAverage
        }
        var unitFilled = [Double](repeating: 0, count: model.units.count)
        var unitEffective = unitFilled
        let rollup = UnitRollup(model.units)
        for u in rollup.order {
            for p in model.units[u].positions where model.positions.contains(p) {
                unitFilled[u.index] += filled[p.index]
                unitEffective[u.index] += effective[p.index]
            }
            for s in rollup.included(in: u) {
                unitFilled[u.index] += unitFilled[s.index]
                unitEffective[u.index] += unitEffective[s.index]
            }
        }
        return TimeFigures(evaluation: e, positionFilled: filled, positionEffective: effective,
                           unitFilled: unitFilled, unitEffective: unitEffective,
                           totalFilled: filled.reduce(0, +), totalEffective: effective.reduce(0, +))
    }
}
