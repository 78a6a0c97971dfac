import OrgaSemantics

// The result types of `ModelDiff.compare` (docs/diff.md): what a change between two
// versions of a model does to staffing (effects) and which changed inputs do it
// (causes). Value types only; the renderers in OrgaReports read them.

/// One side of a comparison: a checked model, its staffing result, and where it came
/// from. Any source works — a directory, a git revision, a scenario — as long as it
/// gives a model and its result.
public struct ModelVersion: Sendable {
    public var checked: CheckedModel
    public var result: StaffingResult
    /// The model path as given on the command line.
    public var path: String
    /// The git revision the model was read at (`--base REV`), nil for the working tree.
    public var revision: String?
    /// The scenario evaluated (`--scenario S`), nil for the base model.
    public var scenario: String?
    /// For a scenario: where each input the scenario changed was set — the `change` line
    /// in the scenario or in an applied measure — keyed `target` NUL `property` as a
    /// `DiffCause` names them. A cause about such an input points there.
    public var changeLocations: [String: Location] = [:]

    public init(checked: CheckedModel, result: StaffingResult, path: String, revision: String? = nil, scenario: String? = nil) {
        self.checked = checked
        self.result = result
        self.path = path
        self.revision = revision
        self.scenario = scenario
    }

    /// Checks and analyses `checked` (convenience for callers that have no result yet).
    public init(checked: CheckedModel, path: String, revision: String? = nil, scenario: String? = nil) {
        self.init(checked: checked, result: StaffingAnalysis.analyze(checked.model), path: path, revision: revision, scenario: scenario)
    }

    public var model: Model { checked.model }

    /// Scenario `s` of `base`'s model (`ScenarioEvaluator`): the changed model and its
    /// staffing, with the sources of the base (the `change` lines are in them).
    public static func scenario(of base: ModelVersion, scenario s: ScenarioID) -> ModelVersion {
        let m = base.model
        let (changed, traced) = ScenarioEvaluator.applyTracing(m, scenario: s)
        var v = ModelVersion(checked: CheckedModel(model: changed, sources: base.checked.sources),
                             result: StaffingAnalysis.analyze(changed), path: base.path, revision: base.revision,
                             scenario: m.scenarios.element(at: s)?.name)
        for (input, location) in traced {
            guard let target = targetName(input.target, in: m) else { continue }
            v.changeLocations[target + "\u{0}" + input.property] = location
        }
        return v
    }

    /// A change target as a `DiffCause` names it.
    static func targetName(_ t: ChangeTarget, in m: Model) -> String? {
        switch t {
        case .model: return "model"
        case .process(let p): return m.processes.element(at: p)?.name
        case .node(let id):
            guard let p = m.processes.element(at: id.process), let n = p.nodes.element(at: id.index) else { return nil }
            return p.name + "." + n.name
        case .position(let i): return m.positions.element(at: i)?.name
        case .unit(let i): return m.units.element(at: i)?.name
        case .grade(let i): return m.grades.element(at: i)?.name
        }
    }
}

/// Old value, new value and their difference. `nil` is "not computable" (a missing
/// input) or, for an added or removed declaration, the side where it does not exist.
public struct DiffFigure: Sendable, Equatable {
    public var old: Double?
    public var new: Double?
    public var delta: Double?

    public init(old: Double?, new: Double?, delta: Double?) {
        self.old = old
        self.new = new
        self.delta = delta
    }

    /// An amount (fte, EUR, cases): an absent side counts as 0 in the delta, because a
    /// removed position no longer needs anyone.
    static func amount(_ old: Double?, _ new: Double?, status: DiffStatus) -> DiffFigure {
        let o = old.flatMap { $0.isFinite ? $0 : nil }, n = new.flatMap { $0.isFinite ? $0 : nil }
        switch status {
        case .added: return DiffFigure(old: nil, new: n, delta: n)
        case .removed: return DiffFigure(old: o, new: nil, delta: o.map { -$0 })
        case .changed:
            guard let o, let n else { return DiffFigure(old: o, new: n, delta: nil) }
            return DiffFigure(old: o, new: n, delta: n - o)
        }
    }

    /// A rate (hours per case, lead time): no delta unless both sides have a value.
    static func rate(_ old: Double?, _ new: Double?) -> DiffFigure {
        let o = old.flatMap { $0.isFinite ? $0 : nil }, n = new.flatMap { $0.isFinite ? $0 : nil }
        guard let o, let n else { return DiffFigure(old: o, new: n, delta: nil) }
        return DiffFigure(old: o, new: n, delta: n - o)
    }

    /// A figure counts as changed when |Δ| > `ModelDiff.epsilon`, or when it became
    /// (not) computable.
    public var changed: Bool {
        if let d = delta { return abs(d) > ModelDiff.epsilon }
        return (old == nil) != (new == nil)
    }
}

public enum DiffStatus: String, Sendable {
    case changed, added, removed
}

/// The effect on one unit or position.
public struct StaffingDiffRow: Sendable {
    public var id: String
    public var title: String?
    public var status: DiffStatus
    public var planned: DiffFigure
    public var filled: DiffFigure
    public var need: DiffFigure
    public var gap: DiffFigure
    public var needCost: DiffFigure
}

