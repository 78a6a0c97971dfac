/// The catalogue entries of programmes, projects and milestones (E850–E889,
/// W850–W889): English titles and explanations, German titles and explanations, and
/// the German templates of the messages that carry dates or figures.
extension DiagnosticCode {
    static let portfolioExplanations: [DiagnosticCode: (title: String, text: String)] = [
        .milestoneWithoutDate: ("milestone without date", """
            A `milestone` needs `date YYYY-MM-DD`: without it orgc can neither draw it
            in the Gantt chart nor tell whether it is overdue.
              milestone Pilot "Pilotbetrieb" { date 2017-10-01; done }
            """),
        .dependsCycle: ("`depends` cycle", """
            `depends` says which projects must end before a project starts. Projects
            that depend on each other in a cycle could never start. The message names
            the projects of the cycle; remove one of the `depends`.
            """),
        .unknownField: ("unknown field of a programme", """
            `in Programme.Field` names a programme and one of its fields of action
            (`field EF3 { … }` in the programme). The programme exists, but it declares
            no field of that name.
            """),
        .projectWithoutProgramme: ("project without programme", """
            A `project` belongs to a programme: `in ZOV` or, for one of its fields of
            action, `in ZOV.EF3`. Without `in` the project appears in no portfolio
            figure.
            """),
        .projectWithoutPeriod: ("project without period", """
            A `project` needs `period FIRST..LAST` (both days inclusive): the Gantt
            chart, the dependency checks and the overdue check need it.
              project EAkte { period 2017-01-01..2019-06-30 }
            """),
        .projectWithoutStatus: ("project without status", """
            A `project` needs `status planned`, `running`, `done` or `stopped`: the
            status counts, the overdue check and the workload per owner depend on it.
            """),
        .projectWithoutOwner: ("project without owner", """
            A `project` needs an `owner`: a unit, a position or an actor. The workload
            table counts projects and open milestones per owner.
            """),
        .projectOutsideProgramme: ("project outside its programme's period", """
            The project's period does not lie within the period of its programme: it
            starts before the programme starts or ends after it ends. Either the
            project's dates or the programme's period are wrong.
            """),
        .milestoneOutsideProject: ("milestone outside its project's period", """
            The milestone's date lies before the project's first or after its last day.
            """),
        .dependencyEndsLate: ("dependency ends after the dependent starts", """
            `depends D` says that project `D` must end before this project starts, but
            `D`'s period ends on or after this project's first day.
            """),
        .budgetAboveProgramme: ("projects' budgets above the programme's", """
            The budgets of the projects in a programme add up to more than the
            programme's `budget`. A field's budget is the sum of its projects' budgets.
            """),
        .doneWithOpenMilestones: ("done project with open milestones", """
            The project's status is `done`, but one of its milestones is not marked
            `done`. Either the milestone was reached (mark it `done`) or the project is
            not finished.
            """),
        .measureDeliveredTwice: ("measure delivered by two projects", """
            Each measure is delivered by one project: its savings count for that
            project and its field. Two projects name the same measure in `delivers`.
            """),
        .stoppedMeasureApplied: ("scenario applies a measure of a stopped project", """
            The scenario applies a measure that only a `stopped` project delivers: the
            scenario counts a saving that the portfolio no longer brings about.
            """),
        .milestoneOverdue: ("milestone overdue", """
            With `asof DATE` in the model block (the status date), an open milestone of
            a project that is neither `done` nor `stopped` whose date lies before the
            status date is overdue since the day after its date. Without `asof`
            nothing is overdue.
            """),
        .projectOverdue: ("project overdue", """
            With `asof DATE` in the model block, a `running` project whose period ended
            before the status date is overdue since the day after its last day: mark it
            `done` or `stopped`, or extend its period. Without `asof` nothing is overdue.
            """),
        .projectWithoutBudget: ("project without budget", """
            The project has no `budget`. The budget of its field and the sum compared
            with the programme's budget leave it out; the portfolio section says so.
            """),
    ]

