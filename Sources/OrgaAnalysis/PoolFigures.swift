import OrgaSyntax
import OrgaSemantics
import OrgaSupport

/// A deployment's fte on a run of days: constant within the segment.
public struct DeploymentSegment: Sendable, Hashable {
    public var span: DateSpan
    public var fte: Double
}

/// The figures of one deployment (index into `Model.deployments`).
public struct DeploymentFigures: Sendable, IndexedByID {
    public typealias ID = DeploymentID
    public var deployment: DeploymentID
    /// Its fte day by day, one segment per calendar year of its period (`hours` give a
    /// different fte in a leap year); empty when its amount or period is missing.
    public var segments: [DeploymentSegment]
    /// Its contribution to the period average (Σ fte × days in the period ÷ days of the
    /// period); nil without a period.
    public var fteAverage: Double?
}

/// The figures of one pool unit.
public struct PoolResult: Sendable {
    public var unit: UnitID
    /// Period average of the pool's effective filled fte (its positions and those of its sub-units).
    public var effectiveFilled: Double?
    /// Σ of its deployments' period averages.
    public var deployed: Double?
    /// deployed ÷ effective filled (a ratio; nil when nothing is filled).
    public var utilisation: Double?
    /// Its deployments (indices into `Model.deployments`), in model order.
    public var deployments: [DeploymentID]
    /// The first day on which the pool deploys more than it has, with both figures.
    public var overCommitment: (date: CalendarDate, deployed: Double, filled: Double)?
}

/// Per unit (index like `Model.units`), rolled up the tree like planned: the fte it
/// receives from pools, the fte it deploys (a pool), what is available and the cover.
public struct UnitPoolFigures: Sendable, IndexedByID {
    public typealias ID = UnitID
    public var deployedIn: Double
    public var deployedOut: Double
    /// effective filled + deployed in.
    public var available: Double
    /// available − need − deployed out (a pool's own need is what it deploys).
    public var cover: Double
}

/// Pools and deployments (docs/language.md, KPIs, pools and deployments): each
/// deployment's fte day by day, the pools' over-commitment, the period averages,
/// available and cover per unit, the deployment matrix and utilisation.
public struct PoolFigures: Sendable {
    /// The period the averages are over (the model year); nil without one.
    public var period: DateSpan?
    public var deployments: [DeploymentFigures]
    /// Pool units in model order.
    public var pools: [PoolResult]
    /// Index like `Model.units`.
    public var units: [UnitPoolFigures]
    /// Units that receive capacity, in model order (the matrix's columns).
    public var receivers: [UnitID]
    /// Per position (index like `Model.positions`): its effective filled fte, period average.
    public var positionEffective: [Double]

    /// Σ period average of the deployments from `pool` to `receiver`.
    public func matrixCell(pool: UnitID, receiver: UnitID, _ model: Model) -> Double {
        var sum = 0.0
        for d in deployments where model.deployments[d.deployment].pool == pool && model.deployments[d.deployment].to == receiver {
            sum += d.fteAverage ?? 0
        }
        return sum
    }

