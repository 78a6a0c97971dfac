/// ISO-8601 durations (`P14D`, `PT2H30M`, `P1W`, `P1Y2M`) as an Orga calendar time
/// for `wait`: days when whole, else hours, else minutes. Months count 30 days and
/// years 365 (Orga's `mo` is 30 d). nil for anything else (expressions, cycles, dates).
enum ISODuration {
    static func orgaWait(_ text: String) -> String? {
        var s = Substring(text.trimmingSpaces())
        guard s.first == "P" || s.first == "p" else { return nil }
        s = s.dropFirst()
        var minutes = 0.0
        var inTime = false
        var number = ""
        var any = false
        for ch in s {
            switch ch {
            case "T", "t":
                guard number.isEmpty, !inTime else { return nil }
                inTime = true
            case "0"..."9", ".", ",":
                number.append(ch == "," ? "." : ch)
                guard number.count <= 12 else { return nil }
            default:
                guard let v = Double(number), v.isFinite, v >= 0 else { return nil }
                number = ""
                any = true
                switch (ch, inTime) {
                case ("Y", false), ("y", false): minutes += v * 365 * 1440
                case ("M", false), ("m", false): minutes += v * 30 * 1440
                case ("W", false), ("w", false): minutes += v * 7 * 1440
                case ("D", false), ("d", false): minutes += v * 1440
                case ("H", true), ("h", true): minutes += v * 60
                case ("M", true), ("m", true): minutes += v
                case ("S", true), ("s", true): minutes += v / 60
                default: return nil
                }
            }
        }
        guard number.isEmpty, any, minutes.isFinite, minutes < 1e12 else { return nil }
        let days = minutes / 1440
        if days >= 1, days == days.rounded() { return "\(OrgaText.number(days)) d" }
        let hours = minutes / 60
        if hours >= 1, hours * 1000 == (hours * 1000).rounded() { return "\(OrgaText.number(hours, decimals: 3)) h" }
        return "\(OrgaText.number(minutes, decimals: 3)) min"
    }
}