    static let portfolioGermanTitles: [DiagnosticCode: String] = [
        .milestoneWithoutDate: "Meilenstein ohne Datum",
        .dependsCycle: "Zyklus in `depends`",
        .unknownField: "unbekanntes Handlungsfeld eines Programms",
        .projectWithoutProgramme: "Projekt ohne Programm",
        .projectWithoutPeriod: "Projekt ohne Zeitraum",
        .projectWithoutStatus: "Projekt ohne Status",
        .projectWithoutOwner: "Projekt ohne Verantwortliche",
        .projectOutsideProgramme: "Projekt außerhalb des Programmzeitraums",
        .milestoneOutsideProject: "Meilenstein außerhalb des Projektzeitraums",
        .dependencyEndsLate: "Vorgängerprojekt endet nach dem Start",
        .budgetAboveProgramme: "Projektbudgets über dem Programmbudget",
        .doneWithOpenMilestones: "abgeschlossenes Projekt mit offenen Meilensteinen",
        .measureDeliveredTwice: "Maßnahme von zwei Projekten umgesetzt",
        .stoppedMeasureApplied: "Szenario wendet Maßnahme eines gestoppten Projekts an",
        .milestoneOverdue: "Meilenstein überfällig",
        .projectOverdue: "Projekt überfällig",
        .projectWithoutBudget: "Projekt ohne Budget",
    ]

    static let portfolioGermanExplanations: [DiagnosticCode: String] = [
        .milestoneWithoutDate: """
            Ein `milestone` braucht `date JJJJ-MM-TT`: ohne Datum kann orgc ihn weder im
            Gantt-Diagramm zeigen noch prüfen, ob er überfällig ist.
              milestone Pilot "Pilotbetrieb" { date 2017-10-01; done }
            """,
        .dependsCycle: """
            `depends` sagt, welche Projekte enden müssen, bevor ein Projekt beginnt.
            Projekte, die im Kreis voneinander abhängen, könnten nie beginnen. Die Meldung
            nennt die Projekte des Zyklus; entfernen Sie eines der `depends`.
            """,
        .unknownField: """
            `in Programm.Feld` nennt ein Programm und eines seiner Handlungsfelder
            (`field EF3 { … }` im Programm). Das Programm gibt es, aber es hat kein
            Handlungsfeld dieses Namens.
            """,
        .projectWithoutProgramme: """
            Ein `project` gehört zu einem Programm: `in ZOV` oder, für eines seiner
            Handlungsfelder, `in ZOV.EF3`. Ohne `in` fehlt das Projekt in allen Zahlen
            des Portfolios.
            """,
        .projectWithoutPeriod: """
            Ein `project` braucht `period ERSTER..LETZTER` (beide Tage eingeschlossen):
            das Gantt-Diagramm, die Prüfung der Abhängigkeiten und der Überfälligkeit
            brauchen ihn.
              project EAkte { period 2017-01-01..2019-06-30 }
            """,
        .projectWithoutStatus: """
            Ein `project` braucht `status planned`, `running`, `done` oder `stopped`:
            die Statuszählung, die Überfälligkeit und die Last je Verantwortlichen
            hängen davon ab.
            """,
        .projectWithoutOwner: """
            Ein `project` braucht einen `owner`: eine Einheit, eine Stelle oder einen
            Akteur. Die Lasttabelle zählt Projekte und offene Meilensteine je
            Verantwortlichen.
            """,
        .projectOutsideProgramme: """
            Der Zeitraum des Projekts liegt nicht im Zeitraum seines Programms: es
            beginnt vor dem Programm oder endet danach. Entweder die Projektdaten oder
            der Programmzeitraum stimmen nicht.
            """,
        .milestoneOutsideProject: """
            Das Datum des Meilensteins liegt vor dem ersten oder nach dem letzten Tag
            des Projekts.
            """,
        .dependencyEndsLate: """
            `depends D` sagt, dass Projekt `D` enden muss, bevor dieses Projekt beginnt;
            der Zeitraum von `D` endet aber erst am ersten Tag dieses Projekts oder
            danach.
            """,
        .budgetAboveProgramme: """
            Die Budgets der Projekte eines Programms ergeben zusammen mehr als das
            `budget` des Programms. Das Budget eines Handlungsfelds ist die Summe der
            Budgets seiner Projekte.
            """,
        .doneWithOpenMilestones: """
            Das Projekt hat den Status `done`, einer seiner Meilensteine ist aber nicht
            als `done` markiert. Entweder ist der Meilenstein erreicht (als `done`
            markieren) oder das Projekt ist nicht abgeschlossen.
            """,
        .measureDeliveredTwice: """
            Jede Maßnahme wird von einem Projekt umgesetzt: ihre Einsparung zählt für
            dieses Projekt und sein Handlungsfeld. Zwei Projekte nennen dieselbe
            Maßnahme in `delivers`.
            """,
        .stoppedMeasureApplied: """
            Das Szenario wendet eine Maßnahme an, die nur ein gestopptes Projekt
            (`stopped`) umsetzt: das Szenario rechnet mit einer Einsparung, die das
            Portfolio nicht mehr erbringt.
            """,
        .milestoneOverdue: """
            Mit `asof DATUM` im model-Block (dem Stichtag) ist ein offener Meilenstein
            eines Projekts, das weder `done` noch `stopped` ist, überfällig, wenn sein
            Datum vor dem Stichtag liegt – seit dem Tag nach seinem Datum. Ohne `asof`
            ist nichts überfällig.
            """,
        .projectOverdue: """
            Mit `asof DATUM` im model-Block ist ein laufendes Projekt (`running`),
            dessen Zeitraum vor dem Stichtag endete, seit dem Tag nach seinem letzten
            Tag überfällig: als `done` oder `stopped` markieren oder den Zeitraum
            verlängern. Ohne `asof` ist nichts überfällig.
            """,
        .projectWithoutBudget: """
            Das Projekt hat kein `budget`. Das Budget seines Handlungsfelds und die
            Summe, die mit dem Programmbudget verglichen wird, lassen es aus; der
            Portfolio-Abschnitt sagt das.
            """,
    ]
}

