import OrgaSyntax
import OrgaSemantics
import OrgaAnalysis
import OrgaSupport

/// The what-if sections of the Markdown and HTML reports: "Maßnahmen und Szenarien"
/// (measures, and per scenario a waterfall from the base through each entry to the
/// scenario) and "Konsolidierung" (per target both cuts side by side).
enum WhatIfSections {
    /// One waterfall row: label, line, Δ need, need after, Δ cost, saving, payback.
    struct Row {
        var label: String
        var line: String
        var delta: Double?
        var after: Double
        var deltaCost: Double?
        var costIncomplete: Bool
        var saving: Double?
        var payback: String
        var isApply: Bool
    }

    static func waterfall(_ ctx: ReportContext, _ a: ScenarioAttribution) -> [Row] {
        let n = ctx.numbers
        var rows = [Row(label: ctx.w(.base), line: "", delta: nil, after: a.base.totalNeed, deltaCost: nil, costIncomplete: false,
                        saving: nil, payback: "", isApply: false)]
        var level = a.base.totalNeed
        for e in a.entries {
            level += e.deltaNeed
            let payback: String
            if e.isApply {
                payback = e.deltaNeedCost == nil ? n.missing : (e.paybackYears.map { n.fixed($0, 2) } ?? ctx.w(.paybackNone))
            } else {
                payback = ""
            }
            rows.append(Row(label: ctx.entryLabel(e), line: String(ctx.sources.lineColumn(e.location).line), delta: e.deltaNeed, after: level,
                            deltaCost: e.deltaNeedCost, costIncomplete: e.deltaNeedCost == nil, saving: e.isApply ? e.annualSaving : nil,
                            payback: payback, isApply: e.isApply))
        }
        let costComplete = !a.entries.contains { $0.deltaNeedCost == nil }
        rows.append(Row(label: ctx.w(.scenarioTotal), line: "", delta: a.deltaNeed, after: a.staffing.totalNeed,
                        deltaCost: costComplete ? a.deltaNeedCost : nil, costIncomplete: !costComplete, saving: nil, payback: "", isApply: false))
        return rows
    }

    static func saveText(_ ctx: ReportContext, _ save: SaveAmount) -> String {
        switch save {
        case .fte(let v): "\(ctx.numbers.compact(v, 3)) \(ctx.t(.fte))"
        case .eurPerYear(let v): "\(ctx.numbers.eur(v)) EUR\(ctx.w(.perYear))"
        }
    }

    static func potentialText(_ ctx: ReportContext, _ r: TargetResult) -> String {
        "\(ctx.w(.potentialFrom)) " + (r.potentialScenario.map { "\(ctx.w(.scenario)) \(ctx.scenarioTitle($0))" } ?? ctx.w(.baseModel))
    }

    static func shortfallText(_ ctx: ReportContext, _ r: TargetResult) -> String {
        guard r.shortfall > 1e-9 else { return ctx.w(.reachable) }
        switch r.save {
        case .fte: return "\(ctx.numbers.fte(r.shortfall)) \(ctx.t(.fte))"
        case .eurPerYear: return "\(ctx.numbers.eur(r.shortfall)) EUR\(ctx.w(.perYear))"
        }
    }

    // MARK: Markdown

