/// The properties a `change TARGET PROPERTY VALUE` line may name (docs/language.md,
/// What-if): a closed word list like `MeasuredCriterion`. The reader dispatches on it,
/// completion lists it with `doc`, and the words of each kind of target are in
/// `ChangeWord.properties(process:…)` of the semantic layer.
public enum ChangeWord: String, CaseIterable, Sendable, CustomStringConvertible {
    case volume, time, wait, share, by, mediaBreak = "media_break", skip, branch
    case planned, filled, coverage, effort, grade, worktime, allowance
    case overhead, leadership, workplace, rounding, cost

    /// What the value is and how it may change (completion and hover).
    public var doc: String {
        switch self {
        case .volume: "Cases per year: set (`3_000 /year`, or a range `2_000..2_600 /year`), add (`+200 /year`) or scale (`+10 %`); adding or scaling moves every bound of a range."
        case .time: "Processing time per execution: set (`10 min`, or a range `10..20 min`, `20..30..60 min`), add (`-5 min`) or scale (`-50 %`); adding or scaling moves every bound of a range."
        case .wait: "Waiting time: set (`2 d`), add or scale."
        case .share: "Share of the cases in which the step is done: set only (`30 %`)."
        case .by: "Who does the step now: a position, unit, actor or system (a system: automated)."
        case .mediaBreak: "`on` or `off`."
        case .skip: "The step is no longer done; the flow passes through it."
        case .branch: "`branch \"label\" 30 %`: the share of one branch (set only); the branches must add up to 100 % at the end of the entry."
        case .planned, .filled: "fte: set (`3 fte`), add (`+1 fte`) or scale (`-10 %`)."
        case .coverage: "Staffed hours per week: set, add or scale."
        case .effort: "`effort \"label\" 0.2 fte` or `80 h /year`: sets (or adds) the effort with that label; `0 fte` removes it."
        case .grade: "The position's pay grade."
        case .worktime: "Annual working time per fte: set, add or scale."
        case .allowance: "Verteilzeit: set only (`10 %`, or `9 % of worktime`)."
        case .overhead, .leadership: "Set only, in %."
        case .workplace: "Material cost per fte and year: set only (EUR)."
        case .rounding: "Step of the proposals: set only (fte)."
        case .cost: "Annual cost per fte of the grade: set, add or scale."
        }
    }

    /// The word as written (messages interpolate it).
    public var description: String { rawValue }

    /// Properties that take a label in quotes before the value (`branch "Ja" 30 %`).
    public var takesLabel: Bool { self == .branch || self == .effort }
}
