import OrgaSyntax
import OrgaSupport

/// Reading dates and periods from arguments. The lexer has already reported a token
/// that is not a calendar date (E107) and the parser a period that ends before it
/// starts, so nil here needs no second diagnostic.
extension SyntaxTree {
    /// The date of a `.date` argument (or the first day of a period).
    public func date(_ a: Argument) -> CalendarDate? {
        guard a.kind == .date || a.kind == .dateRange else { return nil }
        return CalendarDate(iso: text(a.firstToken))
    }

    /// The days of a `.dateRange` argument, both ends inclusive.
    public func period(_ a: Argument) -> DateSpan? {
        guard a.kind == .dateRange, !a.isMalformed, let first = CalendarDate(iso: text(a.firstToken)),
              let last = CalendarDate(iso: text(a.lastToken)) else { return nil }
        return DateSpan(first, last)
    }

    /// The date of a dated value (`planned 6 fte from 2022-01-01`), nil when undated.
    public func datedFrom(_ statement: Int32) -> CalendarDate? {
        arg(statement, .from).flatMap { date($0) }
    }
}
