import OrgaSyntax
import OrgaSemantics

// The public result types of the staffing engine. Everything is a value type in flat
// arrays indexed exactly like the model's arrays (`Model.positions`, `Model.units`,
// `Model.processes`, `Process.nodes`, `Model.criteria`), so callers (reports, the
// language server, graphs) look results up by the same id they already hold
// (`result.positions[p]` with a `PositionID`).
//
// Conventions:
// - fte and hours are per year; times per case are hours; lead times are calendar days.
// - `nil` means "not computable from the model" (a missing input, reported as a
//   diagnostic); it is never a silent zero. Aggregates are summed over their known
//   parts and carry a `complete` flag that is false when a part was left out.
// - Numbers are unrounded; formatting is the caller's business.

/// What a share of a position's (or unit's) need comes from: one line of the audit trail.
public struct Contribution: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// Case work: a process step done by the position or unit.
        case step
        /// `effort "…" X fte` or `effort "…" X h /year` (no Verteilzeit, docs/language.md, Staffing).
        case effort
        /// `coverage X h /week` (Arbeitsplatzmethode: h/week × 52 ÷ worktime, no Verteilzeit).
        case coverage
        /// Leadership share of a unit head: `leadership` × filled fte led directly.
        case leadership
    }

    public var kind: Kind
    /// For `.step`: the process and the node (index into `Process.nodes`).
    public var process: ProcessID?
    public var node: Int?
    /// For `.step`: cases per year of the process (incl. calls), visits per case, share (0…1),
    /// time per execution in hours.
    public var cases: Double?
    public var visits: Double?
    public var share: Double?
    public var timeHours: Double?
    /// For `.effort`: its label. For `.leadership`: the unit led.
    public var label: String?
    public var unit: UnitID?
    /// Basic hours per year before Verteilzeit: steps (cases × visits × share × time),
    /// effort in h/year, coverage (h/week × 52). `nil` for inputs given in fte
    /// (effort in fte, leadership).
    public var hours: Double?
    /// Hours per year after Verteilzeit (steps only; equal to `hours` otherwise).
    public var loadHours: Double?
    /// For `.leadership`: the filled fte led directly; `fraction` is the model's `leadership`.
    public var ledFTE: Double?
    public var fraction: Double?
    /// For `.coverage`: staffed hours per week.
    public var hoursPerWeek: Double?
    /// The worktime (h per fte and year) this contribution was divided by, if any.
    public var worktime: Double?
    /// The need this contribution adds, in fte. The contributions of a position add up to its need.
    public var fte: Double
    /// Its spread from the ranges of the step's time and the volumes behind its cases
    /// (exact for everything but steps with a range behind them).
    public var fteSpread: Spread

    public init(kind: Kind, fte: Double) {
        self.kind = kind
        self.fte = fte
        self.fteSpread = .exact(fte)
    }
}

/// A required input that was missing, so a contribution was left out of a total.
/// The checker has already reported it as a diagnostic; this says where it bites.
public struct MissingInput: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// A staff step without `time` (E501).
        case time
        /// No `worktime` applies to the performer (E503).
        case worktime
        /// The process's cases per year are unknown (no volume, unknown caller, call cycle).
        case cases
        /// The process flow cannot be solved (branch shares ≠ 100 %, a case that cannot end,
        /// unresolved targets, a decision without branches).
        case flow
        /// No grade or a grade without cost (costs only).
        case cost
        /// A measured or rated DNA criterion has no value.
        case rating
    }
    public var kind: Kind
    public var process: ProcessID?
    public var node: Int?
    public var position: PositionID?
    public var unit: UnitID?
    public init(kind: Kind, process: ProcessID? = nil, node: Int? = nil, position: PositionID? = nil, unit: UnitID? = nil) {
        self.kind = kind
        self.process = process
        self.node = node
        self.position = position
        self.unit = unit
    }
}

/// Staffing of one position (index like `Model.positions`).
public struct PositionStaffing: Sendable {
    /// Stellenplan (Soll) and Ist in fte.
    public var planned: Double
    public var filled: Double
    /// Computed need (fte) = Σ `contributions[].fte`.
    public var need: Double
    /// need − planned.
    public var gap: Double
    /// planned − filled.
    public var vacancy: Double
    /// need rounded up to the model's `rounding`.
    public var proposal: Double
    /// The spread of `need` from the model's ranges (docs/staffing.md, Ranges).
    public var needSpread: Spread = .exact(0)
    /// When the need is uncertain: its 90th percentile by the normal approximation,
    /// rounded up like `proposal` (nil when the need is exact).
    public var proposalP90: Double?
    /// The spread of `needCost` (nil when `needCost` is nil).
    public var needCostSpread: Spread?
    /// Effective worktime (h per fte and year) and Verteilzeit of the position.
    public var worktime: Double?
    public var allowance: Allowance
    /// Annual cost of one fte: grade cost × (1 + overhead) + workplace; nil without a
    /// grade or a grade without cost.
    public var costPerFTE: Double?
    /// planned × costPerFTE and need × costPerFTE (nil when costPerFTE is nil).
    public var plannedCost: Double?
    public var needCost: Double?
    /// The audit trail, in a fixed order: steps (process order, node order), efforts,
    /// coverage, leadership.
    public var contributions: [Contribution]
    /// Inputs that were missing; `need` leaves their contributions out.
    public var missing: [MissingInput]
    /// True when nothing was left out of `need`.
    public var complete: Bool { !missing.contains { $0.kind != .cost } }

