/// German titles of the diagnostics, for German output (`--lang de` of `check`, `explain`
/// and the reports' findings). Every code has one (a test checks it); the long
/// explanations stay in `DiagnosticCatalog.swift`.
extension DiagnosticCode {
    /// One line in German: what the code means.
    public var germanTitle: String { DiagnosticCode.germanTitles[self] ?? title }

    private static let germanTitles: [DiagnosticCode: String] = [
        .unexpectedCharacter: "unerwartetes Zeichen",
        .invalidUTF8: "ungültiges UTF-8",
        .unterminatedString: "Zeichenkette nicht abgeschlossen",
        .invalidEscape: "ungültige Escape-Folge in einer Zeichenkette",
        .unterminatedComment: "Blockkommentar nicht abgeschlossen",
        .invalidNumber: "ungültige Zahl",
        .invalidDate: "ungültiges Datum",
        .expectedKeyword: "Schlüsselwort erwartet",
        .unknownKeyword: "unbekanntes Schlüsselwort in diesem Block",
        .unexpectedToken: "unerwartetes Element",
        .missingArgument: "Angabe fehlt",
        .extraArgument: "überzählige Angabe",
        .wrongArgument: "falsche Art von Angabe",
        .unexpectedBlock: "diese Anweisung hat keinen Block",
        .missingBlock: "Block fehlt",
        .unclosedBlock: "Block nicht geschlossen",
        .unmatchedBrace: "schließende Klammer ohne offenen Block",
        .nestingTooDeep: "zu tief verschachtelt",
        .tooManyErrors: "zu viele Fehler",
        .invalidUTF8InComment: "ungültiges UTF-8 in einem Kommentar",
        .dimensionMismatch: "falsche Einheit für diese Angabe",
        .missingUnit: "Einheit fehlt",
        .percentOutOfRange: "Prozentsatz außerhalb von 0 bis 100",
        .negativeQuantity: "negative Größe",
        .dayRateWithoutWorkdays: "Fallzahl je Tag ohne Arbeitstage (workdays)",
        .invalidValue: "ungültiger Wert",
        .unknownReference: "unbekannter Name",
        .wrongKindReference: "Verweis auf die falsche Art",
        .duplicateName: "Name doppelt vergeben",
        .unitCycle: "Organisationseinheiten bilden einen Kreis",
        .nestedAndIn: "verschachtelt und zugleich mit `in` zugeordnet",
        .duplicateSetting: "Angabe doppelt",
        .duplicateModel: "mehr als ein model-Block",
        .emptyDeclaration: "leerer Block",
        .headOutsideUnit: "Leitung ist keine Stelle der geleiteten Einheit",
        .branchSharesNot100: "Anteile der Zweige ergeben nicht 100 %",
        .targetNotInProcess: "Ziel ist kein Schritt dieses Prozesses",
        .caseCannotEnd: "ein Fall kann nicht enden",
        .callCycle: "Prozesse rufen sich im Kreis auf",
        .decisionWithoutBranches: "Entscheidung ohne Zweige",
        .callWithWork: "aufrufender Schritt hat eigene Arbeit",
        .emptyProcess: "Prozess ohne Schritte",
        .unreachableNode: "Schritt ist nicht erreichbar",
        .staffStepWithoutTime: "Schritt einer Stelle ohne Bearbeitungszeit",
        .stepWithoutPerformer: "Schritt ohne Ausführende",
        .workloadWithoutWorktime: "Arbeit ohne Jahresarbeitszeit",
        .processWithoutVolume: "Prozess ohne Fallzahl",
        .allowanceTooLarge: "Verteilzeit als Abzug muss unter 100 % liegen",
        .selfreportWithAllowance: "selbst aufgeschriebene Zeiten mit Verteilzeit",
        .filledExceedsPlanned: "Ist übersteigt Soll",
        .pastKwStillPlanned: "kw-Jahr erreicht, die Stelle steht aber noch im Soll",
        .positionWithoutGrade: "Stelle ohne Entgeltgruppe, daher ohne Kosten",
        .positionWithoutCapacity: "Stelle ohne Soll und Ist",
        .gradeWithoutCost: "Entgeltgruppe ohne Kosten",
        .unknownCriterion: "unbekanntes Prozess-DNA-Kriterium",
        .ratingOutsideScale: "Bewertung außerhalb der Skala des Kriteriums",
        .criterionWithoutWeight: "Kriterium ohne Gewicht",
        .criterionSourceAmbiguous: "Kriterium muss gemessen oder bewertet sein",
        .missingRating: "Bewertung eines Prozesses fehlt",
        .ratingForMeasuredCriterion: "Bewertung für ein gemessenes Kriterium",
        .unknownChangeTarget: "unbekanntes Ziel einer Änderung",
        .unknownChangeProperty: "Eigenschaft, die das Ziel nicht hat",
        .wrongChangeValue: "falscher Wert für die geänderte Eigenschaft",
        .signedPercentProperty: "Vorzeichen bei einer Prozent-Eigenschaft",
        .requiredMeasureNotApplied: "vorausgesetzte Maßnahme nicht vorher angewandt",
        .requiresCycle: "Zyklus in `requires`",
        .measureAppliedTwice: "Maßnahme zweimal angewandt",
        .measureNeverApplied: "Maßnahme in keinem Szenario angewandt",
        .invalidChangeResult: "Änderung ergibt einen unmöglichen Wert",
        .changeBreaksStatement: "Änderung verletzt eine Regel der geänderten Anweisung",
        .targetShortfall: "Einsparziel oberhalb des Bedarfs nicht erreichbar",
        .kpiWithoutPlan: "Kennzahl ohne Plan",
        .kpiActualTwice: "Istwert für ein Jahr doppelt angegeben",
        .kpiPlanDateTwice: "Plan für dasselbe Datum doppelt angegeben",
        .kpiWithoutDirection: "Kennzahl ohne Richtung (`better`)",
        .kpiYearWithoutPlan: "Istwert in einem Jahr ohne Plan",
        .kpiStaleVolume: "Fallzahl des Prozesses weicht vom Istwert der Kennzahl ab",
        .kpiAchievementUndefined: "Zielerreichung nicht berechenbar",
        .kpiToleranceWithoutProcess: "Toleranz ohne Prozess",
        .deployOutsidePool: "Einsatz außerhalb eines Pools",
        .deploymentIncomplete: "Einsatz ohne Empfänger, Umfang oder Zeitraum",
        .deploymentFteAndHours: "Einsatz mit `fte` und `hours` zugleich",
        .poolOverCommitted: "Pool überbucht",
        .deploymentHoursWithoutWorktime: "Stunden eingesetzt ohne Jahresarbeitszeit",
        .deploymentToOwnPool: "Einsatz im eigenen Pool",
        .targetOverlap: "überlappende Einheiten in einem Einsparziel",
        .targetIncomplete: "Einsparziel ohne `save` oder `across`",
        .datedSameDate: "dasselbe Datum zweimal",
        .twoUndatedValues: "zwei Werte ohne Datum",
        .datedVolumeWithoutUndated: "datierte Fallzahl ohne undatierte",
        .rampOutOfRange: "Einarbeitungszeit außerhalb des Bereichs",
        .datedWithoutYear: "datierte Werte ohne Zeitraum",
        .filledDuringFreeze: "Besetzung steigt während einer Besetzungssperre",
        .rangeOutOfOrder: "Grenzen einer Spanne in falscher Reihenfolge",
        .rangeUnitInside: "Einheit innerhalb einer Spanne",
        .rangeNotAllowed: "Spanne, wo ein einzelner Wert verlangt ist",
        .matrixWithoutScale: "Matrix ohne Skala",
        .matrixValueOutsideScale: "Wert außerhalb der Skala der Matrix",
        .matrixValueCount: "falsche Anzahl von Werten in `rate`",
        .unknownMatrixArea: "`rate` nennt keinen Bereich der Matrix",
        .matrixCellMissing: "Zelle der Matrix nicht bewertet",
        .matrixTargetTwice: "mehr als ein Zielprofil",
        .matrixRaterTwice: "Bewertende Stelle bewertet die Matrix zweimal",
        .raciAccountableNotOne: "Aufgabe braucht genau eine verantwortliche Partei (A)",
        .raciWithoutResponsible: "Aufgabe ohne durchführende Partei (R)",
        .raciStepPerformerNotResponsible: "Bearbeiter des verknüpften Schritts ist nicht durchführend (R)",
        .matrixTooLarge: "Matrix zu groß",
        .raciUnknownStep: "Aufgabe verweist auf keinen Schritt",
    ].merging(portfolioGermanTitles) { first, _ in first }
}

