import OrgaSyntax
import OrgaSemantics
import OrgaAnalysis
import OrgaSupport

/// The HTML staffing report: one self-contained file (inline CSS and SVG, no scripts,
/// no network) with the content of the Markdown report, two charts — need vs planned
/// vs filled per unit, and the Prozess-DNA ranking with stacked criterion
/// contributions — and every position's audit trail in an expandable `<details>`.
/// Every string from the model is escaped.
public enum HTMLReport {
    /// Colours of the DNA criteria (Tableau 10), repeated when there are more criteria.
    static let palette = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"]
    static let needColor = "#e15759", plannedColor = "#4e79a7", filledColor = "#9ecae9"
    /// Most bars a chart draws; the tables always list everything.
    static let maxBars = 40

    public static func render(_ ctxs: [ReportContext]) -> String {
        guard let first = ctxs.first else { return "" }
        let h = Escape.html
        var out = "<!DOCTYPE html>\n<html lang=\"\(first.language.rawValue)\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<meta name=\"generator\" content=\"orgc\">\n"
        let titles = ctxs.map { $0.modelTitle.isEmpty ? $0.t(.reportTitle) : "\($0.t(.reportTitle)): \($0.modelTitle)" }
        out += "<title>\(h(titles.joined(separator: " · ")))</title>\n<style>\n\(css)</style>\n</head>\n<body>\n"
        for (i, ctx) in ctxs.enumerated() {
            out += body(ctx, title: titles[i], prefix: ctxs.count > 1 ? "m\(i + 1)-" : "")
        }
        out += "</body>\n</html>\n"
        return out
    }

    public static func render(_ ctx: ReportContext) -> String { render([ctx]) }

    static let css = """
        :root { --fg: #1d2329; --muted: #5b6670; --line: #d9dee3; --head: #f3f5f7; --accent: #4e79a7; }
        * { box-sizing: border-box; }
        body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--fg); margin: 0 auto; padding: 24px 32px 48px; max-width: 1600px; }
        h1 { font-size: 24px; margin: 0 0 4px; }
        h2 { font-size: 19px; margin: 32px 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--accent); }
        h3 { font-size: 15px; margin: 18px 0 6px; }
        p.sub, p.note { color: var(--muted); margin: 4px 0 10px; }
        nav { margin: 12px 0 0; display: flex; flex-wrap: wrap; gap: 6px 16px; }
        nav a { color: var(--accent); text-decoration: none; }
        dl.assume { display: grid; grid-template-columns: max-content 1fr; gap: 3px 18px; margin: 0; }
        dl.assume dt { color: var(--muted); }
        dl.assume dd { margin: 0; }
        .cards { display: flex; flex-wrap: wrap; gap: 12px; }
        .card { border: 1px solid var(--line); border-radius: 6px; padding: 8px 14px; min-width: 130px; }
        .card .k { color: var(--muted); font-size: 12px; }
        .card .v { font-size: 20px; font-variant-numeric: tabular-nums; }
        .scroll { overflow-x: auto; }
        table { border-collapse: collapse; margin: 6px 0 12px; font-size: 13px; font-variant-numeric: tabular-nums; }
        th, td { border-bottom: 1px solid var(--line); padding: 3px 6px; text-align: left; vertical-align: top; }
        th { background: var(--head); font-weight: 600; vertical-align: bottom; }
        td.n, th.n { text-align: right; }
        td.n { white-space: nowrap; }
        tr.total td { font-weight: 600; border-top: 2px solid var(--fg); }
        td.over { color: #8a4b00; }
        td.under { color: #1f4e79; }
        th { white-space: normal; min-width: 4em; }
        .inc { color: #b26a00; font-weight: 600; }
        td.depth1 { padding-left: 22px; } td.depth2 { padding-left: 36px; } td.depth3 { padding-left: 50px; }
        td.depth4 { padding-left: 64px; } td.depth5 { padding-left: 78px; } td.deep { padding-left: 92px; }
        details { border: 1px solid var(--line); border-radius: 5px; margin: 6px 0; padding: 4px 10px; }
        details summary { cursor: pointer; }
        details table { margin-top: 8px; }
        table.dna { font-size: 12px; }
        table.dna th, table.dna td { padding: 3px 4px; }
        td.formula { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 12.5px; }
        svg { display: block; max-width: 100%; height: auto; margin: 8px 0 4px; }
        svg text { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; fill: #1d2329; }
        .sev-error { color: #b22222; font-weight: 600; }
        .sev-warning { color: #b26a00; font-weight: 600; }
        code { font-family: ui-monospace, Menlo, Consolas, monospace; }
        @page { size: A4 landscape; margin: 10mm; }
        @media print {
          body { max-width: none; padding: 0; font-size: 11px; }
          table { font-size: 10px; } table.dna { font-size: 9.5px; } td.formula { font-size: 9.5px; }
          h2 { break-after: avoid; } tr, figure { break-inside: avoid; }
          nav { display: none; }
          .scroll { overflow: visible; }
          details { break-inside: avoid; }
          details::details-content { content-visibility: visible; display: block; }
          details summary { list-style: none; }
        }

        """

    // MARK: Body

