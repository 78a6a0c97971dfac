import OrgaSupport
import OrgaSemantics
import OrgaAnalysis

/// The fixed texts of the what-if sections ("Maßnahmen und Szenarien",
/// "Konsolidierung"), German and English. Kept apart from `Label` so that the two
/// tables grow independently.
public enum WhatIfLabel: CaseIterable, Sendable {
    case measuresAndScenarios, consolidation, measures, measure, scenario, requires, investment, running, appliedIn, owner
    case entry, line, deltaNeed, needAfter, deltaNeedCost, annualSaving, payback, paybackNone, base, scenarioTotal
    case orderNote, incompleteCostNote, changeRun, applyOf, waterfallCaption
    case save, potentialFrom, baseModel, plannedP, needN, potential, cutAcross, coverAcross, cutPotential, coverPotential
    case belowNeed, underCover, shortfall, reachable, acrossLabel, potentialLabel, targetChartCaption, targetNote, scenarioReport
    case years, perYear

    public func text(_ lang: OutputLanguage) -> String { lang == .de ? pair.0 : pair.1 }

    private var pair: (String, String) {
        switch self {
        case .measuresAndScenarios: ("Maßnahmen und Szenarien", "Measures and scenarios")
        case .consolidation: ("Konsolidierung", "Consolidation")
        case .measures: ("Maßnahmen", "Measures")
        case .measure: ("Maßnahme", "Measure")
        case .scenario: ("Szenario", "Scenario")
        case .requires: ("setzt voraus", "requires")
        case .investment: ("Investition EUR", "Investment EUR")
        case .running: ("laufend EUR/Jahr", "Running EUR/year")
        case .appliedIn: ("angewandt in", "applied in")
        case .owner: ("verantwortlich", "owner")
        case .entry: ("Schritt", "Entry")
        case .line: ("Zeile", "Line")
        case .deltaNeed: ("Δ Bedarf VZÄ", "Δ need fte")
        case .needAfter: ("Bedarf danach VZÄ", "Need after fte")
        case .deltaNeedCost: ("Δ Bedarfskosten EUR", "Δ need cost EUR")
        case .annualSaving: ("Einsparung EUR/Jahr", "Saving EUR/year")
        case .payback: ("Amortisation (Jahre)", "Payback (years)")
        case .paybackNone: ("keine", "none")
        case .base: ("Ausgangsmodell", "Base model")
        case .scenarioTotal: ("Szenario gesamt", "Scenario total")
        case .orderNote: ("Sequentielle Zurechnung: jeder Schritt wirkt auf den Stand nach den vorigen; eine andere Reihenfolge verteilt die Wirkung anders (eine Zeitersparnis bei mehr Fällen spart mehr).",
                          "Sequential attribution: each entry acts on the state after the ones before it; another order distributes the effect differently (a time cut on more cases saves more).")
        case .incompleteCostNote: ("† unvollständig: der Schritt bewegt den Bedarf einer Stelle ohne Kosten oder Arbeit einer Einheit; Kosten, Einsparung und Amortisation werden nicht mit 0 bewertet.",
                                   "† incomplete: the entry moves the need of a position without a cost or of work done by a unit; cost, saving and payback are not priced at 0.")
        case .changeRun: ("Änderungen", "Changes")
        case .applyOf: ("Maßnahme", "Measure")
        case .waterfallCaption: ("Bedarf in VZÄ: Ausgangsmodell → Wirkung jedes Schritts → Szenario", "Need in fte: base model → effect of each entry → scenario")
        case .save: ("Einsparziel", "Saving")
        case .potentialFrom: ("Potenzial aus", "Potential from")
        case .baseModel: ("dem Ausgangsmodell", "the base model")
        case .plannedP: ("Soll VZÄ", "Planned fte")
        case .needN: ("Bedarf VZÄ", "Need fte")
        case .potential: ("Potenzial VZÄ", "Potential fte")
        case .cutAcross: ("Kürzung pauschal", "Cut across")
        case .coverAcross: ("Deckung pauschal", "Cover across")
        case .cutPotential: ("Kürzung nach Potenzial", "Cut by potential")
        case .coverPotential: ("Deckung nach Potenzial", "Cover by potential")
        case .belowNeed: ("Einheiten unter Bedarf", "Units below need")
        case .underCover: ("Unterdeckung", "under cover")
        case .shortfall: ("Fehlbetrag (nicht ohne Kürzung unter Bedarf erreichbar)", "Shortfall (not reachable without cutting below need)")
        case .reachable: ("keiner", "none")
        case .acrossLabel: ("pauschal (Rasenmäher)", "across the board")
        case .potentialLabel: ("nach Potenzial", "by potential")
        case .targetChartCaption: ("Kürzung je Einheit in VZÄ: pauschal und nach Potenzial, gegen das Potenzial (Soll − Bedarf)", "Cut per unit in fte: across the board and by potential, against the potential (planned − need)")
        case .targetNote: ("Deckung = Soll nach der Kürzung − Bedarf; negativ: die Einheit ist danach unterbesetzt.", "Cover = planned after the cut − need; negative: the unit is under-staffed after the cut.")
        case .scenarioReport: ("Bericht für Szenario", "Report for scenario")
        case .years: ("Jahre", "years")
        case .perYear: ("/Jahr", "/year")
        }
    }
}

extension ReportContext {
    public func w(_ label: WhatIfLabel) -> String { label.text(language) }

    /// Whether the model has measures, scenarios or targets to report.
    public var hasWhatIf: Bool { !base.measures.isEmpty || !base.scenarios.isEmpty || !whatIf.targets.isEmpty }

    /// The label of a scenario entry: "Maßnahme EAkte" or "Änderungen".
    public func entryLabel(_ e: EntryEffect) -> String {
        if e.isApply {
            return "\(w(.applyOf)) " + (e.measure.map { base.measures.contains($0) ? (base.measures[$0].title ?? base.measures[$0].name) : "" } ?? "?")
        }
        return w(.changeRun)
    }

    /// A scenario's display name.
    public func scenarioTitle(_ s: ScenarioID) -> String {
        guard base.scenarios.contains(s) else { return "" }
        return base.scenarios[s].title.map { "\(base.scenarios[s].name) — \($0)" } ?? base.scenarios[s].name
    }
}