    static func markdown(_ ctx: ReportContext) -> String {
        guard ctx.hasWhatIf else { return "" }
        let e = Escape.markdown
        let n = ctx.numbers
        var out = ""
        if !ctx.base.measures.isEmpty || !ctx.base.scenarios.isEmpty {
            out += "## \(ctx.w(.measuresAndScenarios))\n\n"
            if !ctx.base.measures.isEmpty {
                out += "### \(ctx.w(.measures))\n\n"
                var rows: [[String]] = []
                for (m, measure) in ctx.base.measures.enumerated() {
                    let applied = m < ctx.whatIf.appliedIn.count ? ctx.whatIf.appliedIn[m] : []
                    rows.append([e(measure.name), e(measure.title ?? ""), e(measure.owner.map { ctx.base.performerName($0) } ?? ""),
                                 measure.requires.map { e(ctx.base.measures[$0.value].name) }.joined(separator: ", "),
                                 n.eur(measure.cost), n.eur(measure.running),
                                 applied.map { e(ctx.base.scenarios[$0].name) }.joined(separator: ", ")])
                }
                out += MarkdownReport.table([ctx.w(.measure), ctx.t(.title), ctx.w(.owner), ctx.w(.requires), ctx.w(.investment), ctx.w(.running), ctx.w(.appliedIn)],
                                            align: "llllrrl", rows)
                out += "\n"
            }
            var anyIncomplete = false
            for a in ctx.whatIf.scenarios {
                out += "### \(ctx.w(.scenario)) \(e(ctx.scenarioTitle(a.scenario)))\n\n"
                var rows: [[String]] = []
                for row in waterfall(ctx, a) {
                    if row.costIncomplete { anyIncomplete = true }
                    rows.append([e(row.label), row.line, row.delta.map { n.signed($0, 3) } ?? "", n.fte(row.after),
                                 row.delta == nil ? "" : (row.deltaCost.map { n.signedEUR($0) } ?? n.missing) + (row.costIncomplete ? " †" : ""),
                                 row.isApply ? (row.saving.map { n.eur($0) } ?? n.missing + " †") : "", row.payback])
                }
                out += MarkdownReport.table([ctx.w(.entry), ctx.w(.line), ctx.w(.deltaNeed), ctx.w(.needAfter), ctx.w(.deltaNeedCost),
                                             ctx.w(.annualSaving), ctx.w(.payback)], align: "lrrrrrr", rows)
                out += "\n"
            }
            if !ctx.whatIf.scenarios.isEmpty { out += "\(e(ctx.w(.orderNote)))\n\n" }
            if anyIncomplete { out += "\(e(ctx.w(.incompleteCostNote)))\n\n" }
        }
        if !ctx.whatIf.targets.isEmpty {
            out += "## \(ctx.w(.consolidation))\n\n"
            for r in ctx.whatIf.targets {
                let t = ctx.base.targets[r.target]
                out += "### \(e(t.name))\(t.title.map { " — " + e($0) } ?? "")\n\n"
                out += "- \(ctx.w(.save)): \(e(saveText(ctx, r.save))); \(e(potentialText(ctx, r)))\n\n"
                var rows: [[String]] = r.rows.map { row in
                    [e(ctx.base.units[row.unit].name), n.fte(row.planned), n.fte(row.need), n.fte(row.potential),
                     n.fte(row.cutAcross), n.signed(row.coverAcross, 3), n.fte(row.cutPotential), n.signed(row.coverPotential, 3)]
                }
                rows.append(["**\(ctx.t(.total))**", n.fte(r.rows.reduce(0) { $0 + $1.planned }), n.fte(r.rows.reduce(0) { $0 + $1.need }),
                             n.fte(r.rows.reduce(0) { $0 + $1.potential }), n.fte(r.totalCutAcross), "", n.fte(r.totalCutPotential), ""])
                out += MarkdownReport.table([ctx.t(.unit), ctx.w(.plannedP), ctx.w(.needN), ctx.w(.potential), ctx.w(.cutAcross), ctx.w(.coverAcross),
                                             ctx.w(.cutPotential), ctx.w(.coverPotential)], align: "lrrrrrrr", rows)
                out += "\n- \(ctx.w(.belowNeed)): \(ctx.w(.acrossLabel)) \(r.belowNeedAcross) (\(ctx.w(.underCover)) \(n.fte(r.underCoverAcross)) \(ctx.t(.fte))), "
                out += "\(ctx.w(.potentialLabel)) \(r.belowNeedPotential) (\(ctx.w(.underCover)) \(n.fte(r.underCoverPotential)) \(ctx.t(.fte)))\n"
                out += "- \(ctx.w(.shortfall)): \(e(shortfallText(ctx, r)))\n\n"
            }
            out += "\(e(ctx.w(.targetNote)))\n\n"
        }
        return out
    }

