import OrgaSupport

/// Writes a `Drawing` as one self-contained SVG file: no external fonts, images or
/// scripts; all text escaped; a legend at the bottom.
public enum SVGWriter {
    struct Palette {
        static let staff = ("#ffffff", "#2f6db5")
        static let system = ("#eef8f0", "#2e8b57")
        static let actor = ("#fff7e8", "#c7831f")
        static let unknown = ("#f7f7f7", "#8a8a8a")
        static let call = ("#f5f0fb", "#7b52ab")
        static let decision = ("#fffbea", "#b8860b")
        static let start = ("#edf7ee", "#2e7d32")
        static let end = ("#fdecec", "#c62828")
        static let unit = ("#ffffff", "#475569")
        static let warn = ("#fdecec", "#c62828")
    }

    static let style = """
        <style>
        .bg{fill:#ffffff}
        .h1{font-size:18px;font-weight:bold;fill:#1e293b}
        .h2{font-size:12px;fill:#475569}
        .lane{stroke:#cbd5e1;stroke-width:1}
        .lane0{fill:#f8fafc}.lane1{fill:#ffffff}
        .lh{stroke:#cbd5e1;stroke-width:1}
        .lh-unit{fill:#e8eef6}.lh-actor{fill:#fbf0dc}.lh-system{fill:#e3f1e6}.lh-position{fill:#e8eef6}.lh-none{fill:#eeeeee}
        .lt{font-size:12.5px;font-weight:bold;fill:#1e293b}
        .ls{font-size:10.5px;fill:#64748b}
        .t{font-size:12px;fill:#111827}
        .tb{font-size:12px;font-weight:bold;fill:#111827}
        .d{font-size:10.5px;fill:#4b5563}
        .gl{font-size:11px;fill:#1f2937}
        .el{font-size:10.5px;fill:#1f2937;paint-order:stroke;stroke:#ffffff;stroke-width:3px;stroke-linejoin:round}
        .e{fill:none;stroke:#475569;stroke-width:1.4}
        .eb{fill:none;stroke:#b45309;stroke-width:1.4;stroke-dasharray:5 3}
        .et{fill:none;stroke:#94a3b8;stroke-width:1.2}
        .mb{fill:#fde2e1;stroke:#d14343;stroke-width:1}
        .mbt{font-size:8px;font-weight:bold;fill:#b91c1c}
        .lg{font-size:11px;fill:#334155}
        .lgb{fill:#f8fafc;stroke:#cbd5e1}
        @media print{svg{width:100%;height:98vh}}
        </style>
        """

    /// Classes only the org chart uses.
    static let orgStyle = """
        <style>
        .ob{font-size:12.5px;font-weight:bold;fill:#0f172a}
        .ok{font-size:10.5px;fill:#64748b}
        .of{font-size:10.5px;fill:#1e293b}
        .op{font-size:10.5px;fill:#334155}
        .ohb{font-size:10.5px;font-weight:bold;fill:#1e293b}
        .opf{font-size:10.5px;fill:#64748b}
        .mk{font-size:9.5px;fill:#1f2937}
        .p-vacancy{fill:#fff4d6;stroke:#d4a017;stroke-width:0.8}
        .p-kw{fill:#ede9fe;stroke:#7c3aed;stroke-width:0.8}
        .p-freeze{fill:#fde2e1;stroke:#d14343;stroke-width:0.8}
        .sep{stroke:#e2e8f0;stroke-width:1}
        </style>
        """