extension GermanMessages {
    /// Templates of the portfolio findings (dates are quoted, so they travel as `{qN}`).
    static let portfolioTemplates: [DiagnosticCode: [Variant]] = [
        .milestoneWithoutDate: [("has no `date`", "Meilenstein `{q1}` des Projekts `{q2}` hat kein `date`: eines ergänzen, z. B. `date 2025-06-30`")],
        .dependsCycle: [("in a cycle", "die Projekte `{q1}` hängen im Kreis voneinander ab")],
        .unknownField: [("has no field", "Programm `{q1}` hat kein Handlungsfeld `{q2}`")],
        .projectWithoutProgramme: [("has no `in`", "Projekt `{q1}` hat kein `in`: sein Programm oder `Programm.Feld` nennen")],
        .projectWithoutPeriod: [("has no `period`", "Projekt `{q1}` hat keinen `period`: einen ergänzen, z. B. `period 2025-01-01..2025-12-31`")],
        .projectWithoutStatus: [("has no `status`", "Projekt `{q1}` hat keinen `status`: `planned`, `running`, `done` oder `stopped` ergänzen")],
        .projectWithoutOwner: [("has no `owner`", "Projekt `{q1}` hat keinen `owner`: die verantwortliche Einheit, Stelle oder den Akteur nennen")],
        .projectOutsideProgramme: [("outside the period", "Projekt `{q1}` läuft `{q2}`, außerhalb des Zeitraums `{q3}` des Programms `{q4}`")],
        .milestoneOutsideProject: [("outside the project", "Meilenstein `{q1}` des Projekts `{q2}` liegt am `{q3}`, außerhalb des Projektzeitraums `{q4}`")],
        .dependencyEndsLate: [("which it depends on", "Projekt `{q1}` beginnt am `{q2}`, aber `{q3}`, von dem es abhängt, endet erst am `{q4}`")],
        .budgetAboveProgramme: [("more than its budget", "die Projekte des Programms `{q1}` haben zusammen ein Budget von {n1} EUR, mehr als sein Budget von {n2} EUR")],
        .doneWithOpenMilestones: [("is not marked", "Projekt `{q1}` ist abgeschlossen, sein Meilenstein `{q2}` aber nicht als `done` markiert")],
        .measureDeliveredTwice: [("is delivered by", "Maßnahme `{q1}` wird von Projekt `{q2}` und von Projekt `{q3}` umgesetzt")],
        .stoppedMeasureApplied: [("is stopped", "Szenario `{q1}` wendet Maßnahme `{q2}` an, die Projekt `{q3}` umsetzt, das gestoppt ist")],
        .milestoneOverdue: [("overdue since", "Meilenstein `{q1}` des Projekts `{q2}` ist seit `{q3}` überfällig (Stichtag `{q4}`)")],
        .projectOverdue: [("overdue since", "Projekt `{q1}` läuft und ist seit `{q2}` überfällig: sein Zeitraum endete am `{q3}` (Stichtag `{q4}`)")],
        .projectWithoutBudget: [("has no `budget`", "Projekt `{q1}` hat kein `budget`: die Budgetsummen seines Handlungsfelds und Programms lassen es aus")],
    ]
}
