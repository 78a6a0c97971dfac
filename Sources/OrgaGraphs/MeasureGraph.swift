import OrgaSemantics
import OrgaAnalysis
import OrgaSupport

/// The `requires` graph of measures (`orgc graph --measures`): one node per measure
/// with its cost, and its annual saving and payback in the chosen scenario (or in each
/// scenario applying it); an edge from each required measure to the measure that
/// requires it.
public enum MeasureGraph {
    public static func build(_ model: Model, whatIf: WhatIfResult, scenario: ScenarioID?, german: Bool) -> Graph {
        let title = german ? "Maßnahmen und Voraussetzungen" : "Measures and prerequisites"
        var g = Graph(kind: .measures, title: title, name: model.settings.name ?? "measures")
        g.words = german ? .de : .en
        // Numbers in the drawing's language (5.000 EUR, -0,457 VZÄ under German).
        let num = GraphNumbers(german ? .de : .en)
        if let s = scenario, model.scenarios.contains(s) {
            g.subtitle = [(german ? "Einsparung im Szenario " : "Saving in scenario ") + (model.scenarios[s].title ?? model.scenarios[s].name)]
        }
        for (m, measure) in zip(model.measures.ids, model.measures) {
            var node = GraphNode(kind: .process, title: measure.title ?? measure.name)
            node.name = measure.name
            node.documentation = measure.doc
            var details = [(german ? "Investition " : "cost ") + "\(num.grouped(measure.cost)) EUR"]
            if measure.running != 0 { details.append((german ? "laufend " : "running ") + "\(num.grouped(measure.running)) EUR/" + (german ? "Jahr" : "year")) }
            let scenarios = scenario.map { [$0] } ?? Array((m.index < whatIf.appliedIn.count ? whatIf.appliedIn[m.index] : []).prefix(3))
            for s in scenarios {
                guard whatIf.scenarios.contains(s), model.scenarios.contains(s),
                      let e = whatIf.scenarios[s].entries.first(where: { $0.isApply && $0.measure == m }) else {
                    if scenario != nil { details.append(german ? "im Szenario nicht angewandt" : "not applied in the scenario") }
                    continue
                }
                let prefix = scenario == nil ? "\(model.scenarios[s].name): " : ""
                var line = prefix + "\(e.deltaNeed > 0 ? "+" : "")\(num.fmt(e.deltaNeed, 3)) " + (german ? "VZÄ" : "fte")
                if let saving = e.annualSaving {
                    line += ", \(num.grouped(saving)) EUR/" + (german ? "Jahr" : "year")
                    line += ", " + (e.paybackYears.map { (german ? "Amortisation " : "payback ") + num.fmt($0, 2) + (german ? " J." : " y") } ?? (german ? "keine Amortisation" : "no payback"))
                } else {
                    line += german ? ", Einsparung unvollständig" : ", saving incomplete"
                }
                details.append(line)
                if (e.annualSaving ?? 0) < 0 { node.highlight = true }
            }
            node.details = details
            g.nodes.append(node)
        }
        for (m, measure) in model.measures.enumerated() {
            for r in measure.requires where model.measures.contains(r.value) {
                // Graph nodes are the measures in model order.
                g.edges.append(GraphEdge(from: r.value.index, to: m))
            }
        }
        return g
    }
}

extension Graphs {
    /// The measures graph; nil for BPMN.
    public static func measures(_ model: Model, whatIf: WhatIfResult, scenario: ScenarioID?, format: GraphFormat, german: Bool) -> String? {
        let g = MeasureGraph.build(model, whatIf: whatIf, scenario: scenario, german: german)
        switch format {
        case .dot: return DOTWriter.write(g)
        case .mermaid: return MermaidWriter.write(g)
        case .svg: return SVGWriter.write(Drawing.make(g))
        case .bpmn: return nil
        }
    }
}
