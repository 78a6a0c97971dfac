import OrgaSyntax
import OrgaSupport

/// Where something is declared or referenced: a file of the model and a byte range.
///
/// Stored in 32 bits each (12 bytes instead of 24): every entity, symbol, reference and
/// setting holds one, and a 50 MB line of `unit U<i>;` declares 3.6M of them. Files are
/// at most `ModelLoader.maxFileSize` (512 MiB) long, so offsets fit; out-of-range values
/// (only ever from a caller's mistake) are clamped, never trapped on.
public struct Location: Hashable, Sendable, Comparable {
    private var storedFile: Int32
    private var storedStart: UInt32
    private var storedEnd: UInt32

    public init(file: Int, range: ByteRange) {
        storedFile = Int32(clamping: file)
        storedStart = UInt32(clamping: range.start)
        storedEnd = UInt32(clamping: range.end)
    }

    /// Index into `SourceMap.files` (the `FileID` of the file).
    public var file: Int {
        get { Int(storedFile) }
        set { storedFile = Int32(clamping: newValue) }
    }

    public var range: ByteRange {
        get { ByteRange(Int(storedStart), Int(storedEnd)) }
        set {
            storedStart = UInt32(clamping: newValue.start)
            storedEnd = UInt32(clamping: newValue.end)
        }
    }

    public var fileID: FileID { FileID(file) }
    public static func < (a: Location, b: Location) -> Bool {
        a.storedFile != b.storedFile ? a.storedFile < b.storedFile
            : a.storedStart != b.storedStart ? a.storedStart < b.storedStart : a.storedEnd < b.storedEnd
    }
}

/// A value together with where it was written.
public struct Located<T: Sendable>: Sendable {
    public var value: T
    public var location: Location
    public init(_ value: T, _ location: Location) {
        self.value = value
        self.location = location
    }
}

/// The Verteilzeit convention of an `allowance`.
public enum AllowanceConvention: String, Sendable {
    /// `allowance P %`: load = hours × (1 + P).
    case surcharge
    /// `allowance P % of worktime`: load = hours ÷ (1 − P).
    case deduction
}

public struct Allowance: Sendable, Hashable {
    /// As a fraction (10 % → 0.1).
    public var fraction: Double
    public var convention: AllowanceConvention
    public init(fraction: Double, convention: AllowanceConvention) {
        self.fraction = fraction
        self.convention = convention
    }
    public static let none = Allowance(fraction: 0, convention: .surcharge)

    /// Load in hours for `hours` of basic time.
    public func load(_ hours: Double) -> Double {
        switch convention {
        case .surcharge: hours * (1 + fraction)
        case .deduction: fraction < 1 ? hours / (1 - fraction) : .infinity
        }
    }
}

/// The settings of the `model` block. Absent values stay absent: no silent defaults
/// (the accessors name the default where the language has one).
public struct ModelSettings: Sendable {
    public var name: String?
    public var title: String?
    public var yearSetting: Setting<Int> = .absent
    public var worktimeSetting: Setting<Double> = .absent
    public var allowanceSetting: Setting<Allowance> = .absent
    public var workdaysSetting: Setting<Double> = .absent
    /// Fraction (10 % → 0.1).
    public var overheadSetting: Setting<Double> = .absent
    /// EUR per fte and year.
    public var workplaceSetting: Setting<Double> = .absent
    /// Fraction per fte led.
    public var leadershipSetting: Setting<Double> = .absent
    /// fte.
    public var roundingSetting: Setting<Double> = .absent
    /// The status date (Stichtag) for overdue checks and hovers.
    public var asofSetting: Setting<CalendarDate> = .absent
    /// The model's `ramp` (ramp-up of new staff); a unit's or position's wins whole.
    public var rampSetting: Setting<Ramp> = .absent
    /// The name of the first `model` statement (its keyword when it has no name), if any.
    public var declaration: Location?

    public init() {}

    public var year: Int? { yearSetting.value }
    public var worktime: Located<Double>? { worktimeSetting.located }
    public var allowance: Located<Allowance>? { allowanceSetting.located }
    public var workdays: Double? { workdaysSetting.value }
    public var overhead: Double { overheadSetting.value ?? 0 }
    public var workplace: Double { workplaceSetting.value ?? 0 }
    public var workplaceDeclared: Bool { workplaceSetting.value != nil }
    public var leadership: Double { leadershipSetting.value ?? 0 }
    public var rounding: Double { roundingSetting.value ?? 0.01 }
    /// nil without `asof`: then nothing is overdue (and reports say so).
    public var asof: CalendarDate? { asofSetting.value }
}