    static func body(_ ctx: ReportContext, title: String, prefix: String) -> String {
        let h = Escape.html
        let n = ctx.numbers
        let r = ctx.result
        var out = "<main>\n<header>\n<h1>\(h(title))</h1>\n"
        if !ctx.modelName.isEmpty { out += "<p class=\"sub\">\(h(ctx.t(.generatedBy))) <code>\(h(ctx.modelName))</code></p>\n" }
        var sections: [(String, Label)] = [("assumptions", .assumptions), ("totals", .totals), ("units", .unitTree), ("positions", .positions),
                                           ("processes", .processes), ("dna", .dnaRanking), ("audit", .auditTrail), ("findings", .findings)]
        if !ctx.p90Rows.isEmpty { sections.insert(("p90", .proposalP90Title), at: 4) }
        var links = sections.map { "<a href=\"#\(prefix)\($0.0)\">\(h(ctx.t($0.1)))</a>" }
        if !ctx.base.measures.isEmpty || !ctx.base.scenarios.isEmpty { links.insert("<a href=\"#\(prefix)whatif\">\(h(ctx.w(.measuresAndScenarios)))</a>", at: links.count - 1) }
        if !ctx.whatIf.targets.isEmpty { links.insert("<a href=\"#\(prefix)consolidation\">\(h(ctx.w(.consolidation)))</a>", at: links.count - 1) }
        // Assessments before the findings, when the model declares some.
        links.insert(contentsOf: AssessmentSections.htmlNavigation(ctx, prefix: prefix).map { "<a href=\"#\($0.id)\">\(h($0.title))</a>" }, at: links.count - 1)
        links.insert(contentsOf: KpiPoolSections.htmlNavigation(ctx, prefix: prefix).map { "<a href=\"#\($0.id)\">\(h($0.title))</a>" }, at: links.count - 1)
        links.insert(contentsOf: PortfolioSections.htmlNavigation(ctx, prefix: prefix).map { "<a href=\"#\($0.id)\">\(h($0.title))</a>" }, at: links.count - 1)
        out += "<nav>" + links.joined(separator: " ") + "</nav>\n</header>\n"
        if let s = ctx.scenario { out += "<p class=\"sub\"><b>\(h(ctx.w(.scenarioReport))) \(h(ctx.scenarioTitle(s)))</b></p>\n" }

        // Assumptions
        out += "<section id=\"\(prefix)assumptions\">\n<h2>\(h(ctx.t(.assumptions)))</h2>\n<dl class=\"assume\">\n"
        for (k, v) in Sections.assumptions(ctx) { out += "<dt>\(h(k))</dt><dd>\(h(v))</dd>\n" }
        let overrides = ctx.overrides
        if !overrides.isEmpty {
            out += "<dt>\(h(ctx.t(.overrides)))</dt><dd>" + overrides.map(h).joined(separator: "<br>") + "</dd>\n"
        }
        let sources = ctx.sourcesOfTimes
        if !sources.isEmpty {
            out += "<dt>\(h(ctx.t(.sourcesOfTimes)))</dt><dd>"
                + sources.map { "<b>\(h($0.source))</b>: " + $0.processes.map(h).joined(separator: ", ") }.joined(separator: "<br>") + "</dd>\n"
        }
        out += "</dl>\n</section>\n"

        // Totals
        out += "<section id=\"\(prefix)totals\">\n<h2>\(h(ctx.t(.totals)))</h2>\n<div class=\"cards\">\n"
        var cards: [(Label, String)] = [(.planned, n.fte(r.totalPlanned) + " " + ctx.t(.fte)), (.filled, n.fte(r.totalFilled) + " " + ctx.t(.fte)),
                                        (.need, n.fte(r.totalNeed) + " " + ctx.t(.fte) + ctx.spreadSuffix(r.totalNeedSpread)), (.gap, n.signed(r.totalNeed - r.totalPlanned, 3) + " " + ctx.t(.fte)),
                                        (.vacancy, n.fte(r.totalPlanned - r.totalFilled) + " " + ctx.t(.fte)),
                                        (.plannedCost, n.eur(r.totalPlannedCost)), (.needCost, n.eur(r.totalNeedCost) + ctx.spreadSuffix(r.totalNeedCostSpread, digits: 0))]
        let totalGap = r.totalNeed - r.totalPlanned
        if let t = ctx.effectiveTotal {
            // Effective and ramp-up loss beside filled (their labels are not in `Label`).
            cards.removeLast(cards.count)
            out += "<div class=\"card\"><div class=\"k\">\(h(ctx.t(.planned)))</div><div class=\"v\">\(h(n.fte(r.totalPlanned) + " " + ctx.t(.fte)))</div></div>\n"
            out += "<div class=\"card\"><div class=\"k\">\(h(ctx.t(.filled)))</div><div class=\"v\">\(h(n.fte(r.totalFilled) + " " + ctx.t(.fte)))</div></div>\n"
            out += "<div class=\"card\"><div class=\"k\">\(h(ctx.tm(.effective)))</div><div class=\"v\">\(h(n.fte(t.effective) + " " + ctx.t(.fte)))</div></div>\n"
            out += "<div class=\"card\"><div class=\"k\">\(h(ctx.tm(.rampupLoss)))</div><div class=\"v\">\(h(n.fte(t.loss) + " " + ctx.t(.fte)))</div></div>\n"
            cards = [(.need, n.fte(r.totalNeed) + " " + ctx.t(.fte) + ctx.spreadSuffix(r.totalNeedSpread)), (.gap, n.signed(r.totalNeed - r.totalPlanned, 3) + " " + ctx.t(.fte)),
                     (.vacancy, n.fte(r.totalPlanned - r.totalFilled) + " " + ctx.t(.fte)),
                     (.plannedCost, n.eur(r.totalPlannedCost)), (.needCost, n.eur(r.totalNeedCost) + ctx.spreadSuffix(r.totalNeedCostSpread, digits: 0))]
        }
        for (k, v) in cards {
            // The gap says in words what its sign means (a Personalrat reads "−2,3" as a cut otherwise).
            let note = k != .gap ? "" : gapWord(totalGap, ctx).map { "<div class=\"k\">\(h($0))</div>" } ?? ""
            out += "<div class=\"card\"><div class=\"k\">\(h(ctx.t(k)))</div><div class=\"v\">\(h(v))</div>\(note)</div>\n"
        }
        out += "</div>\n<p class=\"note\">\(h(ctx.t(.unitCount))): \(ctx.model.units.count) · \(h(ctx.t(.positionCount))): \(ctx.model.positions.count) · \(h(ctx.t(.processCount))): \(ctx.model.processes.count)</p>\n</section>\n"

        // Units
        out += "<section id=\"\(prefix)units\">\n<h2>\(h(ctx.t(.unitTree)))</h2>\n"
        if !ctx.model.units.isEmpty {
            out += unitChart(ctx)
            out += TimelineChart.section(ctx)
            out += "<div class=\"scroll\"><table>\n<thead><tr>" + headerCells(ctx, [(.unit, false), (.title, false), (.planned, true), (.filled, true)]) + timeHeaderCells(ctx)
                + headerCells(ctx, [(.need, true), (.ownWork, true), (.gap, true), (.vacancy, true), (.proposal, true), (.plannedCost, true), (.needCost, true)]) + "</tr></thead>\n<tbody>\n"
            for (u, depth) in ctx.unitRows {
                let m = ctx.model.units[u], s = r.units[u]
                let dc = depth == 0 ? "" : depth <= 5 ? " class=\"depth\(depth)\"" : " class=\"deep\""
                let costMark = s.costComplete ? "" : " <span class=\"inc\" title=\"\(h(ctx.t(.costIncompleteNote)))\">†</span>"
                out += "<tr><td\(dc)>\(h(m.name))</td><td>\(h(m.title ?? ""))</td>" + numCell(n.fte(s.planned)) + numCell(n.fte(s.filled))
                    + ctx.timeCells(ctx.effective(unit: u)).map { numCell($0) }.joined()
                    + numCell(n.fte(s.need) + ctx.spreadSuffix(s.needSpread), mark: !s.complete, ctx) + numCell(s.ownNeed != 0 ? n.fte(s.ownNeed) + ctx.spreadSuffix(s.ownNeedSpread) : "")
                    + gapCell(s.gap, ctx) + numCell(n.fte(s.vacancy)) + numCell(n.fte(s.proposal))
                    + "<td class=\"n\">\(h(n.eur(s.plannedCost)))\(costMark)</td><td class=\"n\">\(h(n.eur(s.needCost) + ctx.spreadSuffix(s.needCostSpread, digits: 0)))\(costMark)</td></tr>\n"
            }
            out += "</tbody>\n</table></div>\n"
            if r.units.contains(where: { !$0.complete }) { out += "<p class=\"note\">\(h(ctx.t(.incompleteNote)))</p>\n" }
            if r.units.contains(where: { !$0.costComplete }) { out += "<p class=\"note\">\(h(ctx.t(.costIncompleteNote)))</p>\n" }
            out += "<p class=\"note\">\(h(ctx.t(.gapLegend)))</p>\n<p class=\"note\">\(h(ctx.t(.proposalNote)))</p>\n"
        }
        out += "</section>\n"

        // Positions
        out += "<section id=\"\(prefix)positions\">\n<h2>\(h(ctx.t(.positions)))</h2>\n"
        if !ctx.model.positions.isEmpty {
            out += "<div class=\"scroll\"><table>\n<thead><tr>" + headerCells(ctx, [(.position, false), (.title, false), (.unit, false), (.grade, false),
                (.planned, true), (.filled, true)]) + timeHeaderCells(ctx) + headerCells(ctx, [(.need, true), (.gap, true), (.vacancy, true), (.proposal, true), (.plannedCost, true), (.needCost, true)]
                + (ctx.hasRemarks ? [(.remarks, false)] : []))
                + "</tr></thead>\n<tbody>\n"
            for (i, m) in zip(ctx.model.positions.ids, ctx.model.positions) {
                let s = r.positions[i]
                out += "<tr><td><a href=\"#\(prefix)pos-\(i.index)\">\(h(m.name))</a></td><td>\(h(m.title ?? ""))</td><td>\(h(ctx.unitName(m.unit)))</td><td>\(h(ctx.gradeName(m.grade)))</td>"
                    + numCell(n.fte(s.planned)) + numCell(n.fte(s.filled)) + ctx.timeCells(ctx.effective(position: i)).map { numCell($0) }.joined()
                    + numCell(n.fte(s.need) + ctx.spreadSuffix(s.needSpread), mark: !s.complete, ctx) + gapCell(s.gap, ctx)
                    + numCell(n.fte(s.vacancy)) + numCell(n.fte(s.proposal))
                    + numCell(s.plannedCost == nil ? n.missing : n.eur(s.plannedCost), title: s.costPerFTE == nil ? ctx.t(.noCost) : nil)
                    + numCell(s.needCost == nil ? n.missing : n.eur(s.needCost) + ctx.spreadSuffix(s.needCostSpread, digits: 0), title: s.costPerFTE == nil ? ctx.t(.noCost) : nil)
                    + (ctx.hasRemarks ? "<td>\(h(ctx.remarksText(m)))</td>" : "") + "</tr>\n"
            }
            out += "</tbody>\n</table></div>\n"
            if r.positions.contains(where: { !$0.complete }) { out += "<p class=\"note\">\(h(ctx.t(.incompleteNote)))</p>\n" }
            if r.positions.contains(where: { $0.costPerFTE == nil }) { out += "<p class=\"note\">\(h(ctx.t(.costIncompleteNote)))</p>\n" }
            if ctx.hasRemarks { out += "<p class=\"note\">\(h(ctx.t(.remarksLegend)))</p>\n" }
            if ctx.showsEffective { out += "<p class=\"note\">\(h(ctx.tm(.effectiveNote)))</p>\n" }
        }
        if ctx.hasRanges { out += "<p class=\"note\">\(h(ctx.t(.rangesNote)))</p>\n" }
        out += "</section>\n"
        out += proposalP90Section(ctx, prefix: prefix)

        // Processes
        out += "<section id=\"\(prefix)processes\">\n<h2>\(h(ctx.t(.processes)))</h2>\n"
        if !ctx.model.processes.isEmpty {
            let header = Sections.processHeader(ctx).enumerated().map { i, t in "<th\(i >= 3 ? " class=\"n\"" : "")>\(h(t))</th>" }.joined()
            out += "<div class=\"scroll\"><table>\n<thead><tr>" + header + "</tr></thead>\n<tbody>\n"
            let calls = ctx.hasCalls
            for (p, m) in ctx.model.processes.enumerated() {
                let s = r.processes[p]
                out += "<tr><td>\(h(m.name))</td><td>\(h(m.title ?? ""))</td><td>\(h(ctx.unitName(m.owner)))</td>"
                    + numCell(n.compact(s.cases, 2) + ctx.spreadSuffix(s.casesSpread, digits: 0), mark: !s.casesComplete && s.cases != nil, ctx)
                    + numCell(s.flowSolved ? n.fixed(s.staffHoursPerCase, 3) + ctx.spreadSuffix(s.staffHoursPerCaseSpread, digits: 3) : n.missing, mark: s.flowSolved && !s.complete, ctx)
                    + numCell(n.fixed(s.leadTimeDays, 2) + ctx.spreadSuffix(s.leadTimeSpread), mark: s.leadTimeDays != nil && !s.leadTimeComplete, ctx)
                    + numCell(s.flowSolved && s.cases != nil ? n.fte(s.fte) + ctx.spreadSuffix(s.fteSpread) : n.missing, mark: s.flowSolved && s.cases != nil && !s.complete, ctx)
                    + costCell(n.fixed(s.costPerCase, 2), complete: s.costComplete, ctx)
                if calls {
                    out += numCell(s.flowSolved ? n.fixed(s.staffHoursPerCaseWithCalls, 3) : n.missing, mark: s.flowSolved && !s.withCallsComplete, ctx)
                        + numCell(s.fteWithCalls.map { n.fte($0) } ?? n.missing, mark: s.fteWithCalls != nil && !s.withCallsComplete, ctx)
                        + costCell(n.fixed(s.costPerCaseWithCalls, 2), complete: s.costWithCallsComplete, ctx)
                }
                out += "</tr>\n"
            }
            out += "</tbody>\n</table></div>\n"
            if r.processes.contains(where: { !$0.complete || (calls && !$0.withCallsComplete) }) { out += "<p class=\"note\">\(h(ctx.t(.incompleteNote)))</p>\n" }
            if r.processes.contains(where: { !$0.costComplete || (calls && !$0.costWithCallsComplete) }) { out += "<p class=\"note\">\(h(ctx.t(.processCostIncompleteNote)))</p>\n" }
            if calls { out += "<p class=\"note\">\(h(ctx.t(.withCallsNote)))</p>\n" }
        }
        out += "</section>\n"

        // DNA
        out += "<section id=\"\(prefix)dna\">\n<h2>\(h(ctx.t(.dnaRanking)))</h2>\n"
        out += dnaHTML(ctx)
        out += "</section>\n"

        // Audit trails
        out += "<section id=\"\(prefix)audit\">\n<h2>\(h(ctx.t(.auditTrail)))</h2>\n<p class=\"note\">\(h(ctx.t(.calculationLegend)))</p>\n"
        for (i, m) in ctx.model.positions.enumerated() {
            let s = r.positions[i]
            out += "<details id=\"\(prefix)pos-\(i)\"><summary><b>\(h(m.name))</b>\(m.title.map { " — " + h($0) } ?? ""): \(h(n.fte(s.need))) \(h(ctx.t(.fte)))\(h(ctx.spreadSuffix(s.needSpread)))"
                + (s.complete ? "" : " <span class=\"inc\">*</span>") + "</summary>\n"
            out += auditTable(ctx, s.contributions, allowance: s.allowance, total: s.need)
            let missing = s.missing.filter { $0.kind != .cost }
            if !missing.isEmpty {
                out += "<ul>" + missing.map { "<li class=\"inc\">* \(h(ctx.missingText($0)))</li>" }.joined() + "</ul>\n"
            }
            out += "</details>\n"
        }
        for (u, _) in ctx.unitRows where !r.units[u].ownContributions.isEmpty {
            let m = ctx.model.units[u], s = r.units[u]
            out += "<details><summary><b>\(h(m.name))</b>\(m.title.map { " — " + h($0) } ?? "") (\(h(ctx.t(.kindUnitWork)))): \(h(n.fte(s.ownNeed))) \(h(ctx.t(.fte)))\(h(ctx.spreadSuffix(s.ownNeedSpread)))</summary>\n"
            out += auditTable(ctx, s.ownContributions, allowance: s.allowance, total: s.ownNeed)
            out += "</details>\n"
        }
        out += "</section>\n"

        // Measures, scenarios and targets
        out += WhatIfSections.html(ctx, prefix: prefix)
        out += AssessmentSections.html(ctx, prefix: prefix)
        out += KpiPoolSections.html(ctx, prefix: prefix)
        out += PortfolioSections.html(ctx, prefix: prefix)

        // Findings
        out += "<section id=\"\(prefix)findings\">\n<h2>\(h(ctx.t(.findings)))</h2>\n"
        if ctx.diagnostics.isEmpty {
            out += "<p>\(h(ctx.t(.noFindings)))</p>\n"
        } else {
            out += "<div class=\"scroll\"><table>\n<thead><tr>" + headerCells(ctx, [(.severity, false), (.code, false), (.location, false), (.message, false)])
                + "</tr></thead>\n<tbody>\n"
            for d in ctx.diagnostics {
                let (line, col) = ctx.lineColumn(d)
                out += "<tr><td class=\"sev-\(d.severity.rawValue)\">\(h(ctx.severityText(d.severity)))</td><td>\(h(d.code.rawValue))</td>"
                    + "<td><code>\(h("\(d.path):\(line):\(col)"))</code></td><td>\(h(ctx.message(d)))</td></tr>\n"
            }
            out += "</tbody>\n</table></div>\n"
        }
        out += "</section>\n</main>\n"
        return out
    }

