import OrgaSyntax

/// Where something is declared or referenced: a file of the model and a byte range.
public struct Location: Hashable, Sendable, Comparable {
    /// Index into `Model.files`.
    public var file: Int
    public var range: ByteRange
    public init(file: Int, range: ByteRange) {
        self.file = file
        self.range = range
    }
    public static func < (a: Location, b: Location) -> Bool {
        a.file != b.file ? a.file < b.file : a.range < b.range
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

/// The settings of the `model` block. Absent values stay nil: no silent defaults.
public struct ModelSettings: Sendable {
    public var name: String?
    public var title: String?
    public var year: Int?
    public var worktime: Located<Double>?
    public var allowance: Located<Allowance>?
    public var workdays: Double?
    public var overhead: Double = 0          // fraction
    public var workplace: Double = 0         // EUR per fte and year
    public var workplaceDeclared = false
    public var leadership: Double = 0        // fraction per fte led
    public var rounding: Double = 0.01       // fte
    /// The `model` statement, if any.
    public var declaration: Location?
    public var statement: (file: Int, id: Int32)?
}

public struct Grade: Sendable {
    public var name: String
    public var title: String?
    public var doc: String?
    public var cost: Double?
    public var location: Location
}

public struct OrgUnit: Sendable {
    public var name: String
    public var title: String?
    public var doc: String?
    public var kind: String?
    public var code: String?
    public var parent: Int?
    public var head: Int?
    public var worktime: Located<Double>?
    public var allowance: Located<Allowance>?
    public var location: Location
    /// Direct sub-units and positions, in declaration order (filled after resolution).
    public var subunits: [Int] = []
    public var positions: [Int] = []
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
    public var doc: String?
    public var unit: Int?
    public var grade: Int?
    public var planned: Double = 0
    public var filled: Double = 0
    public var plannedGiven = false
    public var filledGiven = false
    public var kw: Int?
    public var freezeUntil: String?
    public var efforts: [Effort] = []
    /// Staffed hours per week (Arbeitsplatzmethode).
    public var coverageHoursPerWeek: Double?
    public var worktime: Located<Double>?
    public var allowance: Located<Allowance>?
    public var location: Location
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
    case position(Int)
    case unit(Int)
    case actor(Int)
    case system(Int)

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
    /// Fraction (80 % → 0.8).
    public var share: Double
    public var target: FlowTarget?
    public var location: Location
}

public struct FlowNode: Sendable {
    public var name: String
    public var title: String?
    public var doc: String?
    public var isDecision: Bool
    public var performer: Performer?
    /// Processing time per execution in hours (nil = not given).
    public var timeHours: Double?
    /// Waiting time in calendar days.
    public var waitDays: Double = 0
    /// Fraction of cases reaching the step in which it is done.
    public var share: Double = 1
    public var mediaBreak = false
    public var systems: [Int] = []
    /// Explicit `next` (nil = next node in source order).
    public var next: FlowTarget?
    public var nextGiven = false
    public var call: Int?
    public var branches: [Branch] = []
    public var location: Location
    /// The statement in its file's tree.
    public var statement: Int32
    /// Index of this node's entry in `Model.symbols`.
    public var symbol: Int = -1
}

public struct Process: Sendable {
    public var name: String
    public var title: String?
    public var doc: String?
    public var owner: Int?
    /// Own cases per year (nil = not given or not convertible).
    public var volumePerYear: Double?
    public var source: String?
    public var trigger: String?
    public var result: String?
    public var nodes: [FlowNode] = []
    /// Ratings of rated DNA criteria, by criterion name.
    public var ratings: [String: Located<Double>] = [:]
    public var location: Location
    public var file: Int
    public var statement: Int32

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
    public var weight: Double?
    /// Measured criterion: the raw value of a `MeasuredCriterion`.
    public var measure: String?
    /// Rated criterion: its scale.
    public var scale: (lower: Double, upper: Double)?
    public var location: Location
}

/// One named thing of the model, for name resolution and editor features.
public struct Symbol: Sendable {
    public var name: String
    /// Exactly one kind.
    public var kind: DeclKinds
    /// Index into the array of its kind (`units`, `positions` …); for nodes the node index.
    public var index: Int
    /// For nodes: the process.
    public var process: Int?
    public var location: Location
    /// The declaring statement.
    public var file: Int
    public var statement: Int32
}

/// A use of a name in the source, resolved or not.
public struct Reference: Sendable {
    public var location: Location
    /// Index into `Model.symbols`, nil when unresolved.
    public var symbol: Int?
}

/// A whole Orga model: every file, every declaration resolved, and the findings.
public struct Model: Sendable {
    public var trees: [SyntaxTree]
    public var settings = ModelSettings()
    public var grades: [Grade] = []
    public var units: [OrgUnit] = []
    public var positions: [Position] = []
    public var actors: [Actor] = []
    public var systems: [OrgSystem] = []
    public var processes: [Process] = []
    public var criteria: [Criterion] = []
    public var symbols: [Symbol] = []
    public var references: [Reference] = []
    /// Global namespace: name → symbol index.
    public var globalNames: [String: Int] = [:]
    public var criterionNames: [String: Int] = [:]
    public var diagnostics: [Diagnostic] = []

    public init(trees: [SyntaxTree]) {
        self.trees = trees
    }

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    public func path(_ location: Location) -> String { trees[location.file].path }

    /// Effective worktime of a position: position, then its units outward, then the model.
    public func worktime(position p: Int) -> Located<Double>? {
        if let w = positions[p].worktime { return w }
        if let u = positions[p].unit { return worktime(unit: u) }
        return settings.worktime
    }

    public func worktime(unit u: Int) -> Located<Double>? {
        var cur: Int? = u
        var guardSteps = 0
        while let c = cur, guardSteps <= units.count {
            if let w = units[c].worktime { return w }
            cur = units[c].parent
            guardSteps += 1
        }
        return settings.worktime
    }

    public func allowance(position p: Int) -> Allowance {
        if let a = positions[p].allowance { return a.value }
        if let u = positions[p].unit { return allowance(unit: u) }
        return settings.allowance?.value ?? .none
    }

    public func allowance(unit u: Int) -> Allowance {
        var cur: Int? = u
        var guardSteps = 0
        while let c = cur, guardSteps <= units.count {
            if let a = units[c].allowance { return a.value }
            cur = units[c].parent
            guardSteps += 1
        }
        return settings.allowance?.value ?? .none
    }

    /// The unit a performer belongs to, for handoffs: a position counts as its unit.
    public func performingUnitKey(_ p: Performer) -> String {
        switch p {
        case .position(let i): positions[i].unit.map { "unit:\($0)" } ?? "position:\(i)"
        case .unit(let i): "unit:\(i)"
        case .actor(let i): "actor:\(i)"
        case .system(let i): "system:\(i)"
        }
    }

    public func performerName(_ p: Performer) -> String {
        switch p {
        case .position(let i): positions[i].name
        case .unit(let i): units[i].name
        case .actor(let i): actors[i].name
        case .system(let i): systems[i].name
        }
    }

    /// Converts a byte location to 1-based line and column (Unicode scalars).
    public func lineColumn(_ location: Location) -> (line: Int, column: Int) {
        let f = trees[location.file].file
        return (f.line(of: location.range.start) + 1, f.characterColumn(of: location.range.start) + 1)
    }

    /// The symbol declared or referenced at `offset` of file `file`.
    public func symbol(atFile file: Int, offset: Int) -> Int? {
        for r in references where r.location.file == file && r.location.range.start <= offset && offset <= r.location.range.end {
            return r.symbol
        }
        for (i, s) in symbols.enumerated() where s.location.file == file && s.location.range.start <= offset && offset <= s.location.range.end {
            return i
        }
        return nil
    }
}