public struct Grade: Sendable {
    public var name: String
    public var title: String?
    public var doc: String?
    public var costSetting: Setting<Double> = .absent
    public var location: Location
    public var cost: Double? { costSetting.value }
}

public struct OrgUnit: Sendable {
    public var name: String
    public var parent: UnitID?
    /// The position named by `head` (location: the name).
    public var headSetting: Setting<PositionID> = .absent
    public var location: Location
    /// Direct sub-units and positions, in declaration order (filled after resolution).
    public var subunits: [UnitID] = []
    public var positions: [PositionID] = []
    /// Title, doc comment, kind, code and the settings few units write: out of line
    /// (`ColdFields`), so that a unit is 96 bytes instead of 352.
    var details = ColdFields<UnitDetails>()

    public init(name: String, title: String?, doc: String?, location: Location) {
        self.name = name
        self.location = location
        self.title = title
        self.doc = doc
    }

    public var title: String? {
        get { details[\.title] }
        set { details.set(\.title, newValue) }
    }
    public var doc: String? {
        get { details[\.doc] }
        set { details.set(\.doc, newValue) }
    }
    public var kind: String? {
        get { details[\.kind] }
        set { details.set(\.kind, newValue) }
    }
    public var code: String? {
        get { details[\.code] }
        set { details.set(\.code, newValue) }
    }
    public var worktimeSetting: Setting<Double> {
        get { details[\.worktimeSetting] }
        set { details.set(\.worktimeSetting, newValue) }
    }
    public var allowanceSetting: Setting<Allowance> {
        get { details[\.allowanceSetting] }
        set { details.set(\.allowanceSetting, newValue) }
    }
    /// `pool`: the unit's positions are a capacity pool (location: the statement).
    public var poolSetting: Setting<Bool> {
        get { details[\.poolSetting] }
        set { details.set(\.poolSetting, newValue) }
    }
    public var rampSetting: Setting<Ramp> {
        get { details[\.rampSetting] }
        set { details.set(\.rampSetting, newValue) }
    }

    public var head: PositionID? { headSetting.value }
    public var isPool: Bool { poolSetting.value ?? false }
    public var worktime: Located<Double>? { worktimeSetting.located }
    public var allowance: Located<Allowance>? { allowanceSetting.located }
}

/// The out-of-line properties of an `OrgUnit`.
struct UnitDetails: ColdFieldSet {
    var title: String?
    var doc: String?
    var kind: String?
    var code: String?
    var worktimeSetting: Setting<Double> = .absent
    var allowanceSetting: Setting<Allowance> = .absent
    var poolSetting: Setting<Bool> = .absent
    var rampSetting: Setting<Ramp> = .absent
    init() {}
}

public struct Effort: Sendable {
    public var label: String
    /// Either fte as given, or hours per year.
    public var fte: Double?
    public var hoursPerYear: Double?
    public var location: Location
}

public struct Position: Sendable {
    public var name: String
    public var title: String?
    public var unit: UnitID?
    /// The grade named by `grade` (location: the statement).
    public var gradeSetting: Setting<GradeID> = .absent
    /// The first `planned` statement; its value is the undated one (0 when only dated
    /// values were written). The dated values are in `plannedSeries`; reports read the
    /// period figures (`Model.evaluated`).
    public var plannedSetting: Setting<Double> = .absent
    public var filledSetting: Setting<Double> = .absent
    /// Every `planned` / `filled` value, undated and dated (docs/language.md, Time).
    public var plannedSeries = DatedSeries(undated: nil)
    public var filledSeries = DatedSeries(undated: nil)
    public var location: Location
    /// The doc comment and the settings few positions write: out of line (`ColdFields`).
    var details = ColdFields<PositionDetails>()

    public init(name: String, title: String?, doc: String?, location: Location) {
        self.name = name
        self.title = title
        self.location = location
        self.doc = doc
    }

