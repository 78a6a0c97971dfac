import OrgaSyntax
import OrgaSemantics
import OrgaAnalysis
import OrgaSupport

/// The Markdown staffing report (GitHub-flavoured tables): assumptions, totals, unit
/// tree, positions, processes, Prozess-DNA ranking, audit trails and findings.
public enum MarkdownReport {
    public static func render(_ ctx: ReportContext) -> String {
        var out = ""
        let e = Escape.markdown
        let n = ctx.numbers
        let title = ctx.modelTitle.isEmpty ? ctx.t(.reportTitle) : "\(ctx.t(.reportTitle)): \(ctx.modelTitle)"
        out += "# \(e(title))\n\n"
        if !ctx.modelName.isEmpty { out += "\(ctx.t(.generatedBy)) `\(codeSpan(ctx.modelName))`.\n\n" }
        if let s = ctx.scenario { out += "**\(ctx.w(.scenarioReport)) \(e(ctx.scenarioTitle(s)))**\n\n" }

        // Assumptions
        out += "## \(ctx.t(.assumptions))\n\n"
        for (label, value) in Sections.assumptions(ctx) { out += "- \(e(label)): \(e(value))\n" }
        let overrides = ctx.overrides
        if !overrides.isEmpty {
            out += "- \(ctx.t(.overrides)):\n"
            for o in overrides { out += "  - \(e(o))\n" }
        }
        let sources = ctx.sourcesOfTimes
        if !sources.isEmpty {
            out += "- \(ctx.t(.sourcesOfTimes)):\n"
            for s in sources { out += "  - \(e(s.source)): \(s.processes.map(e).joined(separator: ", "))\n" }
        }
        out += "\n"

        // Totals
        out += "## \(ctx.t(.totals))\n\n"
        let r = ctx.result
        let timeAlign = String(repeating: "r", count: ctx.timeHeader.count)
        out += table(["", ctx.t(.planned), ctx.t(.filled)] + ctx.timeHeader + [ctx.t(.need), ctx.t(.gap), ctx.t(.vacancy), ctx.t(.plannedCost), ctx.t(.needCost)],
                     align: "lrr" + timeAlign + "rrrrr",
                     [[ctx.t(.total) + " (\(ctx.t(.fte)))", n.fte(r.totalPlanned), n.fte(r.totalFilled)] + ctx.timeCells(ctx.effectiveTotal) + [n.fte(r.totalNeed) + ctx.spreadSuffix(r.totalNeedSpread),
                       n.signed(r.totalNeed - r.totalPlanned, 3) + Sections.gapWord(r.totalNeed - r.totalPlanned, ctx), n.fte(r.totalPlanned - r.totalFilled),
                       n.eur(r.totalPlannedCost), n.eur(r.totalNeedCost) + ctx.spreadSuffix(r.totalNeedCostSpread, digits: 0)]])
        out += "\n\(ctx.t(.unitCount)): \(ctx.model.units.count) · \(ctx.t(.positionCount)): \(ctx.model.positions.count) · \(ctx.t(.processCount)): \(ctx.model.processes.count)\n\n"

        // Units
        var anyIncomplete = false, anyCostIncomplete = false
        if !ctx.model.units.isEmpty {
            out += "## \(ctx.t(.unitTree))\n\n"
            var rows: [[String]] = []
            for (u, depth) in ctx.unitRows {
                let m = ctx.model.units[u], s = r.units[u]
                if !s.complete { anyIncomplete = true }
                if !s.costComplete { anyCostIncomplete = true }
                let indent = String(repeating: "· ", count: depth)
                rows.append([indent + e(m.name), e(m.title ?? ""), n.fte(s.planned), n.fte(s.filled)] + ctx.timeCells(ctx.effective(unit: u)) + [
                             n.fte(s.need) + ctx.spreadSuffix(s.needSpread) + (s.complete ? "" : " \\*"), s.ownNeed != 0 ? n.fte(s.ownNeed) + ctx.spreadSuffix(s.ownNeedSpread) : "",
                             n.signed(s.gap, 3), n.fte(s.vacancy), n.fte(s.proposal),
                             n.eur(s.plannedCost) + (s.costComplete ? "" : " †"), n.eur(s.needCost) + ctx.spreadSuffix(s.needCostSpread, digits: 0) + (s.costComplete ? "" : " †")])
            }
            out += table([ctx.t(.unit), ctx.t(.title), ctx.t(.planned), ctx.t(.filled)] + ctx.timeHeader + [ctx.t(.need), ctx.t(.ownWork), ctx.t(.gap),
                          ctx.t(.vacancy), ctx.t(.proposal), ctx.t(.plannedCost), ctx.t(.needCost)], align: "llrr" + timeAlign + "rrrrrrr", rows)
            out += "\n"
        }

        // Positions
        if !ctx.model.positions.isEmpty {
            out += "## \(ctx.t(.positions))\n\n"
            var rows: [[String]] = []
            for (i, m) in zip(ctx.model.positions.ids, ctx.model.positions) {
                let s = r.positions[i]
                if !s.complete { anyIncomplete = true }
                var row = [e(m.name), e(m.title ?? ""), e(ctx.unitName(m.unit)), e(ctx.gradeName(m.grade)),
                           n.fte(s.planned), n.fte(s.filled)] + ctx.timeCells(ctx.effective(position: i)) + [n.fte(s.need) + ctx.spreadSuffix(s.needSpread) + (s.complete ? "" : " \\*"), n.signed(s.gap, 3),
                           n.fte(s.vacancy), n.fte(s.proposal), n.eur(s.plannedCost), n.eur(s.needCost) + ctx.spreadSuffix(s.needCostSpread, digits: 0)]
                if ctx.hasRemarks { row.append(e(ctx.remarksText(m))) }
                rows.append(row)
            }
            var header = [ctx.t(.position), ctx.t(.title), ctx.t(.unit), ctx.t(.grade), ctx.t(.planned), ctx.t(.filled)] + ctx.timeHeader + [ctx.t(.need),
                          ctx.t(.gap), ctx.t(.vacancy), ctx.t(.proposal), ctx.t(.plannedCost), ctx.t(.needCost)]
            if ctx.hasRemarks { header.append(ctx.t(.remarks)) }
            out += table(header, align: "llllrr" + timeAlign + "rrrrrrl", rows)
            out += "\n"
        }
        if anyIncomplete { out += "\(e(ctx.t(.incompleteNote)))\n\n" }
        if anyCostIncomplete { out += "\(e(ctx.t(.costIncompleteNote)))\n\n" }
        if !ctx.model.units.isEmpty || !ctx.model.positions.isEmpty {
            out += "\(e(ctx.t(.gapLegend)))\n\n"
            out += "\(e(ctx.t(.proposalNote)))\n\n"
        }
        if ctx.hasRemarks { out += "\(e(ctx.t(.remarksLegend)))\n\n" }
        if ctx.showsEffective { out += "\(e(ctx.tm(.effectiveNote)))\n\n" }
        if ctx.hasRanges { out += "\(e(ctx.t(.rangesNote)))\n\n" }
        out += proposalP90Section(ctx)

        // Processes
        if !ctx.model.processes.isEmpty {
            out += "## \(ctx.t(.processes))\n\n"
            var rows: [[String]] = []
            let calls = ctx.hasCalls
            for (p, m) in ctx.model.processes.enumerated() {
                let s = r.processes[p]
                let mark = s.complete ? "" : " \\*"
                var row = [e(m.name), e(m.title ?? ""), e(ctx.unitName(m.owner)), n.compact(s.cases, 2) + ctx.spreadSuffix(s.casesSpread, digits: 0) + (s.casesComplete ? "" : " \\*"),
                           s.flowSolved ? n.fixed(s.staffHoursPerCase, 3) + ctx.spreadSuffix(s.staffHoursPerCaseSpread, digits: 3) + mark : n.missing,
                           n.fixed(s.leadTimeDays, 2) + ctx.spreadSuffix(s.leadTimeSpread) + (s.leadTimeDays != nil && !s.leadTimeComplete ? " \\*" : ""),
                           s.flowSolved && s.cases != nil ? n.fte(s.fte) + ctx.spreadSuffix(s.fteSpread) + mark : n.missing,
                           n.fixed(s.costPerCase, 2) + (s.costComplete ? "" : " †")]
                if calls {
                    let wmark = s.withCallsComplete ? "" : " \\*"
                    row += [s.flowSolved ? n.fixed(s.staffHoursPerCaseWithCalls, 3) + wmark : n.missing,
                            s.fteWithCalls.map { n.fte($0) + wmark } ?? n.missing,
                            n.fixed(s.costPerCaseWithCalls, 2) + (s.costWithCallsComplete ? "" : " †")]
                }
                rows.append(row)
            }
            out += table(Sections.processHeader(ctx), align: "lllrrrrrrrr", rows)
            out += "\n"
            if r.processes.contains(where: { !$0.complete || (calls && !$0.withCallsComplete) }) { out += "\(e(ctx.t(.incompleteNote)))\n\n" }
            if r.processes.contains(where: { !$0.costComplete || (calls && !$0.costWithCallsComplete) }) { out += "\(e(ctx.t(.processCostIncompleteNote)))\n\n" }
            if calls { out += "\(e(ctx.t(.withCallsNote)))\n\n" }
        }

        // DNA
        out += dnaSection(ctx, level: 2)

        // Audit trails
        let audited = ctx.model.positions.indices.filter { !r.positions[$0].contributions.isEmpty || !r.positions[$0].missing.filter { $0.kind != .cost }.isEmpty }
        let unitWork = ctx.unitRows.map(\.unit).filter { !r.units[$0].ownContributions.isEmpty }
        if !audited.isEmpty || !unitWork.isEmpty {
            out += "## \(ctx.t(.auditTrail))\n\n\(e(ctx.t(.calculationLegend)))\n\n"
            for i in audited {
                let m = ctx.model.positions[i], s = r.positions[i]
                out += "### \(e(m.name))\(m.title.map { " — " + e($0) } ?? ""): \(n.fte(s.need)) \(ctx.t(.fte))\(e(ctx.spreadSuffix(s.needSpread)))\n\n"
                out += auditTable(ctx, s.contributions, allowance: s.allowance, total: s.need)
                let missing = s.missing.filter { $0.kind != .cost }
                if !missing.isEmpty { out += "\n" }
                for x in missing { out += "- \\* \(e(ctx.missingText(x)))\n" }
                out += "\n"
            }
            for u in unitWork {
                let m = ctx.model.units[u], s = r.units[u]
                out += "### \(e(m.name))\(m.title.map { " — " + e($0) } ?? "") (\(ctx.t(.kindUnitWork))): \(n.fte(s.ownNeed)) \(ctx.t(.fte))\(e(ctx.spreadSuffix(s.ownNeedSpread)))\n\n"
                out += auditTable(ctx, s.ownContributions, allowance: s.allowance, total: s.ownNeed)
                out += "\n"
            }
        }

        // Measures, scenarios and targets
        out += WhatIfSections.markdown(ctx)

        // Assessments (only when the model declares some)
        out += AssessmentSections.markdown(ctx, level: 2)

        // KPIs and pools (only when the model declares some)
        out += KpiPoolSections.markdown(ctx, level: 2)

        // Portfolio (only when the model declares programmes or projects)
        out += PortfolioSections.markdown(ctx, level: 2)

        // Findings
        out += findingsSection(ctx, level: 2)
        return out
    }