    /// The figures over `span` (the report's period, or the one day of `--at`; nil: the
    /// model `year`), with the effective fte of `time` when the report has computed them.
    public static func evaluate(_ model: Model, staffing: StaffingResult?, span: DateSpan? = nil, time: TimeFigures? = nil) -> PoolFigures {
        let period = span ?? model.settings.year.flatMap { DateSpan(year: $0) }
        let positionEffective: [Double]
        let effective: [Double]
        if let time, time.evaluation.span == period, time.positionEffective.count == model.positions.count,
           time.unitEffective.count == model.units.count {
            positionEffective = time.positionEffective
            effective = time.unitEffective
        } else {
            positionEffective = PoolCapacity.positionAverages(model, over: period)
            effective = PoolCapacity.unitAverages(model, positions: positionEffective)
        }
        let deployments = model.deployments.ids.map { figures(model, $0, period: period) }
        let byPool = deploymentsByPool(model)
        var pools: [PoolResult] = []
        for u in model.units.ids where model.units[u].isPool {
            let mine = (byPool[u] ?? []).map { deployments[$0] }
            let filled: Double? = period == nil ? nil : effective[u.index]
            var deployed: Double? = nil
            if period != nil { deployed = mine.reduce(0) { $0 + ($1.fteAverage ?? 0) } }
            var utilisation: Double? = nil
            if let filled, let deployed, filled > 0 { utilisation = deployed / filled }
            pools.append(PoolResult(unit: u, effectiveFilled: filled, deployed: deployed, utilisation: utilisation,
                                    deployments: mine.map(\.deployment), overCommitment: overCommitment(model, pool: u, mine)))
        }
        // Own figures per unit, then rolled up (children before parents).
        var deployedIn = [Double](repeating: 0, count: model.units.count)   // by unit index
        var deployedOut = deployedIn
        for d in deployments {
            let dep = model.deployments[d.deployment]
            guard let avg = d.fteAverage else { continue }
            if let to = dep.to, model.units.contains(to) { deployedIn[to.index] += avg }
            if model.units.contains(dep.pool) { deployedOut[dep.pool.index] += avg }
        }
        let rollup = UnitRollup(model.units)
        for u in rollup.order {
            for s in rollup.included(in: u) {
                deployedIn[u.index] += deployedIn[s.index]
                deployedOut[u.index] += deployedOut[s.index]
            }
        }
        var units: [UnitPoolFigures] = []
        units.reserveCapacity(model.units.count)
        for u in model.units.ids {
            // Without the staffing (a hover on a deployment) the need counts as 0.
            let need = staffing.flatMap { $0.units.contains(u) ? $0.units[u].need : nil } ?? 0
            let available = effective[u.index] + deployedIn[u.index]
            units.append(UnitPoolFigures(deployedIn: deployedIn[u.index], deployedOut: deployedOut[u.index], available: available,
                                         cover: available - need - deployedOut[u.index]))
        }
        var received = Set<UnitID>()
        for d in model.deployments { if let to = d.to { received.insert(to) } }
        return PoolFigures(period: period, deployments: deployments, pools: pools, units: units, receivers: received.sorted(),
                           positionEffective: positionEffective)
    }

    /// A deployment's segments: `fte F` on every day, or `hours H h` as
    /// H ÷ (worktime × D ÷ Y) fte on each of its D days, Y the days of that calendar year.
    static func figures(_ model: Model, _ i: DeploymentID, period: DateSpan?) -> DeploymentFigures {
        let d = model.deployments[i]
        var out = DeploymentFigures(deployment: i, segments: [], fteAverage: nil)
        // An incomplete deployment (E831) deploys nothing.
        guard let span = d.period, d.hasReceiver else { return out }
        let first = span.first.components.year, last = span.last.components.year
        var perYearFTE: ((Int) -> Double)? = nil
        if let f = d.fteSetting.value {
            perYearFTE = { _ in f }
        } else if let h = d.hoursSetting.value, let w = model.worktime(unit: d.pool)?.value, w > 0 {
            let days = Double(span.dayCount)
            perYearFTE = { y in h / (w * days / Double(CalendarDate.daysIn(year: y))) }
        }
        guard let fte = perYearFTE else { return out }
        for y in first...max(first, last) {
            guard let year = DateSpan(year: y), let part = year.intersection(span) else { continue }
            out.segments.append(DeploymentSegment(span: part, fte: fte(y)))
        }
        if let period {
            var sum = 0.0
            for s in out.segments { if let both = s.span.intersection(period) { sum += s.fte * Double(both.dayCount) } }
            out.fteAverage = sum / Double(period.dayCount)
        }
        return out
    }

    /// The first day on which the pool's deployed fte exceeds its effective filled fte:
    /// a sweep over the days on which either changes (between them the deployed fte is
    /// constant and the capacity does not fall, so the first day of each run decides).
    static func overCommitment(_ model: Model, pool: UnitID, _ deployments: [DeploymentFigures]) -> (date: CalendarDate, deployed: Double, filled: Double)? {
        var events: [(date: CalendarDate, delta: Double)] = []
        for d in deployments {
            for s in d.segments {
                events.append((s.span.first, s.fte))
                events.append((s.span.last.adding(days: 1), -s.fte))
            }
        }
        guard let first = events.map(\.date).min(), let last = events.map(\.date).max(), let span = DateSpan(first, last) else { return nil }
        for c in PoolCapacity.changeDates(model, unit: pool) where span.contains(c) { events.append((c, 0)) }
        events.sort { $0.date < $1.date }
        let positions = PoolCapacity.positions(model, unit: pool).filter { model.positions.contains($0) }
        let ramps = positions.map { Capacity.ramp(forPosition: $0, in: model) }
        var deployed = 0.0
        var i = 0
        while i < events.count {
            let day = events[i].date
            while i < events.count && events[i].date == day { deployed += events[i].delta; i += 1 }
            // The effective fte on this day only (no array over a period that may span centuries).
            guard let one = DateSpan(day, day) else { continue }
            var effective = 0.0
            for (k, p) in positions.enumerated() {
                let series = model.positions[p].filledSeries
                effective += series.isConstant ? model.positions[p].filled
                    : Capacity.timeline(of: series, ramp: ramps[k], over: one).effective.first ?? 0
            }
            if deployed > effective + 1e-9 { return (day, deployed, effective) }
        }
        return nil
    }

