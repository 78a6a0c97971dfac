/// Source texts several test targets check.
public enum Fixtures {
    /// The worked example of docs/language.md § 11: one unit, one position,
    /// two processes, with a hand-computed need of 2.18 fte for SB.
    public static let languageExample = """
        model Demo "Bürgerbüro Musterstadt" {
          year 2025
          worktime 1590 h
          allowance 10 %
        }
        grade E8 { cost 62_000 EUR }
        unit BB "Bürgerbüro" {
          position SB "Sachbearbeitung Bürgerbüro" { grade E8; planned 4 fte; filled 3.5 fte }
        }
        actor Kunde "Kundin/Kunde" { external }
        process Meldung "Wohnsitz anmelden" {
          owner BB
          volume 2_400 /year
          step Pruefen "Unterlagen prüfen" { by SB; time 15 min }
          step Erfassen "Daten erfassen" { by SB; time 30 min; media_break }
        }
        process Widerspruch "Widerspruch bearbeiten" {
          owner BB
          volume 900 /year
          step Bearbeiten "Widerspruch prüfen und bescheiden" { by SB; time 90 min }
        }
        """

    /// A small organisation (model, unit, documented position) for the language
    /// feature and server tests, beside `languageServerProcess`.
    public static let languageServerOrganisation = """
        model M { worktime 1590 h }
        unit Amt "Amt für Tests" {
          /// Die Sachbearbeitung.
          position SB "Sachbearbeitung" { planned 2 fte; filled 1 fte }
        }

        """

    /// A process with umlauts, an emoji, a decision and a loop, owned by the unit of
    /// `languageServerOrganisation`.
    public static let languageServerProcess = """
        process P "Prozess" {
          owner Amt
          volume 1_590 /year
          step A "Prüfen 😀" { by SB; time 60 min }
          decide D { branch "ja" 50 % -> A2; branch "nein" 50 % -> end }
          step A2 { by SB; time 60 min }
        }

        """
}