    static func auditTable(_ ctx: ReportContext, _ cs: [Contribution], allowance: Allowance, total: Double) -> String {
        let e = Escape.markdown
        var rows = cs.map { c -> [String] in
            let a = ctx.auditLine(c, allowance: allowance)
            return [e(a.kind), e(a.source), e(a.formula), ctx.numbers.fte(a.fte) + e(ctx.spreadSuffix(c.fteSpread))]
        }
        rows.append(["**\(ctx.t(.total))**", "", "", "**\(ctx.numbers.fte(total))**"])
        return table([ctx.t(.kind), ctx.t(.process) + " / " + ctx.t(.title), ctx.t(.calculation), ctx.t(.fte)], align: "lllr", rows)
    }

    /// Units and positions whose need is uncertain, with the proposal at the 90th
    /// percentile by the normal approximation (labelled as such); empty without ranges.
    static func proposalP90Section(_ ctx: ReportContext) -> String {
        let rows = ctx.p90Rows
        guard !rows.isEmpty else { return "" }
        let e = Escape.markdown
        let n = ctx.numbers
        var out = "## \(e(ctx.t(.proposalP90Title)))\n\n"
        out += table([ctx.t(.kind), ctx.t(.id), ctx.t(.title), ctx.t(.needMean), ctx.t(.sdSymbol), ctx.t(.proposal), ctx.t(.proposalP90)],
                     align: "lllrrrr", rows.map { r in
                         [r.isUnit ? ctx.t(.unit) : ctx.t(.position), e(r.name), e(r.title), n.fte(r.need) + ctx.spreadSuffix(r.spread),
                          n.fte(r.spread.sd), n.fte(r.proposal), n.fte(r.proposalP90)]
                     })
        out += "\n\(e(ctx.t(.proposalP90Note)))\n\n"
        return out
    }