    public var doc: String? {
        get { details[\.doc] }
        set { details.set(\.doc, newValue) }
    }
    public var rampSetting: Setting<Ramp> {
        get { details[\.rampSetting] }
        set { details.set(\.rampSetting, newValue) }
    }
    public var kwSetting: Setting<Int> {
        get { details[\.kwSetting] }
        set { details.set(\.kwSetting, newValue) }
    }
    public var freezeSetting: Setting<String> {
        get { details[\.freezeSetting] }
        set { details.set(\.freezeSetting, newValue) }
    }
    public var efforts: [Effort] {
        get { details[\.efforts] }
        set { details.set(\.efforts, newValue, isDefault: newValue.isEmpty) }
    }
    /// Staffed hours per week (Arbeitsplatzmethode).
    public var coverageSetting: Setting<Double> {
        get { details[\.coverageSetting] }
        set { details.set(\.coverageSetting, newValue) }
    }
    public var worktimeSetting: Setting<Double> {
        get { details[\.worktimeSetting] }
        set { details.set(\.worktimeSetting, newValue) }
    }
    public var allowanceSetting: Setting<Allowance> {
        get { details[\.allowanceSetting] }
        set { details.set(\.allowanceSetting, newValue) }
    }

    public var grade: GradeID? { gradeSetting.value }
    public var planned: Double { plannedSetting.value ?? 0 }
    public var filled: Double { filledSetting.value ?? 0 }
    /// Written, even when the value was rejected (that has its own diagnostic).
    public var plannedGiven: Bool { plannedSetting.isWritten }
    public var filledGiven: Bool { filledSetting.isWritten }
    public var kw: Int? { kwSetting.value }
    public var freezeUntil: String? { freezeSetting.value }
    public var coverageHoursPerWeek: Double? { coverageSetting.value }
    public var worktime: Located<Double>? { worktimeSetting.located }
    public var allowance: Located<Allowance>? { allowanceSetting.located }
}

/// The out-of-line properties of a `Position`.
struct PositionDetails: ColdFieldSet {
    var doc: String?
    var rampSetting: Setting<Ramp> = .absent
    var kwSetting: Setting<Int> = .absent
    var freezeSetting: Setting<String> = .absent
    var efforts: [Effort] = []
    var coverageSetting: Setting<Double> = .absent
    var worktimeSetting: Setting<Double> = .absent
    var allowanceSetting: Setting<Allowance> = .absent
    init() {}
}

public struct Actor: Sendable {
    public var name: String
    public var title: String?
    public var doc: String?
    public var external: Bool
    public var location: Location
}

public struct OrgSystem: Sendable {
    public var name: String
    public var title: String?
    public var doc: String?
    public var location: Location
}

/// Who performs a step.
public enum Performer: Sendable, Hashable {
    case position(PositionID)
    case unit(UnitID)
    case actor(ActorID)
    case system(SystemID)

    /// Work by positions and units is staffed from the model.
    public var isStaff: Bool {
        switch self { case .position, .unit: true; default: false }
    }
}

/// Where the flow goes from a node.
public enum FlowTarget: Sendable, Hashable {
    case node(Int)
    case end
}

public struct Branch: Sendable {
    public var title: String?
    /// Fraction (80 % → 0.8); location: the share.
    public var shareSetting: Setting<Double> = .absent
    public var target: FlowTarget?
    public var location: Location
    /// 0 when not given (the flow is then incomplete, `FlowGraph.isIncomplete`).
    public var share: Double { shareSetting.value ?? 0 }
}

public struct FlowNode: Sendable {
    public var name: String
    public var title: String?
    public var isDecision: Bool
    /// `by` (location: the statement).
    public var performerSetting: Setting<Performer> = .absent
    /// Processing time per execution in hours; for a range its mean.
    public var timeSetting: Setting<Double> = .absent
    /// Explicit `next` (absent: the next node in source order).
    public var nextSetting: Setting<FlowTarget> = .absent
    /// The process run by `call`.
    public var callSetting: Setting<ProcessID> = .absent
    public var systems: [SystemID] = []
    public var branches: [Branch] = []
    public var location: Location
    public var symbol: SymbolID
    /// The doc comment and what few steps write (range, wait, share, media break): out of line (`ColdFields`); nodes are the most numerous entity.
    var details = ColdFields<NodeDetails>()

    public init(name: String, title: String?, doc: String?, isDecision: Bool, location: Location, symbol: SymbolID) {
        self.name = name
        self.title = title
        self.isDecision = isDecision
        self.location = location
        self.symbol = symbol
        self.doc = doc
    }

