import OrgaSemantics
import OrgaAnalysis
import OrgaSupport

/// The heat map of a maturity matrix as one self-contained SVG: areas × aspects, each
/// cell filled by its index on the scale (light to dark, so the order survives
/// greyscale) and labelled with the index, n, min–max and the gap to the target; cells
/// where the raters disagree by at least half the scale get a thick dashed frame and
/// ⚑. A mean column and row, and a legend with the colour scale.
public enum MatrixHeatMap {
    public struct Labels: Sendable {
        public var scale, raters, target, mean, notRated, disagree, legend, gap, noScale, index: String

        public static let en = Labels(scale: "Scale", raters: "Raters", target: "Target", mean: "Mean", notRated: "not rated",
                                      disagree: "⚑ raters disagree (spread ≥ half the scale)", legend: "Index (mean of the raters)",
                                      gap: "gap", noScale: "no scale", index: "index")
        public static let de = Labels(scale: "Skala", raters: "Bewertende", target: "Ziel", mean: "Mittel", notRated: "nicht bewertet",
                                      disagree: "⚑ Bewertende uneins (Spanne ≥ halbe Skala)", legend: "Index (Mittel der Bewertenden)",
                                      gap: "Lücke", noScale: "keine Skala", index: "Index")
    }

    static let cellW = 132.0, cellH = 74.0, margin = 20.0, headerH = 40.0, headerLine = 15.0, subtitleLine = 15.0