    /// The `n` largest contributions by fte (ties in audit-trail order), e.g. for hovers.
    public func topContributions(_ n: Int) -> [Contribution] {
        let indexed = contributions.enumerated().sorted { a, b in
            a.element.fte != b.element.fte ? a.element.fte > b.element.fte : a.offset < b.offset
        }
        return indexed.prefix(max(0, n)).map(\.element)
    }
}

/// Staffing of one unit (index like `Model.units`), rolled up over its subtree.
public struct UnitStaffing: Sendable {
    /// Σ over the positions in the subtree.
    public var planned: Double
    public var filled: Double
    /// Σ need of the positions directly in the unit + Σ need of the sub-units + `ownNeed`.
    public var need: Double
    /// Work done `by` the unit itself (docs/language.md, Staffing: work lands on the unit).
    public var ownNeed: Double
    public var ownContributions: [Contribution]
    public var gap: Double
    public var vacancy: Double
    /// need rounded up to `rounding` (the unit total, not the sum of the positions' proposals).
    public var proposal: Double
    /// The spread of `need` (covariances between its positions included) and of `ownNeed`.
    public var needSpread: Spread = .exact(0)
    public var ownNeedSpread: Spread = .exact(0)
    /// The need's 90th percentile (normal approximation), rounded up; nil when exact.
    public var proposalP90: Double?
    /// The spread of `needCost`.
    public var needCostSpread: Spread = .exact(0)
    /// Σ cost over the positions in the subtree that have a cost.
    public var plannedCost: Double
    /// Σ need cost over the positions in the subtree that have a cost. Work done by units
    /// has no grade and is not priced.
    public var needCost: Double
    /// False when a position of the subtree has no cost or a unit of the subtree does own
    /// work (which is not priced).
    public var costComplete: Bool
    /// Effective worktime and Verteilzeit for work done by the unit.
    public var worktime: Double?
    public var allowance: Allowance
    /// Missing inputs of the unit's own work and of everything in its subtree.
    public var missing: [MissingInput]
    public var complete: Bool { !missing.contains { $0.kind != .cost } }
}

/// Per node of a process (index like `Process.nodes`).
public struct NodeStaffing: Sendable {
    /// Expected executions per case (0 for unreachable nodes; nil when the flow cannot be solved).
    public var visits: Double?
    /// visits × share (share = 1 for decisions).
    public var executions: Double?
    /// For staff steps: basic hours per year and need in fte (nil when an input is missing).
    public var hoursPerYear: Double?
    public var fte: Double?
    /// The spread of `fte` (nil when `fte` is nil).
    public var fteSpread: Spread?
    /// Calendar days this node adds to the lead time per case (visits × share × (time + wait),
    /// or the callee's lead time for a calling step).
    public var leadTimeDays: Double?
}