    // MARK: HTML

    static func html(_ ctx: ReportContext, prefix: String) -> String {
        guard ctx.hasWhatIf else { return "" }
        let h = Escape.html
        let n = ctx.numbers
        var out = ""
        if !ctx.base.measures.isEmpty || !ctx.base.scenarios.isEmpty {
            out += "<section id=\"\(prefix)whatif\">\n<h2>\(h(ctx.w(.measuresAndScenarios)))</h2>\n"
            if !ctx.base.measures.isEmpty {
                out += "<h3>\(h(ctx.w(.measures)))</h3>\n<div class=\"scroll\"><table>\n<thead><tr><th>\(h(ctx.w(.measure)))</th><th>\(h(ctx.t(.title)))</th>"
                out += "<th>\(h(ctx.w(.owner)))</th><th>\(h(ctx.w(.requires)))</th><th class=\"n\">\(h(ctx.w(.investment)))</th><th class=\"n\">\(h(ctx.w(.running)))</th><th>\(h(ctx.w(.appliedIn)))</th></tr></thead>\n<tbody>\n"
                for (m, measure) in ctx.base.measures.enumerated() {
                    let applied = m < ctx.whatIf.appliedIn.count ? ctx.whatIf.appliedIn[m] : []
                    out += "<tr><td>\(h(measure.name))</td><td>\(h(measure.title ?? ""))</td><td>\(h(measure.owner.map { ctx.base.performerName($0) } ?? ""))</td>"
                    out += "<td>\(h(measure.requires.map { ctx.base.measures[$0.value].name }.joined(separator: ", ")))</td>"
                    out += HTMLReport.numCell(n.eur(measure.cost)) + HTMLReport.numCell(n.eur(measure.running))
                    out += "<td>\(h(applied.map { ctx.base.scenarios[$0].name }.joined(separator: ", ")))</td></tr>\n"
                }
                out += "</tbody>\n</table></div>\n"
            }
            var anyIncomplete = false
            for a in ctx.whatIf.scenarios {
                let rows = waterfall(ctx, a)
                out += "<h3>\(h(ctx.w(.scenario))) \(h(ctx.scenarioTitle(a.scenario)))</h3>\n"
                out += waterfallChart(ctx, rows)
                out += "<div class=\"scroll\"><table>\n<thead><tr><th>\(h(ctx.w(.entry)))</th>"
                for l in [WhatIfLabel.line, .deltaNeed, .needAfter, .deltaNeedCost, .annualSaving, .payback] { out += "<th class=\"n\">\(h(ctx.w(l)))</th>" }
                out += "</tr></thead>\n<tbody>\n"
                for (i, row) in rows.enumerated() {
                    if row.costIncomplete { anyIncomplete = true }
                    let total = i == 0 || i == rows.count - 1
                    out += "<tr\(total ? " class=\"total\"" : "")><td>\(h(row.label))</td>" + HTMLReport.numCell(row.line)
                        + HTMLReport.numCell(row.delta.map { n.signed($0, 3) } ?? "") + HTMLReport.numCell(n.fte(row.after))
                        + HTMLReport.numCell(row.delta == nil ? "" : (row.deltaCost.map { n.signedEUR($0) } ?? n.missing) + (row.costIncomplete ? " †" : ""))
                        + HTMLReport.numCell(row.isApply ? (row.saving.map { n.eur($0) } ?? n.missing + " †") : "")
                        + HTMLReport.numCell(row.payback) + "</tr>\n"
                }
                out += "</tbody>\n</table></div>\n"
            }
            if !ctx.whatIf.scenarios.isEmpty { out += "<p class=\"note\">\(h(ctx.w(.orderNote)))</p>\n" }
            if anyIncomplete { out += "<p class=\"note\">\(h(ctx.w(.incompleteCostNote)))</p>\n" }
            out += "</section>\n"
        }
        if !ctx.whatIf.targets.isEmpty {
            out += "<section id=\"\(prefix)consolidation\">\n<h2>\(h(ctx.w(.consolidation)))</h2>\n"
            for r in ctx.whatIf.targets {
                let t = ctx.base.targets[r.target]
                out += "<h3>\(h(t.name))\(t.title.map { " — " + h($0) } ?? "")</h3>\n"
                out += "<p>\(h(ctx.w(.save))): \(h(saveText(ctx, r.save))); \(h(potentialText(ctx, r)))</p>\n"
                out += targetChart(ctx, r)
                out += "<div class=\"scroll\"><table>\n<thead><tr><th>\(h(ctx.t(.unit)))</th>"
                for l in [WhatIfLabel.plannedP, .needN, .potential, .cutAcross, .coverAcross, .cutPotential, .coverPotential] { out += "<th class=\"n\">\(h(ctx.w(l)))</th>" }
                out += "</tr></thead>\n<tbody>\n"
                for row in r.rows {
                    out += "<tr><td>\(h(ctx.base.units[row.unit].name))</td>" + HTMLReport.numCell(n.fte(row.planned)) + HTMLReport.numCell(n.fte(row.need))
                        + HTMLReport.numCell(n.fte(row.potential)) + HTMLReport.numCell(n.fte(row.cutAcross)) + coverCell(row.coverAcross, n)
                        + HTMLReport.numCell(n.fte(row.cutPotential)) + coverCell(row.coverPotential, n) + "</tr>\n"
                }
                out += "<tr class=\"total\"><td>\(h(ctx.t(.total)))</td>" + HTMLReport.numCell(n.fte(r.rows.reduce(0) { $0 + $1.planned }))
                    + HTMLReport.numCell(n.fte(r.rows.reduce(0) { $0 + $1.need })) + HTMLReport.numCell(n.fte(r.rows.reduce(0) { $0 + $1.potential }))
                    + HTMLReport.numCell(n.fte(r.totalCutAcross)) + "<td></td>" + HTMLReport.numCell(n.fte(r.totalCutPotential)) + "<td></td></tr>\n"
                out += "</tbody>\n</table></div>\n"
                out += "<ul><li>\(h(ctx.w(.belowNeed))): \(h(ctx.w(.acrossLabel))) \(r.belowNeedAcross) (\(h(ctx.w(.underCover))) \(h(n.fte(r.underCoverAcross))) \(h(ctx.t(.fte)))), "
                out += "\(h(ctx.w(.potentialLabel))) \(r.belowNeedPotential) (\(h(ctx.w(.underCover))) \(h(n.fte(r.underCoverPotential))) \(h(ctx.t(.fte))))</li>"
                out += "<li>\(h(ctx.w(.shortfall))): \(h(shortfallText(ctx, r)))</li></ul>\n"
            }
            out += "<p class=\"note\">\(h(ctx.w(.targetNote)))</p>\n</section>\n"
        }
        return out
    }

    /// A cover cell: red when the unit ends below its need.
    static func coverCell(_ cover: Double, _ n: NumberFormat) -> String {
        "<td class=\"\(cover < -0.0005 ? "n over" : "n")\">\(Escape.html(n.signed(cover, 3)))</td>"
    }

    static let upColor = "#e15759", downColor = "#59a14f", levelColor = "#4e79a7"

    /// Waterfall as inline SVG: the base and the scenario as full bars, each entry as a
    /// floating bar from the level before it to the level after it.
    static func waterfallChart(_ ctx: ReportContext, _ rows: [Row]) -> String {
        let h = Escape.html
        let c = HTMLReport.c
        let shown = Array(rows.prefix(HTMLReport.maxBars))
        guard shown.count >= 2 else { return "" }
        let levels = shown.flatMap { [$0.after, $0.after - ($0.delta ?? 0)] }.filter(\.isFinite)
        let maxV = max(levels.max() ?? 0, 0)
        let minV = min(levels.min() ?? 0, 0)
        let step = HTMLReport.niceStep(maxV - minV)
        let axisMax = max(step, (maxV / step).rounded(.up) * step)
        let axisMin = (minV / step).rounded(.down) * step
        let labelW = 260.0, plotW = 600.0, rowH = 26.0, top = 10.0, width = labelW + plotW + 90
        // Labels wrap at word boundaries (never cut); a row grows with its label's lines.
        let labels = shown.map { HTMLReport.wrap($0.label, 36) }
        let rowHeights = labels.map { max(rowH, Double($0.count) * 14 + 8) }
        let height = top + rowHeights.reduce(0, +) + 28
        let x = { (v: Double) -> Double in labelW + ((v.isFinite ? v : 0) - axisMin) / max(axisMax - axisMin, 1e-9) * plotW }
        var out = "<figure>\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(c(width)) \(c(height))\" width=\"\(c(width))\" height=\"\(c(height))\" role=\"img\" aria-label=\"\(h(ctx.w(.waterfallCaption)))\">\n"
        out += "<title>\(h(ctx.w(.waterfallCaption)))</title>\n"
        var tick = axisMin
        while tick <= axisMax + step / 2 {
            out += "<line x1=\"\(c(x(tick)))\" y1=\"\(c(top))\" x2=\"\(c(x(tick)))\" y2=\"\(c(height - 24))\" stroke=\"#e3e7eb\"/>"
            out += "<text x=\"\(c(x(tick)))\" y=\"\(c(height - 10))\" font-size=\"11\" text-anchor=\"middle\">\(h(ctx.numbers.compact(tick, 2)))</text>\n"
            tick += step
        }
        var y = top
        for (i, row) in shown.enumerated() {
            defer { y += rowHeights[i] }
            let mid = y + rowHeights[i] / 2
            let isLevel = row.delta == nil || i == shown.count - 1
            let from = isLevel ? 0 : row.after - (row.delta ?? 0)
            let to = row.after
            let x0 = x(min(from, to)), x1 = x(max(from, to))
            let color = isLevel ? levelColor : ((row.delta ?? 0) > 0 ? upColor : downColor)
            let value = isLevel ? ctx.numbers.fte(row.after) : ctx.numbers.signed(row.delta, 3)
            out += HTMLReport.labelText(labels[i], x: labelW - 8, y: mid + 4 - Double(labels[i].count - 1) * 7)
            out += "<rect x=\"\(c(x0))\" y=\"\(c(mid - 8))\" width=\"\(c(max(1, x1 - x0)))\" height=\"16\" fill=\"\(color)\"><title>\(h(row.label)): \(h(value)) \(h(ctx.t(.fte)))</title></rect>\n"
            out += "<text x=\"\(c(x1 + 6))\" y=\"\(c(mid + 4))\" font-size=\"11\">\(h(value))</text>\n"
        }
        out += "<line x1=\"\(c(x(0)))\" y1=\"\(c(top))\" x2=\"\(c(x(0)))\" y2=\"\(c(height - 24))\" stroke=\"#5b6670\"/>\n"
        out += "</svg>\n<figcaption class=\"note\">\(h(ctx.w(.waterfallCaption)))\(rows.count > shown.count ? " — " + h(ctx.t(.chartTruncated)) : "")</figcaption>\n</figure>\n"
        return out
    }

    /// Per unit three bars: potential, the cut across the board, the cut by potential.
    static func targetChart(_ ctx: ReportContext, _ r: TargetResult) -> String {
        let h = Escape.html
        let c = HTMLReport.c
        let rows = Array(r.rows.prefix(HTMLReport.maxBars))
        guard !rows.isEmpty else { return "" }
        let maxV = rows.map { max($0.potential, $0.cutAcross, $0.cutPotential) }.filter(\.isFinite).max() ?? 0
        let step = HTMLReport.niceStep(maxV)
        let axisMax = max(step, (maxV / step).rounded(.up) * step)
        let labelW = 220.0, plotW = 600.0, rowH = 36.0, top = 34.0, width = labelW + plotW + 80
        let labels = rows.map { HTMLReport.wrap(ctx.base.units[$0.unit].title ?? ctx.base.units[$0.unit].name, 30) }
        let rowHeights = labels.map { max(rowH, Double($0.count) * 14 + 8) }
        let height = top + rowHeights.reduce(0, +) + 28
        let x = { (v: Double) -> Double in labelW + (v.isFinite ? max(0, v) : 0) / axisMax * plotW }
        let series: [(String, String)] = [(ctx.w(.potential), "#bab0ac"), (ctx.w(.cutAcross), HTMLReport.needColor), (ctx.w(.cutPotential), HTMLReport.plannedColor)]
        var out = "<figure>\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(c(width)) \(c(height))\" width=\"\(c(width))\" height=\"\(c(height))\" role=\"img\" aria-label=\"\(h(ctx.w(.targetChartCaption)))\">\n"
        out += "<title>\(h(ctx.w(.targetChartCaption)))</title>\n"
        var lx = labelW
        for (label, color) in series {
            out += "<rect x=\"\(c(lx))\" y=\"8\" width=\"12\" height=\"12\" fill=\"\(color)\"/><text x=\"\(c(lx + 16))\" y=\"18\" font-size=\"12\">\(h(label))</text>\n"
            lx += 180
        }
        var tick = 0.0
        while tick <= axisMax + step / 2 {
            out += "<line x1=\"\(c(x(tick)))\" y1=\"\(c(top - 4))\" x2=\"\(c(x(tick)))\" y2=\"\(c(height - 24))\" stroke=\"#e3e7eb\"/>"
            out += "<text x=\"\(c(x(tick)))\" y=\"\(c(height - 10))\" font-size=\"11\" text-anchor=\"middle\">\(h(ctx.numbers.compact(tick, 2)))</text>\n"
            tick += step
        }
        var y = top
        for (i, row) in rows.enumerated() {
            defer { y += rowHeights[i] }
            let mid = y + rowHeights[i] / 2
            let name = ctx.base.units[row.unit].name
            out += HTMLReport.labelText(labels[i], x: labelW - 8, y: mid + 4 - Double(labels[i].count - 1) * 7)
            for (j, v) in [row.potential, row.cutAcross, row.cutPotential].enumerated() {
                out += "<rect x=\"\(c(labelW))\" y=\"\(c(mid - 14 + Double(j) * 9))\" width=\"\(c(max(0, x(v) - labelW)))\" height=\"8\" fill=\"\(series[j].1)\"><title>\(h(name)): \(h(series[j].0)) \(h(ctx.numbers.fte(v)))</title></rect>\n"
            }
        }
        out += "<line x1=\"\(c(labelW))\" y1=\"\(c(top - 4))\" x2=\"\(c(labelW))\" y2=\"\(c(height - 24))\" stroke=\"#5b6670\"/>\n"
        out += "</svg>\n<figcaption class=\"note\">\(h(ctx.w(.targetChartCaption)))\(r.rows.count > rows.count ? " — " + h(ctx.t(.chartTruncated)) : "")</figcaption>\n</figure>\n"
        return out
    }
}

extension NumberFormat {
    /// A signed amount in EUR with two decimals (`+10.804,70`, `−4.000,00`).
    func signedEUR(_ v: Double) -> String { signed(v, 2) }
}
