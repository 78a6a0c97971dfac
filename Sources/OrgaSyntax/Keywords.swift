/// The one table of Orga keywords. Parsing (which keyword is allowed in which block
/// and which block it opens), argument shape checks, the semantic checker,
/// completion, hover and `docs/reference.md` all read this table. Adding a keyword is
/// one entry here plus its case in `Keyword` (a test checks that the two agree), then
/// its semantics in the model builder; keyword-specific parsing rules are fields of the
/// entry (`requiresBlock`, `wrongWordCode`), not code in the parser.

/// The kind of block a statement stands in.
public enum BlockContext: String, Sendable, CaseIterable {
    case file
    case model
    case grade
    case unit
    case position
    case actor
    case system
    case process
    case step
    case decide
    case dnaDefinition      // top-level `dna { criterion … }`
    case criterion
    case dnaRatings         // `dna { legal 1 }` inside a process
    case measure
    case scenario
    case target
    case kpi
    case deployment         // `deploy Name { to …; fte …; period … }` inside a pool unit
    // Assessments (docs/language.md, Assessments)
    case matrix             // `matrix Name { scale; area; aspect; rating … }`
    case matrixRating       // `rating Rater { target; rate Area v1, v2 … }` inside a matrix
    case raci               // `raci Name { task … }`
    case task               // `task Name { R …; A …; C …; I …; step P.S }`
    // Programmes, projects and milestones (docs/language.md, Programmes)
    case programme          // `programme Name { owner; period; budget; field …; scenario }`
    case field              // `field Name { owner }` inside a programme
    case project            // `project Name { in; owner; period; status; budget; depends; delivers; milestone … }`
    case milestone          // `milestone Name { date; done }` inside a project
    /// Inside a statement whose keyword is unknown: nothing is checked, to avoid cascades.
    case unknown
}

/// Kinds of named declarations, as far as references are concerned.
public struct DeclKinds: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }
    public static let unit = DeclKinds(rawValue: 1 << 0)
    public static let position = DeclKinds(rawValue: 1 << 1)
    public static let actor = DeclKinds(rawValue: 1 << 2)
    public static let system = DeclKinds(rawValue: 1 << 3)
    public static let grade = DeclKinds(rawValue: 1 << 4)
    public static let process = DeclKinds(rawValue: 1 << 5)
    public static let measure = DeclKinds(rawValue: 1 << 6)
    public static let scenario = DeclKinds(rawValue: 1 << 7)
    public static let kpi = DeclKinds(rawValue: 1 << 8)
    public static let target = DeclKinds(rawValue: 1 << 9)
    public static let node = DeclKinds(rawValue: 1 << 10)       // step or decide in the same process
    public static let criterion = DeclKinds(rawValue: 1 << 11)
    // v2: pools and the portfolio (docs/language.md, Time and Programmes)
    public static let deployment = DeclKinds(rawValue: 1 << 12)  // `deploy` in a pool unit
    public static let programme = DeclKinds(rawValue: 1 << 13)
    public static let project = DeclKinds(rawValue: 1 << 14)
    public static let field = DeclKinds(rawValue: 1 << 15)       // a field of a programme (`Programme.Field`)
    public static let milestone = DeclKinds(rawValue: 1 << 16)   // in a project

    public static let performer: DeclKinds = [.position, .unit, .actor, .system]

    /// Human words for messages: "a position, unit, actor or system".
    public var phrase: String {
        let names: [(DeclKinds, String)] = [(.unit, "unit"), (.position, "position"), (.actor, "actor"), (.system, "system"),
                                            (.grade, "grade"), (.process, "process"), (.measure, "measure"), (.scenario, "scenario"),
                                            (.kpi, "kpi"), (.target, "target"), (.node, "step or decision"), (.criterion, "criterion"),
                                            (.deployment, "deployment"),
                                            (.programme, "programme"), (.project, "project")]
        let words = names.filter { contains($0.0) }.map { $0.1 }
        if words.isEmpty { return "declaration" }
        if words.count == 1 { return "a \(words[0])" }
        return "a " + words.dropLast().joined(separator: ", ") + " or " + words.last!
    }
}

/// The form of one argument slot of a keyword.
public enum ArgSpec: Sendable {
    case declName                  // the name being declared
    case title                     // optional display title (string)
    case text                      // a required string
    case quantity(Dimension)
    case year                      // an integer year (2024)
    case count                     // a plain non-negative number (workdays, weight)
    case rating                    // a plain number (DNA rating)
    case date
    case dateRange                 // a period `2025-01-01..2025-06-30`, both ends inclusive
    case datedFrom                 // optional `from DATE` after a value: a dated value (step function)
    case optionalValue(String, Dimension) // an optional word and a quantity after it (`start 20 %` of `ramp`)
    case word(String)              // a literal word that must be there (`until`)
    case optionalPhrase([String])  // literal words that may follow (`of worktime`)
    case choice([String])          // one word of a set (`source timing`)
    case ref(DeclKinds)            // one reference
    case refList(DeclKinds)        // references separated by commas
    case target                    // a node of this process, or `end`
    case arrowTarget               // `->` then a node of this process, or `end`
    case range                     // `a..b`
    case localName(String)         // a name declared in the enclosing block (`rate Technik`: an area of the matrix)
    case scoreList                 // plain numbers or `-` (not given), separated by commas
    case nodePath                  // `Process.Step`: a step of a process
    case refPath(DeclKinds)        // a name, or `Name.Part`: a part declared inside it (`in ZOV.EF3`: a field of a programme)
    case rest                      // anything (v2 statements, parsed but not yet evaluated)

