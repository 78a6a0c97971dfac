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

    /// A model with every kind of sharing: two uncertain volumes (one reaching a callee
    /// through two calling steps), a loop, steps of one position in two processes, a unit
    /// doing work itself, sub-units, costs, an actor step in the lead time.
    public static let rangesModel = """
        model M { year 2024; worktime 1500 h; allowance 10 % }
        grade E9 { cost 60_000 EUR }
        grade E11 { cost 75_000 EUR }
        actor Buerger { external }
        unit Amt {
          position AL { grade E11; planned 1 fte }
          unit SG {
            position SB { grade E9; planned 2 fte }
            position SC { grade E9; planned 1 fte; effort "Gremien" 0.2 fte }
          }
        }
        process Antrag { owner Amt; volume 800..1_200 /year
          step Pruefen { by SB; time 20..30..60 min }
          decide Ok { branch "ja" 75 % -> Bescheid; branch "nein" 25 % -> Pruefen }
          step Bescheid { by SC; time 15 min }
          step Zahlen { call Zahlung }
          step Nachfrage { by Buerger; time 1..4 h; wait 2 d }
          step Zahlen2 { call Zahlung; share 40 % }
        }
        process Zahlung { owner Amt; volume 100..150..300 /year
          step Buchen { by SB; time 5..10 min }
          step Freigabe { by AL; time 2 min }
          step Ablage { by SG; time 1..2..6 min }
        }
        """
}
