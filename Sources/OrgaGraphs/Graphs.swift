import OrgaSemantics
import OrgaSupport

/// Output formats of `orgc graph`.
public enum GraphFormat: String, Sendable, CaseIterable {
    case dot, mermaid, svg, bpmn

    public var fileExtension: String {
        switch self {
        case .dot: "dot"
        case .mermaid: "mmd"
        case .svg: "svg"
        case .bpmn: "bpmn"
        }
    }
}

/// The entry points: one process, the org chart, the landscape, in any format.
public enum Graphs {
    /// Draws process `p`. `metrics` (from the staffing engine) adds visits and fte
    /// when `showMetrics` is set.
    public static func process(_ model: Model, _ p: ProcessID, format: GraphFormat, metrics: GraphMetrics? = nil,
                               showMetrics: Bool = false, words: Words = .en) -> String {
        let g = ProcessGraph.build(model, process: p, metrics: metrics, options: .init(showMetrics: showMetrics, words: words))
        switch format {
        case .dot: return DOTWriter.write(g)
        case .mermaid: return MermaidWriter.write(g)
        case .svg: return SVGWriter.write(Drawing.make(g))
        case .bpmn:
            var called: [ProcessID: String] = [:]
            for node in g.nodes { if let c = node.process, model.processes.contains(c) { called[c] = model.processes[c].name } }
            return BPMNWriter.write(Drawing.make(g), calledNames: called)
        }
    }

    /// The org chart; nil for BPMN (processes only).
    public static func org(_ model: Model, format: GraphFormat, metrics: GraphMetrics? = nil, words: Words = .en) -> String? {
        let g = OrgChart.build(model, metrics: metrics, words: words)
        switch format {
        case .dot: return DOTWriter.write(g)
        case .mermaid: return MermaidWriter.write(g)
        case .svg: return SVGWriter.write(OrgChart.drawing(g))
        case .bpmn: return nil
        }
    }

    /// The process landscape; nil for BPMN (processes only).
    public static func landscape(_ model: Model, format: GraphFormat, metrics: GraphMetrics? = nil, words: Words = .en) -> String? {
        let g = Landscape.build(model, metrics: metrics, words: words)
        switch format {
        case .dot: return DOTWriter.write(g)
        case .mermaid: return MermaidWriter.write(g)
        case .svg: return SVGWriter.write(Drawing.make(g))
        case .bpmn: return nil
        }
    }

    /// A file name for process `name` (identifiers are safe as they are; anything else
    /// is reduced to ASCII).
    public static func fileName(_ name: String, _ format: GraphFormat) -> String {
        let safe = !name.isEmpty && !name.hasPrefix(".") && name.unicodeScalars.allSatisfy { u in
            u == "_" || u.properties.isAlphabetic || (u.value >= 0x30 && u.value <= 0x39)
        }
        return (safe ? name : Escape.asciiIdentifier(name)) + "." + format.fileExtension
    }
}