    /// The slot takes a comma-separated list (the bound argument and those after `,`).
    public var isList: Bool {
        switch self {
        case .refList, .scoreList: true
        default: false
        }
    }

    /// Words for messages: what is expected here.
    public var expected: String {
        switch self {
        case .declName: "a name"
        case .title: "a title string"
        case .text: "a string"
        case .quantity(let d): d.expected
        case .year: "a year (e.g. `2024`)"
        case .count: "a number"
        case .rating: "a number"
        case .date: "a date (YYYY-MM-DD)"
        case .dateRange: "a period `YYYY-MM-DD..YYYY-MM-DD`"
        case .datedFrom: "`from` and a date (YYYY-MM-DD)"
        case .optionalValue(let w, let d): "`\(w)` and \(d.expected)"
        case .word(let w): "`\(w)`"
        case .optionalPhrase(let ws): "`\(ws.joined(separator: " "))`"
        case .choice(let ws): "one of " + ws.map { "`\($0)`" }.joined(separator: ", ")
        case .ref(let k): "the name of \(k.phrase)"
        case .refList(let k): "names of \(k.phrase)"
        case .target: "a step or decision of this process, or `end`"
        case .arrowTarget: "`->` and a step or decision of this process, or `end`"
        case .range: "a range `a..b`"
        case .localName(let what): "the name of \(what)"
        case .scoreList: "numbers or `-` separated by commas"
        case .nodePath: "a step of a process, written `Process.Step`"
        case .refPath(let k): "the name of \(k.phrase), or `Programme.Field`"
        case .rest: "arguments"
        }
    }
}

/// One entry of the keyword table. A class: entries are shared, never copied, so that
/// looking one up per statement costs one reference count, not a copy of every field.
public final class KeywordSpec: Sendable {
    public let keyword: Keyword
    public let contexts: [BlockContext]
    public let args: [ArgSlot]
    /// The block this statement may open, if any.
    public let opens: BlockContext?
    /// The statement is written only with its block (`dna { … }`).
    public let requiresBlock: Bool
    /// For declarations: the kind of name declared.
    public let declares: DeclKinds?
    /// At most once per block.
    public let unique: Bool
    /// Part of docs/language.md, v2 statements (v2): parsed and name-checked, not yet computed.
    public let isV2: Bool
    /// Its quantity may be written as a range `a..b` or `a..m..b` (uncertain estimates:
    /// a step's `time`, a process's `volume`); elsewhere a range is E903.
    public let rangeAllowed: Bool
    /// Some argument is a quantity (so a word after a number may be a misspelt unit).
    public let takesQuantity: Bool
    /// The code reported when a `.choice` argument is a word outside its list
    /// (`from bogus` names no measured criterion: E601).
    public let wrongWordCode: DiagnosticCode
    public let doc: String
    /// A short example for completion and docs.
    public let example: String

    /// The keyword as written.
    public var word: String { keyword.rawValue }

    init(_ keyword: Keyword, in contexts: [BlockContext], _ args: [ArgSlot] = [], opens: BlockContext? = nil,
         requiresBlock: Bool = false, declares: DeclKinds? = nil, unique: Bool = false, v2: Bool = false,
         rangeAllowed: Bool = false, wrongWordCode: DiagnosticCode = .wrongArgument, example: String = "", _ doc: String) {
        self.rangeAllowed = rangeAllowed
        self.keyword = keyword
        self.contexts = contexts
        self.args = args
        self.opens = opens
        self.requiresBlock = requiresBlock
        self.declares = declares
        self.unique = unique
        self.isV2 = v2
        self.wrongWordCode = wrongWordCode
        self.takesQuantity = args.contains { if case .quantity = $0.form { true } else { false } }
        self.doc = doc
        self.example = example.isEmpty ? keyword.rawValue : example
    }

    /// Position of the slot with `role` in `args`, if the keyword has one.
    public func slotIndex(_ role: ArgRole) -> Int? {
        args.firstIndex { $0.role == role }
    }
}

/// Index of an entry in `Keywords.all`.
public typealias KeywordID = Int32

public enum Keywords {
    /// The words of `source …`.
    public static let sources = TimeSource.allCases.map(\.rawValue)

    /// The word that stands for the end of a process where a step or decision is
    /// expected (`next end`, `branch "nein" 20 % -> end`).
    public static let endTarget = "end"