/// The effect on one process.
public struct ProcessDiffRow: Sendable {
    public var id: String
    public var title: String?
    public var status: DiffStatus
    public var cases: DiffFigure
    public var staffHoursPerCase: DiffFigure
    public var leadTimeDays: DiffFigure
    /// fte bound by the process's own staff steps.
    public var need: DiffFigure
}

/// A value of an input as the model holds it (numbers in the unit of `DiffCause.unit`).
public enum DiffValue: Sendable, Equatable {
    case none
    case number(Double)
    case text(String)
    case flag(Bool)
}

/// One changed input: `target`'s `property` went from `old` to `new`.
public struct DiffCause: Sendable {
    /// What kind of input changed (docs/diff.md lists them).
    public enum Kind: String, Sendable, CaseIterable {
        case setting, added, removed
        case gradeCost = "grade_cost"
        case parent, head, worktime, allowance
        case unit, grade, planned, filled, effort, coverage
        case volume, owner
        case time, wait, share, performer
        case mediaBreak = "media_break"
        case flow, branch, call
        // Inputs of measures, scenarios and targets: they move no figure of the base model.
        case measureCost = "measure_cost"
        case running, requires, change, apply, save, across, potential

        /// A what-if input (docs/diff.md): moves nothing in the base model.
        public var isWhatIf: Bool {
            switch self {
            case .measureCost, .running, .requires, .change, .apply, .save, .across, .potential: true
            default: false
            }
        }
    }

    public var kind: Kind
    /// `model`, a declaration's name, or `Process.Node` for a step or decision.
    public var target: String
    /// The keyword of the changed statement (`time`, `by`, `branch "ja"` …); for an added
    /// or removed declaration its keyword (`position`, `step` …).
    public var property: String
    public var old: DiffValue
    public var new: DiffValue
    /// The unit of numeric `old`/`new` (`h`, `fte`, `%` …), nil for other values.
    public var valueUnit: String?
    /// The statement as written in OLD and in NEW (one line), nil where there is none.
    public var oldText: String?
    public var newText: String?
    /// In a scenario diff: the `change` statement that set the new value (in the
    /// scenario or in a measure it applies), without its comment; nil otherwise.
    public var changeText: String? = nil
    /// An input of a measure, scenario or target: it moves no figure of the base model.
    public var isWhatIf = false
    /// Where: the changed statement in NEW; in OLD for a removal.
    public var file: String
    public var line: Int
    /// True when `file`/`line` point into OLD (a removal).
    public var inOld: Bool
    /// Δ need in fte per position (or unit, for work done by a unit) this cause moves,
    /// sorted by |Δ| (largest first), then by id.
    public var moves: [(id: String, fte: Double)]

    /// Σ of `moves`.
    public var totalMove: Double { moves.reduce(0) { $0 + $1.fte } }
}

/// A scenario declared on both sides whose total need or need cost moved: the
/// scenario's result (`ScenarioEvaluator.evaluate`) in OLD and in NEW.
public struct ScenarioDiffRow: Sendable {
    public var id: String
    public var need: DiffFigure
    public var needCost: DiffFigure
}

/// A unit or the total whose need moved by more than `--fail-above`.
public struct DiffExceeded: Sendable {
    public enum Kind: String, Sendable { case total, unit }
    public var kind: Kind
    /// The unit; nil for the total.
    public var id: String?
    public var deltaNeed: Double
}

/// The comparison of two versions of a model.
public struct ModelDiff: Sendable {
    /// Differences at or below this are no change.
    public static let epsilon = 1e-9

    public var old: ModelVersion
    public var new: ModelVersion
    public var totalNeed: DiffFigure
    public var totalPlanned: DiffFigure
    public var totalFilled: DiffFigure
    public var totalNeedCost: DiffFigure
    /// Changed, added and removed rows only, sorted by |Δ need| (largest first), then id.
    public var units: [StaffingDiffRow]
    public var positions: [StaffingDiffRow]
    public var processes: [ProcessDiffRow]
    /// Every changed input, in file and line order.
    public var causes: [DiffCause]
    /// Δ need per position or unit that no single cause could be given (0 unless several
    /// inputs of different kinds interact in a way the attribution does not split; see
    /// docs/diff.md). Sorted like `moves`.
    public var unattributed: [(id: String, fte: Double)]
    /// Scenarios declared on both sides whose total need or need cost changed, in NEW's
    /// order (empty when a side is itself a scenario, `--scenario`). Added and removed
    /// scenarios are causes.
    public var scenarios: [ScenarioDiffRow] = []

    /// No input changed and no figure moved.
    public var isEmpty: Bool {
        causes.isEmpty && units.isEmpty && positions.isEmpty && processes.isEmpty && !totalNeed.changed
            && !totalPlanned.changed && !totalFilled.changed && !totalNeedCost.changed
    }

    /// The total and the units whose need moves by more than `limit` fte (either way).
    public func exceeded(limit: Double) -> [DiffExceeded] {
        var out: [DiffExceeded] = []
        if let d = totalNeed.delta, abs(d) > limit { out.append(DiffExceeded(kind: .total, id: nil, deltaNeed: d)) }
        for u in units {
            if let d = u.need.delta, abs(d) > limit { out.append(DiffExceeded(kind: .unit, id: u.id, deltaNeed: d)) }
        }
        return out
    }
}