    /// The DNA ranking (used by the report and by `orgc rank --format md`).
    public static func dnaSection(_ ctx: ReportContext, level: Int) -> String {
        let r = ctx.result
        guard !r.dna.criteria.isEmpty, !ctx.model.processes.isEmpty else { return "" }
        let e = Escape.markdown
        let n = ctx.numbers
        let h = String(repeating: "#", count: level)
        var out = "\(h) \(ctx.t(.dnaRanking))\n\n"
        let crits = r.dna.criteria
        var header = [ctx.t(.rank), ctx.t(.process), ctx.t(.score)]
        header += crits.map { k in "\(e(ctx.criterionTitle(k))) (\(n.compact(ctx.model.criteria[k].weight, 2)))" }
        header.append(ctx.t(.complete))
        var rows: [[String]] = []
        for p in r.dna.ranking {
            let s = r.dna.scores[p]
            var row = [s.rank.map(String.init) ?? n.missing, e(ctx.processTitle(p)), n.fixed(s.score, 1)]
            row += s.criteria.map { n.fixed($0.contribution, 1) }
            let missing = s.criteria.filter { $0.value == nil }.map { ctx.criterionTitle($0.criterion) }
            row.append(s.complete ? ctx.t(.yes) : ctx.t(.no) + (missing.isEmpty ? "" : " (\(ctx.t(.missingRatings)): \(missing.map(e).joined(separator: ", ")))"))
            rows.append(row)
        }
        out += table(header, align: "rlr" + String(repeating: "r", count: crits.count) + "l", rows)
        out += "\n"
        // Criteria and values.
        out += "\(h) \(ctx.t(.dnaValues))\n\n"
        var crows: [[String]] = []
        for k in crits {
            let c = ctx.model.criteria[k]
            crows.append([e(c.name), e(c.title ?? ""), n.compact(c.weight, 2), e(criterionKind(ctx, k))])
        }
        out += table([ctx.t(.id), ctx.t(.title), ctx.t(.weight), ctx.t(.kind)], align: "llrl", crows)
        out += "\n"
        var vrows: [[String]] = []
        for p in r.dna.ranking {
            let s = r.dna.scores[p]
            var row = [s.rank.map(String.init) ?? n.missing, e(ctx.processTitle(p))]
            row += s.criteria.map { cs in
                cs.value == nil ? n.missing : "\(n.compact(cs.value, 3)) (\(n.fixed(cs.normalized, 2)))"
            }
            vrows.append(row)
        }
        out += "\(ctx.t(.value)) (\(ctx.t(.normalized)) 0…1):\n\n"
        out += table([ctx.t(.rank), ctx.t(.process)] + crits.map { e(ctx.criterionTitle($0)) },
                     align: "rl" + String(repeating: "r", count: crits.count), vrows)
        out += "\n"
        return out
    }

