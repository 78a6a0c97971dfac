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
    ]
}

extension Diagnostic {
    /// The finding in German: the code's German title and the first name the message
    /// quotes in backticks (`Stelle ohne Entgeltgruppe: keine Kosten – SB`). The English
    /// message says more (suggestions, values); German output points to the place instead.
    public var germanMessage: String {
        let title = code.germanTitle
        var out = title
        if let subject = quoted(in: message), !subject.isEmpty { out += ": `\(subject)`" }
        if let tail = after("did you mean ", in: message), let suggestion = quoted(in: tail) {
            out += " – gemeint ist wohl `\(suggestion)`"
        }
        return out
    }

    /// The text after the first occurrence of `marker` (no Foundation in this module).
    func after(_ marker: String, in text: String) -> String? {
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
    func quoted(in text: String) -> String? {
        let scalars = Array(text.unicodeScalars)
        guard let open = scalars.firstIndex(of: "`") else { return nil }
        guard let close = scalars[(open + 1)...].firstIndex(of: "`") else { return nil }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars[(open + 1)..<close])
        return String(out)
    }
}
