/// A graph with its text wrapped, its node sizes measured and its layout done:
/// what the SVG and BPMN writers draw. Building it is deterministic.
public struct Drawing: Sendable {
    public var graph: Graph
    public var layout: LayoutResult
    /// Per node: wrapped title lines and wrapped details.
    public var titleLines: [[String]]
    public var detailLines: [[String]]
    /// Per lane: wrapped title lines.
    public var laneLines: [[String]]
    /// Per edge: the label as drawn (one line, cut to fit), empty for none.
    public var edgeLabels: [String]
    /// Height of the heading above the lanes.
    public var headerHeight: Double
    /// Every text wrapped for a node (titles, performers), as written and as broken.
    public var wrapped: [WrappedText] = []
    /// Per node, when the builder places the texts itself (the org chart): what is drawn.
    public var customTexts: [[PlacedText]]? = nil
    /// Per node: thin separator lines inside the box (org chart).
    public var separators: [[(Point, Point)]] = []

    public init(graph: Graph, layout: LayoutResult, titleLines: [[String]], detailLines: [[String]], laneLines: [[String]],
                edgeLabels: [String], headerHeight: Double) {
        self.graph = graph
        self.layout = layout
        self.titleLines = titleLines
        self.detailLines = detailLines
        self.laneLines = laneLines
        self.edgeLabels = edgeLabels
        self.headerHeight = headerHeight
    }

    /// Height of the strip at the top of a box that holds the media-break badge.
    static let badgeStrip = 16.0

    /// The media-break badge of node i, if it has one: in its own strip at the top
    /// right of the box, above the text.
    public func badge(_ i: Int) -> Rect? {
        guard i >= 0 && i < graph.nodes.count, graph.nodes[i].mediaBreak, i < layout.x.count else { return nil }
        switch graph.nodes[i].kind {
        case .task, .call, .process, .unit: break
        default: return nil
        }
        let r = layout.shape(i)
        return Rect(x: r.maxX - 24, y: r.y + 3, width: 20, height: 12)
    }

    /// The lines of text of node i at their places.
    public func texts(_ i: Int) -> [PlacedText] {
        guard i >= 0 && i < graph.nodes.count && i < layout.x.count else { return [] }
        if let custom = customTexts, i < custom.count { return custom[i] }
        let node = graph.nodes[i]
        let r = layout.shape(i)
        let cx = layout.x[i], cy = layout.y[i]
        let titles = i < titleLines.count ? titleLines[i] : []
        var out: [PlacedText] = []
        switch node.kind {
        case .start, .end:
            var y = r.maxY + 6 + 10
            for line in titles {
                out.append(PlacedText(line, x: cx, y: y, anchor: .middle, cssClass: "d", size: Drawing.detailSize))
                y += Drawing.detailLine
            }
        case .decision:
            var y = r.y - 6 - Double(titles.count) * 14 + 11
            for line in titles {
                out.append(PlacedText(line, x: cx, y: y, anchor: .middle, cssClass: "gl", size: 11))
                y += 14
            }
        default:
            let details = i < detailLines.count ? detailLines[i] : []
            let bold = node.kind == .unit || node.kind == .process
            var block = Double(titles.count) * Drawing.titleLine
            if !details.isEmpty { block += 3 + Double(details.count) * Drawing.detailLine }
            let strip = badge(i) == nil ? 0 : Drawing.badgeStrip
            var y = cy + strip / 2 - block / 2 + 11
            for line in titles {
                out.append(PlacedText(line, x: cx, y: y, anchor: .middle, cssClass: bold ? "tb" : "t", size: Drawing.titleSize, bold: bold))
                y += Drawing.titleLine
            }
            y += 3
            for line in details {
                out.append(PlacedText(line, x: cx, y: y - 1, anchor: .middle, cssClass: "d", size: Drawing.detailSize))
                y += Drawing.detailLine
            }
        }
        return out
    }

    // Type sizes and shape sizes (px).
    public static let font = "'Liberation Sans', Arial, Helvetica, sans-serif"
    static let titleSize = 12.0, titleLine = 15.0
    static let detailSize = 10.5, detailLine = 13.0
    static let laneSize = 12.5, laneLine = 16.0
    static let labelSize = 10.5
    static let headingSize = 18.0, subheadingSize = 12.0
    static let taskWidth = 170.0
    static let processWidth = 190.0
    static let gatewaySize = 50.0
    static let eventSize = 36.0
    static let laneHeader = 176.0