    public static let all: [KeywordSpec] = [
        // Top level declarations
        KeywordSpec(.model, in: [.file], [.name, .title], opens: .model, unique: true,
                    example: "model Name \"Title\" { … }", "Model settings: year, working time, allowance and cost parameters. At most one per model."),
        KeywordSpec(.grade, in: [.file], [.name, .title], opens: .grade, declares: .grade,
                    example: "grade E9b \"Entgeltgruppe 9b TVöD\" { cost 71_600 EUR }", "A pay grade (Entgelt-/Besoldungsgruppe) with its annual personnel cost per fte."),
        KeywordSpec(.unit, in: [.file, .unit], [.name, .title], opens: .unit, declares: .unit,
                    example: "unit Amt10 \"Haupt- und Personalamt\" { … }", "An organisational unit (Dezernat, Amt, Sachgebiet …). Placed by nesting or by `in Parent`."),
        KeywordSpec(.position, in: [.file, .unit], [.name, .title], opens: .position, declares: .position,
                    example: "position SB \"Sachbearbeitung\" { grade E9b; planned 2 fte }", "A position (Stelle) in the Stellenplan, measured in fte."),
        KeywordSpec(.actor, in: [.file], [.name, .title], opens: .actor, declares: .actor,
                    example: "actor Buerger \"Bürgerinnen und Bürger\" { external }", "A party whose work is not staffed from the model (citizens, boards, other authorities). Counts in lead time only."),
        KeywordSpec(.system, in: [.file], [.name, .title], opens: .system, declares: .system,
                    example: "system DMS \"enaio DMS\"", "An IT system (Fachverfahren) doing automated work. Counts in lead time only."),
        KeywordSpec(.process, in: [.file], [.name, .title], opens: .process, declares: .process,
                    example: "process Name \"Title\" { owner Unit; volume 100 /year … }", "A business process (Geschäftsprozess) with its case volume and steps."),
        KeywordSpec(.dna, in: [.file], [], opens: .dnaDefinition, requiresBlock: true,
                    example: "dna { criterion volume \"Fallzahl\" { weight 3; from volume } }", "Declares Prozess-DNA criteria used to rank processes."),
        KeywordSpec(.measure, in: [.file], [.name, .title], opens: .measure, declares: .measure, v2: true,
                    example: "measure EAkte \"E-Akte\" { requires DMS; cost 40_000 EUR; change Meldung.Erfassen time -50 % }",
                    "A planned measure: changes to the model with an owner, one-off cost and running cost. Applied by scenarios; its effect and payback are computed per scenario."),
        KeywordSpec(.scenario, in: [.file], [.name, .title], opens: .scenario, declares: .scenario, v2: true,
                    example: "scenario Soll2026 \"Soll 2026\" { change Meldung volume +10 %; apply EAkte }",
                    "A what-if: the model with its changes and applied measures in the order written. The base model is never altered; reports, ranks and graphs can be produced for it (`--scenario`)."),
        KeywordSpec(.target, in: [.file], [.name, .title], opens: .target, declares: .target, v2: true,
                    example: "target Spar \"Einsparziel\" { save 5 fte; across Dez1; potential Soll2026 }",
                    "A consolidation target: a saving in fte or EUR/year distributed across units, across the board and by potential (planned above need), side by side."),
        KeywordSpec(.kpi, in: [.file], [.name, .title], opens: .kpi, declares: .kpi, v2: true,
                    example: "kpi Bewertungen \"Stellenbewertungen je Jahr\" { owner SGOrga; better higher; plan 25; actual 2022 80 }",
                    "A key performance indicator (Kennzahl): a plan per year (dated plans allowed) against actual values per year; achievement per year = actual ÷ plan (`better higher`) or plan ÷ actual (`better lower`)."),

        // Model settings
        KeywordSpec(.year, in: [.model], [.value(.year)], unique: true, example: "year 2024", "The year the model describes (used for kw checks)."),
        KeywordSpec(.worktime, in: [.model, .unit, .position], [.value(.quantity(.annualHours))], unique: true, example: "worktime 1590 h",
                    "Net annual working time of 1 fte (Jahresarbeitszeit, JAZ). Required wherever there is workload; the nearest enclosing setting wins."),
        KeywordSpec(.allowance, in: [.model, .unit, .position], [.value(.quantity(.share)), ArgSlot(.ofWorktime, .optionalPhrase(["of", "worktime"]))], unique: true,
                    example: "allowance 10 %", "Verteilzeit: a surcharge on processing time (`allowance 10 %`) or, with `of worktime`, a deduction from the working time. Default 0 %."),
        KeywordSpec(.workdays, in: [.model], [.value(.count)], unique: true, example: "workdays 228", "Working days per year; needed to convert `/day` rates."),
        KeywordSpec(.overhead, in: [.model], [.value(.quantity(.share))], unique: true, example: "overhead 20 %", "Overhead surcharge (Gemeinkosten) on personnel cost. Default 0 %."),
        KeywordSpec(.workplace, in: [.model], [.value(.quantity(.money))], unique: true, example: "workplace 12_365 EUR", "Material cost per fte and year (Sachkosten). Default 0."),
        KeywordSpec(.leadership, in: [.model], [.value(.quantity(.share))], unique: true, example: "leadership 6 %", "Leadership share of a unit head's time per fte led directly. Default 0 %."),
        KeywordSpec(.asof, in: [.model], [.value(.date)], unique: true, v2: true, example: "asof 2023-06-30",
                    "The status date (Stichtag): milestones and projects open before it are overdue; hovers show dated values as they stand on it."),
        KeywordSpec(.ramp, in: [.model, .unit, .position], [.value(.quantity(.calendarTime)), ArgSlot(.start, .optionalValue("start", .share))], unique: true, v2: true,
                    example: "ramp 6 mo start 20 %",
                    "Ramp-up of new staff: each increase of `filled` counts from the start share (default 0 %) on its date, linearly to 100 % after the duration (months are 30 days). The nearest `ramp` (position, unit, model) wins whole. Effective capacity = filled minus what is still ramping up."),
        KeywordSpec(.rounding, in: [.model], [.value(.quantity(.capacity))], unique: true, example: "rounding 0.25 fte", "Proposals are rounded up to this step. Default 0.01 fte."),

        // Grades
        KeywordSpec(.cost, in: [.grade], [.value(.quantity(.money))], unique: true, example: "cost 71_600 EUR", "Annual personnel cost per fte of this grade."),
        KeywordSpec(.cost, in: [.measure], [.value(.quantity(.money))], unique: true, v2: true, example: "cost 40_000 EUR", "One-off investment of the measure (default 0 EUR: write it when known)."),
        KeywordSpec(.running, in: [.measure], [.value(.quantity(.moneyRate))], unique: true, v2: true, example: "running 5_000 EUR /year", "Running cost of the measure per year (default 0 EUR /year); subtracted from its annual saving."),
        KeywordSpec(.owner, in: [.measure], [.value(.ref([.unit, .position]))], unique: true, v2: true, example: "owner SGDigi", "The unit or position responsible for the measure (optional)."),

        // Units
        KeywordSpec(.kind, in: [.unit], [.value(.text)], unique: true, example: "kind \"Amt\"", "Free-text level name (Dezernat, Amt, Sachgebiet …)."),
        KeywordSpec(.code, in: [.unit], [.value(.text)], unique: true, example: "code \"10\"", "Free-text organisation code."),
        KeywordSpec(.head, in: [.unit], [.value(.ref(.position))], unique: true, example: "head AL10", "The position that leads this unit (for the leadership share)."),
        KeywordSpec(.in, in: [.unit], [.value(.ref(.unit))], unique: true, example: "in Dez1", "Places this unit in a parent unit declared elsewhere."),
        KeywordSpec(.in, in: [.position], [.value(.ref(.unit))], unique: true, example: "in SGOrga", "Places this position in a unit declared elsewhere."),

        // Positions
        KeywordSpec(.grade, in: [.position], [.value(.ref(.grade))], unique: true, example: "grade E11", "The pay grade of this position (for costs)."),
        KeywordSpec(.planned, in: [.position], [.value(.quantity(.capacity)), ArgSlot(.from, .datedFrom)], example: "planned 6 fte from 2022-01-01",
                    "Budgeted fte (Stellenplan, Soll). Default 0 fte. Repeat it with `from DATE` for a value that changes on that date; the undated value (at most one) holds before the first date, 0 fte when there is none."),
        KeywordSpec(.filled, in: [.position], [.value(.quantity(.capacity)), ArgSlot(.from, .datedFrom)], example: "filled 4 fte from 2022-09-01",
                    "Staffed fte (Ist, besetzt). Default 0 fte. Repeat it with `from DATE` for a value that changes on that date; the undated value (at most one) holds before the first date, 0 fte when there is none. An increase ramps up under `ramp`."),
        KeywordSpec(.kw, in: [.position], [.value(.year)], unique: true, example: "kw 2027", "kw-Vermerk: the position is to be removed from this year on."),
        KeywordSpec(.freeze, in: [.position], [ArgSlot(.word, .word("until")), .value(.date)], unique: true, example: "freeze until 2022-03-02", "Hiring freeze (Besetzungssperre) until a date."),
        KeywordSpec(.effort, in: [.position], [ArgSlot(.label, .text), .value(.quantity(.capacityOrEffortRate))], example: "effort \"Gremienarbeit\" 80 h /year",
                    "Workload outside processes (pauschal), as fte or hours per year/month/week."),
        KeywordSpec(.coverage, in: [.position], [.value(.quantity(.coverage))], unique: true, example: "coverage 35 h /week",
                    "Hours per week the post must be staffed (Arbeitsplatzmethode): h/week × 52 ÷ worktime."),

        // Actors
        KeywordSpec(.external, in: [.actor], [], unique: true, example: "external", "The actor is outside the organisation."),

        // Processes
        KeywordSpec(.owner, in: [.process], [.value(.ref(.unit))], unique: true, example: "owner SGOrga", "The unit responsible for the process."),
        KeywordSpec(.owner, in: [.kpi], [.value(.ref(.unit))], unique: true, v2: true, example: "owner SGOrga", "The unit responsible for the kpi (optional)."),
        KeywordSpec(.volume, in: [.process], [.value(.quantity(.caseRate)), ArgSlot(.from, .datedFrom)], rangeAllowed: true, example: "volume 1_200 /year",
                    "Cases per year (Fallzahl); `/month` ×12, `/week` ×52, `/day` × workdays. An uncertain volume is a range: `volume 2_000..2_600 /year` (uniform) or `volume 2_000..2_300..2_600 /year` (PERT)."),
        KeywordSpec(.source, in: [.process], [.value(.choice(sources))], unique: true, example: "source timing",
                    "How the times were obtained: estimate, selfreport, timing, mma (multi-moment analysis) or keyfigure."),
        KeywordSpec(.trigger, in: [.process], [.value(.text)], unique: true, example: "trigger \"Antrag\"", "What starts a case."),
        KeywordSpec(.result, in: [.process], [.value(.text)], unique: true, example: "result \"Bescheid\"", "What a case produces."),
        KeywordSpec(.step, in: [.process], [.name, .title], opens: .step, declares: .node,
                    example: "step Name \"Title\" { by SB; time 15 min }", "A step of the process. Continues to the next node in source order unless `next` says otherwise."),
        KeywordSpec(.decide, in: [.process], [.name, .title], opens: .decide, declares: .node,
                    example: "decide Name \"Question?\" { branch \"ja\" 80 % -> A; branch \"nein\" 20 % -> B }", "A decision: the case continues through one of its branches."),
        KeywordSpec(.dna, in: [.process], [], opens: .dnaRatings, requiresBlock: true, unique: true, example: "dna { legal 1; maturity 3 }",
                    "Ratings of this process on the rated Prozess-DNA criteria."),

        // Steps
        KeywordSpec(.by, in: [.step], [.value(.ref(.performer))], unique: true, example: "by SB",
                    "Who performs the step: a position, a unit, an actor or a system."),
        KeywordSpec(.time, in: [.step], [.value(.quantity(.effortTime))], unique: true, rangeAllowed: true, example: "time 15 min",
                    "Processing time per execution (Bearbeitungszeit, basic time). An estimated time may be a range: `time 10..20 min` (uniform) or `time 20..30..60 min` (optimistic..likely..pessimistic, PERT)."),
        KeywordSpec(.wait, in: [.step], [.value(.quantity(.calendarTime))], unique: true, example: "wait 3 d",
                    "Waiting time before the step completes (Liegezeit); counts in lead time only."),
        KeywordSpec(.share, in: [.step], [.value(.quantity(.share))], unique: true, example: "share 30 %",
                    "The step is done in only this share of the cases that reach it; flow continues unchanged."),
        KeywordSpec(.mediaBreak, in: [.step], [], unique: true, example: "media_break", "The step involves a change of medium (Medienbruch)."),
        KeywordSpec(.system, in: [.step], [.value(.ref(.system))], example: "system DMS", "An IT system used in the step."),
        KeywordSpec(.next, in: [.step], [ArgSlot(.target, .target)], unique: true, example: "next Pruefen",
                    "The node that follows this step (instead of the next in source order), or `end`."),
        KeywordSpec(.call, in: [.step], [.value(.ref(.process))], unique: true, example: "call Zahlung",
                    "Runs another process once per execution; its work counts with this process's cases."),

        // Decisions
        KeywordSpec(.branch, in: [.decide], [.title, ArgSlot(.share, .quantity(.share)), ArgSlot(.target, .arrowTarget)], example: "branch \"ja\" 80 % -> Bewertung",
                    "One way out of the decision with its share of cases; shares add up to 100 %."),

        // Prozess-DNA
        KeywordSpec(.criterion, in: [.dnaDefinition], [.name, .title], opens: .criterion, declares: .criterion,
                    example: "criterion legal \"Rechtliche Pflicht\" { weight 2; scale 0..1 }", "A Prozess-DNA criterion, measured (`from`) or rated (`scale`)."),
        KeywordSpec(.weight, in: [.criterion], [.value(.count)], unique: true, example: "weight 3", "Weight of the criterion in the score."),
        KeywordSpec(.from, in: [.criterion], [.value(.choice(MeasuredCriterion.allCases.map(\.rawValue)))], unique: true, wrongWordCode: .unknownCriterion, example: "from volume",
                    "The criterion is measured by orgc: volume, hours, fte, media_breaks, handoffs, steps, leadtime or digital."),
        KeywordSpec(.scale, in: [.criterion], [.value(.range)], unique: true, example: "scale 0..4", "The criterion is rated by analysts on this scale."),
        KeywordSpec(.rating, in: [.dnaRatings], [.value(.rating)], unique: true, example: "legal 1", "A rating of this process on a rated criterion."),

        // v2: measures, scenarios, targets, kpis
        KeywordSpec(.requires, in: [.measure], [.value(.refList(.measure))], v2: true, example: "requires DMSRollout", "Measures that must be applied before this one in every scenario that applies it."),
        KeywordSpec(.change, in: [.measure, .scenario], [.value(.rest)], v2: true, example: "change Meldung.Erfassen time -50 %",
                    "`change TARGET PROPERTY [VALUE]`: a change to the model. An unsigned quantity sets the value, a signed one adds to it, a signed percentage scales it; a step's `time` and a process's `volume` can be set to a range (`time 10..20 min`), and adding or scaling moves every bound of a range; `skip`, `branch \"label\"`, `effort \"label\"`, `by`, `grade`, `model` settings."),
        KeywordSpec(.apply, in: [.scenario], [.value(.refList(.measure))], v2: true, example: "apply EAkte", "Applies measures at this point of the scenario, in the order written (each at most once, after the measures it requires)."),
        KeywordSpec(.save, in: [.target], [.value(.quantity(.capacityOrMoneyRate))], unique: true, v2: true, example: "save 5 fte", "The saving to reach: fte (`save 5 fte`) or EUR per year (`save 300_000 EUR /year`)."),
        KeywordSpec(.across, in: [.target], [.value(.refList(.unit))], unique: true, v2: true, example: "across Dez1, Dez2", "Units whose sub-trees the target is distributed across (sub-trees must not overlap)."),
        KeywordSpec(.potential, in: [.target], [.value(.ref(.scenario))], unique: true, v2: true, example: "potential Soll2026",
                    "The scenario whose need defines each unit's potential (planned − need); without it, the base model."),
        KeywordSpec(.plan, in: [.kpi], [.value(.count), ArgSlot(.from, .datedFrom)], v2: true, example: "plan 25",
                    "The planned value of the kpi per year (a plain number). Repeat it with `from DATE` for a plan that changes (`plan 30 from 2024-01-01`): the plan of a year is the day-weighted average of the plans in force in it. Required."),
        KeywordSpec(.actual, in: [.kpi], [ArgSlot(.year, .year), .value(.count)], v2: true, example: "actual 2023 50",
                    "The actual value of the kpi in a year (at most one per year); the years with an actual are the years the report evaluates."),
        KeywordSpec(.better, in: [.kpi], [.value(.choice(["higher", "lower"]))], unique: true, v2: true, example: "better higher",
                    "Which direction is good: `higher` (achievement = actual ÷ plan) or `lower` (plan ÷ actual). Required."),
        KeywordSpec(.process, in: [.kpi], [.value(.ref(.process))], unique: true, v2: true, example: "process Stellenbewertung",
                    "The process that does the work the kpi counts (optional); with `tolerance` its volume is compared with the actuals."),
        KeywordSpec(.tolerance, in: [.kpi], [.value(.quantity(.share))], unique: true, v2: true, example: "tolerance 20 %",
                    "With `process`: warn when the process's average volume in the model year differs from that year's actual by more than this share of the actual."),

        // v2: pools and deployments
        KeywordSpec(.pool, in: [.unit], [], unique: true, v2: true, example: "pool",
                    "The unit's positions form a capacity pool: its `deploy` statements lend their capacity to other units."),
        KeywordSpec(.deploy, in: [.unit], [.name, .title], opens: .deployment, requiresBlock: true, declares: .deployment, v2: true,
                    example: "deploy Rueckstau \"Rückstau Ausweise\" { to Buergeramt; fte 1.5; period 2025-01-01..2025-06-30 }",
                    "A deployment of capacity from this pool unit to another unit for a period (both ends inclusive)."),
        KeywordSpec(.to, in: [.deployment], [.value(.ref([.unit, .project]))], unique: true, v2: true, example: "to Buergeramt",
                    "The unit or project that receives the deployed capacity. Required. A project's deployments show in its row of the portfolio section."),
        KeywordSpec(.fte, in: [.deployment], [.value(.count)], unique: true, v2: true, example: "fte 1.5",
                    "The capacity deployed on each day of the period, in fte (or `hours`; one of the two is required)."),
        KeywordSpec(.hours, in: [.deployment], [.value(.quantity(.annualHours))], unique: true, v2: true, example: "hours 400 h",
                    "The hours deployed over the whole period: H ÷ (worktime × D ÷ Y) fte on each of its D days, with the pool unit's worktime and Y the days of the calendar year (365 or 366)."),
        KeywordSpec(.period, in: [.deployment], [.value(.dateRange)], unique: true, v2: true, example: "period 2025-01-01..2025-06-30",
                    "The days of the deployment, both ends inclusive. Required."),
    ] + assessmentKeywords + portfolioKeywords

