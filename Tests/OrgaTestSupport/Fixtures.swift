/// Source texts several test targets check.
public enum Fixtures {
    /// The worked example of the language description (§8): one unit, one position,
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
}
