import OrgaSyntax

// Measures, scenarios and targets (docs/language.md, "What-if: measures, scenarios,
// targets"): typed entities of the model, read by `WhatIfReader`, checked by
// `WhatIfChecker`, applied by `ChangeApplier` and evaluated in OrgaAnalysis.

/// How a `change` writes a number: an unsigned quantity sets it, a signed one adds to
/// it, a signed percentage scales it; an unsigned range (`10..20 min`, only for a step's
/// `time` and a process's `volume`) sets an uncertain value.
public enum ChangeValue: Sendable, Hashable {
    /// The new value, in the model's unit of the property (hours, cases per year, fte …).
    case set(Double)
    /// The new value as a range (bounds not equal), in the model's unit; its mean is the value.
    case setRange(RangeEstimate)
    /// Added to the value (negative: subtracted).
    case add(Double)
    /// Multiplied with the value (`-50 %` → 0.5, `+10 %` → 1.1).
    case scale(Double)

    /// The value after the change of `old` (nil when there is nothing to add to or scale).
    public func applied(to old: Double?) -> Double? {
        switch self {
        case .set(let v): return v
        case .setRange(let r): return r.mean
        case .add(let d): return old.map { $0 + d }
        case .scale(let f): return old.map { $0 * f }
        }
    }

    /// The range after the change of a value whose range was `old` (nil: exact). A set
    /// value replaces the range (a plain number makes it exact); a signed quantity shifts
    /// every bound, a signed percentage scales every bound (docs/language.md, Changes).
    public func appliedRange(to old: RangeEstimate?) -> RangeEstimate? {
        switch self {
        case .set: return nil
        case .setRange(let r): return r
        case .add(let d): return old?.shifted(by: d)
        case .scale(let f):
            guard let r = old?.scaled(by: f) else { return nil }
            // A factor below zero (`-150 %`, reported as E709) reverses the bounds; keep them ordered.
            let ordered = f < 0 ? RangeEstimate(low: r.high, likely: r.likely, high: r.low) : r
            return ordered.high > ordered.low ? ordered : nil
        }
    }
}

/// What a `change` changes: a declaration or the model's settings.
public enum ChangeTarget: Sendable, Hashable {
    case process(ProcessID)
    /// A step or decision (`Process.Node`).
    case node(NodeID)
    case position(PositionID)
    case unit(UnitID)
    case grade(GradeID)
    case model
}

/// The property of a change and its new value, typed per property (the units are
/// those of the model: hours, calendar days, cases per year, fractions, fte, EUR).
public enum ChangeProperty: Sendable, Hashable {
    case volume(ChangeValue)                 // process, cases per year
    case time(ChangeValue)                   // step, hours per execution
    case wait(ChangeValue)                   // step, calendar days
    case share(Double)                       // step, fraction (set only)
    case performer(Performer)                // step `by`
    case mediaBreak(Bool)                    // step `media_break on|off`
    case skip                                // step: no longer done
    case branch(label: String, share: Double) // decision, fraction (set only)
    case planned(ChangeValue)                // position, fte
    case filled(ChangeValue)                 // position, fte
    case coverage(ChangeValue)               // position, h/week
    /// Position `effort "label"`: in fte (`inFTE`) or hours per year.
    case effort(label: String, value: ChangeValue, inFTE: Bool)
    case grade(GradeID)                      // position
    case worktime(ChangeValue)               // unit, position, model: h per fte and year
    case allowance(Allowance)                // unit, position, model (set only)
    case overhead(Double)                    // model, fraction (set only)
    case leadership(Double)                  // model, fraction (set only)
    case workplace(Double)                   // model, EUR per fte and year (set only)
    case rounding(Double)                    // model, fte (set only)
    case cost(ChangeValue)                   // grade, EUR per fte and year

    /// The property word as written.
    public var word: String { changeWord.rawValue }

    public var changeWord: ChangeWord {
        switch self {
        case .volume: .volume
        case .time: .time
        case .wait: .wait
        case .share: .share
        case .performer: .by
        case .mediaBreak: .mediaBreak
        case .skip: .skip
        case .branch: .branch
        case .planned: .planned
        case .filled: .filled
        case .coverage: .coverage
        case .effort: .effort
        case .grade: .grade
        case .worktime: .worktime
        case .allowance: .allowance
        case .overhead: .overhead
        case .leadership: .leadership
        case .workplace: .workplace
        case .rounding: .rounding
        case .cost: .cost
        }
    }

    /// Whether the change affects every figure (settings, grades): evaluation then
    /// recomputes the whole model.
    public var isGlobal: Bool {
        switch self {
        case .overhead, .leadership, .workplace, .rounding, .cost: true
        default: false
        }
    }
}

/// One `change` statement, typed and resolved.
public struct Change: Sendable, Hashable {
    public var target: ChangeTarget
    public var property: ChangeProperty
    /// The whole statement.
    public var location: Location
    public init(target: ChangeTarget, property: ChangeProperty, location: Location) {
        self.target = target
        self.property = property
        self.location = location
    }
}

public struct Measure: Sendable {
    public var name: String
    public var title: String?
    public var doc: String?
    public var symbol: SymbolID
    public var location: Location
    /// `owner`: a unit or position.
    public var owner: Performer?
    /// Required measures (index into `Model.measures`), as written; unresolved names are left out.
    public var requires: [Located<MeasureID>] = []
    /// One-off investment in EUR (0 when not written: the language's default).
    public var costSetting: Setting<Double> = .absent
    /// Running cost in EUR per year (0 when not written).
    public var runningSetting: Setting<Double> = .absent
    /// The changes that could be read, in order.
    public var changes: [Change] = []
    public var cost: Double { costSetting.value ?? 0 }
    public var running: Double { runningSetting.value ?? 0 }
}

/// One entry of a scenario: an `apply` of one measure, or a run of consecutive `change` lines.
public enum ScenarioEntry: Sendable {
    /// `measure` nil when the name did not resolve; location: the measure's name in the `apply`.
    case apply(measure: MeasureID?, location: Location)
    case changes([Change], location: Location)

    /// Where the entry starts (the `apply`'s name, or the first `change`).
    public var location: Location {
        switch self {
        case .apply(_, let l): l
        case .changes(_, let l): l
        }
    }
}

public struct Scenario: Sendable {
    public var name: String
    public var title: String?
    public var doc: String?
    public var symbol: SymbolID
    public var location: Location
    public var entries: [ScenarioEntry] = []
}

/// What a target saves.
public enum SaveAmount: Sendable, Hashable {
    case fte(Double)
    case eurPerYear(Double)
}

public struct Target: Sendable {
    public var name: String
    public var title: String?
    public var doc: String?
    public var symbol: SymbolID
    public var location: Location
    public var saveSetting: Setting<SaveAmount> = .absent
    /// Units whose sub-trees are in scope, as written.
    public var across: [Located<UnitID>] = []
    /// The scenario defining the potential (nil: the base model).
    public var potential: Located<ScenarioID>?
    public var save: SaveAmount? { saveSetting.value }
}
