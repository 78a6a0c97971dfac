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
        XCTAssertEqual(w.germanMessage, "kw-Jahr erreicht, die Stelle steht aber noch im Soll: `P`")
        let plain = Diagnostic(.tooManyErrors, path: "a.orga", range: ByteRange(0, 1), "too many errors in this file")
        XCTAssertEqual(plain.germanMessage, "zu viele Fehler")
        // A backtick that is never closed quotes nothing.
        XCTAssertEqual(Diagnostic(.unexpectedCharacter, path: "", range: ByteRange(0, 0), "stray `").germanMessage, "unerwartetes Zeichen")
    }

    func testEveryFixTitleFormHasAGermanTitle() {
        let cases: [(String, String)] = [
            ("Add a model block with `worktime 1590 h`", "`model`-Block mit `worktime 1590 h` anlegen"),
            ("Add unit `min`", "Einheit `min` ergänzen"),
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