    /// `language` sets the words and the numbers (de: `2,33`; en: `2.33`).
    public static func svg(_ model: Model, _ f: MatrixFigures, language: OutputLanguage) -> String {
        let w = language == .de ? Labels.de : Labels.en
        let numbers = NumberFormat(language, grouping: false)
        let m = model.matrices[f.matrix]
        let x = Escape.xmlText
        let num = { (v: Double, d: Int) in numbers.compact(v, d) }
        // What is laid out (nothing for a matrix too large, E951).
        let areas = Array(m.areas.prefix(f.laidOutAreas)), aspects = Array(m.aspects.prefix(f.laidOutAspects))
        let rowLabels = areas.map { $0.title ?? $0.name }
        let labelW = min(260, max(120, (rowLabels + [w.mean]).map { TextMetrics.width($0, size: 12.5) }.max() ?? 0) + 24)
        let cols = aspects.count + 1, rows = areas.count + 1
        // Titles wrap at word boundaries, never cut: aspect titles over the columns
        // (bottom-aligned, up to four lines), area titles beside the rows (centred).
        let aspectLines = aspects.map { TextMetrics.wrap($0.title ?? $0.name, maxWidth: cellW - 8, size: 12.5, maxLines: 4) }
        let areaLines = rowLabels.map { TextMetrics.wrap($0, maxWidth: labelW - 16, size: 12.5, maxLines: 4) }
        let extraHeader = Double(max(0, (aspectLines.map(\.count).max() ?? 1) - 1)) * headerLine
        let gridX = margin + labelW
        let gridW = Double(cols) * cellW, gridH = Double(rows) * cellH
        let width = max(gridX + gridW + margin, 640)
        // The subtitle names the scale, the raters (their titles) and the target profile;
        // it wraps within the drawing instead of running past its edge.
        let scaleText = m.scale.map { "\(num($0.lower, 2))..\(num($0.upper, 2))" } ?? w.noScale
        let raters = f.raters.map { r in m.ratings[r].rater.map { model.partyTitle($0) } ?? m.ratings[r].name }.joined(separator: ", ")
        var sub = "\(w.scale) \(scaleText) · \(w.raters): \(raters.isEmpty ? "—" : raters)"
        if let t = f.target { sub += " · \(w.target): \(m.ratings[t].name)" }
        let subLines = TextMetrics.wrap(sub, maxWidth: width - 2 * margin, size: 12, maxLines: 4)
        let gridY = margin + 58 + headerH + extraHeader + Double(max(0, subLines.count - 1)) * subtitleLine
        let legendY = gridY + gridH + 24
        let height = legendY + 78
        func shade(_ v: Double?) -> Double? {
            guard let v, let s = m.scale, s.upper > s.lower else { return nil }
            return (v - s.lower) / (s.upper - s.lower)
        }
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Num.coord(width))\" height=\"\(Num.coord(height))\" viewBox=\"0 0 \(Num.coord(width)) \(Num.coord(height))\" font-family=\"Helvetica, Arial, sans-serif\">\n"
        s += """
            <style>
            .h1{font-size:18px;font-weight:bold;fill:#1e293b}
            .h2{font-size:12px;fill:#475569}
            .hd{font-size:12.5px;font-weight:bold;fill:#1e293b}
            .v{font-size:20px;font-weight:bold}
            .s{font-size:10.5px}
            .lg{font-size:11px;fill:#334155}
            .grid{fill:none;stroke:#94a3b8;stroke-width:1}
            .dis{fill:none;stroke:#000000;stroke-width:3;stroke-dasharray:7 4}
            </style>

            """
        s += "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n"
        s += "<text class=\"h1\" x=\"\(Num.coord(margin))\" y=\"\(Num.coord(margin + 16))\">\(x(m.title ?? m.name))</text>\n"
        for (i, line) in subLines.enumerated() {
            s += "<text class=\"h2\" x=\"\(Num.coord(margin))\" y=\"\(Num.coord(margin + 36 + Double(i) * subtitleLine))\">\(x(line))</text>\n"
        }
        // Column headers.
        for k in aspects.indices {
            let cx = gridX + (Double(k) + 0.5) * cellW
            let lines = aspectLines[k]
            for (i, line) in lines.enumerated() {
                let y = gridY - 12 - Double(lines.count - 1 - i) * headerLine
                s += "<text class=\"hd\" x=\"\(Num.coord(cx))\" y=\"\(Num.coord(y))\" text-anchor=\"middle\">\(x(line))</text>\n"
            }
        }
        s += "<text class=\"hd\" x=\"\(Num.coord(gridX + (Double(cols) - 0.5) * cellW))\" y=\"\(Num.coord(gridY - 12))\" text-anchor=\"middle\">\(x(w.mean))</text>\n"
        // Rows.
        func cell(_ cx: Double, _ cy: Double, value: Double?, lines: [String], disagree: Bool) -> String {
            var out = ""
            let t = shade(value)
            let fill = t.map(HeatPalette.color) ?? HeatPalette.empty
            let ink = t.map { HeatPalette.needsLightText($0) } ?? false ? "#ffffff" : "#111827"
            out += "<rect x=\"\(Num.coord(cx))\" y=\"\(Num.coord(cy))\" width=\"\(Num.coord(cellW))\" height=\"\(Num.coord(cellH))\" fill=\"\(fill)\" class=\"grid\" style=\"fill:\(fill)\"/>\n"
            let mid = cx + cellW / 2
            if let value {
                out += "<text class=\"v\" x=\"\(Num.coord(mid))\" y=\"\(Num.coord(cy + 30))\" text-anchor=\"middle\" fill=\"\(ink)\">\(x(num(value, 2)))</text>\n"
            } else {
                out += "<text class=\"s\" x=\"\(Num.coord(mid))\" y=\"\(Num.coord(cy + 30))\" text-anchor=\"middle\" fill=\"#64748b\">\(x(w.notRated))</text>\n"
            }
            for (i, l) in lines.enumerated() {
                out += "<text class=\"s\" x=\"\(Num.coord(mid))\" y=\"\(Num.coord(cy + 48 + Double(i) * 13))\" text-anchor=\"middle\" fill=\"\(ink)\">\(x(l))</text>\n"
            }
            if disagree {
                out += "<rect class=\"dis\" x=\"\(Num.coord(cx + 3))\" y=\"\(Num.coord(cy + 3))\" width=\"\(Num.coord(cellW - 6))\" height=\"\(Num.coord(cellH - 6))\"/>\n"
            }
            return out
        }
        for a in areas.indices {
            let cy = gridY + Double(a) * cellH
            let lines = areaLines[a]
            for (i, line) in lines.enumerated() {
                let y = cy + cellH / 2 + 4 + (Double(i) - Double(lines.count - 1) / 2) * headerLine
                s += "<text class=\"hd\" x=\"\(Num.coord(gridX - 10))\" y=\"\(Num.coord(y))\" text-anchor=\"end\">\(x(line))</text>\n"
            }
            for k in aspects.indices {
                let c = f.cells[a][k]
                var lines: [String] = []
                if let lo = c.min, let hi = c.max { lines.append("n=\(c.n) · \(num(lo, 2))–\(num(hi, 2))" + (f.disagree(c) ? " ⚑" : "")) }
                if let t = c.target { lines.append("\(w.target) \(num(t, 2))" + (c.gap.map { " · \(w.gap) \(numbers.signed($0, 2))" } ?? "")) }
                s += cell(gridX + Double(k) * cellW, cy, value: c.mean, lines: lines, disagree: f.disagree(c))
            }
            s += cell(gridX + Double(aspects.count) * cellW, cy, value: f.areaMeans[a], lines: [w.mean], disagree: false)
        }
        let meanY = gridY + Double(areas.count) * cellH
        s += "<text class=\"hd\" x=\"\(Num.coord(gridX - 10))\" y=\"\(Num.coord(meanY + cellH / 2 + 4))\" text-anchor=\"end\">\(x(w.mean))</text>\n"
        for k in aspects.indices {
            s += cell(gridX + Double(k) * cellW, meanY, value: f.aspectMeans[k], lines: [w.mean], disagree: false)
        }
        // Legend: the colour scale with its end values, the disagreement frame.
        s += "<g id=\"legend\">\n<text class=\"lg\" x=\"\(Num.coord(margin))\" y=\"\(Num.coord(legendY + 12))\">\(x(w.legend))</text>\n"
        let steps = 5
        for i in 0..<steps {
            let t = Double(i) / Double(steps - 1)
            let lx = margin + Double(i) * 56
            s += "<rect x=\"\(Num.coord(lx))\" y=\"\(Num.coord(legendY + 20))\" width=\"56\" height=\"20\" fill=\"\(HeatPalette.color(t))\" stroke=\"#94a3b8\"/>\n"
            if let sc = m.scale {
                let v = sc.lower + t * (sc.upper - sc.lower)
                s += "<text class=\"lg\" x=\"\(Num.coord(lx + 28))\" y=\"\(Num.coord(legendY + 34))\" text-anchor=\"middle\" fill=\"\(HeatPalette.needsLightText(t) ? "#ffffff" : "#111827")\" style=\"fill:\(HeatPalette.needsLightText(t) ? "#ffffff" : "#111827")\">\(x(num(v, 2)))</text>\n"
            }
        }
        let dx = margin + Double(steps) * 56 + 24
        s += "<rect class=\"dis\" x=\"\(Num.coord(dx))\" y=\"\(Num.coord(legendY + 20))\" width=\"40\" height=\"20\"/>\n"
        s += "<text class=\"lg\" x=\"\(Num.coord(dx + 48))\" y=\"\(Num.coord(legendY + 34))\">\(x(w.disagree))</text>\n"
        s += "<rect x=\"\(Num.coord(margin))\" y=\"\(Num.coord(legendY + 48))\" width=\"56\" height=\"20\" fill=\"\(HeatPalette.empty)\" stroke=\"#94a3b8\"/>\n"
        s += "<text class=\"lg\" x=\"\(Num.coord(margin + 64))\" y=\"\(Num.coord(legendY + 62))\">\(x(w.notRated))</text>\n"
        s += "</g>\n</svg>\n"
        return s
    }
}