    /// Programmes, projects and milestones (docs/language.md, Programmes).
    static let portfolioKeywords: [KeywordSpec] = [
        KeywordSpec(.programme, in: [.file], [.name, .title], opens: .programme, declares: .programme, v2: true,
                    example: "programme ZOV \"Zukunftsorientierte Verwaltung\" { owner Lenkung; period 2015-01-01..2019-12-31; budget 40_000_000 EUR }",
                    "A programme (masterplan) with an owner, a period, a budget, fields of action and optionally the scenario whose savings its projects' measures bring."),
        KeywordSpec(.project, in: [.file], [.name, .title], opens: .project, declares: .project, v2: true,
                    example: "project EAkte \"Einführung E-Akte\" { in ZOV.EF3; owner SKF; period 2017-01-01..2019-06-30; status running }",
                    "A project of a programme: owner, period, status, budget, the projects it depends on, the measures it delivers and its milestones."),
        KeywordSpec(.owner, in: [.programme, .field, .project], [.value(.ref([.unit, .position, .actor]))], unique: true, v2: true,
                    example: "owner Lenkungsgruppe", "Who is responsible: a unit, a position or an actor. Required for a project."),
        KeywordSpec(.period, in: [.programme, .project], [.value(.dateRange)], unique: true, v2: true,
                    example: "period 2017-01-01..2019-06-30", "The period from the first to the last day (both inclusive). Required for a project."),
        KeywordSpec(.budget, in: [.programme, .project], [.value(.quantity(.money))], unique: true, v2: true,
                    example: "budget 1_200_000 EUR", "The budget over the whole period. A field's budget is the sum of its projects'."),
        KeywordSpec(.field, in: [.programme], [.name, .title], opens: .field, v2: true,
                    example: "field EF3 \"Digitale Verwaltung\" { owner Koordination }", "A field of action (Handlungsfeld) of the programme; projects name it as `Programme.Field`."),
        KeywordSpec(.scenario, in: [.programme], [.value(.ref(.scenario))], unique: true, v2: true,
                    example: "scenario Masterplan", "The scenario in which the savings of the measures that the programme's projects deliver are computed."),
        KeywordSpec(.in, in: [.project], [.value(.refPath(.programme))], unique: true, v2: true,
                    example: "in ZOV.EF3", "The programme, or one of its fields (`Programme.Field`), the project belongs to. Required."),
        KeywordSpec(.status, in: [.project], [.value(.choice(["planned", "running", "done", "stopped"]))], unique: true, v2: true,
                    example: "status running", "planned, running, done or stopped. Required."),
        KeywordSpec(.depends, in: [.project], [.value(.refList(.project))], v2: true,
                    example: "depends Infrastruktur", "Projects that must end before this one starts."),
        KeywordSpec(.delivers, in: [.project], [.value(.refList(.measure))], v2: true,
                    example: "delivers EAkte", "Measures the project brings about; their savings count for the project in the programme's scenario."),
        KeywordSpec(.milestone, in: [.project], [.name, .title], opens: .milestone, v2: true,
                    example: "milestone Pilot \"Pilotbetrieb\" { date 2017-10-01; done }", "A milestone of the project with its date and whether it is reached."),
        KeywordSpec(.date, in: [.milestone], [.value(.date)], unique: true, v2: true, example: "date 2017-10-01", "The milestone's date. Required."),
        KeywordSpec(.done, in: [.milestone], [], unique: true, v2: true, example: "done", "The milestone is reached."),
    ]

