/// Unit words that may follow a number, and the dimensions they make up.
public enum UnitWord: String, CaseIterable, Sendable {
    case min, h, d, wk, mo, fte, EUR
    case percent = "%"
    case euroSign = "€"

    /// Length of one such unit in hours of calendar time (for lead time: h ÷ 24, d, wk × 7, mo × 30).
    public var calendarDays: Double? {
        switch self {
        case .min: 1.0 / (24 * 60)
        case .h: 1.0 / 24
        case .d: 1
        case .wk: 7
        case .mo: 30
        default: nil
        }
    }

    public var doc: String {
        switch self {
        case .min: "minutes"
        case .h: "hours"
        case .d: "days (calendar)"
        case .wk: "weeks (7 days)"
        case .mo: "months (30 days)"
        case .fte: "full-time equivalents (VZÄ)"
        case .EUR, .euroSign: "euros"
        case .percent: "per cent"
        }
    }
}

extension UnitWord {
    /// Words people write for a unit that Orga spells otherwise.
    private static let aliases: [String: UnitWord] = [
        "mins": .min, "minute": .min, "minutes": .min, "minuten": .min,
        "hour": .h, "hours": .h, "hr": .h, "hrs": .h, "std": .h, "stunden": .h,
        "day": .d, "days": .d, "tag": .d, "tage": .d,
        "week": .wk, "weeks": .wk, "woche": .wk, "wochen": .wk,
        "month": .mo, "months": .mo, "monat": .mo, "monate": .mo,
        "euro": .EUR, "euros": .EUR, "vzä": .fte, "vze": .fte,
    ]

    /// The unit a word that is none most likely means (`mins` → `min`, `days` → `d`), if any.
    public static func meant(by word: String) -> UnitWord? {
        if let u = aliases[word.lowercased()] { return u }
        let spelled = allCases.filter { $0 != .percent && $0 != .euroSign }.map(\.rawValue)
        return Suggestions.best(for: word, among: spelled).flatMap(UnitWord.init(rawValue:))
    }
}

/// The `/…` part of a rate.
public enum RateWord: String, CaseIterable, Sendable {
    case year, month, week, day

    /// How many of these periods make a year (`day` depends on the model's `workdays`).
    public var perYear: Double? {
        switch self {
        case .year: 1
        case .month: 12
        case .week: 52
        case .day: nil
        }
    }
}

/// The dimension a property expects (docs/language.md, Quantities).
public enum Dimension: String, Sendable, CaseIterable {
    case effortTime          // min, h
    case calendarTime        // min, h, d, wk, mo
    case annualHours         // h
    case caseRate            // /year, /month, /week, /day
    case effortRate          // h /year, h /month, h /week
    case capacity            // fte
    case share               // %
    case money               // EUR, €
    case coverage            // h /week
    case capacityOrEffortRate // fte or h /year … (effort)
    case signedShare         // +10 %, -50 % (v2 changes)
    case moneyRate           // EUR /year (running cost of a measure)
    case capacityOrMoneyRate // fte or EUR /year (a target's saving)

    /// How a user writes it, for messages.
    public var expected: String {
        switch self {
        case .effortTime: "an effort time in `min` or `h` (e.g. `45 min`)"
        case .calendarTime: "a calendar time in `min`, `h`, `d`, `wk` or `mo` (e.g. `3 d`)"
        case .annualHours: "annual hours in `h` (e.g. `1590 h`)"
        case .caseRate: "a case rate `/year`, `/month`, `/week` or `/day` (e.g. `1_200 /year`)"
        case .effortRate: "an effort rate in `h /year`, `h /month` or `h /week`"
        case .capacity: "a capacity in `fte` (e.g. `6.5 fte`)"
        case .share: "a percentage (e.g. `10 %`)"
        case .money: "an amount in `EUR` (e.g. `71_600 EUR`)"
        case .coverage: "staffed hours per week (e.g. `35 h /week`)"
        case .capacityOrEffortRate: "a capacity in `fte` or an effort rate in `h /year` (e.g. `0.2 fte`, `80 h /year`)"
        case .signedShare: "a signed percentage (e.g. `-50 %`)"
        case .moneyRate: "an amount per year in `EUR /year` (e.g. `5_000 EUR /year`)"
        case .capacityOrMoneyRate: "a capacity in `fte` or an amount in `EUR /year` (e.g. `5 fte`, `300_000 EUR /year`)"
        }
    }

    /// Whether a quantity written with `unit` (and `per`) has this dimension.
    public func accepts(unit: UnitWord?, per: RateWord?) -> Bool {
        switch self {
        case .effortTime: return per == nil && (unit == .min || unit == .h)
        case .calendarTime: return per == nil && unit != nil && unit!.calendarDays != nil
        case .annualHours: return per == nil && unit == .h
        case .caseRate: return unit == nil && per != nil
        case .effortRate: return (unit == .h || unit == .min) && per != nil && per != .day
        case .capacity: return per == nil && unit == .fte
        case .share, .signedShare: return per == nil && unit == .percent
        case .money: return per == nil && (unit == .EUR || unit == .euroSign)
        case .coverage: return (unit == .h || unit == .min) && per == .week
        case .capacityOrEffortRate:
            return Dimension.capacity.accepts(unit: unit, per: per) || Dimension.effortRate.accepts(unit: unit, per: per)
        case .moneyRate: return (unit == .EUR || unit == .euroSign) && per == .year
        case .capacityOrMoneyRate:
            return Dimension.capacity.accepts(unit: unit, per: per) || Dimension.moneyRate.accepts(unit: unit, per: per)
        }
    }
}