    /// "measured: volume" or "rated: 0..4".
    static func criterionKind(_ ctx: ReportContext, _ k: CriterionID) -> String {
        let c = ctx.model.criteria[k]
        let n = ctx.numbers
        return c.measure.map { "\(ctx.t(.measured)): \(ctx.measureText($0))" }
            ?? c.scale.map { "\(ctx.t(.rated)): \(n.compact($0.lower, 2))–\(n.compact($0.upper, 2))" } ?? ""
    }

    public static func findingsSection(_ ctx: ReportContext, level: Int) -> String {
        let h = String(repeating: "#", count: level)
        var out = "\(h) \(ctx.t(.findings))\n\n"
        if ctx.diagnostics.isEmpty { return out + ctx.t(.noFindings) + "\n" }
        let e = Escape.markdown
        let rows = ctx.diagnostics.map { d -> [String] in
            let (line, col) = ctx.lineColumn(d)
            return [ctx.severityText(d.severity), d.code.rawValue, e("\(d.path):\(line):\(col)"), e(ctx.message(d))]
        }
        out += table([ctx.t(.severity), ctx.t(.code), ctx.t(.location), ctx.t(.message)], align: "llll", rows)
        return out
    }

    /// A GitHub-flavoured Markdown table; `align` has one letter (l/r) per column.
    static func table(_ header: [String], align: String, _ rows: [[String]]) -> String {
        let a = Array(align)
        var out = "| " + header.joined(separator: " | ") + " |\n|"
        for i in header.indices { out += (i < a.count && a[i] == "r") ? "---:|" : "---|" }
        out += "\n"
        for row in rows { out += "| " + row.map { $0.isEmpty ? " " : $0 }.joined(separator: " | ") + " |\n" }
        return out
    }

