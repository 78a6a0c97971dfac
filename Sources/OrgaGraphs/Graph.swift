import OrgaSemantics
import OrgaSupport
import OrgaSyntax

/// The drawable graph every format renders: nodes, edges and lanes in flat arrays
/// indexed by `Int`. Builders (`ProcessGraph`, `OrgChart`, `Landscape`) fill it from
/// the model; `LayeredLayout` gives it coordinates; the writers turn it into text.

/// Who performs a task, which decides its BPMN type and colour.
public enum TaskKind: String, Sendable, Hashable {
    /// Staff (position or unit): BPMN `userTask`.
    case staff
    /// System: BPMN `serviceTask`.
    case system
    /// Actor (external party, board): BPMN `manualTask`.
    case actor
    /// No performer known: BPMN `task`.
    case unknown
}

public enum NodeKind: Sendable, Hashable {
    case start
    case end
    case task(TaskKind)
    /// A step that calls another process (`call P`): BPMN `callActivity`.
    case call
    case decision
    /// Org chart unit.
    case unit
    /// Landscape process.
    case process
}

public struct GraphNode: Sendable {
    public var kind: NodeKind
    /// Main text (wrapped when drawn).
    public var title: String
    /// Secondary lines drawn smaller under the title (performer, time, metrics).
    public var details: [String] = []
    /// Lane index into `Graph.lanes`, or -1 for none.
    public var lane: Int = -1
    /// Drawn in the warning colour (e.g. need exceeds planned).
    public var highlight = false
    /// Model name (step, unit or process name), for ids and tooltips.
    public var name: String = ""
    /// Longer text (doc comment) for BPMN documentation and SVG tooltips.
    public var documentation: String?
    /// For calls and landscape processes: the process in the model.
    public var process: ProcessID?
    /// Landscape: relative weight 0…1 (fte bound) for emphasis.
    public var weight: Double?
    /// Marked with a media-break badge.
    public var mediaBreak = false
    /// Details from this index on are a left-aligned list (org chart positions).
    public var listFrom: Int?
    /// Org chart: what the unit's box shows, in parts (the SVG draws them apart).
    public var org: OrgBox?

    public init(kind: NodeKind, title: String) {
        self.kind = kind
        self.title = title
    }
}

/// What an org chart box shows: the unit's figures and markers, and its positions.
public struct OrgBox: Sendable {
    public enum MarkerKind: String, Sendable { case vacancy, kw, freeze }
    public struct Marker: Sendable {
        public var kind: MarkerKind
        public var text: String
    }
    public struct PositionLine: Sendable {
        public var title: String
        public var isHead: Bool
        /// "Soll 2 · Ist 0,75 · Bedarf 1,46"
        public var figures: String
        public var markers: [Marker]
    }
    /// "Amt · 10"
    public var kindAndCode: String?
    /// "Soll 19,5 · Ist 16,75 · Bedarf 16,69 VZÄ"
    public var figures: String
    public var markers: [Marker] = []
    public var positions: [PositionLine] = []
    /// "+ 3 weitere Stellen"
    public var more: String?
}

public struct GraphEdge: Sendable {
    public var from: Int
    public var to: Int
    /// Branch label (title and share), if any.
    public var label: String?
    /// Branch title alone and share (0…1), for BPMN.
    public var branchTitle: String?
    public var share: Double?
    /// Org chart: tree edge drawn without arrow.
    public var plain = false
    public init(from: Int, to: Int) {
        self.from = from
        self.to = to
    }
}

public enum LaneKind: String, Sendable, Hashable {
    case unit, actor, system, position, none
}

public struct GraphLane: Sendable {
    public var title: String
    public var subtitle: String?
    public var kind: LaneKind
    /// Model name of the unit, actor or system.
    public var name: String
    public init(title: String, subtitle: String? = nil, kind: LaneKind, name: String) {
        self.title = title
        self.subtitle = subtitle
        self.kind = kind
        self.name = name
    }
}

public enum GraphKind: String, Sendable {
    case process, org, landscape
    /// The `requires` graph of measures (`orgc graph --measures`).
    case measures
}

public struct Graph: Sendable {
    public var kind: GraphKind
    /// Heading of the drawing and its second line.
    public var title: String
    public var subtitle: [String] = []
    /// Model name of the process (for BPMN ids), or of the model.
    public var name: String
    public var documentation: String?
    public var nodes: [GraphNode] = []
    public var edges: [GraphEdge] = []
    public var lanes: [GraphLane] = []
    /// Whether metrics (visits, fte) are shown, for the legend.
    public var metrics = false
    /// Labels of the drawing in the chosen language.
    public var words: Words = .en

