import OrgaSyntax

/// A party of an assessment: the rater of a matrix rating (a unit, position or actor)
/// or a party of a responsibility chart (also a system). The same cases as a step's
/// performer.
public typealias Party = Performer

/// A named row or column of a matrix (`area Technik "Technik/Technologie"`, `aspect passt`).
public struct MatrixLabel: Sendable {
    public var name: String
    public var title: String?
    public var location: Location
}

/// One value of a `rate` list as written.
public enum MatrixValue: Sendable, Equatable {
    /// A number (not yet checked against the scale: the checker does that).
    case given(Double)
    /// `-`: the rater gives no value for this aspect.
    case notGiven
    /// Written but unusable (a unit after the number); the parser reported it.
    case rejected
}

/// `rate AREA v1, v2, …` of one rating.
public struct MatrixRate: Sendable {
    /// The area (index into `Matrix.areas`), nil when the name names none.
    public var area: Int?
    /// Where the area's name is written (for references, rename and hover).
    public var areaLocation: Location
    public var values: [MatrixValue]
    /// Where each value is written.
    public var valueLocations: [Location]
    /// The whole statement.
    public var location: Location
}

/// `rating RATER { … }`: the ratings of one rater, or with `target` the target profile.
public struct MatrixRating: Sendable {
    /// The rater's name as written, or the target profile's free label.
    public var name: String
    public var location: Location
    public var isTarget: Bool
    /// The resolved rater (nil for a target profile or a name that resolves to nothing).
    public var rater: Party?
    public var rates: [MatrixRate] = []
}

/// `matrix NAME { scale; area …; aspect …; rating … }` (docs/language.md, Assessments).
public struct Matrix: Sendable {
    /// Areas × aspects beyond this are not laid out (E951): a maturity matrix is small,
    /// and its figures take one entry per cell.
    public static let maxCells = 10_000

    public var name: String
    public var title: String?
    public var doc: String?
    public var location: Location
    public var scaleSetting: Setting<CriterionScale> = .absent
    public var areas: [MatrixLabel] = []
    public var aspects: [MatrixLabel] = []
    public var ratings: [MatrixRating] = []

    public var scale: CriterionScale? { scaleSetting.value }
    /// The first `target` rating, if any.
    public var targetRating: Int? { ratings.firstIndex { $0.isTarget } }
}

/// A party named in a `R`/`A`/`C`/`I` list, with where it is written.
public struct RaciParty: Sendable {
    public var name: String
    /// nil when the name resolves to no unit, position, actor or system.
    public var party: Party?
    public var location: Location
}

/// The four roles of a responsibility chart.
public enum RaciRole: String, Sendable, CaseIterable {
    case responsible = "R", accountable = "A", consulted = "C", informed = "I"
}

/// `task NAME { R …; A …; C …; I …; step P.S }`.
public struct RaciTask: Sendable {
    public var name: String
    public var title: String?
    public var location: Location
    public var responsible: [RaciParty] = []
    public var accountable: [RaciParty] = []
    public var consulted: [RaciParty] = []
    public var informed: [RaciParty] = []
    /// The linked process step, if `step P.S` resolves.
    public var step: NodeID?
    /// `P.S` as written, and where (nil without a `step` statement).
    public var stepText: String?
    public var stepLocation: Location?

    public func parties(_ role: RaciRole) -> [RaciParty] {
        switch role {
        case .responsible: responsible
        case .accountable: accountable
        case .consulted: consulted
        case .informed: informed
        }
    }
}

/// `raci NAME { task … }`: a responsibility chart (RACI, Funktionendiagramm).
public struct RaciChart: Sendable {
    public var name: String
    public var title: String?
    public var doc: String?
    public var location: Location
    public var tasks: [RaciTask] = []
}

extension Model {
    /// The name of a party (a performer of the model).
    public func partyName(_ p: Party) -> String {
        switch p {
        case .position(let i): positions.contains(i) ? positions[i].name : ""
        case .unit(let i): units.contains(i) ? units[i].name : ""
        case .actor(let i): actors.contains(i) ? actors[i].name : ""
        case .system(let i): systems.contains(i) ? systems[i].name : ""
        }
    }

    /// The display title of a party (its name when it has none).
    public func partyTitle(_ p: Party) -> String {
        let title: String?
        switch p {
        case .position(let i): title = positions.contains(i) ? positions[i].title : nil
        case .unit(let i): title = units.contains(i) ? units[i].title : nil
        case .actor(let i): title = actors.contains(i) ? actors[i].title : nil
        case .system(let i): title = systems.contains(i) ? systems[i].title : nil
        }
        return title ?? partyName(p)
    }

    /// The matrix named `name` (the first of that name).
    public func matrix(named name: String) -> Int? { matrices.firstIndex { $0.name == name } }
    /// The responsibility chart named `name` (the first of that name).
    public func raciChart(named name: String) -> Int? { raciCharts.firstIndex { $0.name == name } }
}