extension DiagnosticCode {
    /// The long explanation in German (`orgc explain --lang de CODE`).
    public var germanExplanation: String { DiagnosticCode.germanExplanations[self] ?? explanation }

    private static let germanExplanations: [DiagnosticCode: String] = [
        .unexpectedCharacter: """
            Die Datei enthält ein Zeichen, mit dem kein Element von Orga beginnen kann, etwa
            `#`, `=` oder ein Emoji außerhalb einer Zeichenkette. Namen bestehen aus
            Buchstaben, Ziffern und `_`; freier Text steht in Anführungszeichen:
            `unit Buero "Büro 🏛"`
            """,
        .invalidUTF8: """
            Orga-Dateien sind UTF-8. Die Datei enthält Bytes, die kein gültiges UTF-8 sind,
            meist weil sie als Latin-1 / Windows-1252 gespeichert wurde. Speichern Sie sie
            als UTF-8.
            """,
        .unterminatedString: """
            Eine Zeichenkette beginnt mit `"`, aber die Zeile endet vor dem schließenden `"`.
            Zeichenketten reichen nicht über mehrere Zeilen; ein Zeilenumbruch darin wird
            `\\n` geschrieben.
            """,
        .invalidEscape: """
            In Zeichenketten gibt es nur diese Escape-Folgen: `\\"`, `\\\\`, `\\n`, `\\t` und
            `\\u{…}` mit 1 bis 6 hexadezimalen Ziffern.
            """,
        .unterminatedComment: """
            Ein Kommentar `/*` wird vor dem Dateiende nicht mit `*/` geschlossen.
            Blockkommentare schachteln: jedes innere `/*` braucht sein eigenes `*/`.
            """,
        .invalidNumber: """
            Zahlen sind Ziffern mit `_` als Trenner zwischen Ziffern und einem Dezimalpunkt:
            `12`, `1_200`, `0.25`. Exponenten und ein Dezimalkomma sind nicht erlaubt.
            """,
        .invalidDate: """
            Ein Datum wird JJJJ-MM-TT geschrieben und muss im Kalender existieren:
            `2022-03-02`.
            """,
        .expectedKeyword: """
            Jede Anweisung beginnt mit einem Schlüsselwort (`unit`, `step`, `time` …); hier
            steht etwas anderes am Anfang. Anweisungen enden am Zeilenende, an `;` oder an
            der `}`, die ihren Block schließt; eine `{` muss in der Zeile ihrer Anweisung
            stehen.
            """,
        .unknownKeyword: """
            Das Schlüsselwort gibt es nicht, oder es gehört nicht in diesen Block (etwa
            `time` direkt in einem `process` statt in einem `step`). Wo es ein ähnliches
            Schlüsselwort gibt, wird es vorgeschlagen; `docs/reference.md` listet, welche
            Schlüsselwörter jeder Block annimmt.
            """,
        .unexpectedToken: """
            Ein Element steht, wo die Anweisung es nicht verwenden kann, etwa ein
            einzelnes `->`, ein `/` ohne Einheit dahinter (`/year`, `/month`, `/week`,
            `/day`) oder ein Wort nach einer Zahl, das keine Einheit ist (`15 mins`:
            gemeint ist `min`).
            """,
        .missingArgument: """
            Der Anweisung fehlt eine Angabe, etwa `time` ohne Dauer oder `unit` ohne Namen.
            Die Meldung sagt, was erwartet wird.
            """,
        .extraArgument: """
            Die Anweisung hat mehr Angaben, als ihr Schlüsselwort nimmt. Schreiben Sie
            getrennte Anweisungen in getrennte Zeilen oder trennen Sie sie mit `;`.
            """,
        .wrongArgument: """
            Eine Angabe hat für dieses Schlüsselwort die falsche Form: eine Zeichenkette,
            wo ein Name erwartet wird, ein Name, wo eine Größe erwartet wird, und so weiter.
            """,
        .unexpectedBlock: """
            Auf eine Anweisung folgt ein Block `{ … }`, obwohl ihr Schlüsselwort keinen
            Block öffnet.
            """,
        .missingBlock: """
            Die Anweisung braucht einen Block `{ … }` in derselben Zeile (etwa `dna`).
            """,
        .unclosedBlock: """
            Zu einer `{` fehlt die `}`. orgc liest an der Einrückung ab, welcher Block seine
            `}` verloren hat: eine Anweisung, die wie die eines Blocks eingerückt ist, dort
            aber nicht stehen kann (ein `step` nach einem offenen `step`), beendet den
            Block, und der Fehler nennt den Block und die Zeile, in die seine `}` gehört.
            Ohne solchen Hinweis steht der Fehler an der `{`, die am Dateiende noch offen ist.
            """,
        .unmatchedBrace: """
            Eine `}` schließt keinen offenen Block. Entfernen Sie sie oder ergänzen Sie die
            fehlende `{`.
            """,
        .nestingTooDeep: """
            Blöcke sind mehr als 256 Ebenen tief verschachtelt. orgc begrenzt die Tiefe,
            damit keine Eingabe den Stapel erschöpft; echte Modelle brauchen wenige Ebenen.
            """,
        .tooManyErrors: """
            Eine Datei hat so viele Fehler, dass orgc für sie keine weiteren meldet.
            Beheben Sie die ersten (oft ist die Datei gar kein Orga) und prüfen Sie erneut.
            """,
        .invalidUTF8InComment: """
            Orga-Dateien sind UTF-8. Ein Kommentar enthält Bytes, die kein gültiges UTF-8
            sind, meist weil die Datei als Latin-1 / Windows-1252 gespeichert wurde. Der
            Kommentar bleibt Byte für Byte erhalten (`orgc fmt` ändert ihn nie), Editoren
            und Berichte zeigen ihn aber womöglich verstümmelt. Speichern Sie die Datei als
            UTF-8.
            """,
        .dimensionMismatch: """
            Jede Angabe hat eine Dimension: `time` ist eine Bearbeitungszeit (`min`, `h`),
            `wait` eine Kalenderzeit (`min`, `h`, `d`, `wk`, `mo`), `volume` eine Fallzahl
            je Zeitraum (`/year`, `/month`, `/week`, `/day`), `planned` eine Kapazität
            (`fte`), `cost` ein Geldbetrag (`EUR`), `allowance` ein Anteil (`%`) und so
            weiter. Eine Einheit einer anderen Dimension ist ein Fehler: `time 5 fte`.
            """,
        .missingUnit: """
            Eine Größe braucht ihre Einheit: `time 45 min`, nicht `time 45`. orgc rät nie
            eine Einheit.
            """,
        .percentOutOfRange: """
            Anteile, Verteilzeiten und Zweig-Wahrscheinlichkeiten sind Prozentsätze von 0
            bis 100.
            """,
        .negativeQuantity: """
            Zeiten, Fallzahlen, Kapazitäten und Kosten können nicht negativ sein.
            """,
        .dayRateWithoutWorkdays: """
            Eine Fallzahl je Tag wird mit den Arbeitstagen des Modells (`workdays`, etwa
            `workdays 228`) auf ein Jahr umgerechnet. Das Modell hat keine, also hat die
            Fallzahl keinen Jahreswert. Ergänzen Sie `workdays N` im `model`-Block oder
            verwenden Sie `/year`.
            """,
        .invalidValue: """
            Der Wert ist hier nicht erlaubt: etwa ein Jahr mit Dezimalpunkt, eine `scale`,
            deren obere Grenze nicht über der unteren liegt, eine Jahresarbeitszeit
            (`worktime`) von null oder eine Rundung (`rounding`) von null.
            """,
        .unknownReference: """
            Der Name bezeichnet keine Deklaration des Modells (aller `.orga`-Dateien im
            Verzeichnis des Modells). Groß- und Kleinschreibung zählen. Wo es einen
            ähnlichen Namen gibt, wird er vorgeschlagen. Schritte werden von außerhalb
            ihres Prozesses als `Prozess.Schritt` bezeichnet.
            """,
        .wrongKindReference: """
            Den Namen gibt es, aber er hat für diese Stelle die falsche Art: `grade`
            braucht eine Entgeltgruppe, `in` und `owner` eine Organisationseinheit, `head`
            eine Stelle, `by` eine Stelle, Organisationseinheit, einen Akteur oder ein
            System, `call` einen Prozess.
            """,
        .duplicateName: """
            Organisationseinheiten, Stellen, Akteure, Systeme, Entgeltgruppen, Prozesse,
            Maßnahmen, Szenarien und Kennzahlen teilen sich einen Namensraum je Modell;
            jeder Name wird einmal deklariert. Schritte und Entscheidungen brauchen
            innerhalb ihres Prozesses eindeutige Namen.
            """,
        .unitCycle: """
            Folgt man `in` von Einheit zu übergeordneter Einheit, kommt man zur selben
            Einheit zurück. Die Organisationseinheiten müssen einen Baum bilden.
            """,
        .nestedAndIn: """
            Eine Einheit oder Stelle wird entweder durch Verschachteln im Block einer
            Einheit oder mit `in Übergeordnet` zugeordnet, nicht auf beide Arten.
            """,
        .duplicateSetting: """
            Eine Angabe, die einen einzigen Wert nimmt (`time`, `volume`, `planned`,
            `grade` …), steht zweimal im selben Block. Nur eine kann gelten; entfernen Sie
            die andere.
            """,
        .duplicateModel: """
            Ein Modell hat höchstens einen `model`-Block mit seinen Einstellungen, auch wenn
            es auf mehrere Dateien verteilt ist.
            """,
        .emptyDeclaration: """
            Ein Block, der nichts deklariert: ein `dna { }` ohne Kriterien oder das
            `dna { }` eines Prozesses ohne Bewertungen. Entfernen oder füllen Sie ihn.
            """,
        .headOutsideUnit: """
            `head` nennt die Stelle, die eine Einheit leitet. Diese Stelle sollte in der
            Einheit selbst sitzen (darin verschachtelt oder mit `in` zugeordnet). Eine
            Leitung aus einer anderen oder keiner Einheit bekommt ihren Führungsanteil für
            die geleitete Einheit trotzdem und zählt zugleich zum Personal der Einheit, in
            der sie sitzt. Ordnen Sie die Stelle der Einheit zu oder nennen Sie eine Stelle
            der Einheit als `head`.
            """,
        .branchSharesNot100: """
            Die Anteile der Zweige (`branch`) einer Entscheidung sind die
            Wahrscheinlichkeiten, mit denen ein Fall weiterläuft; zusammen müssen sie genau
            100 % ergeben.
            """,
        .targetNotInProcess: """
            `next` und `branch … -> X` nennen einen Schritt oder eine Entscheidung desselben
            Prozesses oder `end`. Einen anderen Prozess startet ein Schritt mit `call P`.
            """,
        .caseCannotEnd: """
            Von diesem Knoten führt kein Weg zum Ende des Prozesses: der Fall liefe endlos
            im Kreis (etwa ein `next` zurück zu einem früheren Schritt ohne Entscheidung,
            die hinausführt). Der Personalbedarf wäre unendlich, daher ist das ein Fehler.
            """,
        .callCycle: """
            Prozesse rufen sich gegenseitig im Kreis auf (`call`), direkt oder über andere.
            Die Fallzahl solcher Prozesse ist nicht bestimmt.
            """,
        .decisionWithoutBranches: """
            Eine Entscheidung (`decide`) geht nur über ihre Zweige (`branch`) weiter; sie
            braucht mindestens einen.
            """,
        .callWithWork: """
            Ein Schritt mit `call P` führt Prozess P aus; seine Arbeit sind die Schritte von
            P. Er hat kein eigenes `by` und keine eigene `time`. Verlegen Sie die Arbeit in
            einen eigenen Schritt.
            """,
        .emptyProcess: """
            Der Prozess hat keine Schritte oder Entscheidungen und bindet daher keine
            Kapazität.
            """,
        .unreachableNode: """
            Kein Weg vom ersten Knoten des Prozesses erreicht diesen Knoten; er wird nie
            ausgeführt und zählt null. Verbinden Sie ihn mit `next` oder einem `branch`,
            oder entfernen Sie ihn.
            """,
        .staffStepWithoutTime: """
            Ein Schritt, den eine Stelle oder Organisationseinheit erledigt, muss seine
            Bearbeitungszeit angeben (`time 15 min`). orgc zählt eine fehlende Zeit nie als
            null, denn der Personalbedarf wäre sonst unbemerkt zu niedrig.
            """,
        .stepWithoutPerformer: """
            Ein Schritt braucht `by` (eine Stelle, Organisationseinheit, einen Akteur oder
            ein System), es sei denn, er führt mit `call` einen anderen Prozess aus.
            """,
        .workloadWithoutWorktime: """
            Der Personalbedarf ist die Arbeitsmenge geteilt durch die Jahresarbeitszeit
            einer Vollzeitkraft. Hier gilt keine `worktime`: setzen Sie sie im `model`-Block
            (etwa `worktime 1590 h`, der KGSt-Wert für Beschäftigte) oder in der
            Organisationseinheit oder Stelle. orgc nimmt keinen Standardwert an.
            """,
        .processWithoutVolume: """
            Der Prozess hat Schritte von Stellen, aber keine Fallzahl (`volume`), und kein
            anderer Prozess ruft ihn auf; seine Arbeitsmenge ist also unbekannt. Ergänzen
            Sie `volume N /year`.
            """,
        .allowanceTooLarge: """
            `allowance P % of worktime` zieht P % von der Jahresarbeitszeit ab; bei 100 %
            oder mehr bliebe keine Arbeitszeit übrig.
            """,
        .selfreportWithAllowance: """
            Selbst aufgeschriebene Zeiten (Selbstaufschreibung) enthalten die Verteilzeit
            schon; ein Zuschlag zählt sie doppelt. Das Orghandbuch erlaubt den Zuschlag nur,
            wo die Zeiten nachweislich keine enthalten. Setzen Sie für diese Stellen
            `allowance 0 %` oder ändern Sie `source`.
            """,
        .filledExceedsPlanned: """
            Für diese Stelle sind mehr VZÄ besetzt (Ist) als im Stellenplan stehen (Soll).
            """,
        .pastKwStillPlanned: """
            Die Stelle trägt einen kw-Vermerk (künftig wegfallend) für ein Jahr vor dem
            Jahr des Modells (`year`), hat aber noch Soll-VZÄ.
            """,
        .positionWithoutGrade: """
            Die Stelle hat keine Entgeltgruppe (`grade`), ihre Kosten lassen sich also nicht
            berechnen; Berichte lassen sie leer und kennzeichnen die Summen ihrer Einheiten
            mit „† Kosten unvollständig“. Die Warnung erscheint auch, wenn das Modell gar
            keine Entgeltgruppe deklariert.
            """,
        .positionWithoutCapacity: """
            Die Stelle gibt weder Soll (`planned`) noch Ist (`filled`) an; beide zählen als
            0 VZÄ.
            """,
        .gradeWithoutCost: """
            Die Entgeltgruppe hat keine Kosten (`cost`); Stellen dieser Gruppe haben in
            Berichten keine Kosten.
            """,
        .unknownCriterion: """
            Ein `dna { }`-Block eines Prozesses bewertet ein Kriterium, das kein
            `dna { criterion … }` deklariert, oder `from` nennt eine Messgröße, die orgc
            nicht kennt. Gemessene Kriterien sind `volume`, `hours`, `fte`,
            `media_breaks`, `handoffs`, `steps`, `leadtime` und `digital`.
            """,
        .ratingOutsideScale: """
            Ein bewertetes Kriterium deklariert `scale a..b`; jede Bewertung muss darin
            liegen.
            """,
        .criterionWithoutWeight: """
            Jedes Kriterium braucht ein Gewicht (`weight`): die Punkte sind der gewichtete
            Mittelwert der normierten Kriterien.
            """,
        .criterionSourceAmbiguous: """
            Ein Kriterium hat genau eines von `from MESSGRÖSSE` (von orgc berechnet) oder
            `scale a..b` (in jedem Prozess von der Analyse bewertet).
            """,
        .missingRating: """
            Ein bewertetes Prozess-DNA-Kriterium hat in diesem Prozess keine Bewertung. Der
            Prozess wird nach den Kriterien bewertet, die er hat, und als unvollständig
            gekennzeichnet; er wird nie mit 0 bewertet.
            """,
        .ratingForMeasuredCriterion: """
            Dieses Kriterium berechnet orgc (`from …`); es kann nicht von Hand bewertet
            werden.
            """,
        .unknownChangeTarget: """
            `change ZIEL EIGENSCHAFT [WERT]` nennt eine Deklaration (Prozess, Schritt als
            `Prozess.Schritt`, Entscheidung, Stelle, Einheit, Entgeltgruppe) oder das Wort
            `model`. Das angegebene Ziel gibt es nicht, oder eine Entscheidung hat keinen
            Zweig mit dieser Bezeichnung.
            """,
        .unknownChangeProperty: """
            Jede Art von Ziel hat ihre eigenen Eigenschaften: ein Prozess `volume`; ein
            Schritt `time`, `wait`, `share`, `by`, `media_break`, `skip`; eine Entscheidung
            `branch "Bezeichnung"`; eine Stelle `planned`, `filled`, `coverage`,
            `effort "Bezeichnung"`, `grade`, `worktime`, `allowance`; eine Einheit
            `worktime`, `allowance`; `model` seine Einstellungen; eine Entgeltgruppe `cost`.
            """,
        .wrongChangeValue: """
            Eine Änderung wird wie die Anweisung geprüft, die sie ersetzt: der Wert hat die
            Dimension der Eigenschaft (`time` eine Bearbeitungszeit, `volume` eine Fallzahl je
            Zeitraum …), ein Bearbeiter ist eine Stelle, Einheit, ein Akteur oder System,
            `media_break` ist `on` oder `off`, `skip` hat keinen Wert. Ein Wert ohne
            Vorzeichen setzt, einer mit Vorzeichen addiert, ein Prozentwert mit Vorzeichen
            skaliert. Eine Spanne (`time 10..20 min`) setzt nur: eine Spanne mit Vorzeichen
            (`time -5..5 min`) oder in Prozent wäre geraten; verschieben oder skalieren Sie
            mit einem Wert mit Vorzeichen (`time -5 min`, `time -10 %`).
            """,
        .signedPercentProperty: """
            Eigenschaften in Prozent (`share`, `branch`, `allowance`, `overhead`,
            `leadership`) können nur gesetzt werden: `-5 %` könnte fünf Prozentpunkte oder
            fünf Prozent des Werts bedeuten, und orgc rät nie. Schreiben Sie den neuen Wert.
            """,
        .requiredMeasureNotApplied: """
            Eine Maßnahme, die eine andere voraussetzt (`requires`), kann im selben Szenario
            erst nach ihr angewandt werden. Wenden Sie die vorausgesetzte Maßnahme vorher an
            (die Schnellkorrektur fügt die `apply`-Zeile ein).
            """,
        .requiresCycle: """
            Maßnahmen setzen sich im Kreis voraus, so dass keine zuerst angewandt werden
            kann. Entfernen Sie eines der `requires`.
            """,
        .measureAppliedTwice: """
            Ein Szenario wendet jede Maßnahme höchstens einmal an: ein zweites Mal würde ihre
            Änderungen doppelt anwenden (zweimal 50 % weniger Zeit sind 75 %).
            """,
        .measureNeverApplied: """
            Die Maßnahme ist deklariert, aber kein Szenario wendet sie an; keine ihrer
            Wirkungen wird berechnet. Wenden Sie sie in einem Szenario an oder entfernen Sie
            sie.
            """,
        .invalidChangeResult: """
            Nach der Änderung ist der Wert unmöglich: eine Zeit, Fallzahl, Kapazität oder ein
            Betrag unter null (bei einem Wert mit Spanne: ihre Untergrenze), ein Anteil
            über 100 % oder eine Entscheidung, deren Zweige am
            Ende des Eintrags (ein `apply` oder eine Folge von `change`-Zeilen) nicht mehr
            100 % ergeben. Die englische Meldung (`--lang en`) nennt den entstehenden Wert;
            orgc schneidet ihn nie ab.
            """,
        .changeBreaksStatement: """
            Das geänderte Modell muss die Regeln erfüllen, die für die Anweisung selbst
            gelten: ein Schritt, den eine Stelle oder Einheit erledigt, braucht eine `time`;
            ein Schritt mit `call` arbeitet nicht selbst; eine relative Änderung braucht
            einen Wert, den sie ändern kann.
            """,
        .targetShortfall: """
            Die Einheiten im Geltungsbereich haben zusammen weniger Soll über ihrem Bedarf,
            als das Ziel einsparen will; eine potenzialorientierte Kürzung erreicht es nicht,
            ohne unter den Bedarf zu kürzen. Der Bericht zeigt die Lücke; senken Sie das Ziel
            oder erweitern Sie `across`.
            """,
        .kpiWithoutPlan: """
            Die Zielerreichung einer Kennzahl vergleicht ihre Istwerte mit ihrem Plan; ohne
            `plan` gibt es keinen Vergleichswert, und orgc nimmt keinen an.
            """,
        .kpiActualTwice: """
            Eine Kennzahl hat höchstens einen Istwert (`actual`) je Jahr; zwei machen die
            Zielerreichung des Jahres mehrdeutig. Der erste zählt.
            """,
        .kpiPlanDateTwice: """
            Die Pläne einer Kennzahl bilden eine Treppenfunktion: höchstens ein undatierter
            `plan` und höchstens ein `plan … from DATUM` je Datum. Der erste zählt.
            """,
        .kpiWithoutDirection: """
            Ob ein Istwert über dem Plan gut oder schlecht ist, bestimmt die Zielerreichung:
            Ist ÷ Plan mit `better higher`, Plan ÷ Ist mit `better lower`. orgc nimmt keine
            Richtung an.
            """,
        .kpiYearWithoutPlan: """
            Die Kennzahl hat nur datierte Pläne, und der erste beginnt nach dem Jahr dieses
            Istwerts: an keinem Tag des Jahres gilt ein Plan. Schreiben Sie einen
            undatierten `plan` oder einen früher datierten.
            """,
        .kpiStaleVolume: """
            Die Kennzahl zählt die Arbeit eines Prozesses (`process P`) mit einer Toleranz.
            Im Modelljahr weichen die durchschnittliche Fallzahl des Prozesses und der
            Istwert der Kennzahl um mehr als Toleranz × Istwert voneinander ab: der
            Personalbedarf des Prozesses beruht auf einer überholten Fallzahl.
            """,
        .kpiAchievementUndefined: """
            Die Zielerreichung eines Jahres teilt durch den Plan (`better higher`) oder den
            Istwert (`better lower`); dieser Wert ist in dem Jahr 0, das Jahr hat also
            keine Zielerreichung (Berichte zeigen sie leer, JSON `null`).
            """,
        .kpiToleranceWithoutProcess: """
            `tolerance` vergleicht die Istwerte der Kennzahl mit der Fallzahl des mit
            `process` genannten Prozesses; ohne `process` vergleicht sie nichts.
            """,
        .deployOutsidePool: """
            Nur ein Pool (eine Einheit mit `pool`) verleiht Kapazität; `deploy` in einer
            anderen Einheit würde Kapazität abziehen, die ihre eigene Arbeit braucht.
            Ergänzen Sie `pool` oder verschieben Sie den Einsatz in einen Pool.
            """,
        .deploymentIncomplete: """
            Ein Einsatz braucht die empfangende Einheit (`to`), den Umfang (`fte F` je Tag
            oder `hours H h` insgesamt) und den Zeitraum (`period`); orgc nimmt nichts
            davon an.
            """,
        .deploymentFteAndHours: """
            Ein Einsatz nennt seinen Umfang einmal: `fte F` an jedem Tag des Zeitraums oder
            `hours H h` über den ganzen Zeitraum. Mit beiden wäre er mehrdeutig; `fte` zählt.
            """,
        .poolOverCommitted: """
            An einem Tag ergeben die Einsätze des Pools mehr VZÄ, als der Pool an diesem Tag
            effektiv besetzt hat. Die Meldung nennt das erste solche Datum und beide Werte;
            kürzen oder verringern Sie einen Einsatz, oder besetzen Sie den Pool.
            """,
        .deploymentHoursWithoutWorktime: """
            `hours H h` werden mit der Jahresarbeitszeit der Pool-Einheit in VZÄ
            umgerechnet (die nächste `worktime` der Einheit, ihrer Eltern oder des Modells);
            es gilt keine, also lassen sich die Stunden nicht umrechnen.
            """,
        .deploymentToOwnPool: """
            Der Einsatz schickt Kapazität an den eigenen Pool oder an eine Einheit darin:
            die Kapazität bleibt, wo sie ist, und der Pool zählt sie als genutzt.
            """,
        .targetOverlap: """
            `across` nennt Einheiten mit ihren ganzen Teilbäumen; eine genannte Einheit liegt
            im Teilbaum einer anderen, ihre Stellen würden doppelt gezählt.
            """,
        .datedSameDate: """
            Ein datierter Wert (`planned`, `filled`, `volume` mit `from DATUM`) gilt von
            seinem Datum bis zum nächsten; zwei Werte ab demselben Datum ließen offen,
            welcher gilt. Geben Sie jedes Datum einmal an; der erste zählt.
            """,
        .twoUndatedValues: """
            `planned`, `filled` und `volume` dürfen nur mit `from DATUM` wiederholt werden:
            der eine Wert ohne Datum gilt vor dem ersten Datum. Ein zweiter Wert ohne Datum
            ist ein Fehler; geben Sie ihm ein Datum oder entfernen Sie ihn. Der erste zählt.
            """,
        .datedVolumeWithoutUndated: """
            Eine datierte Fallzahl (`volume … from DATUM`) braucht eine undatierte für die
            Zeit vor ihrem ersten Datum: anders als bei `planned` und `filled` (0 VZÄ vor
            dem ersten Datum) wird eine Fallzahl von 0 nie angenommen.
            """,
        .rampOutOfRange: """
            `ramp DAUER [start P %]` braucht eine Dauer von mehr als 0 Tagen und höchstens
            10 Jahren (3.650 Tage; ein Monat zählt 30 Tage) und einen Startanteil unter
            100 %. Eine Einarbeitung von 0 hieße keine (lassen Sie `ramp` weg), eine von
            Jahrzehnten ist ein Tippfehler.
            """,
        .datedWithoutYear: """
            Datierte Werte werden über einen Zeitraum ausgewertet: das Kalenderjahr `year`
            des `model`-Blocks (oder `--year J`, oder ein Stichtag mit `--at DATUM`). Das
            Modell hat datierte Werte, aber kein `year`: ergänzen Sie `year 2022` im
            `model`-Block.
            """,
        .filledDuringFreeze: """
            Die Stelle hat `freeze until DATUM` (Besetzungssperre), aber `filled` steigt an
            einem Datum vor diesem Datum: eine Einstellung während der Sperre. Prüfen Sie
            das Datum der Einstellung oder des Endes der Sperre.
            """,
        .targetIncomplete: """
            Ein Einsparziel braucht die Einsparung (`save 5 fte` oder
            `save 300_000 EUR /year`) und die Einheiten, auf die sie verteilt wird
            (`across Dez1, Dez2`); orgc nimmt keines von beiden an.
            """,
        .rangeOutOfOrder: """
            Eine Spanne wird kleinster..größter Wert geschrieben (`time 10..30 min`), eine
            Dreipunktschätzung optimistisch..wahrscheinlich..pessimistisch, der
            wahrscheinliche Wert zwischen den beiden anderen (`time 20..30..60 min`). Gleiche
            Grenzen (`time 15..15 min`) sind ein genauer Wert.
            """,
        .rangeUnitInside: """
            Eine Spanne hat eine Einheit, einmal nach der oberen Grenze geschrieben:
            `time 10..60 min`, `volume 2_000..2_600 /year`. Einheiten innerhalb der Spanne
            (`time 10 min..1 h`) werden nicht angenommen, auch wenn sie gleich sind.
            """,
        .rangeNotAllowed: """
            Spannen geben die Unsicherheit einer Schätzung an und sind nur bei der `time`
            eines Schritts und dem `volume` eines Prozesses erlaubt. Andere Größen —
            `worktime`, `wait`, `planned`, `share`, `allowance`, Kosten … — haben einen Wert.
            Das gilt auch für den Wert eines `change`: `change Meldung.Erfassen time 10..20 min`
            setzt eine Spanne, `change Meldung.Erfassen wait 1..3 d` wird abgelehnt.
            """,
        .matrixWithoutScale: """
            Eine `matrix` braucht `scale a..b`: den Bereich, in dem ihre Bewertungen liegen.
            orgc nimmt keine Skala an, denn die Heatmap, die Spannweite und die Prüfung
            jedes Werts hängen davon ab.
            """,
        .matrixValueOutsideScale: """
            Jeder Wert einer `rate`-Liste liegt in der Skala der Matrix. Mit `scale 1..4`
            liegt in `rate Technik 2, 5, 1, 2` die 5 außerhalb. Schreiben Sie `-` für einen
            fehlenden Wert.
            """,
        .matrixValueCount: """
            `rate BEREICH w1, w2, …` gibt genau einen Wert je deklariertem `aspect`, in der
            Reihenfolge der Deklaration. Bei vier Aspekten fehlt in `rate Technik 2, 3, 1`
            ein Wert: schreiben Sie `-` für einen fehlenden Wert (`rate Technik 2, 3, -, 1`).
            """,
        .unknownMatrixArea: """
            Das erste Wort nach `rate` nennt einen `area`, der in derselben Matrix
            deklariert ist.
            """,
        .matrixCellMissing: """
            Eine bewertende Stelle gibt für eine Zelle keinen Wert: ein `-` in einer
            `rate`-Liste oder ein Bereich, den die Bewertung auslässt. Der Index der Zelle
            ist der Mittelwert der Bewertenden, die sie bewertet haben; der fehlende Wert
            wird ausgelassen, nie als 0 gezählt. Eine Zelle ohne jede Bewertung hat keinen
            Index (Berichte zeigen sie leer, JSON `null`).
            """,
        .matrixTargetTwice: """
            Eine Matrix hat höchstens ein `rating … { target; … }`: die Abstände werden
            daran gemessen, zwei Zielprofile machten sie mehrdeutig.
            """,
        .matrixRaterTwice: """
            Jede bewertende Stelle hat einen `rating`-Block je Matrix; ein zweiter zählte
            sie in jedem Mittelwert doppelt. Führen Sie die beiden Blöcke zusammen.
            """,
        .raciAccountableNotOne: """
            In einem Funktionendiagramm hat jede Aufgabe genau ein `A` (verantwortlich:
            entscheidet und steht für das Ergebnis ein). Die Meldung nennt, wie viele die
            Aufgabe hat.
            """,
        .raciWithoutResponsible: """
            Jede Aufgabe eines Funktionendiagramms hat mindestens ein `R` (durchführend:
            erledigt die Arbeit).
            """,
        .raciStepPerformerNotResponsible: """
            `step P.S` verknüpft eine Aufgabe mit einem Schritt eines Prozesses. Wer den
            Schritt erledigt (`by`), macht die Arbeit und sollte unter den `R` der Aufgabe
            sein; sonst widersprechen sich Diagramm und Prozess.
            """,
        .matrixTooLarge: """
            Eine Matrix hat höchstens 10.000 Zellen (Bereiche × Aspekte); für eine größere
            berechnet orgc keine Zahlen. Reifegradmatrizen haben wenige Bereiche und
            Aspekte; teilen Sie eine größere Bewertung in mehrere Matrizen.
            """,
        .raciUnknownStep: """
            `step P.S` nennt einen Prozess `P` und einen seiner Schritte `S`. Den Prozess
            gibt es, aber keinen Schritt dieses Namens (oder `S` ist eine Entscheidung, die
            keine Arbeit macht).
            """,
    ].merging(portfolioGermanExplanations) { first, _ in first }
}

