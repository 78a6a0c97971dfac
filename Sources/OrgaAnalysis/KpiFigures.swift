import OrgaSemantics

/// One year of a kpi: its plan (the day-weighted average of the plans in force in the
/// year), its actual, the achievement (a ratio, 1.0 = 100 %) and whether it was met.
public struct KpiYear: Sendable, Hashable {
    public var year: Int
    /// nil when no plan is in force on any day of the year (E824).
    public var plan: Double?
    public var actual: Double
    /// actual ÷ plan (`better higher`) or plan ÷ actual (`better lower`); nil without a
    /// plan or a direction, or when the divisor is 0 (W821).
    public var achievement: Double?
    /// achievement ≥ 1; nil when there is no achievement.
    public var met: Bool? { achievement.map { $0 >= 1 } }
}

/// The figures of one kpi (index into `Model.kpis`).
public struct KpiResult: Sendable, IndexedByID {
    public typealias ID = KpiID
    public var kpi: KpiID
    /// The years with an `actual`, ascending.
    public var years: [KpiYear]
}

public enum KpiFigures {
    public static func evaluate(_ model: Model) -> [KpiResult] {
        model.kpis.ids.map { evaluate(model.kpis[$0], id: $0) }
    }

    public static func evaluate(_ k: Kpi, id: KpiID) -> KpiResult {
        let years = k.actuals.map { a -> KpiYear in
            let plan = k.plan(in: a.year)
            var achievement: Double? = nil
            if let plan, let better = k.better {
                switch better {
                case .higher: achievement = plan != 0 ? a.value / plan : nil
                case .lower: achievement = a.value != 0 ? plan / a.value : nil
                }
            }
            return KpiYear(year: a.year, plan: plan, actual: a.value, achievement: achievement)
        }
        return KpiResult(kpi: id, years: years)
    }
}