    public static func make(_ graph: Graph) -> Drawing {
        let n = graph.nodes.count
        var titles = [[String]](repeating: [], count: n)
        var details = [[String]](repeating: [], count: n)
        var sizes = [NodeSize](repeating: NodeSize(width: 0, height: 0), count: n)
        var wrapped: [WrappedText] = []
        for i in 0..<n {
            let node = graph.nodes[i]
            switch node.kind {
            case .decision:
                var lines = TextMetrics.wrap(node.title, maxWidth: 160, size: 11, maxLines: 4)
                wrapped.append(WrappedText(node: i, original: node.title, lines: lines, maxWidth: 160, size: 11))
                for d in node.details {
                    let w = TextMetrics.wrap(d, maxWidth: 160, size: 11, maxLines: 3)
                    wrapped.append(WrappedText(node: i, original: d, lines: w, maxWidth: 160, size: 11))
                    lines += w
                }
                titles[i] = lines
                let w = lines.map { TextMetrics.width($0, size: 11) }.max() ?? 0
                sizes[i] = NodeSize(width: gatewaySize, height: gatewaySize, labelWidth: (w + 6).rounded(.up),
                                    labelAbove: Double(lines.count) * 14 + 6)
                sizes[i].shape = .diamond
            case .start, .end:
                let lines = TextMetrics.wrap(node.title, maxWidth: 130, size: detailSize, maxLines: 4)
                wrapped.append(WrappedText(node: i, original: node.title, lines: lines, maxWidth: 130, size: detailSize))
                titles[i] = lines
                let w = lines.map { TextMetrics.width($0, size: detailSize) }.max() ?? 0
                sizes[i] = NodeSize(width: eventSize, height: eventSize, labelWidth: (w + 6).rounded(.up),
                                    labelBelow: Double(lines.count) * detailLine + 6)
                sizes[i].shape = .circle
            default:
                let width = node.kind == .process ? processWidth : taskWidth
                let inner = width - 18
                // Landscape titles are bold: measured 8 % wider.
                let tsize = node.kind == .process || node.kind == .unit ? titleSize * 1.08 : titleSize
                titles[i] = TextMetrics.wrap(node.title, maxWidth: inner, size: tsize, maxLines: 6)
                wrapped.append(WrappedText(node: i, original: node.title, lines: titles[i], maxWidth: inner, size: tsize))
                // Details wrap like titles (at word boundaries, up to three lines each):
                // a measure's "0 VZÄ, -4.000 EUR/Jahr, keine Amortisation" is never cut.
                var lines: [String] = []
                for d in node.details.prefix(6) {
                    let w = TextMetrics.wrap(d, maxWidth: inner, size: detailSize, maxLines: 3)
                    wrapped.append(WrappedText(node: i, original: d, lines: w, maxWidth: inner, size: detailSize))
                    lines += w
                }
                details[i] = lines
                var h = 10 + Double(titles[i].count) * titleLine + 8
                if node.mediaBreak { h += badgeStrip }
                if !details[i].isEmpty { h += 3 + Double(details[i].count) * detailLine }
                sizes[i] = NodeSize(width: width, height: max(56, h.rounded(.up)))
            }
        }
        let laneLines = graph.lanes.map { TextMetrics.wrap($0.title, maxWidth: laneHeader - 20, size: laneSize * 1.08, maxLines: 6) }
        for (l, lane) in graph.lanes.enumerated() {
            wrapped.append(WrappedText(node: -1, original: lane.title, lines: laneLines[l], maxWidth: laneHeader - 20, size: laneSize * 1.08))
        }
        let laneMin = graph.lanes.indices.map { l -> Double in
            Double(laneLines[l].count) * laneLine + (graph.lanes[l].subtitle == nil ? 0 : 15) + 30
        }
        let edgeLabels = graph.edges.map { e -> String in
            guard let l = e.label, !l.isEmpty else { return "" }
            return TextMetrics.truncate(l, maxWidth: 180, size: labelSize)
        }
        let labelWidths = edgeLabels.map { $0.isEmpty ? 0 : TextMetrics.width($0, size: labelSize).rounded(.up) }
        let header = 20 + 24 + Double(graph.subtitle.count) * 17 + 12
        var config = LayoutConfig()
        config.top = header.rounded(.up)
        config.laneHeaderWidth = laneHeader
        var fixedRanks: [Int]? = nil
        if graph.kind == .landscape { fixedRanks = Landscape.ranks(graph) }
        let layout = LayeredLayout.layout(
            sizes: sizes, lanes: graph.nodes.map(\.lane), laneCount: graph.lanes.count,
            edges: graph.edges.map { ($0.from, $0.to) }, labelWidths: labelWidths, laneMinHeights: laneMin,
            roots: graph.kind == .process ? [0] : [], fixedRanks: fixedRanks, config: config)
        var d = Drawing(graph: graph, layout: layout, titleLines: titles, detailLines: details, laneLines: laneLines,
                        edgeLabels: edgeLabels, headerHeight: config.top)
        d.wrapped = wrapped
        return d
    }
}
