/// The one number formatter of orgc: reports, drawings, hovers, messages and JSON all
/// format through it. Deterministic (no locale lookup, no `String(format:)`) and it
/// never traps: NaN, ±∞, -0 and values far beyond `Int64` all have a spelling.
public struct NumberFormat: Sendable {
    /// Decimal comma or point, and which thousands separator.
    public var language: OutputLanguage
    /// Thousands separators (off for CSV, so that spreadsheets parse numbers).
    public var grouping: Bool
    /// What NaN, ±∞ and a missing (nil) value print as.
    public var nonFinite: NonFiniteText

    public init(_ language: OutputLanguage, grouping: Bool = true, missing: String = "—") {
        self.init(language, grouping: grouping, nonFinite: .always(missing))
    }

    public init(_ language: OutputLanguage, grouping: Bool, nonFinite: NonFiniteText) {
        self.language = language
        self.grouping = grouping
        self.nonFinite = nonFinite
    }

    /// Text for a missing value.
    public var missing: String { nonFinite.nan }
    public var decimalSeparator: String { language == .de ? "," : "." }
    public var groupSeparator: String { language == .de ? "." : "," }

    /// At most this many decimals are written; more are clamped.
    public static let maxDecimals = 9

    /// Exactly `digits` decimals, rounded half away from zero; `-0` prints as `0`.
    public func fixed(_ value: Double?, _ digits: Int) -> String {
        guard let v = value else { return missing }
        return render(v, digits, trimZeros: false)
    }

    /// At most `digits` decimals, trailing zeros trimmed (`1.590`, `0,25`, `3`).
    public func compact(_ value: Double?, _ digits: Int = 4) -> String {
        guard let v = value else { return missing }
        return render(v, digits, trimZeros: true)
    }

    /// Signed, with an explicit `+` for values that print as more than zero (gaps).
    public func signed(_ value: Double?, _ digits: Int) -> String {
        guard let v = value, v.isFinite else { return value.map(nonFinite.text) ?? missing }
        let s = fixed(v, digits)
        let nonZero = s.utf8.contains { $0 >= UInt8(ascii: "1") && $0 <= UInt8(ascii: "9") }
        return v > 0 && nonZero ? "+" + s : s
    }

    /// A fraction as percent, trailing zeros trimmed (0.1 → `10`, 0.125 → `12,5`).
    public func percent(_ fraction: Double?, _ digits: Int = 2) -> String {
        guard let f = fraction else { return missing }
        return compact(f * 100, digits)
    }

    // MARK: Shortest round-trip

    /// The shortest text that reads back as the same `Double`: integral values below
    /// 10¹⁵ without a fraction (`10`), others in Swift's shortest form (`12.5`,
    /// `1e+300`), always with a decimal point. For JSON and for messages that quote a
    /// number the user wrote.
    public static func shortest(_ v: Double, nonFinite: NonFiniteText = .swift) -> String {
        guard v.isFinite else { return nonFinite.text(v) }
        if v == v.rounded(.towardZero) && abs(v) < 1e15 { return String(Int64(v)) }
        return v.description
    }

    /// A JSON number: `shortest`, with `null` for NaN and ±∞ (JSON has no spelling for them).
    public static func json(_ v: Double) -> String { shortest(v, nonFinite: .always("null")) }

    // MARK: The digits

    private static let powersOfTen: [UInt64] = (0...maxDecimals).map { k in (0..<k).reduce(1) { r, _ in r * 10 } }

