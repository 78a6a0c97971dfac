import OrgaSupport
import OrgaSemantics
import OrgaAnalysis

/// The fixed texts of the time figures (period, effective capacity, ramp-up, the
/// timeline chart), German and English. Kept apart from `Label` so that the tables grow
/// independently.
public enum TimeLabel: CaseIterable, Sendable {
    case period, statusDate, asof, effective, rampupLoss, effectiveNote, timelineChart, timelineCaption, timelineNote
    case plannedLine, filledLine, effectiveLine, datedNote

    public func text(_ lang: OutputLanguage) -> String { lang == .de ? pair.0 : pair.1 }

    private var pair: (String, String) {
        switch self {
        case .period: ("Zeitraum", "Period")
        case .statusDate: ("Stichtag", "Date")
        case .asof: ("Stand", "Status date")
        case .effective: ("Ist wirksam", "Effective")
        case .rampupLoss: ("Einarbeitung", "Ramp-up loss")
        case .effectiveNote:
            ("Soll, Ist und Vakanz sind taggenaue Durchschnitte über den Zeitraum (am Stichtag: die dort geltenden Werte). „Ist wirksam“ ist das Ist abzüglich der Einarbeitung neuer Kräfte (`ramp`); „Einarbeitung“ = Ist − Ist wirksam. Vor dem ersten Datum eines nur datierten Soll oder Ist gilt 0 VZÄ.",
             "Planned, filled and vacancy are day-weighted averages over the period (on a date: the values in force on it). “Effective” is filled less the ramp-up of new staff (`ramp`); “ramp-up loss” = filled − effective. Before the first date of a planned or filled given only with dates, 0 fte holds.")
        case .timelineChart: ("Verlauf Soll, Ist und Ist wirksam", "Planned, filled and effective over time")
        case .timelineCaption: ("Verlauf je Einheit", "Timeline per unit")
        case .timelineNote:
            ("Stufen an jedem Datum, an dem sich ein Wert ändert, über die Jahre der Daten des Modells; Ist wirksam folgt der Einarbeitung Tag für Tag.",
             "Steps at every date where a value changes, across the years of the model's dates; effective follows the ramp-up day by day.")
        case .plannedLine: ("Soll", "Planned")
        case .filledLine: ("Ist", "Filled")
        case .effectiveLine: ("Ist wirksam", "Effective")
        case .datedNote: ("datiert", "dated")
        }
    }
}

extension ReportContext {
    public func tm(_ label: TimeLabel) -> String { label.text(language) }

    /// "Zeitraum 01.01.2022–31.12.2022" or "Stichtag 30.06.2023" (nil without an evaluation).
    public var periodText: String? {
        guard let e = evaluation else { return nil }
        if let at = e.at { return "\(tm(.statusDate)) \(at.text(language))" }
        return "\(tm(.period)) \(e.span.text(language))"
    }

    /// The assumptions' lines of the time figures (empty when the report shows none).
    public var timeAssumptions: [(String, String)] {
        guard showsTime, let e = evaluation else { return [] }
        var out: [(String, String)] = []
        if let at = e.at { out.append((tm(.statusDate), at.text(language))) } else { out.append((tm(.period), e.span.text(language))) }
        if let asof = written.settings.asof { out.append((tm(.asof), asof.text(language))) }
        return out
    }
}

extension ReportContext {
    /// The effective and ramp-up columns are shown.
    public var showsEffective: Bool { showsTime && time != nil }

    /// Headers of the effective and ramp-up columns (none when not shown).
    public var timeHeader: [String] { showsEffective ? [tm(.effective), tm(.rampupLoss)] : [] }

    /// (effective, ramp-up loss) of a position, a unit (with its sub-units) or the total.
    public func effective(position p: PositionID) -> (effective: Double, loss: Double)? {
        guard showsEffective, let t = time, p.index >= 0, p.index < t.positionEffective.count else { return nil }
        return (t.positionEffective[p.index], t.positionLoss(p))
    }
    public func effective(unit u: UnitID) -> (effective: Double, loss: Double)? {
        guard showsEffective, let t = time, u.index >= 0, u.index < t.unitEffective.count else { return nil }
        return (t.unitEffective[u.index], t.unitLoss(u))
    }
    public var effectiveTotal: (effective: Double, loss: Double)? {
        guard showsEffective, let t = time else { return nil }
        return (t.totalEffective, t.totalLoss)
    }

    /// The cells of the two columns, formatted (none when not shown).
    public func timeCells(_ figures: (effective: Double, loss: Double)?) -> [String] {
        guard showsEffective else { return [] }
        guard let f = figures else { return [numbers.missing, numbers.missing] }
        return [numbers.fte(f.effective), numbers.fte(f.loss)]
    }
}
