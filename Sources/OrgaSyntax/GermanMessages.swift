/// German details for the findings whose English message carries figures (values,
/// bounds, counts, shortfalls). One table: per code, variants picked by a marker in the
/// English message, each a German template whose placeholders take the pieces of the
/// English message, so the figures travel without a second set of call sites:
///
/// - `{q1}`, `{q2}`, … the names quoted in backticks, in order; `{qz}` the last one;
/// - `{n1}`, `{n2}`, … the numbers outside backticks, in order, German-formatted
///   (`1.234,5`); `{r1}`, … the same numbers as written (years: `2022`);
/// - `{d1}`, `{d2}`, … the quoted piece of that number as a German date (`2025-03-01` →
///   `01.03.2025`) or period (`2025-01-01..2025-06-30` → `01.01.2025–30.06.2025`);
///   nil when it is neither;
/// - `{u1}` the unit after the first number, in German (`fte` → `VZÄ`);
/// - `{what}` the quantity an E709 change makes impossible, in German;
/// - `{ctx}` ` (Szenario `S`)` when the English message says `(in scenario `S`)`.
///
/// A template whose pieces are missing gives no detail: the finding falls back to the
/// title and the quoted name (never an English word, never a wrong figure).
enum GermanMessages {
    typealias Variant = (marker: String, template: String)

    static let templates: [DiagnosticCode: [Variant]] = [
        .invalidChangeResult: [
            ("add up to", "nach dieser Änderung ergeben die Zweige der Entscheidung `{q1}` zusammen {n1} %, nicht 100 %{ctx}"),
            ("below zero", "diese Änderung macht {what} {n1} {u1}, also weniger als null{ctx}"),
            ("not above zero", "diese Änderung macht {what} {n1} Std., also nicht mehr als null{ctx}"),
            ("above 100 %", "diese Änderung setzt `{q1}` auf {n1} %, mehr als 100 %"),
        ],
        .targetShortfall: [
            (" fte of the saving", "Ziel `{q1}`: die Einheiten im Geltungsbereich haben zu wenig Soll über dem Bedarf; {n1} VZÄ der Einsparung sind nur durch Kürzung unter den Bedarf erreichbar"),
            (" EUR /year of the saving", "Ziel `{q1}`: die Einheiten im Geltungsbereich haben zu wenig Soll über dem Bedarf; {n1} EUR/Jahr der Einsparung sind nur durch Kürzung unter den Bedarf erreichbar"),
        ],
        .poolOverCommitted: [
            ("effective filled on that day", "Pool `{q1}` setzt am {d2} {n1} VZÄ ein, hat an diesem Tag aber nur {n2} VZÄ effektiv besetzt (erster überbuchter Tag)"),
        ],
        .kpiStaleVolume: [
            ("differ by more than", "Prozess `{q1}` hat {r2} im Durchschnitt {n1} Fälle/Jahr, die Kennzahl `{q2}` aber den Istwert {n3}; die Abweichung ist größer als {n4} % des Istwerts"),
        ],
        .rangeOutOfOrder: [
            ("three-point", "eine Dreipunkt-Spanne wird niedrigster..wahrscheinlichster..höchster Wert geschrieben; `{q1}` braucht {n1} ≤ {n2} ≤ {n3}"),
            ("lower bound", "eine Spanne wird niedrigster..höchster Wert geschrieben; in `{q1}` liegt die Untergrenze {n1} über der Obergrenze {n2}"),
        ],
        .matrixValueOutsideScale: [
            ("outside the scale", "{n1} liegt außerhalb der Skala {n2}..{n3} der Matrix `{q1}`"),
        ],
        .matrixValueCount: [
            ("declares", "`{q1}` gibt Werte: {n1}, Matrix `{q2}` hat Aspekte: {n2} – ein Wert je Aspekt, `-` für einen nicht gegebenen"),
        ],
        .matrixTooLarge: [
            ("cells", "Matrix `{q1}` hat {n1} Bereiche × {n2} Aspekte = {n3} Zellen; höchstens {n4} werden dargestellt"),
        ],
        .raciAccountableNotOne: [
            ("no accountable", "Aufgabe `{q1}` hat keine verantwortliche Partei: genau ein `A` eintragen"),
            ("accountable parties", "Aufgabe `{q1}` hat {n1} verantwortliche Parteien: genau ein `A`"),
        ],
        .filledExceedsPlanned: [
            ("filled but only", "Stelle `{q1}` ist mit {n1} VZÄ besetzt, hat aber nur {n2} VZÄ im Soll"),
        ],
        .pastKwStillPlanned: [
            ("is kw from", "Stelle `{q1}` ist kw ab {r1}, hat im Modelljahr {r3} aber noch {n2} VZÄ im Soll"),
        ],
        .datedSameDate: [
            ("is already given from", "`{q1}` ist in diesem Block schon ab {d2} gegeben; der erste Wert gilt"),
        ],
        .twoUndatedValues: [
            ("without a date is already given", "`{q1}` ohne Datum ist in diesem Block schon gegeben; diesem ein Datum geben (`from JJJJ-MM-TT`) oder ihn entfernen"),
        ],
        .datedVolumeWithoutUndated: [
            ("none without a date", "Prozess `{q1}` hat eine Fallzahl ab einem Datum, aber keine ohne Datum für die Zeit davor; eine ergänzen, z. B. `volume 25 /year`"),
        ],
        .datedWithoutYear: [
            ("has values from dates", "Stelle `{q1}` hat Werte ab Datumsangaben, aber das Modell hat kein `year`, über das sie gemittelt werden; `year JJJJ` im `model`-Block ergänzen"),
            ("has volumes from dates", "Prozess `{q1}` hat Fallzahlen ab Datumsangaben, aber das Modell hat kein `year`, über das sie gemittelt werden; `year JJJJ` im `model`-Block ergänzen"),
        ],
        .rampOutOfRange: [
            ("must last more than 0 days", "`{q1}` muss länger als {n1} Tage und höchstens {n2} Jahre dauern ({n3} Tage; ein Monat zählt {n4} Tage)"),
            ("must be below 100 %", "`{q1}` einer `{q2}` muss unter {n1} % liegen"),
        ],
        .filledDuringFreeze: [
            ("before its hiring freeze ends", "Stelle `{q1}` wird am {d2} stärker besetzt, bevor ihre Besetzungssperre am {d3} endet"),
        ],
        .branchSharesNot100: [
            ("add up to", "die Zweige von `{q1}` ergeben zusammen {n1} %, nicht 100 %"),
        ],
    ].merging(portfolioTemplates) { first, _ in first }