    public static func write(_ d: Drawing) -> String {
        let g = d.graph
        let L = d.layout
        var legendItems: [(kind: LegendKind, text: String)] = []
        let legendH: Double = 54
        var width = max(L.width, 640)
        let height = L.height + 20 + legendH + 16
        var s = ""
        s.reserveCapacity(4096 + g.nodes.count * 900 + g.edges.count * 300)
        // Lanes.
        if !g.lanes.isEmpty {
            s += "<g id=\"lanes\">\n"
            for l in g.lanes.indices {
                let r = L.laneRect(l)
                let lane = g.lanes[l]
                s += "<rect class=\"lane lane\(l % 2)\" x=\"\(Num.coord(r.x))\" y=\"\(Num.coord(r.y))\" width=\"\(Num.coord(r.width))\" height=\"\(Num.coord(r.height))\"/>\n"
                s += "<rect class=\"lh lh-\(lane.kind.rawValue)\" x=\"\(Num.coord(r.x))\" y=\"\(Num.coord(r.y))\" width=\"\(Num.coord(L.laneHeaderWidth))\" height=\"\(Num.coord(r.height))\"/>\n"
                let lines = l < d.laneLines.count ? d.laneLines[l] : []
                let block = Double(lines.count) * Drawing.laneLine + (lane.subtitle == nil ? 0 : 15)
                var y = r.y + (r.height - block) / 2 + 12
                for line in lines {
                    s += "<text class=\"lt\" x=\"\(Num.coord(r.x + 10))\" y=\"\(Num.coord(y))\">\(Escape.xmlText(line))</text>\n"
                    y += Drawing.laneLine
                }
                if let sub = lane.subtitle {
                    s += "<text class=\"ls\" x=\"\(Num.coord(r.x + 10))\" y=\"\(Num.coord(y + 1))\">\(Escape.xmlText(TextMetrics.truncate(sub, maxWidth: L.laneHeaderWidth - 20, size: 10.5)))</text>\n"
                }
            }
            s += "</g>\n"
        }
        // Edges.
        s += "<g id=\"edges\">\n"
        var anyBack = false
        for e in g.edges.indices {
            guard e < L.edges.count, let first = L.edges[e].first else { continue }
            let pts = L.edges[e]
            let isBack = e < L.backEdge.count && L.backEdge[e] && g.kind == .process
            anyBack = anyBack || isBack
            var path = "M\(Num.coord(first.x)),\(Num.coord(first.y))"
            for p in pts.dropFirst() { path += " L\(Num.coord(p.x)),\(Num.coord(p.y))" }
            let cls = g.edges[e].plain ? "et" : isBack ? "eb" : "e"
            let marker = g.edges[e].plain ? "" : isBack ? " marker-end=\"url(#arrowb)\"" : " marker-end=\"url(#arrow)\""
            s += "<path class=\"\(cls)\" d=\"\(path)\"\(marker)/>\n"
        }
        s += "</g>\n"
        // Nodes.
        s += "<g id=\"nodes\">\n"
        var kinds = Set<LegendKind>()
        for i in g.nodes.indices where i < L.x.count {
            let node = g.nodes[i]
            let r = L.shape(i)
            let cx = L.x[i], cy = L.y[i]
            s += "<g>"
            var tip = node.title
            if let doc = node.documentation { tip += "\n" + doc }
            s += "<title>\(Escape.xmlText(tip))</title>"
            switch node.kind {
            case .start, .end:
                let (fill, stroke) = node.kind == .start ? Palette.start : Palette.end
                kinds.insert(node.kind == .start ? .start : .end)
                s += "<circle cx=\"\(Num.coord(cx))\" cy=\"\(Num.coord(cy))\" r=\"\(Num.coord(r.width / 2 - (node.kind == .end ? 2 : 1)))\" fill=\"\(fill)\" stroke=\"\(stroke)\" stroke-width=\"\(node.kind == .end ? 4 : 2)\"/>"
                s += texts(d.texts(i))
            case .decision:
                kinds.insert(.decision)
                let (fill, stroke) = Palette.decision
                let h = r.width / 2
                s += "<path d=\"M\(Num.coord(cx)),\(Num.coord(cy - h)) L\(Num.coord(cx + h)),\(Num.coord(cy)) L\(Num.coord(cx)),\(Num.coord(cy + h)) L\(Num.coord(cx - h)),\(Num.coord(cy)) Z\" fill=\"\(fill)\" stroke=\"\(stroke)\" stroke-width=\"1.6\"/>"
                let k = h * 0.38
                s += "<path d=\"M\(Num.coord(cx - k)),\(Num.coord(cy - k)) L\(Num.coord(cx + k)),\(Num.coord(cy + k)) M\(Num.coord(cx + k)),\(Num.coord(cy - k)) L\(Num.coord(cx - k)),\(Num.coord(cy + k))\" stroke=\"\(stroke)\" stroke-width=\"2.6\"/>"
                s += texts(d.texts(i))
            default:
                var fill: String, stroke: String
                var width = 1.6
                var dash = ""
                switch node.kind {
                case .task(.staff): (fill, stroke) = Palette.staff; kinds.insert(.staff)
                case .task(.system): (fill, stroke) = Palette.system; kinds.insert(.system)
                case .task(.actor): (fill, stroke) = Palette.actor; kinds.insert(.actor)
                case .call: (fill, stroke) = Palette.call; width = 3.2; kinds.insert(.call)
                case .unit: (fill, stroke) = Palette.unit
                case .process: (fill, stroke) = Palette.staff; kinds.insert(.process)
                    if let w = node.weight { width = 1.2 + 3.8 * max(0, min(1, w)) }
                default: (fill, stroke) = Palette.unknown; dash = " stroke-dasharray=\"4 3\""; kinds.insert(.unknown)
                }
                if node.highlight { (fill, stroke) = Palette.warn; kinds.insert(.warn) }
                s += "<rect x=\"\(Num.coord(r.x))\" y=\"\(Num.coord(r.y))\" width=\"\(Num.coord(r.width))\" height=\"\(Num.coord(r.height))\" rx=\"8\" fill=\"\(fill)\" stroke=\"\(stroke)\" stroke-width=\"\(Num.coord(width))\"\(dash)/>"
                if i < d.separators.count {
                    for (p, q) in d.separators[i] {
                        s += "<path class=\"sep\" d=\"M\(Num.coord(p.x)),\(Num.coord(p.y)) L\(Num.coord(q.x)),\(Num.coord(q.y))\"/>"
                    }
                }
                s += texts(d.texts(i))
                if let b = d.badge(i) {
                    kinds.insert(.mediaBreak)
                    s += "<rect class=\"mb\" x=\"\(Num.coord(b.x))\" y=\"\(Num.coord(b.y))\" width=\"\(Num.coord(b.width))\" height=\"\(Num.coord(b.height))\" rx=\"3\"/>"
                    s += "<text class=\"mbt\" x=\"\(Num.coord(b.x + b.width / 2))\" y=\"\(Num.coord(b.y + 9))\" text-anchor=\"middle\">MB</text>"
                }
            }
            s += "</g>\n"
        }
        s += "</g>\n"
        // Edge labels on top.
        s += "<g id=\"labels\">\n"
        for e in g.edges.indices where e < d.edgeLabels.count && !d.edgeLabels[e].isEmpty && e < L.labelAt.count {
            let p = L.labelAt[e]
            let anchor = L.labelEnds[e] ? "end" : "start"
            s += "<text class=\"el\" x=\"\(Num.coord(p.x))\" y=\"\(Num.coord(p.y))\" text-anchor=\"\(anchor)\">\(Escape.xmlText(d.edgeLabels[e]))</text>\n"
        }
        s += "</g>\n"
        // Legend.
        let w = g.words
        // The measures graph draws measures in process boxes; its key says what they are.
        let measureWords = w.language == .de
            ? (warn: "Maßnahme mit negativer Einsparung", box: "Maßnahme (Pfeil: Voraussetzung → Maßnahme)")
            : (warn: "measure with a negative saving", box: "Measure (arrow: prerequisite → measure)")
        let order: [(LegendKind, String)] = [
            (.start, w.start), (.staff, w.staffStep), (.system, w.systemStep), (.actor, w.actorStep),
            (.call, w.callStep), (.unknown, w.noLane), (.decision, w.decision), (.end, w.end),
            (.mediaBreak, w.mediaBreak), (.warn, g.kind == .measures ? measureWords.warn : w.needExceedsPlanned),
            (.process, g.kind == .measures ? measureWords.box : w.borderByFTE),
        ]
        if g.kind == .org {
            for node in g.nodes {
                guard let box = node.org else { continue }
                if box.positions.contains(where: \.isHead) { kinds.insert(.head) }
                for m in box.markers + box.positions.flatMap(\.markers) {
                    switch m.kind {
                    case .vacancy: kinds.insert(.vacancy)
                    case .kw: kinds.insert(.kw)
                    case .freeze: kinds.insert(.freeze)
                    }
                }
            }
        }
        let orgOrder: [(LegendKind, String)] = [(.head, w.headLegend), (.vacancy, w.vacancyLegend), (.kw, w.kwLegend), (.freeze, w.freezeLegend)]
        for (k, text) in order + orgOrder where kinds.contains(k) { legendItems.append((k, text)) }
        if anyBack { legendItems.append((.back, w.loop)) }
        if g.kind == .landscape && !g.edges.isEmpty { legendItems.append((.calls, w.calls)) }
        let ly = L.height + 20
        s += "<g id=\"legend\">\n"
        var lx = 20.0
        var itemsSVG = ""
        for item in legendItems {
            let tx = lx + 30
            let cyL = ly + 27
            switch item.kind {
            case .start, .end:
                let (fill, stroke) = item.kind == .start ? Palette.start : Palette.end
                itemsSVG += "<circle cx=\"\(Num.coord(lx + 11))\" cy=\"\(Num.coord(cyL))\" r=\"8\" fill=\"\(fill)\" stroke=\"\(stroke)\" stroke-width=\"\(item.kind == .end ? 3 : 1.6)\"/>"
            case .decision:
                let (fill, stroke) = Palette.decision
                itemsSVG += "<path d=\"M\(Num.coord(lx + 11)),\(Num.coord(cyL - 10)) L\(Num.coord(lx + 21)),\(Num.coord(cyL)) L\(Num.coord(lx + 11)),\(Num.coord(cyL + 10)) L\(Num.coord(lx + 1)),\(Num.coord(cyL)) Z\" fill=\"\(fill)\" stroke=\"\(stroke)\" stroke-width=\"1.4\"/>"
            case .calls:
                itemsSVG += "<path class=\"e\" d=\"M\(Num.coord(lx)),\(Num.coord(cyL)) L\(Num.coord(lx + 22)),\(Num.coord(cyL))\" marker-end=\"url(#arrow)\"/>"
            case .back:
                itemsSVG += "<path class=\"eb\" d=\"M\(Num.coord(lx)),\(Num.coord(cyL)) L\(Num.coord(lx + 22)),\(Num.coord(cyL))\" marker-end=\"url(#arrowb)\"/>"
            case .head:
                itemsSVG += "<text class=\"lg\" x=\"\(Num.coord(lx + 11))\" y=\"\(Num.coord(cyL + 5))\" text-anchor=\"middle\" style=\"font-size:15px\">★</text>"
            case .vacancy, .kw, .freeze:
                let cls = item.kind == .vacancy ? "p-vacancy" : item.kind == .kw ? "p-kw" : "p-freeze"
                itemsSVG += "<rect class=\"\(cls)\" x=\"\(Num.coord(lx))\" y=\"\(Num.coord(cyL - 7))\" width=\"22\" height=\"14\" rx=\"3\"/>"
            case .mediaBreak:
                itemsSVG += "<rect class=\"mb\" x=\"\(Num.coord(lx + 1))\" y=\"\(Num.coord(cyL - 6))\" width=\"20\" height=\"12\" rx=\"3\"/><text class=\"mbt\" x=\"\(Num.coord(lx + 11))\" y=\"\(Num.coord(cyL + 3))\" text-anchor=\"middle\">MB</text>"
            default:
                let pal: (String, String)
                switch item.kind {
                case .staff, .process: pal = Palette.staff
                case .system: pal = Palette.system
                case .actor: pal = Palette.actor
                case .call: pal = Palette.call
                case .warn: pal = Palette.warn
                default: pal = Palette.unknown
                }
                itemsSVG += "<rect x=\"\(Num.coord(lx))\" y=\"\(Num.coord(cyL - 8))\" width=\"22\" height=\"16\" rx=\"4\" fill=\"\(pal.0)\" stroke=\"\(pal.1)\" stroke-width=\"\(item.kind == .call ? 2.6 : 1.4)\"/>"
            }
            itemsSVG += "<text class=\"lg\" x=\"\(Num.coord(tx))\" y=\"\(Num.coord(cyL + 4))\">\(Escape.xmlText(item.text))</text>\n"
            lx = tx + TextMetrics.width(item.text, size: 11) + 22
        }
        if !legendItems.isEmpty {
            s += "<rect class=\"lgb\" x=\"12\" y=\"\(Num.coord(ly + 8))\" width=\"\(Num.coord(max(lx - 12, 100)))\" height=\"38\" rx=\"6\"/>\n"
            s += itemsSVG
            width = max(width, lx + 12)
        }
        s += "</g>\n"
        s += "</svg>\n"
        var h = ""
        h.reserveCapacity(s.utf8.count + 4096)
        h += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        h += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Num.coord(width))\" height=\"\(Num.coord(height))\" viewBox=\"0 0 \(Num.coord(width)) \(Num.coord(height))\" preserveAspectRatio=\"xMinYMin meet\" font-family=\"\(Escape.xmlAttribute(Drawing.font))\">\n"
        h += "<title>\(Escape.xmlText(g.title))</title>\n"
        if let doc = g.documentation { h += "<desc>\(Escape.xmlText(doc))</desc>\n" }
        h += style + "\n"
        if g.kind == .org { h += orgStyle + "\n" }
        h += "<defs>\n"
        h += "<marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9.5\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#475569\"/></marker>\n"
        h += "<marker id=\"arrowb\" viewBox=\"0 0 10 10\" refX=\"9.5\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#b45309\"/></marker>\n"
        h += "</defs>\n"
        h += "<rect class=\"bg\" x=\"0\" y=\"0\" width=\"\(Num.coord(width))\" height=\"\(Num.coord(height))\"/>\n"
        h += "<text class=\"h1\" x=\"20\" y=\"36\">\(Escape.xmlText(TextMetrics.truncate(g.title, maxWidth: max(300, width - 40), size: 18)))</text>\n"
        for (k, line) in g.subtitle.enumerated() {
            h += "<text class=\"h2\" x=\"20\" y=\"\(Num.coord(58 + Double(k) * 17))\">\(Escape.xmlText(TextMetrics.truncate(line, maxWidth: max(300, width - 40), size: 12)))</text>\n"
        }
        h += s
        return h
    }
}

extension SVGWriter {
    /// Lines of text, each with its marker box behind it where it has one.
    static func texts(_ lines: [PlacedText]) -> String {
        var s = ""
        for t in lines {
            if let pill = t.pill {
                let r = t.rect
                s += "<rect class=\"\(pill)\" x=\"\(Num.coord(r.x))\" y=\"\(Num.coord(r.y))\" width=\"\(Num.coord(r.width))\" height=\"\(Num.coord(r.height))\" rx=\"3\"/>"
            }
            let anchor = t.anchor == .start ? "" : " text-anchor=\"\(t.anchor.rawValue)\""
            s += "<text class=\"\(t.cssClass)\" x=\"\(Num.coord(t.x))\" y=\"\(Num.coord(t.y))\"\(anchor)>\(Escape.xmlText(t.text))</text>"
        }
        return s
    }
}

/// What a legend entry of a drawing explains.
private enum LegendKind: Hashable {
    case start, end, staff, system, actor, call, unknown, decision, mediaBreak, warn, process, back, calls
    case head, vacancy, kw, freeze
}
