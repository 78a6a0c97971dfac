import Foundation

/// Report languages: labels and number format. `de` writes `1.234,56`, `en` `1,234.56`.
public enum ReportLanguage: String, Sendable, CaseIterable {
    case de, en
}

/// Formats numbers for people. Deterministic (no locale lookup) and never prints NaN
/// or infinity: a missing or non-finite value is `—` (or the empty string in CSV).
public struct NumberFormat: Sendable {
    public var language: ReportLanguage
    /// Thousands separators (off for CSV, so that spreadsheets parse numbers).
    public var grouping: Bool
    /// Text for a missing value.
    public var missing: String

    public init(_ language: ReportLanguage, grouping: Bool = true, missing: String = "—") {
        self.language = language
        self.grouping = grouping
        self.missing = missing
    }

    public var decimalSeparator: String { language == .de ? "," : "." }
    public var groupSeparator: String { language == .de ? "." : "," }

    /// Fixed number of decimals, rounded half away from zero; `-0` prints as `0`.
    public func fixed(_ value: Double?, _ digits: Int) -> String {
        guard let v = value, v.isFinite else { return missing }
        let d = max(0, min(digits, 9))
        var scale = 1.0
        for _ in 0..<d { scale *= 10 }
        let scaled = (abs(v) * scale).rounded(.toNearestOrAwayFromZero)
        // Beyond 2^63 the digits cannot be split exactly; print the integer part only.
        guard scaled < 9.0e18 else { return (v < 0 ? "-" : "") + String(format: "%.0f", abs(v)) }
        let n = UInt64(scaled)
        let unit = UInt64(scale)
        let intPart = n / unit
        let frac = n % unit
        var s = String(intPart)
        if grouping && s.count > 3 {
            var out = ""
            let count = s.count
            for (i, ch) in s.enumerated() {
                if i > 0 && (count - i) % 3 == 0 { out += groupSeparator }
                out.append(ch)
            }
            s = out
        }
        if d > 0 {
            var f = String(frac)
            while f.count < d { f = "0" + f }
            s += decimalSeparator + f
        }
        return (v < 0 && n != 0 ? "-" : "") + s
    }

    /// Signed, with an explicit `+` for values that print as more than zero (gaps).
    public func signed(_ value: Double?, _ digits: Int) -> String {
        guard let v = value, v.isFinite else { return missing }
        let s = fixed(v, digits)
        let nonZero = s.contains { $0 >= "1" && $0 <= "9" }
        return v > 0 && nonZero ? "+" + s : s
    }

    /// fte with three decimals (`2,179`).
    public func fte(_ v: Double?) -> String { fixed(v, 3) }
    /// Euro amounts without cents (`189.082`).
    public func eur(_ v: Double?) -> String { fixed(v, 0) }
    /// A fraction as percent, trailing zeros trimmed (0.1 → `10`, 0.125 → `12,5`).
    public func percent(_ fraction: Double?, _ digits: Int = 2) -> String {
        guard let f = fraction, f.isFinite else { return missing }
        return trimZeros(fixed(f * 100, digits))
    }
    /// At most `digits` decimals, trailing zeros trimmed (`1.590`, `0,25`).
    public func compact(_ v: Double?, _ digits: Int = 4) -> String {
        guard let v, v.isFinite else { return missing }
        return trimZeros(fixed(v, digits))
    }

    private func trimZeros(_ s: String) -> String {
        guard s.contains(decimalSeparator) else { return s }
        var t = s
        while t.hasSuffix("0") { t.removeLast() }
        if t.hasSuffix(decimalSeparator) { t.removeLast() }
        return t
    }
}
