import OrgaSyntax
import OrgaSemantics

/// The effect of one scenario entry: the state just after it minus the state just
/// before it (need in fte per position, unit and in total; need cost; cases; hours),
/// and for an `apply` the measure's economics.
public struct EntryEffect: Sendable {
    /// True for an `apply`, false for a run of `change` lines.
    public var isApply = false
    /// The measure applied (nil for changes, or an unresolved name).
    public var measure: MeasureID?
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

    /// No effect at all (cost Δ 0, complete).
    static func none(_ zeroPositions: [Double], _ zeroUnits: [Double]) -> EntryEffect {
        var e = EntryEffect()
        e.positions = zeroPositions
        e.units = zeroUnits
        e.deltaNeedCost = 0
        return e
    }

    static func between(_ a: NeedSnapshot, _ b: NeedSnapshot) -> EntryEffect {
        var e = EntryEffect()
        e.deltaNeed = b.totalNeed - a.totalNeed
        let np = min(a.positions.count, b.positions.count), nu = min(a.units.count, b.units.count)
        e.positions = [Double](repeating: 0, count: np)
        e.units = [Double](repeating: 0, count: nu)
        var complete = true
        for i in 0..<np {
            let d = b.positions[i] - a.positions[i]
            e.positions[i] = d
            if abs(d) > noise && (a.unpriced[i] || b.unpriced[i]) { complete = false }
        }
        for u in 0..<nu {
            e.units[u] = b.units[u] - a.units[u]
            if abs(b.unitOwn[u] - a.unitOwn[u]) > noise { complete = false }
        }
        e.deltaNeedCost = complete ? b.totalNeedCost - a.totalNeedCost : nil
        e.deltaCases = b.cases - a.cases
        e.deltaHours = b.hours - a.hours
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

/// The figures of a staffing result that the attribution compares, as plain numbers
/// (copying them costs nothing next to copying the result with its audit trail).
struct NeedSnapshot {
    var positions: [Double]
    /// Positions without a cost per fte.
    var unpriced: [Bool]
    var units: [Double]
    var unitOwn: [Double]
    var cases: Double
    var hours: Double
    var totalNeed: Double
    var totalNeedCost: Double

    init(_ r: StaffingResult) {
        positions = [Double](repeating: 0, count: r.positions.count)
        unpriced = [Bool](repeating: false, count: r.positions.count)
        for i in r.positions.indices {
            positions[i] = r.positions[i].need
            unpriced[i] = r.positions[i].costPerFTE == nil
        }
        units = [Double](repeating: 0, count: r.units.count)
        unitOwn = [Double](repeating: 0, count: r.units.count)
        for u in r.units.indices {
            units[u] = r.units[u].need
            unitOwn[u] = r.units[u].ownNeed
        }
        var cases = 0.0, hours = 0.0
        for p in r.processes.indices {
            cases += r.processes[p].cases ?? 0
            hours += r.processes[p].staffHoursPerYear ?? 0
        }
        self.cases = cases
        self.hours = hours
        totalNeed = r.totalNeed
        totalNeedCost = r.totalNeedCost
    }
}
