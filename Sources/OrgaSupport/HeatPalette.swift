/// The sequential colour scale of heat maps (matrices): from light to dark blue, with
/// lightness falling monotonically, so the order survives printing in greyscale. The
/// numbers are always written in the cells too: colour is never the only carrier.
public enum HeatPalette {
    /// Stops from low to high (ColorBrewer "Blues", 5 classes).
    static let stops: [(Double, Double, Double)] = [
        (239, 243, 255), (189, 215, 231), (107, 174, 214), (49, 130, 189), (8, 81, 156),
    ]

    /// `#rrggbb` for a position 0…1 on the scale (clamped; non-finite → the lowest).
    public static func color(_ t: Double) -> String {
        let x = t.isFinite ? min(max(t, 0), 1) : 0
        let scaled = x * Double(stops.count - 1)
        let i = min(Int(scaled), stops.count - 2)
        let f = scaled - Double(i)
        let a = stops[i], b = stops[i + 1]
        func channel(_ p: Double, _ q: Double) -> Int { Int((p + (q - p) * f).rounded()) }
        return "#" + [channel(a.0, b.0), channel(a.1, b.1), channel(a.2, b.2)].map(hex2).joined()
    }

    /// Whether text on `color(t)` is to be white (the dark half of the scale).
    public static func needsLightText(_ t: Double) -> Bool { t.isFinite && t >= 0.55 }

    /// The colour of cells without a value.
    public static let empty = "#ffffff"

    private static func hex2(_ v: Int) -> String {
        let digits = Array("0123456789abcdef")
        let c = min(max(v, 0), 255)
        return String(digits[c / 16]) + String(digits[c % 16])
    }
}