/// Results of one process (index like `Model.processes`): its own steps only;
/// a called process reports its own.
public struct ProcessStaffing: Sendable {
    /// Own `volume` per year (nil if not given).
    public var ownVolume: Double?
    /// Cases per year = own volume + cases from calls (nil when unknown).
    public var cases: Double?
    /// The spread of `cases` from the volume ranges behind them (nil when `cases` is nil).
    public var casesSpread: Spread?
    /// Cases per year that come from each calling step: (caller process, node, cases).
    public var callers: [(process: ProcessID, node: Int, cases: Double)]
    public var nodes: [NodeStaffing]
    /// False when the flow could not be solved (see diagnostics); visits are then nil.
    public var flowSolved: Bool
    /// Σ visits × share × time over staff steps (basic time, no Verteilzeit).
    public var staffHoursPerCase: Double
    /// Spreads of `staffHoursPerCase`, `fte` and `leadTimeDays` from the ranges.
    public var staffHoursPerCaseSpread: Spread = .exact(0)
    public var fteSpread: Spread = .exact(0)
    public var leadTimeSpread: Spread?
    /// cases × staffHoursPerCase (nil when cases are unknown).
    public var staffHoursPerYear: Double?
    /// Σ need(s) over the process's own staff steps.
    public var fte: Double
    /// Σ need(s) × the position's cost per fte over position steps ÷ cases. Steps done by a
    /// unit (no grade) are not priced: `costComplete` is then false.
    public var costPerCase: Double?
    /// Expected lead time per case in calendar days (calls add the callee's lead time).
    public var leadTimeDays: Double?
    /// Expected `media_break` steps per case (Σ visits × share).
    public var mediaBreaks: Double?
    /// Expected handoffs per case (consecutive performer steps of different performing units).
    public var handoffs: Double?
    /// Expected steps per case (Σ visits × share over `step` nodes; decisions not counted).
    public var steps: Double?
    /// Expected steps per case done by systems.
    public var systemSteps: Double?
    /// 1 − systemSteps / steps (the less digital, the higher); nil when there are no steps.
    public var digital: Double?
    public var missing: [MissingInput]
    /// True when staff hours, fte and lead time include every step.
    public var complete: Bool { missing.isEmpty }
    /// False when a position step has no cost, a step is done by a unit (not priced), or a
    /// staff step's need is unknown.
    public var costComplete: Bool
    /// False when `cases` leave out a caller (unknown cases, call cycle) or the own volume is unusable.
    public var casesComplete: Bool
    /// False when `leadTimeDays` leaves out a step (staff step without time, unknown callee lead time).
    public var leadTimeComplete: Bool
    /// The figures per case including the processes it calls: own + Σ over calling steps of
    /// executions per case × the callee's figure including its own callees (a call cycle
    /// leaves the callee out and clears `withCallsComplete`). Equal to the own figures
    /// for a process without calls.
    public var staffHoursPerCaseWithCalls: Double
    /// fte bound by this process's cases including the work they cause in called processes
    /// (cases × need per case including callees; nil when cases are unknown).
    public var fteWithCalls: Double?
    /// Cost per case including called processes (nil when nothing could be priced).
    public var costPerCaseWithCalls: Double?
    /// False when a called process's figures are incomplete or unknown (call cycle).
    public var withCallsComplete: Bool
    /// False when a called process's cost is incomplete.
    public var costWithCallsComplete: Bool
    /// Whether the process has a calling step (the "with calls" figures differ only then).
    public var hasCalls: Bool
}

/// One criterion's part of a process's DNA score.
public struct CriterionScore: Sendable {
    public var criterion: CriterionID
    /// Measured value or rating (nil: missing).
    public var value: Double?
    /// 0…1: measured min–max over all processes (all equal → 0), rated by scale.
    public var normalized: Double?
    /// 100 × weight × normalized ÷ Σ weights of the criteria the process has a value for.
    /// The contributions of a process add up to its score.
    public var contribution: Double?
}

/// A process's Prozess-DNA score (index like `Model.processes`).
public struct DNAScore: Sendable {
    public var process: ProcessID
    /// 100 × Σ wᵢ·nᵢ ÷ Σ wᵢ over criteria with a value; nil when no criterion applies.
    public var score: Double?
    /// 1-based; equal scores share a rank; nil when `score` is nil.
    public var rank: Int?
    /// False when a criterion has no value for this process (flagged, never scored as 0).
    public var complete: Bool
    /// One entry per usable criterion, in declaration order.
    public var criteria: [CriterionScore]
}

/// The Prozess-DNA of the model.
public struct DNAResult: Sendable {
    /// Indices into `Model.criteria` that take part in scoring (have a weight and exactly
    /// one of `from` / `scale`), in declaration order.
    public var criteria: [CriterionID]
    /// Per process (index like `Model.processes`).
    public var scores: [DNAScore]
    /// Process indices in rank order (best first; unscored processes last, in model order).
    public var ranking: [ProcessID]
}

/// Everything the staffing engine computes for a model.
public struct StaffingResult: Sendable {
    /// Index like `Model.positions`, `Model.units`, `Model.processes`.
    public var positions: [PositionStaffing]
    public var units: [UnitStaffing]
    public var processes: [ProcessStaffing]
    public var dna: DNAResult
    /// Units without a parent, in model order (the roots of the unit tree).
    public var rootUnits: [UnitID]
    /// Totals over the whole organisation (all positions and all unit work).
    public var totalPlanned: Double
    public var totalFilled: Double
    public var totalNeed: Double
    public var totalPlannedCost: Double
    public var totalNeedCost: Double
    /// Spreads of `totalNeed` and `totalNeedCost` (covariances included).
    public var totalNeedSpread: Spread = .exact(0)
    public var totalNeedCostSpread: Spread = .exact(0)
}

// The result arrays take the ids of the model's arrays they stand beside.
extension PositionStaffing: IndexedByID { public typealias ID = PositionID }
extension UnitStaffing: IndexedByID { public typealias ID = UnitID }
extension ProcessStaffing: IndexedByID { public typealias ID = ProcessID }
extension DNAScore: IndexedByID { public typealias ID = ProcessID }
