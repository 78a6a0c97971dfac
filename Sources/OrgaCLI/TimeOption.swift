import OrgaSemantics
import OrgaAnalysis
import OrgaSupport

/// `--year Y` and `--at DATE` (docs/language.md, Time): the period dated values are
/// averaged over (the model `year` without either), or the one date they are read on.
enum TimeOption {
    static let help = """
          --year Y   evaluate dated values over the calendar year Y (default: the
                     model's `year`); planned, filled and vacancy are day-weighted averages
          --at DATE  evaluate every value as it stands on DATE (YYYY-MM-DD)
        """

    /// The evaluation asked for; nil when neither option is given. A usage error
    /// (printed) gives `.failure`.
    static func parse(_ reader: ArgumentReader, command: String, io: CommandIO) -> Result<Evaluation?, UsageFailure> {
        let year = reader.value("--year"), at = reader.value("--at")
        if year != nil && at != nil {
            io.err("orgc \(command): give either --year or --at, not both\n")
            return .failure(UsageFailure())
        }
        if let year {
            guard let y = Int(year), let e = Evaluation.year(y) else {
                io.err("orgc \(command): --year takes a year such as 2022, not `\(year)`\n")
                return .failure(UsageFailure())
            }
            return .success(e)
        }
        if let at {
            guard let d = CalendarDate(iso: at), let e = Evaluation.at(d) else {
                io.err("orgc \(command): --at takes a date that exists, written YYYY-MM-DD (e.g. 2022-09-01), not `\(at)`\n")
                return .failure(UsageFailure())
            }
            return .success(e)
        }
        return .success(nil)
    }

    /// A period or date far (more than a year) from every date of the model most likely is
    /// a typo: say so on standard error (the report is still made; every value is then the
    /// one before the first date or after the last).
    static func warnIfFar(_ e: Evaluation?, _ model: Model, command: String, io: CommandIO) {
        guard let e, let nearest = PeriodEvaluation.nearestDateIfFar(model, from: e.span) else { return }
        let asked = e.at.map { "--at \($0.iso)" } ?? "--year \(e.span.first.year)"
        io.err("orgc \(command): warning: \(asked) is more than a year from every date of the model (the nearest is \(nearest.iso)); every dated value there is the one in force before the first or after the last date\n")
    }

    struct UsageFailure: Error {}
}
