/// The language of what orgc writes for people: the words it adds and, in reports, the
/// number format (`de` writes `1.234,56`, `en` `1,234.56`).
public enum OutputLanguage: String, Sendable, CaseIterable {
    case de, en
}
