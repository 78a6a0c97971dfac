import OrgaSemantics
import OrgaAnalysis
import OrgaSupport

extension GanttChart {
    static let labelWidth = 300.0, chartWidth = 900.0, margin = 16.0
    static let rowHeight = 22.0, groupHeight = 24.0, axisTop = 52.0

    /// The x coordinate of the start of day `d` on a scale from `start` over `days` days.
    static func x(_ d: CalendarDate, _ start: CalendarDate, _ days: Int) -> Double {
        margin + labelWidth + Double(start.days(to: d)) / Double(max(1, days)) * chartWidth
    }

    /// A tick step in years that gives at most 20 ticks.
    static func yearStep(_ years: Int) -> Int {
        for s in [1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000] where years / s <= 20 { return s }
        return 1000
    }

    /// Cuts `s` to `width` pixels at `size`, with an ellipsis.
    static func fit(_ s: String, _ width: Double, size: Double) -> String {
        if TextMetrics.width(s, size: size) <= width { return s }
        var out = ""
        for ch in s {
            if TextMetrics.width(out + String(ch) + "…", size: size) > width { break }
            out.append(ch)
        }
        return out + "…"
    }

    public static func svg(_ model: Model, figures: PortfolioFigures, german: Bool) -> String {
        let lang: OutputLanguage = german ? .de : .en
        let groups = groups(model, german: german)
        // The time scale: whole calendar years around every period, milestone and the status date.
        var lo: CalendarDate? = nil, hi: CalendarDate? = nil
        func see(_ d: CalendarDate) {
            lo = lo.map { Swift.min($0, d) } ?? d
            hi = hi.map { Swift.max($0, d) } ?? d
        }
        for p in model.projects {
            if let s = p.period { see(s.first); see(s.last) }
            for m in p.milestones { if let d = m.date { see(d) } }
        }
        if let a = model.settings.asof { see(a) }
        let firstYear = lo?.components.year ?? 2000, lastYear = hi?.components.year ?? firstYear
        let start = CalendarDate(year: firstYear, month: 1, day: 1) ?? CalendarDate(dayNumber: 0)
        let end = CalendarDate(year: lastYear + 1, month: 1, day: 1) ?? start.adding(days: 366)
        let days = max(1, start.days(to: end))
        // Rows.
        var body = ""
        var y = axisTop + 20
        var rowY: [Int: Double] = [:]
        var drawn = 0, cut = 0
        let e = Escape.xmlText, a = Escape.xmlAttribute
        for g in groups {
            guard drawn < maxRows else { cut += g.rows.count; continue }
            body += "<rect class=\"grp\" x=\"\(Num.coord(margin))\" y=\"\(Num.coord(y))\" width=\"\(Num.coord(labelWidth + chartWidth))\" height=\"\(Num.coord(groupHeight))\"/>\n"
            body += "<text class=\"gt\" x=\"\(Num.coord(margin + 6))\" y=\"\(Num.coord(y + 16))\">\(e(fit(g.title, labelWidth + chartWidth - 12, size: 13)))</text>\n"
            y += groupHeight
            for j in g.rows {
                guard drawn < maxRows else { cut += 1; continue }
                drawn += 1
                let p = model.projects[j]
                let f = j < figures.projects.count ? figures.projects[j] : nil
                rowY[j] = y
                if drawn % 2 == 0 {
                    body += "<rect class=\"alt\" x=\"\(Num.coord(margin))\" y=\"\(Num.coord(y))\" width=\"\(Num.coord(labelWidth + chartWidth))\" height=\"\(Num.coord(rowHeight))\"/>\n"
                }
                body += "<text class=\"lbl\" x=\"\(Num.coord(margin + 12))\" y=\"\(Num.coord(y + 15))\"><title>\(e(p.name))</title>\(e(fit(projectTitle(p), labelWidth - 20, size: 12)))</text>\n"
                if let span = p.period {
                    let x0 = x(span.first, start, days), x1 = x(span.last.adding(days: 1), start, days)
                    let cls = "b " + (p.status?.rawValue ?? "none") + (f?.overdue == true ? " od" : "")
                    let tip = "\(projectTitle(p)): \(span.text(lang)), \(PortfolioWords.status(p.status, german))"
                        + (f?.overdueSince.map { ", " + (german ? "überfällig seit " : "overdue since ") + $0.text(lang) } ?? "")
                    body += "<rect class=\"\(cls)\" x=\"\(Num.coord(x0))\" y=\"\(Num.coord(y + 5))\" width=\"\(Num.coord(max(1, x1 - x0)))\" height=\"12\" rx=\"2\"><title>\(e(tip))</title></rect>\n"
                }
                for (k, m) in p.milestones.enumerated() {
                    guard let d = m.date else { continue }
                    let cx = x(d, start, days), cy = y + 11
                    let overdue = f.map { k < $0.milestoneOverdueSince.count && $0.milestoneOverdueSince[k] != nil } ?? false
                    let cls = overdue ? "ms od" : m.done ? "ms done" : "ms open"
                    let tip = "\(m.title ?? m.name): \(d.text(lang))" + (m.done ? (german ? ", erreicht" : ", done") : "") + (overdue ? (german ? ", überfällig" : ", overdue") : "")
                    body += "<path class=\"\(cls)\" d=\"M\(Num.coord(cx)),\(Num.coord(cy - 7)) L\(Num.coord(cx + 7)),\(Num.coord(cy)) L\(Num.coord(cx)),\(Num.coord(cy + 7)) L\(Num.coord(cx - 7)),\(Num.coord(cy)) z\"><title>\(e(tip))</title></path>\n"
                }
                y += rowHeight
            }
        }
        let chartBottom = y
        // Dependencies: from the end of each drawn dependency to the start of its dependent.
        var arrows = ""
        for (j, p) in model.projects.enumerated() {
            guard let yj = rowY[j], let span = p.period else { continue }
            for d in p.depends {
                guard let yd = rowY[d.value.index], model.projects.contains(d.value), let ds = model.projects[d.value].period else { continue }
                let x1 = x(ds.last.adding(days: 1), start, days), x2 = x(span.first, start, days)
                let late = x2 < x1
                // Out of the dependency's end, down (or up) to the dependent's row, and
                // always into its start from the left; a dependency that ends too late
                // (W852) loops back and is drawn dashed.
                let path: String
                if x2 >= x1 + 12 {
                    path = "M\(Num.coord(x1)),\(Num.coord(yd + 11)) H\(Num.coord(x1 + 6)) V\(Num.coord(yj + 11)) H\(Num.coord(x2))"
                } else {
                    let between = yj > yd ? yj - 1 : yj + rowHeight + 1
                    path = "M\(Num.coord(x1)),\(Num.coord(yd + 11)) H\(Num.coord(x1 + 6)) V\(Num.coord(between)) H\(Num.coord(x2 - 8)) V\(Num.coord(yj + 11)) H\(Num.coord(x2))"
                }
                arrows += "<path class=\"dep\(late ? " late" : "")\" d=\"\(path)\" marker-end=\"url(#arr)\"/>\n"
            }
        }
        // Axis: year ticks.
        var axis = ""
        let step = yearStep(lastYear - firstYear + 1)
        var year = firstYear - ((firstYear % step) + step) % step
        while year <= lastYear + 1 {
            if year >= firstYear, let d = CalendarDate(year: year, month: 1, day: 1) {
                let tx = x(d, start, days)
                axis += "<line class=\"tick\" x1=\"\(Num.coord(tx))\" y1=\"\(Num.coord(axisTop))\" x2=\"\(Num.coord(tx))\" y2=\"\(Num.coord(chartBottom))\"/>\n"
                if year <= lastYear { axis += "<text class=\"yr\" x=\"\(Num.coord(tx + 3))\" y=\"\(Num.coord(axisTop + 14))\">\(year)</text>\n" }
            }
            year += step
        }
        // The status date.
        var today = ""
        if let asof = model.settings.asof {
            let tx = x(asof, start, days)
            let label = (german ? "Stichtag " : "Status date ") + asof.text(lang)
            today = "<line class=\"asof\" x1=\"\(Num.coord(tx))\" y1=\"\(Num.coord(axisTop - 6))\" x2=\"\(Num.coord(tx))\" y2=\"\(Num.coord(chartBottom))\"/>\n"
                + "<text class=\"asoft\" x=\"\(Num.coord(tx + 4))\" y=\"\(Num.coord(axisTop - 8))\">\(e(label))</text>\n"
        }
        // Notes and legend.
        var y2 = chartBottom + 24
        var notes = ""
        if model.settings.asof == nil {
            notes += "<text class=\"note\" x=\"\(Num.coord(margin))\" y=\"\(Num.coord(y2))\">\(e(german ? "Kein Stichtag (asof) gesetzt: nichts gilt als überfällig." : "No status date (asof) set: nothing counts as overdue."))</text>\n"
            y2 += 18
        }
        if cut > 0 {
            let text = german ? "Gekürzt: \(cut) weitere Projekte nicht gezeichnet (höchstens \(maxRows) Zeilen)." : "Cut: \(cut) more projects not drawn (at most \(maxRows) rows)."
            notes += "<text class=\"note cut\" x=\"\(Num.coord(margin))\" y=\"\(Num.coord(y2))\" data-marker=\"\(a(cutMarker))\">\(e(text))</text>\n"
            y2 += 18
        }
        let undated = model.projects.filter { $0.period == nil }.count
        if undated > 0 {
            notes += "<text class=\"note\" x=\"\(Num.coord(margin))\" y=\"\(Num.coord(y2))\">\(e(german ? "\(undated) Projekte ohne Zeitraum (ohne Balken)." : "\(undated) projects without a period (no bar)."))</text>\n"
            y2 += 18
        }
        var legend = ""
        var lx = margin
        let items: [(String, String)] = [("b planned", PortfolioWords.status(.planned, german)), ("b running", PortfolioWords.status(.running, german)),
                                         ("b done", PortfolioWords.status(.done, german)), ("b stopped", PortfolioWords.status(.stopped, german)),
                                         ("b running od", german ? "überfällig" : "overdue")]
        for (cls, text) in items {
            legend += "<rect class=\"\(cls)\" x=\"\(Num.coord(lx))\" y=\"\(Num.coord(y2 - 10))\" width=\"24\" height=\"12\" rx=\"2\"/><text class=\"lg\" x=\"\(Num.coord(lx + 30))\" y=\"\(Num.coord(y2))\">\(e(text))</text>\n"
            lx += 40 + TextMetrics.width(text, size: 12)
        }
        for (cls, text) in [("ms done", german ? "Meilenstein erreicht" : "milestone done"), ("ms open", german ? "Meilenstein offen" : "milestone open"),
                            ("ms od", german ? "Meilenstein überfällig" : "milestone overdue")] {
            legend += "<path class=\"\(cls)\" d=\"M\(Num.coord(lx + 7)),\(Num.coord(y2 - 11)) l7,7 l-7,7 l-7,-7 z\"/><text class=\"lg\" x=\"\(Num.coord(lx + 20))\" y=\"\(Num.coord(y2))\">\(e(text))</text>\n"
            lx += 30 + TextMetrics.width(text, size: 12)
        }
        legend += "<path class=\"dep\" d=\"M\(Num.coord(lx)),\(Num.coord(y2 - 4)) h22\" marker-end=\"url(#arr)\"/><text class=\"lg\" x=\"\(Num.coord(lx + 28))\" y=\"\(Num.coord(y2))\">\(e(german ? "hängt ab von" : "depends on"))</text>\n"
        let width = margin * 2 + labelWidth + chartWidth
        let height = y2 + 20
        let title = model.programmes.first.map { $0.title ?? $0.name } ?? (german ? "Projekte" : "Projects")
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Num.coord(width))\" height=\"\(Num.coord(height))\" viewBox=\"0 0 \(Num.coord(width)) \(Num.coord(height))\" font-family=\"\(a(Drawing.font))\">\n"
        out += """
            <style>
            .grp{fill:#e2e8f0}.alt{fill:#f8fafc}.gt{font-size:13px;font-weight:bold;fill:#0f172a}.lbl{font-size:12px;fill:#1e293b}
            .yr{font-size:11px;fill:#475569}.tick{stroke:#cbd5e1;stroke-width:1}.title{font-size:16px;font-weight:bold;fill:#0f172a}
            .b{stroke-width:1}.planned{fill:#e2e8f0;stroke:#64748b}.running{fill:#93c5fd;stroke:#1d4ed8}.done{fill:#86efac;stroke:#15803d}
            .stopped{fill:#f1f5f9;stroke:#94a3b8;stroke-dasharray:3 2}.none{fill:#ffffff;stroke:#94a3b8}.b.od{stroke:#dc2626;stroke-width:2}
            .ms{stroke:#0f172a;stroke-width:1}.ms.done{fill:#0f172a}.ms.open{fill:#ffffff}.ms.od{fill:#dc2626;stroke:#7f1d1d}
            .dep{fill:none;stroke:#475569;stroke-width:1}.dep.late{stroke:#b45309;stroke-dasharray:4 2}
            .asof{stroke:#dc2626;stroke-width:1.5;stroke-dasharray:5 3}.asoft{font-size:11px;fill:#dc2626}
            .note{font-size:12px;fill:#334155}.lg{font-size:12px;fill:#334155}
            </style>

            """
        out += "<defs><marker id=\"arr\" viewBox=\"0 0 10 10\" refX=\"9.5\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#475569\"/></marker></defs>\n"
        out += "<rect x=\"0\" y=\"0\" width=\"\(Num.coord(width))\" height=\"\(Num.coord(height))\" fill=\"#ffffff\"/>\n"
        out += "<text class=\"title\" x=\"\(Num.coord(margin))\" y=\"24\">\(e(title))</text>\n"
        return out + body + axis + arrows + today + notes + legend + "</svg>\n"
    }
}

/// Status words of the charts (the reports have theirs in `PortfolioLabel`).
enum PortfolioWords {
    static func status(_ s: ProjectStatus?, _ german: Bool) -> String {
        switch s {
        case .planned?: german ? "geplant" : "planned"
        case .running?: german ? "laufend" : "running"
        case .done?: german ? "abgeschlossen" : "done"
        case .stopped?: german ? "gestoppt" : "stopped"
        case nil: german ? "ohne Status" : "no status"
        }
    }
}