    /// Text inside a code span: backticks would end it.
    static func codeSpan(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.map { $0 == "`" || $0.value < 0x20 ? "'" : $0 }))
    }
}

/// Content shared by the Markdown and HTML reports.
enum Sections {
    /// " (Überhang)" / " (Unterdeckung)" after a total need − planned; "" when balanced.
    static func gapWord(_ gap: Double, _ ctx: ReportContext) -> String {
        let de = ctx.language == .de
        if gap > 0.0005 { return de ? " (Unterdeckung)" : " (shortfall)" }
        if gap < -0.0005 { return de ? " (Überhang)" : " (surplus)" }
        return ""
    }

    /// Header of the process table: own figures labelled as such, and the figures with
    /// called processes beside them when the model has calls.
    static func processHeader(_ ctx: ReportContext) -> [String] {
        let own = ", \(ctx.t(.ownSteps))", with = ", \(ctx.t(.withCalls))"
        var h = [ctx.t(.process), ctx.t(.title), ctx.t(.owner), ctx.t(.cases), ctx.t(.staffHoursPerCase) + own, ctx.t(.leadTimeDays),
                 ctx.t(.fteBound) + own, ctx.t(.costPerCase) + own]
        if ctx.hasCalls { h += [ctx.t(.staffHoursPerCase) + with, ctx.t(.fteBound) + with, ctx.t(.costPerCase) + with] }
        return h
    }

    /// Assumptions as (label, value) pairs, plain text.
    static func assumptions(_ ctx: ReportContext) -> [(String, String)] {
        let s = ctx.model.settings
        let n = ctx.numbers
        var out: [(String, String)] = []
        if let y = s.year { out.append((ctx.t(.modelYear), String(y))) }
        out += ctx.timeAssumptions
        out.append((ctx.t(.worktime), s.worktime.map { "\(n.compact($0.value, 2)) h" } ?? ctx.t(.noWorktime)))
        out.append((ctx.t(.allowance), ctx.allowanceText(s.allowance?.value)))
        out.append((ctx.t(.overhead), "\(n.percent(s.overhead)) %"))
        out.append((ctx.t(.workplace), "\(n.eur(s.workplace)) EUR"))
        out.append((ctx.t(.leadership), "\(n.percent(s.leadership)) %"))
        out.append((ctx.t(.rounding), "\(n.compact(s.rounding, 4)) \(ctx.t(.fte))"))
        if let w = s.workdays { out.append((ctx.t(.workdays), n.compact(w, 2))) }
        return out
    }
}