extension Diagnostic {
    /// The finding in German: the code's German title, then — for the codes whose English
    /// message carries figures — a German sentence with the same figures (German-formatted),
    /// built from `GermanMessages.templates`; otherwise the first name the message quotes in
    /// backticks ("Stelle ohne Entgeltgruppe, daher ohne Kosten: `SB`").
    public var germanMessage: String {
        let title = code.germanTitle
        if let detail = GermanMessages.detail(code, message) { return title + ": " + detail }
        var out = title
        if let subject = MessageText.quoted(in: message), !subject.isEmpty { out += ": `\(subject)`" }
        if let tail = MessageText.after("did you mean ", in: message), let suggestion = MessageText.quoted(in: tail) {
            out += " – gemeint ist wohl `\(suggestion)`"
        }
        return out
    }
}

extension Fix {
    /// The quick fix in German (`check --lang de`): the fixes are few and their titles
    /// formulaic, so the German title is built from the English one's form and the code
    /// it quotes; an unknown form falls back to "Vorschlag: `…`".
    public var germanTitle: String {
        let q = MessageText.quoted(in: title) ?? ""
        func starts(_ p: String) -> Bool { title.unicodeScalars.starts(with: p.unicodeScalars) }
        if starts("Swap the bounds") { return "Grenzen tauschen" }
        if starts("Apply `") { return "`apply \(q)` davor einfügen" }
        if starts("Set to "), let v = MessageText.after("Set to ", in: title) { return "auf \(GermanMessages.germanNumber(v.split(separator: " ").first.map(String.init) ?? v))\(v.contains("%") ? " %" : "") setzen" }
        if starts("Add a model block") { return "`model`-Block mit `\(q)` anlegen" }
        if starts("Add unit") { return "Einheit `\(q)` ergänzen" }
        if starts("Change to") { return "ändern in `\(q)`" }
        if starts("Insert `worktime") { return "`\(q)` im `model`-Block einfügen" }
        if starts("Insert `time`") { return "`time` einfügen (Minuten eintragen)" }
        if starts("Insert `volume`") { return "`volume` einfügen (Fälle je Jahr eintragen)" }
        if starts("Insert `}` before line"), let line = MessageText.after("before line ", in: title) { return "`}` vor Zeile \(line) einfügen" }
        if starts("Insert") { return "`\(q)` einfügen" }
        if starts("Set the last branch to"), let v = MessageText.after("Set the last branch to ", in: title) { return "letzten Zweig auf \(v) setzen" }
        return q.isEmpty ? "Vorschlag" : "Vorschlag: `\(q)`"
    }
}

/// Pieces of English message texts (no Foundation in this module).
enum MessageText {
    /// The text after the first occurrence of `marker`, if any.
    static func after(_ marker: String, in text: String) -> String? {
        let t = Array(text.unicodeScalars), m = Array(marker.unicodeScalars)
        guard !m.isEmpty, t.count >= m.count else { return nil }
        for i in 0...(t.count - m.count) where Array(t[i..<(i + m.count)]) == m {
            var out = String.UnicodeScalarView()
            out.append(contentsOf: t[(i + m.count)...])
            return String(out)
        }
        return nil
    }

    /// The first text in backticks in `text`, if any.
    static func quoted(in text: String) -> String? {
        let scalars = Array(text.unicodeScalars)
        guard let open = scalars.firstIndex(of: "`") else { return nil }
        guard let close = scalars[(open + 1)...].firstIndex(of: "`") else { return nil }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars[(open + 1)..<close])
        return String(out)
    }
}
