import XCTest
@testable import OrgaSyntax

/// German findings (`--lang de`): the code's German title, the name the English message
/// quotes first, a "did you mean" suggestion, and German quick-fix titles.
final class GermanDiagnosticsTests: XCTestCase {
    func testGermanMessageKeepsTheSubjectAndTheSuggestion() {
        let d = Diagnostic(.unknownReference, path: "a.orga", range: ByteRange(0, 1),
                           "no unit, position, actor or system named `Sachbearbeitng`; did you mean `Sachbearbeitung`?")
        XCTAssertEqual(d.germanMessage, "unbekannter Name: `Sachbearbeitng` – gemeint ist wohl `Sachbearbeitung`")
        let w = Diagnostic(.pastKwStillPlanned, path: "a.orga", range: ByteRange(0, 1),
                           "position `P` is kw from 2022 but still has 1 fte planned in the model year 2023")
        XCTAssertEqual(w.germanMessage, "kw-Jahr erreicht, die Stelle steht aber noch im Soll: Stelle `P` ist kw ab 2022, hat im Modelljahr 2023 aber noch 1 VZÄ im Soll")
        let plain = Diagnostic(.tooManyErrors, path: "a.orga", range: ByteRange(0, 1), "too many errors in this file")
        XCTAssertEqual(plain.germanMessage, "zu viele Fehler")
        // A backtick that is never closed quotes nothing.
        XCTAssertEqual(Diagnostic(.unexpectedCharacter, path: "", range: ByteRange(0, 0), "stray `").germanMessage, "unerwartetes Zeichen")
    }

    /// The codes whose English message carries figures keep them in German, German-formatted
    /// (the messages are those the checker and the what-if engine write).
    func testGermanMessagesKeepTheFigures() {
        func de(_ code: DiagnosticCode, _ english: String) -> String {
            Diagnostic(code, path: "a.orga", range: ByteRange(0, 1), english).germanMessage
        }
        // E709: the resulting value, the quantity in German and the scenario.
        XCTAssertEqual(de(.invalidChangeResult, "this change makes the volume of `Antrag` -1200.5 /year, below zero (in scenario `Soll2026`)"),
                       "Änderung ergibt einen unmöglichen Wert: diese Änderung macht die Fallzahl von `Antrag` -1.200,5 Fälle/Jahr, also weniger als null (Szenario `Soll2026`)")
        XCTAssertEqual(de(.invalidChangeResult, "this change makes planned of `SB` -0.25 fte, below zero"),
                       "Änderung ergibt einen unmöglichen Wert: diese Änderung macht das Soll von `SB` -0,25 VZÄ, also weniger als null")
        XCTAssertEqual(de(.invalidChangeResult, "after this change the branches of decision `P.D` add up to 90 %, not 100 % (in scenario `S`)"),
                       "Änderung ergibt einen unmöglichen Wert: nach dieser Änderung ergeben die Zweige der Entscheidung `P.D` zusammen 90 %, nicht 100 % (Szenario `S`)")
        // W711: the shortfall.
        XCTAssertEqual(de(.targetShortfall, "target `Spar`: the units in scope have too little planned capacity above need; 1.375 fte of the saving cannot be reached without cutting below need"),
                       "Einsparziel oberhalb des Bedarfs nicht erreichbar: Ziel `Spar`: die Einheiten im Geltungsbereich haben zu wenig Soll über dem Bedarf; 1,375 VZÄ der Einsparung sind nur durch Kürzung unter den Bedarf erreichbar")
        XCTAssertEqual(de(.targetShortfall, "target `Spar`: the units in scope have too little planned capacity above need; 12500 EUR /year of the saving cannot be reached without cutting below need"),
                       "Einsparziel oberhalb des Bedarfs nicht erreichbar: Ziel `Spar`: die Einheiten im Geltungsbereich haben zu wenig Soll über dem Bedarf; 12.500 EUR/Jahr der Einsparung sind nur durch Kürzung unter den Bedarf erreichbar")
        // E901: the bounds (the written range stays as written).
        XCTAssertEqual(de(.rangeOutOfOrder, "a range is written lowest..highest; in `30..10.5` the lower bound 30 is above the upper bound 10.5"),
                       "Grenzen einer Spanne in falscher Reihenfolge: eine Spanne wird niedrigster..höchster Wert geschrieben; in `30..10.5` liegt die Untergrenze 30 über der Obergrenze 10,5")
        // E942: both counts; E947: how many A.
        XCTAssertEqual(de(.matrixValueCount, "`rate Digital` gives 3 values, but matrix `Reife` declares 4 aspects: one value per aspect, `-` for one not given"),
                       "falsche Anzahl von Werten in `rate`: `rate Digital` gibt Werte: 3, Matrix `Reife` hat Aspekte: 4 – ein Wert je Aspekt, `-` für einen nicht gegebenen")
        XCTAssertEqual(de(.raciAccountableNotOne, "task `Bescheid` has 2 accountable parties (`SB`, `Leitung`): exactly one `A`"),
                       "Aufgabe braucht genau eine verantwortliche Partei (A): Aufgabe `Bescheid` hat 2 verantwortliche Parteien: genau ein `A`")
        // A message the table has no variant for keeps the title and the quoted name.
        XCTAssertEqual(de(.raciAccountableNotOne, "task `Bescheid` is odd"), "Aufgabe braucht genau eine verantwortliche Partei (A): `Bescheid`")
    }

    func testGermanNumbers() {
        XCTAssertEqual(GermanMessages.germanNumber("1234567.25"), "1.234.567,25")
        XCTAssertEqual(GermanMessages.germanNumber("-4000"), "-4.000")
        XCTAssertEqual(GermanMessages.germanNumber("0.175"), "0,175")
        XCTAssertEqual(GermanMessages.germanNumber("999"), "999")
    }

    func testEveryFixTitleFormHasAGermanTitle() {
        let cases: [(String, String)] = [
            ("Add a model block with `worktime 1590 h`", "`model`-Block mit `worktime 1590 h` anlegen"),
            ("Add unit `min`", "Einheit `min` ergänzen"),
            ("Swap the bounds", "Grenzen tauschen"),
            ("Apply `Ausgang` before", "`apply Ausgang` davor einfügen"),
            ("Set to 12.5 %", "auf 12,5 % setzen"),
            ("Change to `time`", "ändern in `time`"),
            ("Insert `-> end`", "`-> end` einfügen"),
            ("Insert `worktime 1590 h` into the model block", "`worktime 1590 h` im `model`-Block einfügen"),
            ("Insert `}` before line 12", "`}` vor Zeile 12 einfügen"),
            ("Set the last branch to 70 %", "letzten Zweig auf 70 % setzen"),
            ("Insert `time` (fill in the minutes)", "`time` einfügen (Minuten eintragen)"),
            ("Insert `volume` (fill in the cases per year)", "`volume` einfügen (Fälle je Jahr eintragen)"),
            ("Something new `x`", "Vorschlag: `x`"),
        ]
        for (en, de) in cases { XCTAssertEqual(Fix(title: en, edits: []).germanTitle, de, en) }
    }
}