    /// Assessments: the maturity matrix and responsibility charts (RACI, Funktionendiagramm).
    static let assessmentKeywords: [KeywordSpec] = [
        KeywordSpec(.matrix, in: [.file], [.name, .title], opens: .matrix, requiresBlock: true,
                    example: "matrix Reife \"4×4-Matrix der Digitalisierung\" { scale 1..4; area Technik; aspect passt; rating AL { rate Technik 2 } }",
                    "A maturity matrix: areas × aspects, rated by units, positions or actors on a scale, with an optional target profile."),
        KeywordSpec(.scale, in: [.matrix], [.value(.range)], unique: true, example: "scale 1..4", "The scale every rating of the matrix lies on. Required."),
        KeywordSpec(.area, in: [.matrix], [.name, .title], example: "area Technik \"Technik/Technologie\"", "A design area of the matrix (a row)."),
        KeywordSpec(.aspect, in: [.matrix], [.name, .title], example: "aspect passt", "A criterion of the matrix (a column); `rate` gives values in the order the aspects are declared."),
        KeywordSpec(.matrixRating, in: [.matrix], [.name], opens: .matrixRating, requiresBlock: true,
                    example: "rating Amtsleitung { rate Technik 2, 3, 1, 2 }",
                    "The ratings of one rater (a unit, position or actor), or with `target` a target profile whose name is a free label."),
        KeywordSpec(.target, in: [.matrixRating], [], unique: true, example: "target", "This rating is the target profile (Soll): gaps are target − index. Its name is a label, not a rater."),
        KeywordSpec(.rate, in: [.matrixRating], [ArgSlot(.area, .localName("an area of this matrix")), ArgSlot(.values, .scoreList)],
                    example: "rate Technik 2, 3, -, 2",
                    "The values one rater gives an area: one per declared aspect, in their order; `-` marks a value not given."),
        KeywordSpec(.raci, in: [.file], [.name, .title], opens: .raci, requiresBlock: true,
                    example: "raci Personalgewinnung \"Funktionendiagramm\" { task Ausschreibung { R SB; A AL10 } }",
                    "A responsibility chart (RACI, Funktionendiagramm): tasks × parties."),
        KeywordSpec(.task, in: [.raci], [.name, .title], opens: .task, example: "task Ausschreibung \"Stelle ausschreiben\" { R SB; A AL10; C Personalrat }",
                    "A task of the chart with its responsible, accountable, consulted and informed parties."),
        KeywordSpec(.responsible, in: [.task], [.value(.refList(.performer))], example: "R SB_Personal, Fachamt",
                    "Responsible (does the work): units, positions, actors or systems. At least one per task."),
        KeywordSpec(.accountable, in: [.task], [.value(.refList(.performer))], example: "A AL10",
                    "Accountable (decides, answers for the result): exactly one party per task."),
        KeywordSpec(.consulted, in: [.task], [.value(.refList(.performer))], example: "C Personalrat", "Consulted before the work is done."),
        KeywordSpec(.informed, in: [.task], [.value(.refList(.performer))], example: "I Gleichstellung", "Informed of the result."),
        KeywordSpec(.step, in: [.task], [.value(.nodePath)], unique: true, example: "step Einstellung.Auswahl",
                    "The process step this task is: the step's performer must be among the task's R."),
    ]