    /// The German detail of `message` for `code`, if the table has a variant whose
    /// marker the message contains and whose placeholders all find their piece.
    static func detail(_ code: DiagnosticCode, _ message: String) -> String? {
        guard let variants = templates[code] else { return nil }
        for v in variants where MessageText.after(v.marker, in: message) != nil {
            return fill(v.template, from: message)
        }
        return nil
    }

    static func fill(_ template: String, from message: String) -> String? {
        let pieces = Pieces(message)
        var out = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else { return nil }
            let name = rest[rest.index(after: open)..<close]
            guard let value = pieces.value(of: name) else { return nil }
            out += value
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }

    /// The pieces of an English message that templates take.
    struct Pieces {
        var quoted: [String] = []
        var numbers: [String] = []
        var unitAfterFirstNumber = ""
        var message: String

        init(_ message: String) {
            self.message = message
            let s = Array(message.unicodeScalars)
            var i = 0, inQuote = false, quote = String.UnicodeScalarView()
            func isWordChar(_ c: Unicode.Scalar) -> Bool { c.properties.isAlphabetic || c == "_" || ("0"..."9").contains(c) }
            while i < s.count {
                let c = s[i]
                if c == "`" {
                    if inQuote { quoted.append(String(quote)); quote = String.UnicodeScalarView() }
                    inQuote.toggle(); i += 1; continue
                }
                if inQuote { quote.append(c); i += 1; continue }
                let digitAt: (Int) -> Bool = { $0 < s.count && ("0"..."9").contains(s[$0]) }
                let negative = c == "-" && digitAt(i + 1) && (i == 0 || s[i - 1] == " " || s[i - 1] == "(")
                if (digitAt(i) || negative) && (i == 0 || !isWordChar(s[i - 1])) {
                    var n = String.UnicodeScalarView()
                    if negative { n.append("-"); i += 1 }
                    while i < s.count, digitAt(i) || (s[i] == "." && digitAt(i + 1)) { n.append(s[i]); i += 1 }
                    if numbers.isEmpty {
                        // The unit: the words after the number up to a comma or the end.
                        var u = String.UnicodeScalarView(), j = i
                        while j < s.count, s[j] != "," { u.append(s[j]); j += 1 }
                        unitAfterFirstNumber = String(u).trimmingSpaces
                    }
                    numbers.append(String(n))
                    continue
                }
                i += 1
            }
        }