    /// The proposal at the 90th percentile (normal approximation) for uncertain needs.
    static func proposalP90Section(_ ctx: ReportContext, prefix: String) -> String {
        let rows = ctx.p90Rows
        guard !rows.isEmpty else { return "" }
        let h = Escape.html
        let n = ctx.numbers
        var out = "<section id=\"\(prefix)p90\">\n<h2>\(h(ctx.t(.proposalP90Title)))</h2>\n"
        out += "<div class=\"scroll\"><table>\n<thead><tr>" + headerCells(ctx, [(.kind, false), (.id, false), (.title, false), (.needMean, true), (.sdSymbol, true),
            (.proposal, true), (.proposalP90, true)]) + "</tr></thead>\n<tbody>\n"
        for r in rows {
            out += "<tr><td>\(h(r.isUnit ? ctx.t(.unit) : ctx.t(.position)))</td><td>\(h(r.name))</td><td>\(h(r.title))</td>"
                + numCell(n.fte(r.need) + ctx.spreadSuffix(r.spread)) + numCell(n.fte(r.spread.sd)) + numCell(n.fte(r.proposal)) + numCell(n.fte(r.proposalP90)) + "</tr>\n"
        }
        out += "</tbody>\n</table></div>\n<p class=\"note\">\(h(ctx.t(.proposalP90Note)))</p>\n</section>\n"
        return out
    }