    private static let index: [String: [KeywordID]] = {
        var map: [String: [KeywordID]] = [:]
        for (i, spec) in all.enumerated() { map[spec.word, default: []].append(KeywordID(i)) }
        return map
    }()

    /// The entry for `keyword` in `context`, if it is allowed there.
    public static func lookup(_ keyword: String, in context: BlockContext) -> KeywordID? {
        if context == .dnaRatings { return index[Keyword.rating.rawValue]?.first }
        guard let ids = index[keyword] else { return nil }
        for id in ids where all[Int(id)].contexts.contains(context) { return id }
        return nil
    }

    /// Keywords allowed in `context`, in table order.
    public static func allowed(in context: BlockContext) -> [KeywordSpec] {
        all.filter { $0.contexts.contains(context) && $0.keyword != .rating }
    }

    /// Contexts in which `keyword` exists at all (for "belongs in a step" hints).
    public static func contexts(of keyword: String) -> [BlockContext] {
        (index[keyword] ?? []).flatMap { all[Int($0)].contexts }
    }

    public static func spec(_ id: KeywordID) -> KeywordSpec { all[Int(id)] }

    /// `spec(id).takesQuantity` without touching the entry (the parser asks per statement).
    static func takesQuantity(_ id: KeywordID) -> Bool { quantityTaking[Int(id)] }
    private static let quantityTaking: [Bool] = all.map(\.takesQuantity)