    public var doc: String? {
        get { details[\.doc] }
        set { details.set(\.doc, newValue) }
    }
    /// The range the time was given as (hours), when it is uncertain (bounds differ).
    public var timeRange: RangeEstimate? {
        get { details[\.timeRange] }
        set { details.set(\.timeRange, newValue) }
    }
    /// Waiting time in calendar days.
    public var waitSetting: Setting<Double> {
        get { details[\.waitSetting] }
        set { details.set(\.waitSetting, newValue) }
    }
    /// Fraction of cases reaching the step in which it is done.
    public var shareSetting: Setting<Double> {
        get { details[\.shareSetting] }
        set { details.set(\.shareSetting, newValue) }
    }
    public var mediaBreak: Bool {
        get { details[\.mediaBreak] }
        set { details.set(\.mediaBreak, newValue, isDefault: !newValue) }
    }

    public var performer: Performer? { performerSetting.value }
    /// Processing time per execution in hours (nil = not given or rejected).
    public var timeHours: Double? { timeSetting.value }
    public var waitDays: Double { waitSetting.value ?? 0 }
    public var share: Double { shareSetting.value ?? 1 }
    public var next: FlowTarget? { nextSetting.value }
    public var nextGiven: Bool { nextSetting.isWritten }
    public var call: ProcessID? { callSetting.value }
}

/// The out-of-line properties of a `FlowNode`.
struct NodeDetails: ColdFieldSet {
    var doc: String?
    var timeRange: RangeEstimate?
    var waitSetting: Setting<Double> = .absent
    var shareSetting: Setting<Double> = .absent
    var mediaBreak = false
    init() {}
}

public struct Process: Sendable {
    public var name: String
    public var title: String?
    public var doc: String?
    /// The owning unit.
    public var ownerSetting: Setting<UnitID> = .absent
    /// Own cases per year (rejected: not convertible, e.g. `/day` without `workdays`);
    /// for a range its mean.
    public var volumeSetting: Setting<Double> = .absent
    /// The range the volume was given as (cases per year), when it is uncertain.
    public var volumeRange: RangeEstimate?
    /// Every `volume` (cases per year), undated and dated; an undated one is required
    /// when there are dated ones (E803).
    public var volumeSeries = DatedSeries(undated: nil)
    /// Location: the first `source` statement.
    public var sourceSetting: Setting<String> = .absent
    public var trigger: String?
    public var result: String?
    public var nodes: [FlowNode] = []
    /// Ratings of rated DNA criteria, by criterion name.
    public var ratings: [String: Located<Double>] = [:]
    public var location: Location
    public var file: FileID
    public var symbol: SymbolID

    public var owner: UnitID? { ownerSetting.value }
    /// Own cases per year (nil = not given or not convertible).
    public var volumePerYear: Double? { volumeSetting.value }
    public var source: String? { sourceSetting.value }

    /// Successors of node `i` with their probabilities (branches may repeat targets).
    public func successors(_ i: Int) -> [(target: FlowTarget, probability: Double)] {
        guard i >= 0 && i < nodes.count else { return [] }
        let n = nodes[i]
        if n.isDecision {
            return n.branches.compactMap { b in b.target.map { ($0, b.share) } }
        }
        if let next = n.next { return [(next, 1)] }
        return [(i + 1 < nodes.count ? .node(i + 1) : .end, 1)]
    }
}

public struct Criterion: Sendable {
    public var name: String
    public var title: String?
    public var doc: String?
    public var weightSetting: Setting<Double> = .absent
    /// Measured criterion (`from`): the raw value of a `MeasuredCriterion`.
    public var measureSetting: Setting<String> = .absent
    /// Rated criterion: its scale.
    public var scaleSetting: Setting<CriterionScale> = .absent
    public var location: Location

    public var weight: Double? { weightSetting.value }
    public var measure: String? { measureSetting.value }
    public var scale: (lower: Double, upper: Double)? { scaleSetting.value.map { ($0.lower, $0.upper) } }
}

public struct CriterionScale: Sendable, Hashable {
    public var lower: Double
    public var upper: Double
}

/// One named thing of the model, for name resolution and editor features. Where it
/// is declared in the syntax is in `SourceMap.declarations`.
public struct Symbol: Sendable {
    public var name: String
    public var location: Location
    /// `index` in 32 bits, -1 for none (40 bytes a symbol instead of 56).
    private var storedIndex: Int32
    /// For nodes: the process.
    public var process: ProcessID?
    public var kind: SymbolKind

    public init(name: String, kind: SymbolKind, index: Int?, process: ProcessID?, location: Location) {
        self.name = name
        self.location = location
        self.storedIndex = -1
        self.process = process
        self.kind = kind
        self.index = index
    }