    private func render(_ v: Double, _ digits: Int, trimZeros: Bool) -> String {
        guard v.isFinite else { return nonFinite.text(v) }
        let d = max(0, min(digits, NumberFormat.maxDecimals))
        let unit = NumberFormat.powersOfTen[d]
        let scale = Double(unit)
        let magnitude = abs(v)
        let scaled = (magnitude * scale).rounded(.toNearestOrAwayFromZero)
        var integer: String
        var fraction: UInt64
        if scaled < 9.0e15 {
            // Below 2^53 the scaled value is an exact integer: split it into digits.
            let n = UInt64(scaled)
            integer = String(n / unit)
            fraction = n % unit
        } else {
            // Beyond, scaling would invent digits: take the integer part apart first
            // (exact), then round what is left of the fraction.
            var whole = magnitude.rounded(.towardZero)
            var rest = ((magnitude - whole) * scale).rounded(.toNearestOrAwayFromZero)
            if rest >= scale { whole += 1; rest -= scale }
            integer = NumberFormat.integerDigits(whole)
            fraction = UInt64(rest)
        }
        let isZero = fraction == 0 && integer == "0"
        var out = v < 0 && !isZero ? "-" : ""
        out.reserveCapacity(integer.utf8.count + d + 8)
        if grouping && integer.utf8.count > 3 {
            let count = integer.utf8.count
            var i = 0
            for ch in integer.utf8 {
                if i > 0 && (count - i) % 3 == 0 { out += groupSeparator }
                out.unicodeScalars.append(Unicode.Scalar(ch))
                i += 1
            }
        } else {
            out += integer
        }
        guard d > 0 else { return out }
        var width = d
        if trimZeros {
            while width > 0 && fraction % 10 == 0 { fraction /= 10; width -= 1 }
            if width == 0 { return out }
        }
        let f = String(fraction)
        out += decimalSeparator
        if f.utf8.count < width { out += String(repeating: "0", count: width - f.utf8.count) }
        out += f
        return out
    }

    /// The decimal digits of a non-negative integral `Double`, exact at any magnitude
    /// (a `Double` up to 1.8·10³⁰⁸ has at most 309 digits).
    static func integerDigits(_ x: Double) -> String {
        if x < 9.0e18 { return String(UInt64(x)) }
        // x = significand · 2^shift with a 53-bit integer significand and shift ≥ 0 here.
        let significand = UInt64(1) << 52 | x.significandBitPattern
        var shift = Int(x.exponent) - 52
        // Little-endian limbs in base 10⁹.
        let base: UInt64 = 1_000_000_000
        var limbs: [UInt64] = [significand % base, (significand / base) % base, significand / (base * base)]
        while shift > 0 {
            let step = min(shift, 29)   // limb · 2^29 + carry stays below 2^63
            shift -= step
            var carry: UInt64 = 0
            for k in limbs.indices {
                let t = (limbs[k] << UInt64(step)) + carry
                limbs[k] = t % base
                carry = t / base
            }
            while carry > 0 { limbs.append(carry % base); carry /= base }
        }
        while limbs.count > 1 && limbs[limbs.count - 1] == 0 { limbs.removeLast() }
        var out = String(limbs[limbs.count - 1])
        for k in stride(from: limbs.count - 2, through: 0, by: -1) {
            let part = String(limbs[k])
            out += String(repeating: "0", count: 9 - part.utf8.count) + part
        }
        return out
    }
}

/// What NaN, +∞ and -∞ print as; `nan` is also the text for a missing value.
public struct NonFiniteText: Sendable, Equatable {
    public var nan: String
    public var infinity: String
    public var negativeInfinity: String

    public init(nan: String, infinity: String, negativeInfinity: String) {
        self.nan = nan
        self.infinity = infinity
        self.negativeInfinity = negativeInfinity
    }

    /// The same text for all three (reports: `—`; CSV: the empty string).
    public static func always(_ text: String) -> NonFiniteText {
        NonFiniteText(nan: text, infinity: text, negativeInfinity: text)
    }

    /// Swift's own spelling: `nan`, `inf`, `-inf`.
    public static let swift = NonFiniteText(nan: "nan", infinity: "inf", negativeInfinity: "-inf")

    /// The text for a non-finite value.
    public func text(_ v: Double) -> String {
        v.isNaN ? nan : v > 0 ? infinity : negativeInfinity
    }
}
