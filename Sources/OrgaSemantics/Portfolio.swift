import OrgaSyntax
import OrgaSupport

// Programmes, projects and milestones (docs/language.md, "Programmes, projects and
// milestones"): typed entities of the model, read by `PortfolioReader` and checked by
// `Checker` (Checker+Portfolio.swift); figures in OrgaAnalysis (`PortfolioFigures`).

/// A project's status.
public enum ProjectStatus: String, Sendable, CaseIterable {
    case planned, running, done, stopped
}

/// A field of action of a programme (`field EF3 "…" { owner X }`).
public struct ProgrammeField: Sendable {
    public var name: String
    public var title: String?
    public var location: Location
    /// The owner's symbol (a unit, position or actor).
    public var owner: SymbolID?
}

public struct Programme: Sendable {
    public var name: String
    public var title: String?
    public var doc: String?
    public var symbol: SymbolID
    public var location: Location
    public var owner: SymbolID?
    public var periodSetting: Setting<DateSpan> = .absent
    public var budgetSetting: Setting<Double> = .absent
    /// The scenario (index into `Model.scenarios`) whose savings are rolled up.
    public var scenario: ScenarioID?
    public var fields: [ProgrammeField] = []

    public var period: DateSpan? { periodSetting.value }
    public var budget: Double? { budgetSetting.value }
}

public struct Milestone: Sendable {
    public var name: String
    public var title: String?
    public var location: Location
    public var dateSetting: Setting<CalendarDate> = .absent
    public var done = false
    public var date: CalendarDate? { dateSetting.value }
}

public struct Project: Sendable {
    public var name: String
    public var title: String?
    public var doc: String?
    public var symbol: SymbolID
    public var location: Location
    /// The programme (index into `Model.programmes`) and, with `in P.F`, its field.
    public var programme: ProgrammeID?
    public var field: Int?
    /// Where `F` of `in P.F` is written (rename and references of fields).
    public var fieldLocation: Location?
    /// Whether `in` is written (resolved or not: a wrong name has its own diagnostic).
    public var inWritten = false
    public var owner: SymbolID?
    /// Whether `owner` is written (resolved or not).
    public var ownerWritten = false
    public var periodSetting: Setting<DateSpan> = .absent
    public var statusSetting: Setting<ProjectStatus> = .absent
    public var budgetSetting: Setting<Double> = .absent
    /// Projects (indices into `Model.projects`) that must end before this one starts.
    public var depends: [Located<ProjectID>] = []
    /// Measures (indices into `Model.measures`) the project brings about.
    public var delivers: [Located<MeasureID>] = []
    public var milestones: [Milestone] = []

    public var period: DateSpan? { periodSetting.value }
    public var status: ProjectStatus? { statusSetting.value }
    public var budget: Double? { budgetSetting.value }

    /// Open milestones count while the project is neither done nor stopped.
    public var isActive: Bool { status != .done && status != .stopped }
}

extension Model {
    /// The name of an owner symbol ("" when there is none).
    public func ownerName(_ s: SymbolID?) -> String {
        guard let s, symbols.contains(s) else { return "" }
        return symbols[s].name
    }
}