    /// `spec(id).keyword` from a flat table: reading the entry (a class) cost a retain
    /// and a release per statement in the model builder's loops.
    @inlinable
    public static func keyword(_ id: KeywordID) -> Keyword { keywords[Int(id)] }
    @usableFromInline static let keywords: [Keyword] = all.map(\.keyword)

    /// `spec(id).declares` from a flat table.
    public static func declares(_ id: KeywordID) -> DeclKinds? { declaredKinds[Int(id)] }
    private static let declaredKinds: [DeclKinds?] = all.map(\.declares)

    /// `spec(id).unique` from a flat table (`checkUnique` asks per statement).
    public static func isUnique(_ id: KeywordID) -> Bool { uniqueKeywords[Int(id)] }
    private static let uniqueKeywords: [Bool] = all.map(\.unique)

    /// `spec(id).slotIndex(role)` from a flat table (no search of the slots, no reference count).
    @inlinable
    static func slotIndex(_ id: KeywordID, _ role: ArgRole) -> Int? {
        let i = slotIndices[Int(id) * roleCount + role.rawValue]
        return i >= 0 ? Int(i) : nil
    }
    @usableFromInline static let roleCount = ArgRole.allCases.count
    /// Per keyword, per role (in `ArgRole` order): the slot index, or -1.
    @usableFromInline static let slotIndices: [Int8] = all.flatMap { spec in
        ArgRole.allCases.map { role in Int8(spec.slotIndex(role) ?? -1) }
    }

    /// The keyword of `context` that an unknown `word` most likely meant (the parser's
    /// "did you mean"); nil when the word is a keyword of other blocks or nothing is close.
    public static func suggestion(for word: String, in context: BlockContext) -> String? {
        guard context != .unknown, contexts(of: word).isEmpty else { return nil }
        return Suggestions.best(for: word, among: allowed(in: context).map(\.word))
    }

    /// The keyword an unknown word most likely meant in `context` (`tiem` → `.time`).
    public static func probableKeyword(for word: String, in context: BlockContext) -> Keyword? {
        suggestion(for: word, in: context).flatMap { Keyword(rawValue: $0) }
    }

    /// Every keyword word, for the grammar test and docs.
    public static var words: [String] {
        var seen = Set<String>()
        return all.compactMap { seen.insert($0.word).inserted && $0.keyword != .rating ? $0.word : nil }
    }

    /// Literal words that are part of statement shapes.
    public static let shapeWords = ["of", "until", endTarget, "off"]
}