    /// Index into the array of its kind (`units`, `positions` …); for nodes the node
    /// index (measures, scenarios and targets index `Model.measures` …); nil for v2
    /// declarations that have names only (kpi). Read it typed: `id(UnitID.self)`, `node`.
    /// (An entity index is below 2³¹, as an id's is: see `EntityID`.)
    public var index: Int? {
        get { storedIndex >= 0 ? Int(storedIndex) : nil }
        set { storedIndex = newValue.map { $0 >= 0 ? Int32(truncatingIfNeeded: $0) : -1 } ?? -1 }
    }
}

/// A use of a name in the source, resolved or not.
public struct Reference: Sendable {
    public var location: Location
    /// Nil when unresolved.
    public var symbol: SymbolID?
}

/// A whole Orga model: every declaration resolved, and the findings. It holds no
/// syntax: where things are written is in the `SourceMap` beside it.
public struct Model: Sendable {
    public var settings = ModelSettings()
    public var grades: [Grade] = []
    public var units: [OrgUnit] = []
    public var positions: [Position] = []
    public var actors: [Actor] = []
    public var systems: [OrgSystem] = []
    public var processes: [Process] = []
    public var criteria: [Criterion] = []
    /// Measures, scenarios and targets in declaration order (docs/language.md, What-if).
    public var measures: [Measure] = []
    public var scenarios: [Scenario] = []
    public var targets: [Target] = []

    /// Assessments (file order, then source order): maturity matrices and responsibility charts.
    public var matrices: [Matrix] = []
    public var raciCharts: [RaciChart] = []
    /// KPIs and the deployments of pool units (file order, then source order).
    public var kpis: [Kpi] = []
    public var deployments: [Deployment] = []
    /// Programmes and projects in declaration order (docs/language.md, Programmes).
    public var programmes: [Programme] = []
    public var projects: [Project] = []
    public var symbols: [Symbol] = []
    public var references: [Reference] = []
    /// Global namespace: name → symbol.
    public var globalNames = NameTable()
    public var criterionNames = NameTable()
    /// Every `worktime` statement whose value was rejected, wherever it is written.
    public var rejectedWorktimes: [Location] = []
    /// The flow of each process (index like `processes`, by `ProcessID`), worked out once.
    public var flows: [FlowGraph] = []
    public var diagnostics: [Diagnostic] = []

    public init() {}

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// Effective worktime of a position: position, then its units outward, then the model.
    public func worktime(position p: PositionID) -> Located<Double>? {
        if let w = positions[p].worktime { return w }
        if let u = positions[p].unit { return worktime(unit: u) }
        return settings.worktime
    }

    public func worktime(unit u: UnitID) -> Located<Double>? {
        var cur: UnitID? = u
        var guardSteps = 0
        while let c = cur, guardSteps <= units.count {
            if let w = units[c].worktime { return w }
            cur = units[c].parent
            guardSteps += 1
        }
        return settings.worktime
    }

    public func allowance(position p: PositionID) -> Allowance {
        if let a = positions[p].allowance { return a.value }
        if let u = positions[p].unit { return allowance(unit: u) }
        return settings.allowance?.value ?? .none
    }

    public func allowance(unit u: UnitID) -> Allowance {
        var cur: UnitID? = u
        var guardSteps = 0
        while let c = cur, guardSteps <= units.count {
            if let a = units[c].allowance { return a.value }
            cur = units[c].parent
            guardSteps += 1
        }
        return settings.allowance?.value ?? .none
    }

    public func performerName(_ p: Performer) -> String {
        switch p {
        case .position(let i): positions[i].name
        case .unit(let i): units[i].name
        case .actor(let i): actors[i].name
        case .system(let i): systems[i].name
        }
    }

    /// The step or decision `id`, if it exists.
    public func node(_ id: NodeID) -> FlowNode? {
        guard processes.contains(id.process), processes[id.process].nodes.indices.contains(id.index) else { return nil }
        return processes[id.process].nodes[id.index]
    }

    /// The symbol declared or referenced at `offset` of file `file`.
    public func symbol(atFile file: Int, offset: Int) -> SymbolID? {
        for r in references where r.location.file == file && r.location.range.start <= offset && offset <= r.location.range.end {
            return r.symbol
        }
        for s in symbols.ids where symbols[s].location.file == file && symbols[s].location.range.start <= offset && offset <= symbols[s].location.range.end {
            return s
        }
        return nil
    }
}
