import OrgaSyntax
import OrgaSemantics

/// The effect of one scenario entry: the state just after it minus the state just
/// before it (need in fte per position, unit and in total; need cost; cases; hours),
/// and for an `apply` the measure's economics.
public struct EntryEffect: Sendable {
    /// True for an `apply`, false for a run of `change` lines.
    public var isApply = false
    /// The measure applied (nil for changes, or an unresolved name).
    public var measure: Int?
    /// The `apply`'s measure name, or the first `change` of the run.
    public var location = Location(file: 0, range: ByteRange(0, 0))
    /// Δ total need (fte).
    public var deltaNeed = 0.0
    /// Δ need per position and per unit (rolled up like `UnitStaffing.need`), index like the model's arrays.
    public var positions: [Double] = []
    public var units: [Double] = []
    /// Δ need cost (EUR/year); nil when the entry moves the need of a position without a
    /// cost or of work done by a unit (never priced at 0).
    public var deltaNeedCost: Double?
    /// Δ cases per year and Δ staff hours per year, summed over the processes (known parts).
    public var deltaCases = 0.0
    public var deltaHours = 0.0
    /// For an `apply`: − Δ need cost − running (nil when the cost Δ is incomplete).
    public var annualSaving: Double?
    /// cost ÷ annual saving when the saving is positive; nil: none (or incomplete).
    public var paybackYears: Double?

    /// Changes smaller than this (fte, EUR) are floating-point noise, not effects.
    static let noise = 1e-9

    static func between(_ a: StaffingResult, _ b: StaffingResult, model: Model) -> EntryEffect {
        var e = EntryEffect()
        e.deltaNeed = b.totalNeed - a.totalNeed
        e.positions = zip(a.positions, b.positions).map { $1.need - $0.need }
        e.units = zip(a.units, b.units).map { $1.need - $0.need }
        var complete = true
        for (i, d) in e.positions.enumerated() where abs(d) > noise {
            if a.positions[i].costPerFTE == nil || b.positions[i].costPerFTE == nil { complete = false }
        }
        for (u, pair) in zip(a.units, b.units).enumerated() where abs(pair.1.ownNeed - pair.0.ownNeed) > noise {
            _ = u
            complete = false
        }
        e.deltaNeedCost = complete ? b.totalNeedCost - a.totalNeedCost : nil
        for (x, y) in zip(a.processes, b.processes) {
            e.deltaCases += (y.cases ?? 0) - (x.cases ?? 0)
            e.deltaHours += (y.staffHoursPerYear ?? 0) - (x.staffHoursPerYear ?? 0)
        }
        return e
    }

    /// Annual saving and payback of `measure` from this entry's cost Δ.
    mutating func economics(measure: Measure) {
        guard let dc = deltaNeedCost else { annualSaving = nil; paybackYears = nil; return }
        let saving = -dc - measure.running
        annualSaving = saving
        paybackYears = saving > Self.noise ? measure.cost / saving : nil
    }
}
