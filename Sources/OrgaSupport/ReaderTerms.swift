/// Words of the language as a reader of a report or graph says them: the `source` of
/// process times and the measures of the Prozess-DNA (`timing` → "Zeitmessung").
/// Shared by the reports and the graphs, so both say the same.
public enum ReaderTerms {
    /// A `source` word (`estimate | selfreport | timing | mma | keyfigure`).
    public static func source(_ word: String, _ language: OutputLanguage) -> String {
        let de = language == .de
        switch word {
        case "estimate": return de ? "Schätzung" : "estimate"
        case "selfreport": return de ? "Selbstaufschreibung" : "self-report"
        case "timing": return de ? "Zeitmessung" : "time measurement"
        case "mma": return de ? "Multimomentaufnahme" : "multi-moment study"
        case "keyfigure": return de ? "Kennzahlen" : "key figures"
        default: return word
        }
    }

    /// A measured DNA criterion's `from` word (`media_breaks` → "Medienbrüche je Fall").
    public static func measure(_ word: String, _ language: OutputLanguage) -> String {
        let de = language == .de
        switch word {
        case "volume": return de ? "Fallzahl je Jahr" : "cases per year"
        case "hours": return de ? "Arbeitsstunden je Jahr" : "staff hours per year"
        case "fte": return de ? "gebundene VZÄ" : "fte bound"
        case "media_breaks": return de ? "Medienbrüche je Fall" : "media breaks per case"
        case "handoffs": return de ? "Übergaben je Fall" : "handoffs per case"
        case "steps": return de ? "Schritte je Fall" : "steps per case"
        case "leadtime": return de ? "Durchlaufzeit" : "lead time"
        case "digital": return de ? "Anteil der Schritte ohne System" : "share of steps not done by a system"
        default: return word
        }
    }
}
