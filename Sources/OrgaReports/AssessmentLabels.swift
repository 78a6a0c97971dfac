import OrgaSupport

/// The fixed texts of the assessment sections (matrices, responsibility charts) in
/// German and English; kept apart from `Label` so that the two grow independently.
public enum AssessmentLabel: CaseIterable, Sendable {
    case matrixSection, raciSection, scale, raters, targetProfile, noTarget, area, aspect, mean
    case min, max, spread, n, target, gap, cellDetails, disagreement, notRated, noScale
    case task, step, party, partyTitle, raciLegend, countsPerParty, processChart, noHead, heatLegend, performer

    public func text(_ lang: OutputLanguage) -> String {
        let (de, en) = pair
        return lang == .de ? de : en
    }

    private var pair: (String, String) {
        switch self {
        case .matrixSection: ("Reifegradmatrix", "Maturity matrix")
        case .raciSection: ("Zuständigkeiten (RACI)", "Responsibilities (RACI)")
        case .scale: ("Skala", "Scale")
        case .raters: ("Bewertende", "Raters")
        case .targetProfile: ("Zielprofil", "Target profile")
        case .noTarget: ("keins", "none")
        case .area: ("Gestaltungsbereich", "Area")
        case .aspect: ("Kriterium", "Aspect")
        case .mean: ("Mittel", "Mean")
        case .min: ("Min.", "Min")
        case .max: ("Max.", "Max")
        case .spread: ("Spanne", "Spread")
        case .n: ("n", "n")
        case .target: ("Ziel", "Target")
        case .gap: ("Lücke", "Gap")
        case .cellDetails: ("Zellen im Einzelnen", "Cells in detail")
        case .disagreement: ("⚑ Spanne mindestens die halbe Skala: die Bewertenden sind uneins",
                             "⚑ spread of at least half the scale: the raters disagree")
        case .notRated: ("nicht bewertet", "not rated")
        case .noScale: ("keine Skala angegeben", "no scale given")
        case .task: ("Aufgabe", "Task")
        case .step: ("Prozessschritt", "Process step")
        case .party: ("Beteiligte", "Party")
        case .partyTitle: ("Bezeichnung", "Title")
        case .raciLegend: ("R = durchführend, A = verantwortlich (entscheidet), C = mitwirkend (wird gehört), I = zu informieren",
                           "R = responsible (does the work), A = accountable (decides), C = consulted, I = informed")
        case .countsPerParty: ("Rollen je Beteiligtem", "Roles per party")
        case .processChart: ("Zuständigkeiten im Prozess", "Responsibilities in the process")
        case .noHead: ("Die zuständige Einheit hat keine Leitung (`head`): A bleibt leer.",
                       "The owner unit has no head (`head`): A stays empty.")
        case .heatLegend: ("Index = Mittel der Bewertenden", "Index = mean of the raters")
        case .performer: ("Ausführende", "Performers")
        }
    }
}
