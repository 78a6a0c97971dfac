/// Every keyword of Orga: one case per word of the table `Keywords.all` (a unit test
/// checks that the two list the same words). Code compares keywords by case, never by
/// spelling; the raw value is the word as written in a model.
public enum Keyword: String, CaseIterable, Sendable, CustomStringConvertible {
    // Top level declarations
    case model, grade, unit, position, actor, system, process, dna
    case measure, scenario, target, kpi
    // Model settings
    case year, worktime, allowance, workdays, overhead, workplace, leadership, rounding
    // Grades, units, positions, actors
    case cost, kind, code, head, `in`, planned, filled, kw, freeze, effort, coverage, external
    // Processes, steps, decisions
    case owner, volume, source, trigger, result, step, decide
    case by, time, wait, share, mediaBreak = "media_break", next, call, branch
    // Prozess-DNA
    case criterion, weight, from, scale
    /// Wildcard of a process's `dna { }` block: any criterion name rates that criterion.
    case rating = "<criterion>"
    // v2: measures, scenarios, targets, kpis
    case requires, change, apply, save, across, plan, actual
    case better, tolerance
    // v2: pools and deployments (docs/language.md, KPIs, pools and deployments)
    case pool, deploy, to, fte, hours
    case running, potential
    // v2: time (docs/language.md, Time)
    case asof, ramp
    // v2: programmes, projects and milestones (docs/language.md, Programmes); `owner`,
    // `in` and `scenario` are reused in their blocks
    case programme, field, project, period, budget, status, depends, delivers, milestone, date, done

    // Assessments: maturity matrices and responsibility charts (`scale`, `target` and
    // `step` are reused in their blocks)
    case matrix, area, aspect, rate, raci, task
    /// `rating RATER { … }` in a matrix (`rating` alone is the DNA wildcard above).
    case matrixRating = "rating"
    case responsible = "R", accountable = "A", consulted = "C", informed = "I"

    /// The word as written (so that interpolating a keyword into a message spells it right).
    public var description: String { rawValue }
}

/// What an argument slot of a keyword holds. Statements are read by role
/// (`tree.arg(branch, .share)`), never by slot position.
public enum ArgRole: Int, Sendable, Hashable, CaseIterable {
    /// The name a declaration declares.
    case name
    /// The optional display title of a declaration or a branch.
    case title
    /// The one value of a setting (`volume 1_200 /year` → the quantity).
    case value
    /// The label of an `effort`.
    case label
    /// The share of a `branch`.
    case share
    /// The node a `branch` or `next` leads to (or `end`).
    case target
    /// A literal word of the statement's shape (`until` of `freeze until …`).
    case word
    /// `of worktime` after an `allowance`: the allowance is a deduction.
    case ofWorktime
    /// The area a `rate` gives values for.
    case area
    /// The values of a `rate`.
    case values
    /// The date of a dated value (`planned 6 fte from 2022-01-01`); absent when undated.
    case from
    /// The year of a kpi's `actual`.
    case year
    /// The start share of a `ramp` (`ramp 6 mo start 20 %`); absent: 0 %.
    case start
}

/// One argument slot of a keyword: what it means (`role`) and how it is written (`form`).
public struct ArgSlot: Sendable {
    public let role: ArgRole
    public let form: ArgSpec

    public init(_ role: ArgRole, _ form: ArgSpec) {
        self.role = role
        self.form = form
    }

    /// The declared name of a declaration.
    public static let name = ArgSlot(.name, .declName)
    /// The optional title string of a declaration.
    public static let title = ArgSlot(.title, .title)
    /// The one value of a setting.
    public static func value(_ form: ArgSpec) -> ArgSlot { ArgSlot(.value, form) }
}

/// The measures orgc computes for `criterion … { from X }`.
public enum MeasuredCriterion: String, CaseIterable, Sendable {
    case volume, hours, fte, mediaBreaks = "media_breaks", handoffs, steps, leadtime, digital

    public var doc: String {
        switch self {
        case .volume: "cases per year, including cases from calls"
        case .hours: "staff hours per year (basic time)"
        case .fte: "staff need bound by the process (fte)"
        case .mediaBreaks: "expected media breaks per case"
        case .handoffs: "expected changes of performing unit per case"
        case .steps: "expected steps per case"
        case .leadtime: "expected lead time per case in days"
        case .digital: "1 − expected share of steps done by systems"
        }
    }

    /// As a reader of a report or graph says it (`media_breaks` → "Medienbrüche je Fall").
    public func readerTerm(german: Bool) -> String {
        switch self {
        case .volume: german ? "Fallzahl je Jahr" : "cases per year"
        case .hours: german ? "Arbeitsstunden je Jahr" : "staff hours per year"
        case .fte: german ? "gebundene VZÄ" : "fte bound"
        case .mediaBreaks: german ? "Medienbrüche je Fall" : "media breaks per case"
        case .handoffs: german ? "Übergaben je Fall" : "handoffs per case"
        case .steps: german ? "Schritte je Fall" : "steps per case"
        case .leadtime: german ? "Durchlaufzeit" : "lead time"
        case .digital: german ? "Anteil der Schritte ohne System" : "share of steps not done by a system"
        }
    }
}

/// How the times of a process were obtained (`source timing`).
public enum TimeSource: String, CaseIterable, Sendable {
    case estimate, selfreport, timing, mma, keyfigure

    public var doc: String {
        switch self {
        case .estimate: "Times are estimates."
        case .selfreport: "Times were reported by the staff themselves (they already contain Verteilzeit: no `allowance`)."
        case .timing: "Times were measured (Zeitaufnahme)."
        case .mma: "Times come from a multi-moment analysis (Multimomentaufnahme)."
        case .keyfigure: "Times come from key figures (Kennzahlen) of comparable organisations."
        }
    }

    /// As a reader of a report or graph says it (`timing` → "Zeitmessung").
    public func readerTerm(german: Bool) -> String {
        switch self {
        case .estimate: german ? "Schätzung" : "estimate"
        case .selfreport: german ? "Selbstaufschreibung" : "self-report"
        case .timing: german ? "Zeitmessung" : "time measurement"
        case .mma: german ? "Multimomentaufnahme" : "multi-moment study"
        case .keyfigure: german ? "Kennzahlen" : "key figures"
        }
    }
}