    public init(kind: GraphKind, title: String, name: String) {
        self.kind = kind
        self.title = title
        self.name = name
    }
}

/// The few words orgc writes into drawings itself.
public struct Words: Sendable {
    public var start, end, staffStep, systemStep, actorStep, callStep, decision, loop, legend: String
    public var planned, filled, need, fte, visits, perCase, casesPerYear, owner, wait, share, mediaBreak: String
    public var needExceedsPlanned, calls, noLane, fteBound, unit, actor, system, position, processes: String
    public var process, leadTime, source, inclCalls, external, borderByFTE: String
    /// Org chart: the head of a unit, vacancy, kw note, hiring freeze, the figures' key.
    public var head, vacant, kwFrom, freezeUntil, headLegend, vacancyLegend, kwLegend, freezeLegend, morePositions, orgChart, figuresInFTE: String
    /// Number format of the labels (`5.200` and `4,735` in German).
    public var language: OutputLanguage = .en
    public var numbers: GraphNumbers { GraphNumbers(language) }

    /// How a process's times were obtained (`source`), in words.
    public func sourceName(_ raw: String) -> String { TimeSource(rawValue: raw)?.readerTerm(german: language == .de) ?? raw }

    public static let en = Words(
        start: "Start", end: "End", staffStep: "Staff step", systemStep: "System step", actorStep: "Actor step",
        callStep: "Calls a process", decision: "Decision", loop: "Loop (back edge)", legend: "Legend",
        planned: "planned", filled: "filled", need: "need", fte: "fte", visits: "visits", perCase: "per case",
        casesPerYear: "cases/year", owner: "owner", wait: "wait", share: "share", mediaBreak: "media break",
        needExceedsPlanned: "need exceeds planned", calls: "calls", noLane: "(no performer)", fteBound: "fte bound",
        unit: "Unit", actor: "Actor", system: "System", position: "Position", processes: "processes",
        process: "Process", leadTime: "lead time", source: "source", inclCalls: "incl. calls", external: "external", borderByFTE: "Process (border width: fte bound)",
        head: "Head", vacant: "vacant", kwFrom: "kw from", freezeUntil: "hiring freeze until",
        headLegend: "head of the unit", vacancyLegend: "vacant: planned minus filled fte",
        kwLegend: "kw: position to lapse (künftig wegfallend) from the year given", freezeLegend: "hiring freeze",
        morePositions: "more positions", orgChart: "Organisation chart", figuresInFTE: "planned, filled and need in fte",
        language: .en)

    public static let de = Words(
        start: "Start", end: "Ende", staffStep: "Schritt (Personal)", systemStep: "Schritt (System)", actorStep: "Schritt (Akteur)",
        callStep: "Ruft Prozess auf", decision: "Entscheidung", loop: "Schleife (Rückkante)", legend: "Legende",
        planned: "Soll", filled: "Ist", need: "Bedarf", fte: "VZÄ", visits: "Durchläufe", perCase: "je Fall",
        casesPerYear: "Fälle/Jahr", owner: "verantwortlich", wait: "Liegezeit", share: "Anteil", mediaBreak: "Medienbruch",
        needExceedsPlanned: "Bedarf über Soll", calls: "ruft auf", noLane: "(ohne Zuständigkeit)", fteBound: "VZÄ gebunden",
        unit: "Einheit", actor: "Akteur", system: "System", position: "Stelle", processes: "Prozesse",
        process: "Prozess", leadTime: "Durchlaufzeit", source: "Quelle", inclCalls: "inkl. Aufrufe", external: "extern", borderByFTE: "Prozess (Randstärke: gebundene VZÄ)",
        head: "Leitung", vacant: "vakant", kwFrom: "kw ab", freezeUntil: "Besetzungssperre bis",
        headLegend: "Leitung der Einheit", vacancyLegend: "vakant: Soll minus Ist (VZÄ)",
        kwLegend: "kw: Stelle künftig wegfallend ab dem genannten Jahr", freezeLegend: "Besetzungssperre",
        morePositions: "weitere Stellen", orgChart: "Organigramm", figuresInFTE: "Soll, Ist und Bedarf in VZÄ",
        language: .de)
}
