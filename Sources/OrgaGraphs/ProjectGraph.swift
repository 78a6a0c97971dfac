import OrgaSemantics
import OrgaAnalysis
import OrgaSupport

/// The dependency graph of projects and the measures they deliver (`orgc graph
/// --projects`): one node per project (title, status, period, saving), one per
/// delivered measure; an edge from each project to the projects that depend on it and
/// from each project to the measures it delivers. Drawn by the DOT, Mermaid and SVG
/// writers like every other graph.
public enum ProjectGraph {
    public static func build(_ model: Model, figures: PortfolioFigures, german: Bool) -> Graph {
        let title = german ? "Projekte, Abhängigkeiten und Maßnahmen" : "Projects, dependencies and measures"
        var g = Graph(kind: .measures, title: title, name: model.settings.name ?? "projects")
        g.words = german ? .de : .en
        let lang: OutputLanguage = german ? .de : .en
        let num = GraphNumbers(lang)
        if let asof = model.settings.asof { g.subtitle = [(german ? "Stichtag " : "Status date ") + asof.text(lang)] }
        for (j, p) in model.projects.enumerated() {
            var node = GraphNode(kind: .process, title: p.title ?? p.name)
            node.name = p.name
            node.documentation = p.doc
            var details = [PortfolioWords.status(p.status, german) + (p.period.map { ", " + $0.text(lang) } ?? "")]
            if p.owner != nil { details.append((german ? "verantwortlich: " : "owner: ") + model.ownerName(p.owner)) }
            if j < figures.projects.count {
                let f = figures.projects[j]
                if let s = f.annualSaving, !p.delivers.isEmpty { details.append((german ? "Einsparung " : "saving ") + "\(num.grouped(s)) EUR/" + (german ? "Jahr" : "year")) }
                if let since = f.overdueSince {
                    details.append((german ? "überfällig seit " : "overdue since ") + since.text(lang))
                    node.highlight = true
                }
            }
            node.details = details
            g.nodes.append(node)
        }
        // The measures some project delivers, once each, in model order.
        var measureNode: [MeasureID: Int] = [:]
        var delivered = [Bool](repeating: false, count: model.measures.count)   // by measure index
        for p in model.projects { for d in p.delivers where model.measures.contains(d.value) { delivered[d.value.index] = true } }
        for (m, measure) in zip(model.measures.ids, model.measures) where delivered[m.index] {
            var node = GraphNode(kind: .call, title: measure.title ?? measure.name)
            node.name = measure.name
            node.details = [german ? "Maßnahme" : "measure"]
            measureNode[m] = g.nodes.count
            g.nodes.append(node)
        }
        for (j, p) in model.projects.enumerated() {
            for d in p.depends where model.projects.contains(d.value) {
                // The first graph nodes are the projects in model order.
                g.edges.append(GraphEdge(from: d.value.index, to: j))
            }
            for d in p.delivers {
                guard let n = measureNode[d.value] else { continue }
                var e = GraphEdge(from: j, to: n)
                e.label = german ? "setzt um" : "delivers"
                g.edges.append(e)
            }
        }
        return g
    }
}

extension Graphs {
    /// The Gantt chart (Mermaid `gantt` or SVG); nil for DOT and BPMN.
    public static func gantt(_ model: Model, format: GraphFormat, german: Bool) -> String? {
        let figures = PortfolioFigures.compute(model, whatIf: nil)
        switch format {
        case .mermaid: return GanttChart.mermaid(model, figures: figures, german: german)
        case .svg: return GanttChart.svg(model, figures: figures, german: german)
        case .dot, .bpmn: return nil
        }
    }

    /// The projects graph; nil for BPMN.
    public static func projects(_ model: Model, whatIf: WhatIfResult?, format: GraphFormat, german: Bool) -> String? {
        let g = ProjectGraph.build(model, figures: PortfolioFigures.compute(model, whatIf: whatIf), german: german)
        switch format {
        case .dot: return DOTWriter.write(g)
        case .mermaid: return MermaidWriter.write(g)
        case .svg: return SVGWriter.write(Drawing.make(g))
        case .bpmn: return nil
        }
    }
}
