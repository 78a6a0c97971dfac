import OrgaSyntax
import OrgaSupport

// KPIs, pools and deployments (docs/language.md, KPIs, pools and deployments): what the
// model builder reads; the figures (achievement, deployed fte, utilisation) are
// OrgaAnalysis's (`KpiFigures`, `PoolFigures`).

/// Which direction of a kpi is good (`better higher|lower`).
public enum KpiDirection: String, Sendable, Hashable, CaseIterable {
    /// Achievement = actual ÷ plan.
    case higher
    /// Achievement = plan ÷ actual.
    case lower
}

/// One `actual YEAR VALUE` of a kpi.
public struct KpiActual: Sendable, Hashable {
    public var year: Int
    public var value: Double
    /// The statement.
    public var location: Location
    public init(year: Int, value: Double, location: Location) {
        self.year = year
        self.value = value
        self.location = location
    }
}

/// A key performance indicator (`kpi Name "Title" { … }`).
public struct Kpi: Sendable {
    public var name: String
    public var title: String?
    public var doc: String?
    /// Its name in the declaration.
    public var location: Location
    /// The owning unit.
    public var ownerSetting: Setting<UnitID> = .absent
    public var betterSetting: Setting<KpiDirection> = .absent
    /// The plans: the undated one and the dated ones (a step function); nil without any
    /// usable `plan`.
    public var plan: DatedSeries?
    /// The first `plan` statement.
    public var planLocation: Location?
    /// Ascending by year, one per year (a second one of a year is E821 and left out).
    public var actuals: [KpiActual] = []
    /// The linked process (location: the statement).
    public var processSetting: Setting<ProcessID> = .absent
    /// As a fraction (20 % → 0.2).
    public var toleranceSetting: Setting<Double> = .absent

    public init(name: String, title: String?, doc: String?, location: Location) {
        self.name = name
        self.title = title
        self.doc = doc
        self.location = location
    }

    public var owner: UnitID? { ownerSetting.value }
    public var better: KpiDirection? { betterSetting.value }
    public var process: ProcessID? { processSetting.value }
    public var tolerance: Double? { toleranceSetting.value }

    /// The plan of calendar year `year`: the day-weighted average of the plans in force
    /// in it. Days before the first dated plan have no plan when no undated plan is
    /// written: the average is then over the days that have one; nil when none has.
    public func plan(in year: Int) -> Double? {
        guard let plan, let span = DateSpan(year: year) else { return nil }
        if plan.undated != nil { return plan.average(over: span) }
        guard let first = plan.dated.first?.from, first <= span.last else { return nil }
        let start = max(first, span.first)
        guard let covered = DateSpan(start, span.last) else { return nil }
        return plan.average(over: covered)
    }
}

/// A deployment of capacity from a pool unit (`deploy Name "Title" { to …; fte …; period … }`).
public struct Deployment: Sendable {
    public var name: String
    public var title: String?
    public var doc: String?
    /// Its name in the declaration.
    public var location: Location
    /// The pool unit it stands in (index into `Model.units`).
    public var pool: UnitID
    /// The receiving unit (location: the name).
    public var toSetting: Setting<UnitID> = .absent
    /// fte on each day of the period.
    public var fteSetting: Setting<Double> = .absent
    /// Hours over the whole period.
    public var hoursSetting: Setting<Double> = .absent
    public var periodSetting: Setting<DateSpan> = .absent

    public init(name: String, title: String?, doc: String?, location: Location, pool: UnitID) {
        self.name = name
        self.title = title
        self.doc = doc
        self.location = location
        self.pool = pool
    }

    public var to: UnitID? { toSetting.value }
    public var period: DateSpan? { periodSetting.value }
    /// `to PROJECT`: the receiving project's symbol (docs/language.md, Programmes); the
    /// capacity leaves the pool like any deployment, but enters no unit.
    public var toProject: SymbolID?
    /// It has a receiver: a unit or a project.
    public var hasReceiver: Bool { to != nil || toProject != nil }
}