    /// The headers of the effective and ramp-up columns (none when not shown).
    static func timeHeaderCells(_ ctx: ReportContext) -> String {
        ctx.timeHeader.map { "<th class=\"n\">\(Escape.html($0))</th>" }.joined()
    }

    static func headerCells(_ ctx: ReportContext, _ cols: [(Label, Bool)]) -> String {
        cols.map { "<th\($0.1 ? " class=\"n\"" : "")>\(Escape.html(ctx.t($0.0)))</th>" }.joined()
    }

    static func numCell(_ text: String, mark: Bool = false, _ ctx: ReportContext? = nil, title: String? = nil) -> String {
        let t = title.map { " title=\"\(Escape.html($0))\"" } ?? ""
        return "<td class=\"n\"\(t)>\(Escape.html(text))\(mark ? " <span class=\"inc\">*</span>" : "")</td>"
    }

    /// Need − planned: a shortfall (need above planned) in amber, a surplus in blue — neither
    /// green nor red, which a reader would take for approval or refusal; the cell's title
    /// says it in words.
    static func gapCell(_ gap: Double, _ ctx: ReportContext) -> String {
        let cls = gap > 0.0005 ? "n over" : gap < -0.0005 ? "n under" : "n"
        let title = gapWord(gap, ctx).map { " title=\"\(Escape.html($0))\"" } ?? ""
        return "<td class=\"\(cls)\"\(title)>\(Escape.html(ctx.numbers.signed(gap, 3)))</td>"
    }

    /// "Unterdeckung: Bedarf über Soll" / "Überhang: Bedarf unter Soll"; nil when balanced.
    static func gapWord(_ gap: Double, _ ctx: ReportContext) -> String? {
        let de = ctx.language == .de
        if gap > 0.0005 { return de ? "Unterdeckung: Bedarf über Soll" : "shortfall: need above planned" }
        if gap < -0.0005 { return de ? "Überhang: Bedarf unter Soll" : "surplus: need below planned" }
        return nil
    }

    /// A cost cell, with † when the cost leaves something out.
    static func costCell(_ text: String, complete: Bool, _ ctx: ReportContext) -> String {
        complete ? numCell(text)
            : "<td class=\"n\">\(Escape.html(text)) <span class=\"inc\" title=\"\(Escape.html(ctx.t(.processCostIncompleteNote)))\">†</span></td>"
    }

    static func auditTable(_ ctx: ReportContext, _ cs: [Contribution], allowance: Allowance, total: Double) -> String {
        let h = Escape.html
        var out = "<table>\n<thead><tr><th>\(h(ctx.t(.kind)))</th><th>\(h(ctx.t(.process))) / \(h(ctx.t(.title)))</th><th>\(h(ctx.t(.calculation)))</th><th class=\"n\">\(h(ctx.t(.fte)))</th></tr></thead>\n<tbody>\n"
        for c in cs {
            let a = ctx.auditLine(c, allowance: allowance)
            out += "<tr><td>\(h(a.kind))</td><td>\(h(a.source))</td><td class=\"formula\">\(h(a.formula))</td><td class=\"n\">\(h(ctx.numbers.fte(a.fte) + ctx.spreadSuffix(c.fteSpread)))</td></tr>\n"
        }
        out += "<tr class=\"total\"><td>\(h(ctx.t(.total)))</td><td></td><td></td><td class=\"n\">\(h(ctx.numbers.fte(total)))</td></tr>\n"
        out += "</tbody>\n</table>\n"
        return out
    }

    // MARK: DNA

    static func dnaHTML(_ ctx: ReportContext) -> String {
        let r = ctx.result
        let h = Escape.html
        let n = ctx.numbers
        guard !r.dna.criteria.isEmpty, !ctx.model.processes.isEmpty else { return "<p class=\"note\">—</p>\n" }
        var out = dnaChart(ctx)
        let crits = r.dna.criteria
        out += "<div class=\"scroll\"><table class=\"dna\">\n<thead><tr><th class=\"n\">\(h(ctx.t(.rank)))</th><th>\(h(ctx.t(.process)))</th><th class=\"n\">\(h(ctx.t(.score)))</th>"
        for k in crits {
            out += "<th class=\"n\">\(h(ctx.criterionTitle(k))) (\(h(n.compact(ctx.model.criteria[k].weight, 2))))</th>"
        }
        out += "<th>\(h(ctx.t(.complete)))</th></tr></thead>\n<tbody>\n"
        for p in r.dna.ranking {
            let s = r.dna.scores[p]
            out += "<tr><td class=\"n\">\(s.rank.map(String.init) ?? n.missing)</td><td>\(h(ctx.processTitle(p)))</td><td class=\"n\"><b>\(h(n.fixed(s.score, 1)))</b></td>"
            for c in s.criteria {
                let tip = c.value == nil ? ctx.t(.missingRatings) : "\(ctx.t(.value)) \(n.compact(c.value, 3)), \(ctx.t(.normalized)) \(n.fixed(c.normalized, 3))"
                out += "<td class=\"n\" title=\"\(h(tip))\">\(h(n.fixed(c.contribution, 1)))</td>"
            }
            let missing = s.criteria.filter { $0.value == nil }.map { ctx.criterionTitle($0.criterion) }
            out += s.complete ? "<td>\(h(ctx.t(.yes)))</td>" : "<td class=\"inc\">\(h(ctx.t(.no)))\(missing.isEmpty ? "" : " (" + h(ctx.t(.missingRatings)) + ": " + missing.map(h).joined(separator: ", ") + ")")</td>"
            out += "</tr>\n"
        }
        out += "</tbody>\n</table></div>\n"
        // Criteria and values.
        out += "<h3>\(h(ctx.t(.dnaValues)))</h3>\n<div class=\"scroll\"><table>\n<thead><tr><th>\(h(ctx.t(.id)))</th><th>\(h(ctx.t(.title)))</th><th class=\"n\">\(h(ctx.t(.weight)))</th><th>\(h(ctx.t(.kind)))</th></tr></thead>\n<tbody>\n"
        for (i, k) in crits.enumerated() {
            let c = ctx.model.criteria[k]
            out += "<tr><td><span style=\"color:\(palette[i % palette.count])\">■</span> \(h(c.name))</td><td>\(h(c.title ?? ""))</td><td class=\"n\">\(h(n.compact(c.weight, 2)))</td><td>\(h(MarkdownReport.criterionKind(ctx, k)))</td></tr>\n"
        }
        out += "</tbody>\n</table></div>\n"
        out += "<p class=\"note\">\(h(ctx.t(.value))) (\(h(ctx.t(.normalized))) 0…1)</p>\n<div class=\"scroll\"><table class=\"dna\">\n<thead><tr><th class=\"n\">\(h(ctx.t(.rank)))</th><th>\(h(ctx.t(.process)))</th>"
        for k in crits { out += "<th class=\"n\">\(h(ctx.criterionTitle(k)))</th>" }
        out += "</tr></thead>\n<tbody>\n"
        for p in r.dna.ranking {
            let s = r.dna.scores[p]
            out += "<tr><td class=\"n\">\(s.rank.map(String.init) ?? n.missing)</td><td>\(h(ctx.processTitle(p)))</td>"
            for c in s.criteria {
                out += c.value == nil ? "<td class=\"n inc\">\(h(n.missing))</td>" : "<td class=\"n\">\(h(n.compact(c.value, 3))) (\(h(n.fixed(c.normalized, 2))))</td>"
            }
            out += "</tr>\n"
        }
        out += "</tbody>\n</table></div>\n"
        return out
    }

    // MARK: Charts (SVG)

    /// SVG coordinates: always `.` and at most one decimal.
    static func c(_ v: Double) -> String {
        NumberFormat(.en, grouping: false, missing: "0").compact(v.isFinite ? v : 0, 1)
    }

    /// Breaks a chart label into lines of at most `maxChars` characters at spaces; a word
    /// longer than a line is broken after a hyphen or slash inside it, and a word without
    /// either stays whole (a little too long rather than cut mid-word).
    static func wrap(_ s: String, _ maxChars: Int) -> [String] {
        // Pieces with whether a space precedes them (false: the rest of a broken word).
        var pieces: [(text: String, spaced: Bool)] = []
        for word in s.split(separator: " ", omittingEmptySubsequences: true) {
            var part = ""
            var first = true
            for ch in word {
                part.append(ch)
                if (ch == "-" || ch == "/") && word.count > maxChars && part.count > 1 {
                    pieces.append((part, first)); part = ""; first = false
                }
            }
            if !part.isEmpty { pieces.append((part, first)) }
        }
        var lines: [String] = []
        var line = ""
        for p in pieces {
            let sep = line.isEmpty || !p.spaced ? "" : " "
            if !line.isEmpty && line.count + sep.count + p.text.count > maxChars {
                lines.append(line)
                line = p.text
            } else {
                line += sep + p.text
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines.isEmpty ? [""] : lines
    }

    /// Right-aligned label lines ending at `x`, the first baseline at `y`.
    static func labelText(_ lines: [String], x: Double, y: Double, lineHeight: Double = 14) -> String {
        var out = "<text x=\"\(c(x))\" y=\"\(c(y))\" font-size=\"12\" text-anchor=\"end\">"
        for (i, l) in lines.enumerated() {
            out += "<tspan x=\"\(c(x))\" y=\"\(c(y + Double(i) * lineHeight))\">\(Escape.html(l))</tspan>"
        }
        return out + "</text>\n"
    }

    /// A "nice" axis step for values up to `maxValue` (1, 2, 2.5, 5 × 10^k).
    static func niceStep(_ maxValue: Double, ticks: Int = 5) -> Double {
        guard maxValue.isFinite, maxValue > 0 else { return 1 }
        let raw = maxValue / Double(max(1, ticks))
        var mag = 1.0
        while mag * 10 <= raw { mag *= 10 }
        while mag > raw { mag /= 10 }
        for f in [1.0, 2.0, 2.5, 5.0, 10.0] where f * mag >= raw { return f * mag }
        return 10 * mag
    }

    static func unitChart(_ ctx: ReportContext) -> String {
        let h = Escape.html
        let r = ctx.result
        let all = ctx.unitRows
        // The deepest tree level that still fits.
        var depthLimit = 0
        for d in 0...12 where all.filter({ $0.depth <= d }).count <= maxBars { depthLimit = d }
        var rows = all.filter { $0.depth <= depthLimit }
        let truncated = rows.count < all.count || rows.count > maxBars
        rows = Array(rows.prefix(maxBars))
        guard !rows.isEmpty else { return "" }
        let maxV = rows.map { u in max(r.units[u.unit].need, r.units[u.unit].planned, r.units[u.unit].filled, r.units[u.unit].needSpread.max) }.filter(\.isFinite).max() ?? 0
        let step = niceStep(maxV)
        let axisMax = max(step, (maxV / step).rounded(.up) * step)
        let labelW = 250.0, plotW = 640.0, top = 34.0, width = labelW + plotW + 80
        let labels = rows.map { wrap(ctx.model.units[$0.unit].title ?? ctx.model.units[$0.unit].name, 38) }
        // Three bars take 31 px; a label of more than two lines makes its row taller.
        let rowHeights = labels.map { max(36.0, Double($0.count) * 14 + 8) }
        let height = top + rowHeights.reduce(0, +) + 28
        let x = { (v: Double) -> Double in labelW + (v.isFinite ? max(0, v) : 0) / axisMax * plotW }
        var out = "<figure>\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(c(width)) \(c(height))\" width=\"\(c(width))\" height=\"\(c(height))\" role=\"img\" aria-label=\"\(h(ctx.t(.unitChart)))\">\n"
        out += "<title>\(h(ctx.t(.unitChart)))</title>\n"
        // Legend
        var lx = labelW
        for (label, color) in [(ctx.t(.need), needColor), (ctx.t(.planned), plannedColor), (ctx.t(.filled), filledColor)] {
            out += "<rect x=\"\(c(lx))\" y=\"8\" width=\"12\" height=\"12\" fill=\"\(color)\"/><text x=\"\(c(lx + 16))\" y=\"18\" font-size=\"12\">\(h(label))</text>\n"
            lx += 110
        }
        // Grid and axis
        var tick = 0.0
        while tick <= axisMax + step / 2 {
            let tx = x(tick)
            out += "<line x1=\"\(c(tx))\" y1=\"\(c(top - 4))\" x2=\"\(c(tx))\" y2=\"\(c(height - 24))\" stroke=\"#e3e7eb\"/>"
            out += "<text x=\"\(c(tx))\" y=\"\(c(height - 10))\" font-size=\"11\" text-anchor=\"middle\">\(h(ctx.numbers.compact(tick, 2)))</text>\n"
            tick += step
        }
        var y = top
        for (i, row) in rows.enumerated() {
            let s = r.units[row.unit]
            defer { y += rowHeights[i] }
            let lines = labels[i]
            out += labelText(lines, x: labelW - 8, y: y + rowHeights[i] / 2 + 4 - Double(lines.count - 1) * 7)
            let bars: [(Double, String, Label)] = [(s.need, needColor, .need), (s.planned, plannedColor, .planned), (s.filled, filledColor, .filled)]
            for (j, bar) in bars.enumerated() {
                let by = y + rowHeights[i] / 2 - 14 + Double(j) * 9
                let w = max(0, x(bar.0) - labelW)
                out += "<rect x=\"\(c(labelW))\" y=\"\(c(by))\" width=\"\(c(w))\" height=\"8\" fill=\"\(bar.1)\"><title>\(h(ctx.model.units[row.unit].name)): \(h(ctx.t(bar.2))) \(h(ctx.numbers.fte(bar.0)))</title></rect>\n"
            }
            // An uncertain need: its range (min–max) as an error bar over the need bar.
            var labelAt = s.need
            if !s.needSpread.isExact {
                let lo = x(s.needSpread.min), hi = x(s.needSpread.max), cy = y + rowHeights[i] / 2 - 10
                out += "<g class=\"range\" stroke=\"#3b3b3b\" stroke-width=\"1.2\"><title>\(h(ctx.model.units[row.unit].name)): \(h(ctx.t(.need))) \(h(ctx.fteWithSpread(s.need, s.needSpread)))</title>"
                    + "<line x1=\"\(c(lo))\" y1=\"\(c(cy))\" x2=\"\(c(hi))\" y2=\"\(c(cy))\"/>"
                    + "<line x1=\"\(c(lo))\" y1=\"\(c(cy - 4))\" x2=\"\(c(lo))\" y2=\"\(c(cy + 4))\"/>"
                    + "<line x1=\"\(c(hi))\" y1=\"\(c(cy - 4))\" x2=\"\(c(hi))\" y2=\"\(c(cy + 4))\"/></g>\n"
                labelAt = max(labelAt, s.needSpread.max)
            }
            // The need's value after the need bar (the first of the three), or after its range.
            out += "<text x=\"\(c(x(labelAt) + 5))\" y=\"\(c(y + rowHeights[i] / 2 - 6))\" font-size=\"10\">\(h(ctx.numbers.fixed(s.need, 2)))</text>\n"
        }
        out += "<line x1=\"\(c(labelW))\" y1=\"\(c(top - 4))\" x2=\"\(c(labelW))\" y2=\"\(c(height - 24))\" stroke=\"#5b6670\"/>\n"
        out += "</svg>\n<figcaption class=\"note\">\(h(ctx.t(.unitChart)))\(truncated ? " — " + h(ctx.t(.chartTruncated)) : "")</figcaption>\n</figure>\n"
        return out
    }

    static func dnaChart(_ ctx: ReportContext) -> String {
        let h = Escape.html
        let r = ctx.result
        let ranked = r.dna.ranking.filter { r.dna.scores[$0].score != nil }
        let rows = Array(ranked.prefix(maxBars))
        guard !rows.isEmpty else { return "" }
        let crits = r.dna.criteria
        let labelW = 250.0, plotW = 600.0
        let legendRows = (crits.count + 1) / 2
        let top = 14.0 + Double(legendRows) * 18 + 8
        let width = labelW + plotW + 70
        let labels = rows.map { p -> [String] in
            let s = r.dna.scores[p]
            var lines = wrap((ctx.model.processes[p].title ?? ctx.processName(p)) + (s.complete ? "" : " *"), 34)
            lines[0] = "\(s.rank.map(String.init) ?? "")  " + lines[0]
            return lines
        }
        let rowHeights = labels.map { max(24.0, Double($0.count) * 14 + 10) }
        let height = top + rowHeights.reduce(0, +) + 28
        let x = { (v: Double) -> Double in labelW + min(100, max(0, v.isFinite ? v : 0)) / 100 * plotW }
        var out = "<figure>\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(c(width)) \(c(height))\" width=\"\(c(width))\" height=\"\(c(height))\" role=\"img\" aria-label=\"\(h(ctx.t(.dnaChart)))\">\n"
        out += "<title>\(h(ctx.t(.dnaChart)))</title>\n"
        for (i, k) in crits.enumerated() {
            let lx = labelW + Double(i % 2) * 300, ly = 8 + Double(i / 2) * 18
            out += "<rect x=\"\(c(lx))\" y=\"\(c(ly))\" width=\"12\" height=\"12\" fill=\"\(palette[i % palette.count])\"/>"
            out += "<text x=\"\(c(lx + 16))\" y=\"\(c(ly + 10))\" font-size=\"12\">\(h(ctx.criterionTitle(k)))</text>\n"
        }
        for t in stride(from: 0, through: 100, by: 20) {
            let tx = x(Double(t))
            out += "<line x1=\"\(c(tx))\" y1=\"\(c(top - 4))\" x2=\"\(c(tx))\" y2=\"\(c(height - 24))\" stroke=\"#e3e7eb\"/>"
            out += "<text x=\"\(c(tx))\" y=\"\(c(height - 10))\" font-size=\"11\" text-anchor=\"middle\">\(t)</text>\n"
        }
        var y = top
        for (i, p) in rows.enumerated() {
            let s = r.dna.scores[p]
            defer { y += rowHeights[i] }
            let lines = labels[i]
            out += labelText(lines, x: labelW - 8, y: y + rowHeights[i] / 2 + 4 - Double(lines.count - 1) * 7)
            let barY = y + rowHeights[i] / 2 - 8
            var acc = 0.0
            for (ci, cs) in s.criteria.enumerated() {
                guard let v = cs.contribution, v > 0, v.isFinite else { continue }
                let x0 = x(acc), x1 = x(acc + v)
                out += "<rect x=\"\(c(x0))\" y=\"\(c(barY))\" width=\"\(c(max(0, x1 - x0)))\" height=\"16\" fill=\"\(palette[ci % palette.count])\">"
                out += "<title>\(h(ctx.processTitle(p))) · \(h(ctx.criterionTitle(cs.criterion))): \(h(ctx.numbers.fixed(v, 1)))</title></rect>\n"
                acc += v
            }
            out += "<text x=\"\(c(x(acc) + 6))\" y=\"\(c(barY + 12))\" font-size=\"11\">\(h(ctx.numbers.fixed(s.score, 1)))</text>\n"
        }
        out += "<line x1=\"\(c(labelW))\" y1=\"\(c(top - 4))\" x2=\"\(c(labelW))\" y2=\"\(c(height - 24))\" stroke=\"#5b6670\"/>\n"
        let truncated = ranked.count > rows.count
        out += "</svg>\n<figcaption class=\"note\">\(h(ctx.t(.dnaChart)))\(truncated ? " — " + h(ctx.t(.chartTruncated)) : "")</figcaption>\n</figure>\n"
        return out
    }
}