    /// E833 for each over-committed pool, at its `pool` statement.
    public static func diagnostics(_ model: Model, _ sources: SourceMap) -> [Diagnostic] {
        guard !model.deployments.isEmpty else { return [] }
        var out: [Diagnostic] = []
        let byPool = deploymentsByPool(model)
        for u in model.units.ids where model.units[u].isPool {
            let mine = (byPool[u] ?? []).map { figures(model, $0, period: nil) }
            guard let o = overCommitment(model, pool: u, mine), let l = model.units[u].poolSetting.location else { continue }
            out.append(Diagnostic(.poolOverCommitted, path: sources.path(l), range: l.range,
                                  "pool `\(model.units[u].name)` deploys \(NumberFormat.shortest(rounded(o.deployed))) fte on `\(o.date.iso)`, but has only \(NumberFormat.shortest(rounded(o.filled))) fte effective filled on that day (the first day it is over-committed)"))
        }
        return out
    }

    /// The deployments of each pool unit, in declaration order: one pass, so that many
    /// pools with many deployments stay linear.
    static func deploymentsByPool(_ model: Model) -> [UnitID: [DeploymentID]] {
        var out: [UnitID: [DeploymentID]] = [:]
        for d in model.deployments.ids {
            out[model.deployments[d].pool, default: []].append(d)
        }
        return out
    }

    /// Figures in messages: 6 decimals at most (an hours deployment gives long fractions).
    static func rounded(_ v: Double) -> Double { (v * 1_000_000).rounded() / 1_000_000 }
}

/// The capacity of a pool day by day: the one place that says what a pool has — the
/// effective filled fte (filled with ramp-up, `Capacity`) of the pool unit's positions
/// and those of its sub-units.
public enum PoolCapacity {
    /// Days on which a position of the pool changes its filled fte (ramp-up only raises
    /// the effective fte between them).
    public static func changeDates(_ model: Model, unit u: UnitID) -> [CalendarDate] {
        var out: [CalendarDate] = []
        for p in positions(model, unit: u) where model.positions.contains(p) {
            out.append(contentsOf: model.positions[p].filledSeries.changeDates)
        }
        return out
    }

    /// The positions of unit `u` and of its sub-units (cycle-safe).
    static func positions(_ model: Model, unit u: UnitID) -> [PositionID] {
        guard model.units.contains(u) else { return [] }
        var out: [PositionID] = []
        var seen = Set<UnitID>()
        var stack = [u]
        while let c = stack.popLast() {
            guard model.units.contains(c), seen.insert(c).inserted else { continue }
            out.append(contentsOf: model.units[c].positions)
            stack.append(contentsOf: model.units[c].subunits)
        }
        return out
    }

    /// Each position's effective filled fte averaged over `period` (without a period:
    /// its filled fte). A position without dated values and without ramp needs no
    /// day-by-day timeline: its effective fte is its filled fte.
    public static func positionAverages(_ model: Model, over period: DateSpan?) -> [Double] {
        model.positions.ids.map { p in
            // As `TimeFigures`: an undated value counts fully (ramp-up applies to increases).
            let series = model.positions[p].filledSeries
            guard let period, !series.isConstant else { return model.positions[p].filled }
            return Capacity.timeline(of: series, ramp: Capacity.ramp(forPosition: p, in: model), over: period).effectiveAverage
        }
    }

    /// Per unit, Σ of `positionAverages` over its subtree (rolled up like planned).
    public static func unitAverages(_ model: Model, positions: [Double]) -> [Double] {
        var out = [Double](repeating: 0, count: model.units.count)
        for (p, v) in zip(model.positions.ids, positions) {
            if let u = model.positions[p].unit, model.units.contains(u) { out[u.index] += v }
        }
        let rollup = UnitRollup(model.units)
        for u in rollup.order { for s in rollup.included(in: u) { out[u.index] += out[s.index] } }
        return out
    }
}
