/// What a drawing puts where, in pixels: the writers draw from it and the layout
/// tests check it (overlapping boxes, a label on another edge, a badge over text, a
/// word broken in the middle) without parsing SVG.

/// One line of text at its place. `rect` is the space its glyphs take.
public struct PlacedText: Sendable {
    public enum Anchor: String, Sendable { case start, middle, end }
    public var text: String
    /// Baseline position; `x` is where the anchor is.
    public var x: Double
    public var y: Double
    public var anchor: Anchor
    /// CSS class in the SVG (size and weight come from it).
    public var cssClass: String
    public var size: Double
    /// CSS class of a rounded background box (a marker such as "vakant"), or nil.
    public var pill: String?
    /// Bold text is measured 8 % wider (the metrics are those of the regular face).
    public var bold: Bool

    public init(_ text: String, x: Double, y: Double, anchor: Anchor, cssClass: String, size: Double, bold: Bool = false, pill: String? = nil) {
        self.text = text
        self.x = x
        self.y = y
        self.anchor = anchor
        self.cssClass = cssClass
        self.size = size
        self.pill = pill
        self.bold = bold
    }

    public var width: Double { TextMetrics.width(text, size: size * (bold ? 1.08 : 1)) }

    /// The glyphs' box (ascent 0.92 em, descent 0.24 em); with a pill, the pill's box.
    public var rect: Rect {
        let w = width
        let left: Double
        switch anchor {
        case .start: left = x
        case .middle: left = x - w / 2
        case .end: left = x - w
        }
        let pad = pill == nil ? 0 : 3.0
        return Rect(x: left - pad, y: y - size * 0.92 - pad / 2, width: w + 2 * pad, height: size * 1.16 + pad)
    }
}

/// A text wrapped into lines, kept for the test that no word is broken in the middle.
public struct WrappedText: Sendable {
    public var node: Int
    public var original: String
    public var lines: [String]
    public var maxWidth: Double
    public var size: Double
    public init(node: Int, original: String, lines: [String], maxWidth: Double, size: Double) {
        self.node = node
        self.original = original
        self.lines = lines
        self.maxWidth = maxWidth
        self.size = size
    }
}

extension Rect {
    /// Whether the axis-parallel segment a–b passes through the inside of the rectangle
    /// (touching its border does not count).
    public func crossedBy(_ a: Point, _ b: Point, margin: Double = 0.5) -> Bool {
        let minX = min(a.x, b.x), maxX = max(a.x, b.x), minY = min(a.y, b.y), maxY = max(a.y, b.y)
        return maxX > x + margin && minX < self.maxX - margin && maxY > y + margin && minY < self.maxY - margin
    }
}
