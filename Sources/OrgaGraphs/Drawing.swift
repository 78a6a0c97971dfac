/// A graph with its text wrapped, its node sizes measured and its layout done:
/// what the SVG and BPMN writers draw. Building it is deterministic.
public struct Drawing: Sendable {
    public var graph: Graph
    public var layout: LayoutResult
    /// Per node: wrapped title lines and one-line details.
    public var titleLines: [[String]]
    public var detailLines: [[String]]
    /// Per lane: wrapped title lines.
    public var laneLines: [[String]]
    /// Per edge: the label as drawn (one line, cut to fit), empty for none.
    public var edgeLabels: [String]
    /// Height of the heading above the lanes.
    public var headerHeight: Double

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
        for i in 0..<n {
            let node = graph.nodes[i]
            switch node.kind {
            case .decision:
                var lines = TextMetrics.wrap(node.title, maxWidth: 160, size: 11, maxLines: 3)
                lines += node.details.map { TextMetrics.truncate($0, maxWidth: 160, size: 11) }
                titles[i] = lines
                let w = lines.map { TextMetrics.width($0, size: 11) }.max() ?? 0
                sizes[i] = NodeSize(width: gatewaySize, height: gatewaySize, labelWidth: (w + 6).rounded(.up),
                                    labelAbove: Double(lines.count) * 14 + 6)
            case .start, .end:
                let lines = TextMetrics.wrap(node.title, maxWidth: 130, size: detailSize, maxLines: 3)
                titles[i] = lines
                let w = lines.map { TextMetrics.width($0, size: detailSize) }.max() ?? 0
                sizes[i] = NodeSize(width: eventSize, height: eventSize, labelWidth: (w + 6).rounded(.up),
                                    labelBelow: Double(lines.count) * detailLine + 6)
            default:
                let width = node.kind == .process ? processWidth : taskWidth
                let inner = width - 18
                titles[i] = TextMetrics.wrap(node.title, maxWidth: inner, size: titleSize, maxLines: 4)
                // The first detail (the performer) may take two lines; the others one.
                var lines: [String] = []
                for (k, d) in node.details.prefix(6).enumerated() {
                    if k == 0 { lines += TextMetrics.wrap(d, maxWidth: inner, size: detailSize, maxLines: 2) } else { lines.append(TextMetrics.truncate(d, maxWidth: inner, size: detailSize)) }
                }
                details[i] = lines
                var h = 10 + Double(titles[i].count) * titleLine + 8
                if !details[i].isEmpty { h += 3 + Double(details[i].count) * detailLine }
                sizes[i] = NodeSize(width: width, height: max(56, h.rounded(.up)))
            }
        }
        let laneLines = graph.lanes.map { TextMetrics.wrap($0.title, maxWidth: laneHeader - 20, size: laneSize * 1.08, maxLines: 6) }
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
        return Drawing(graph: graph, layout: layout, titleLines: titles, detailLines: details, laneLines: laneLines,
                       edgeLabels: edgeLabels, headerHeight: config.top)
    }
}