        func value(of name: Substring) -> String? {
            func index(_ prefix: Character) -> Int? {
                guard name.first == prefix, let k = Int(name.dropFirst()), k >= 1 else { return nil }
                return k - 1
            }
            switch name {
            case "qz": return quoted.last
            case "u1": return GermanMessages.units[unitAfterFirstNumber]
            case "ctx":
                guard let tail = MessageText.after("(in scenario ", in: message), let s = MessageText.quoted(in: tail) else { return "" }
                return " (Szenario `\(s)`)"
            case "what":
                guard let tail = MessageText.after("this change makes ", in: message) else { return nil }
                for (english, german) in GermanMessages.quantities where tail.unicodeScalars.starts(with: english.unicodeScalars) {
                    // A name follows the quantity in backticks (none for the model's worktime).
                    if english == "the model's worktime" { return german }
                    guard let q = MessageText.quoted(in: tail) else { return nil }
                    return "\(german) `\(q)`"
                }
                guard tail.unicodeScalars.first == "`", let q = MessageText.quoted(in: tail) else { return nil }
                return "den Wert von `\(q)`"
            default: break
            }
            if let k = index("q") { return k < quoted.count ? quoted[k] : nil }
            if let k = index("d") { return k < quoted.count ? GermanMessages.germanDateOrPeriod(quoted[k]) : nil }
            if let k = index("n") { return k < numbers.count ? GermanMessages.germanNumber(numbers[k]) : nil }
            if let k = index("r") { return k < numbers.count ? numbers[k] : nil }
            return nil
        }
    }

    /// E709's quantities ("this change makes the volume of `P` -10 /year, below zero").
    static let quantities: [(String, String)] = [
        ("the volume of", "die Fallzahl von"), ("the time of", "die Bearbeitungszeit von"),
        ("the wait of", "die Wartezeit von"), ("planned of", "das Soll von"), ("filled of", "das Ist von"),
        ("the coverage of", "die Besetzungszeit von"), ("effort", "den Aufwand von"),
        ("the worktime of", "die Arbeitszeit von"), ("the cost of", "die Kosten von"),
        ("the model's worktime", "die Arbeitszeit des Modells"),
    ]

    /// The units of the messages' figures, in German.
    static let units: [String: String] = [
        "/year": "Fälle/Jahr", "min": "Min.", "d": "Tage", "fte": "VZÄ", "h /week": "Std./Woche",
        "h /year": "Std./Jahr", "EUR": "EUR", "h": "Std.", "%": "%",
    ]

    /// `-1234.5` → `-1.234,5`: thousands grouped with a point, a decimal comma.
    /// `2025-03-01` → `01.03.2025`; `2025-01-01..2025-06-30` → `01.01.2025–30.06.2025`.
    static func germanDateOrPeriod(_ text: String) -> String? {
        func date(_ t: Substring) -> String? {
            let b = Array(t.utf8)
            guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
                  b.enumerated().allSatisfy({ $0.offset == 4 || $0.offset == 7 || ($0.element >= 48 && $0.element <= 57) }) else { return nil }
            return "\(t.dropFirst(8)).\(t.dropFirst(5).prefix(2)).\(t.prefix(4))"
        }
        guard let dots = text.firstRange(of: "..") else { return date(Substring(text)) }
        guard let a = date(text[..<dots.lowerBound]), let b = date(text[dots.upperBound...]) else { return nil }
        return a + "–" + b
    }

    static func germanNumber(_ english: String) -> String {
        var s = Substring(english), sign = ""
        if s.first == "-" { sign = "-"; s = s.dropFirst() }
        let parts = s.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = Array(parts.first ?? "")
        var grouped = ""
        for (k, c) in whole.enumerated() {
            if k > 0, (whole.count - k) % 3 == 0 { grouped += "." }
            grouped.append(c)
        }
        return sign + grouped + (parts.count > 1 ? "," + parts[1] : "")
    }
}

extension String {
    /// Without leading and trailing spaces (no Foundation in this module).
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
