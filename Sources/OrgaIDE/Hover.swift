import OrgaSyntax
import OrgaSemantics
import OrgaAnalysis

extension IDEWorkspace {
    /// What is under `offset`: a declaration or reference (kind, name, title, doc
    /// comment, computed figures), a keyword or unit word (its documentation), and
    /// the explanations of the diagnostics there.
    public func hover(_ ctx: DocContext, at offset: Int) -> Hover? {
        guard let occ = occurrences(ctx.state) else { return nil }
        var text = DualText()
        var range: ByteRange? = nil
        if let e = occ.entry(file: ctx.fileIndex, offset: offset) {
            range = e.range
            if let s = e.symbol, s < ctx.model.symbols.count {
                describeSymbol(s, ctx, &text)
            } else {
                text.line(md: "unresolved name `\(ctx.file.text(e.range.start..<e.range.end))`",
                          plain: "unresolved name \(ctx.file.text(e.range.start..<e.range.end))")
            }
        } else if let (r, d) = keywordOrUnitDoc(ctx, offset) {
            range = r
            text = d
        }
        // Dated values: the period average and the value on the status date.
        if let (r, d) = timeHover(ctx, offset) {
            if text.md.isEmpty { range = r } else { text.blank() }
            text.md += d.md
            text.plain += d.plain
        }
        // Matrix cells, areas and the parties of a chart (docs/language.md, Assessments).
        if let (r, d) = assessmentHover(ctx, offset) {
            if text.md.isEmpty { range = r } else { text.blank() }
            text.md += d.md
            text.plain += d.plain
        }
        // Fields of programmes (docs/language.md, Programmes).
        if let (r, d) = portfolioHover(ctx, offset) {
            if text.md.isEmpty { range = r } else { text.blank() }
            text.md += d.md
            text.plain += d.plain
        }
        // The explanations (`orgc explain`) of the diagnostics under the cursor.
        let diags = diagnostics(ctx).filter { $0.range.start <= offset && offset <= $0.range.end }
        var seenCodes = Set<DiagnosticCode>()
        for d in diags where seenCodes.insert(d.code).inserted {
            if !text.md.isEmpty { text.line(md: "\n---\n", plain: "") }
            text.line(md: "**\(d.code.rawValue)** — \(d.code.title) (`orgc explain \(d.code.rawValue)`)",
                      plain: "\(d.code.rawValue) — \(d.code.title) (orgc explain \(d.code.rawValue))")
            text.blank()
            text.line(d.code.explanation.replacingOccurrences(of: "\n", with: " "))
            if range == nil { range = d.range }
        }
        guard let r = range, !text.md.isEmpty else { return nil }
        return Hover(contents: text.documentation, range: r)
    }

    /// The keyword or unit word under the cursor, with its documentation.
    private func keywordOrUnitDoc(_ ctx: DocContext, _ offset: Int) -> (ByteRange, DualText)? {
        let tree = ctx.tree
        guard let t = tokenIndex(tree, at: offset) else { return nil }
        let tok = tree.tokens[t]
        guard let sid = tree.innermostStatement(at: offset) else { return nil }
        let st = tree.statement(sid)
        var d = DualText()
        if Int32(t) == st.keywordToken, let spec = tree.spec(sid) {
            d.line(md: "**\(spec.word)** — keyword" + (st.context == .file ? "" : " in `\(st.context.rawValue)` blocks"),
                   plain: "\(spec.word) — keyword" + (st.context == .file ? "" : " in \(st.context.rawValue) blocks"))
            d.blank()
            d.line(spec.doc)
            d.blank()
            d.line(md: "```orga\n\(spec.example)\n```", plain: "Example: \(spec.example)")
            return (tok.range, d)
        }
        if tok.kind == .identifier || tok.kind == .percent || tok.kind == .euro {
            let word = tree.text(Int32(t))
            if t > 0, tree.tokens[t - 1].kind == .slash, let r = RateWord(rawValue: word) {
                let per: String
                switch r {
                case .year: per = "per year"
                case .month: per = "per month (× 12 per year)"
                case .week: per = "per week (× 52 per year)"
                case .day: per = "per working day (× `workdays` per year)"
                }
                d.line(md: "`/\(word)` — \(per)", plain: "/\(word) — \(per.replacingOccurrences(of: "`", with: ""))")
                return (tok.range, d)
            }
            if let u = UnitWord(rawValue: word), t > 0, isQuantityUnit(tree, t) {
                d.line(md: "`\(word)` — \(u.doc)", plain: "\(word) — \(u.doc)")
                return (tok.range, d)
            }
            if word == Keywords.endTarget {
                d.line(md: "`end` — the case ends here", plain: "end — the case ends here")
                return (tok.range, d)
            }
            if let m = MeasuredCriterion(rawValue: word), tree.isKeyword(sid, .from) {
                d.line(md: "`\(word)` — measured: \(m.doc)", plain: "\(word) — measured: \(m.doc)")
                return (tok.range, d)
            }
        }
        return nil
    }

    private func isQuantityUnit(_ tree: SyntaxTree, _ t: Int) -> Bool {
        var p = t - 1
        while p >= 0 && tree.tokens[p].kind.isComment { p -= 1 }
        return p >= 0 && tree.tokens[p].kind == .number
    }

    /// Hover text for symbol `s`: kind, name, title, doc comment and computed figures.
    func describeSymbol(_ s: Int, _ ctx: DocContext, _ d: inout DualText) {
        let model = ctx.model
        let sym = model.symbols[s]
        let kindWord: String
        switch sym.kind {
        case .node:
            let isDecision = sym.process.flatMap { p in model.processes[safe: p]?.nodes[safe: sym.index]?.isDecision } ?? false
            kindWord = isDecision ? "decision" : "step"
        default: kindWord = String(sym.kind.phrase.dropFirst(2))
        }
        var qualified = sym.name
        if sym.kind == .node, let p = sym.process, model.processes.contains(p) { qualified = model.processes[p].name + "." + sym.name }
        let title = declarationTitle(s, ctx)
        d.line(md: "**\(kindWord)** `\(qualified)`" + (title.map { " — \($0)" } ?? ""),
               plain: "\(kindWord) \(qualified)" + (title.map { " — \($0)" } ?? ""))
        if let doc = declarationDoc(s, ctx), !doc.isEmpty {
            d.blank()
            d.line(doc)
        }
        let staffing = staffing(ctx.state)
        var figures: [String] = []
        switch sym.kind {
        case .position:
            guard let pid = sym.id(PositionID.self), model.positions.contains(pid) else { break }
            if let ps = staffing?.positions[safe: pid] {
                figures.append("planned **\(fmt(ps.planned)) fte** · filled **\(fmt(ps.filled)) fte** · need **\(fmt(ps.need)) fte** · gap **\(signed(ps.gap)) fte**")
                if let line = effectiveLine(position: pid, model) { figures.append(line) }
                figures.append("vacancy \(fmt(ps.vacancy)) fte · proposal \(fmt(ps.proposal)) fte" + (ps.complete ? "" : " · incomplete (inputs missing)"))
                if let line = rangeLine(ps.needSpread, p90: ps.proposalP90) { figures.append(line) }
                if let c = ps.costPerFTE { figures.append("cost per fte \(fmtGrouped(c)) EUR") }
                let top = ps.topContributions(3).filter { $0.fte > 0 }
                if !top.isEmpty {
                    figures.append("top contributions:")
                    for c in top { figures.append("  " + contributionText(c, model)) }
                }
            }
        case .unit:
            if let us = staffing?.units[safe: sym.id(UnitID.self)] {
                figures.append("planned **\(fmt(us.planned)) fte** · filled **\(fmt(us.filled)) fte** · need **\(fmt(us.need)) fte** · gap **\(signed(us.gap)) fte**")
                var extra = "roll-up of the subtree"
                if us.ownNeed > 0 { extra += " · own work \(fmt(us.ownNeed)) fte" }
                if !us.complete { extra += " · incomplete (inputs missing)" }
                figures.append(extra)
                if let line = rangeLine(us.needSpread, p90: us.proposalP90) { figures.append(line) }
            }
        case .process:
            if let pr = staffing?.processes[safe: sym.id(ProcessID.self)] {
                var line = "cases **\(pr.cases.map { fmtGrouped($0) } ?? "–") /year** · fte **\(fmt(pr.fte))**"
                if let lt = pr.leadTimeDays { line += " · lead time **\(fmt(lt, 1)) d**" }
                figures.append(line)
                figures.append("staff hours per case \(fmt(pr.staffHoursPerCase)) h" + (pr.costPerCase.map { " · cost per case \(fmt($0)) EUR" } ?? ""))
                var ranges: [String] = []
                if let c = pr.casesSpread, !c.isExact { ranges.append("cases \(fmtGrouped(c.min))–\(fmtGrouped(c.max)) (sd \(fmtGrouped(c.sd)))") }
                if !pr.fteSpread.isExact { ranges.append("fte \(fmt(pr.fteSpread.min))–\(fmt(pr.fteSpread.max)) (sd \(fmt(pr.fteSpread.sd)))") }
                if !pr.staffHoursPerCaseSpread.isExact { ranges.append("hours per case \(fmt(pr.staffHoursPerCaseSpread.min))–\(fmt(pr.staffHoursPerCaseSpread.max))") }
                if let l = pr.leadTimeSpread, !l.isExact { ranges.append("lead time \(fmt(l.min, 1))–\(fmt(l.max, 1)) d") }
                if !ranges.isEmpty { figures.append("from ranges: " + ranges.joined(separator: " · ")) }
                if let dna = staffing?.dna.scores[safe: sym.id(ProcessID.self)], let score = dna.score {
                    figures.append("DNA score **\(fmt(score, 1))**" + (dna.rank.map { " · rank **\($0)** of \(model.processes.count)" } ?? "") + (dna.complete ? "" : " · ratings missing"))
                }
            }
        case .node:
            if let p = sym.process, let pr = staffing?.processes[safe: p], let ns = pr.nodes[safe: sym.index] {
                var line = "visits **\(ns.visits.map { fmt($0, 3) } ?? "–")** per case"
                if let h = ns.hoursPerYear { line += " · **\(fmtGrouped(h)) h** per year" }
                if let f = ns.fte { line += " · **\(fmt(f)) fte**" + spreadHint(ns.fteSpread) }
                figures.append(line)
                if let r = model.processes[safe: p]?.nodes[safe: sym.index]?.timeRange {
                    // One unit for the whole range: minutes up to 2 h, else hours.
                    let (k, unit) = r.high <= 2 ? (60.0, "min") : (1.0, "h")
                    let bounds = ([r.low] + (r.likely.map { [$0] } ?? []) + [r.high]).map { fmt($0 * k, 2) }.joined(separator: "..")
                    figures.append("time range \(bounds) \(unit): mean \(fmt(r.mean * k, 2)) \(unit), sd \(fmt(r.sd * k, 2)) \(unit) (\(r.likely == nil ? "uniform" : "PERT"))")
                }
                if let lt = ns.leadTimeDays, lt > 0 { figures.append("adds \(fmt(lt, 2)) d to the lead time per case") }
            }
        case .grade:
            if let g = model.grades[safe: sym.id(GradeID.self)] {
                figures.append("cost " + (g.cost.map { "**\(fmtGrouped($0)) EUR** per fte and year" } ?? "not given"))
            }
        case .actor:
            if let a = model.actors[safe: sym.id(ActorID.self)], a.external { figures.append("external") }
        case .measure, .scenario, .target:
            figures += whatIfFigures(sym, ctx)
        case .kpi:
            figures += kpiFigures(sym, ctx)
        case .deployment:
            figures += deploymentFigures(sym, ctx)
        case .programme, .project:
            figures += portfolioFigures(sym, ctx)
        case .criterion:
            if let c = model.criteria[safe: sym.id(CriterionID.self)] {
                var line = "weight \(c.weight.map { fmt($0) } ?? "–")"
                if let m = c.measure { line += " · measured: `\(m)`" }
                if let sc = c.scale { line += " · rated on \(fmt(sc.lower))..\(fmt(sc.upper))" }
                figures.append(line)
            }
        default: break
        }
        if !figures.isEmpty {
            d.blank()
            // Markdown joins consecutive lines into one paragraph: end figure lines with a
            // hard break, and show indented lines (contributions) as a list.
            for (i, f) in figures.enumerated() {
                let plain = f.replacingOccurrences(of: "**", with: "").replacingOccurrences(of: "`", with: "")
                if f.hasPrefix("  ") {
                    d.line(md: "- " + f.dropFirst(2), plain: plain)
                    continue
                }
                let nextIsItem = i + 1 < figures.count && figures[i + 1].hasPrefix("  ")
                let isLast = i + 1 == figures.count
                d.line(md: f + (isLast || nextIsItem ? "" : "  "), plain: plain)
                if nextIsItem { d.blank() }
            }
        }
    }

    private func signed(_ v: Double) -> String { v > 0 ? "+" + fmt(v) : fmt(v) }

    /// "need range 1.8–2.63 fte · sd 0.12 · at the 90th percentile ≈ 2.5 fte (normal approximation)".
    private func rangeLine(_ s: Spread, p90: Double?) -> String? {
        guard !s.isExact else { return nil }
        return "need range \(fmt(s.min))–\(fmt(s.max)) fte · sd \(fmt(s.sd))" + (p90.map { " · proposal at the 90th percentile ≈ \(fmt($0)) fte (normal approximation)" } ?? "")
    }

    func contributionText(_ c: Contribution, _ model: Model) -> String {
        switch c.kind {
        case .step:
            var name = "step"
            if let p = c.process, let proc = model.processes[safe: p] {
                name = proc.name
                if let n = c.node, let node = proc.nodes[safe: n] { name += "." + node.name }
            }
            return "`\(name)` \(fmt(c.fte)) fte" + (c.hours.map { " (\(fmtGrouped($0)) h/year)" } ?? "")
        case .effort: return "effort \"\(c.label ?? "")\" \(fmt(c.fte)) fte"
        case .coverage: return "coverage \(fmt(c.hoursPerWeek ?? 0)) h/week: \(fmt(c.fte)) fte"
        case .leadership: return "leadership \(fmt(c.fte)) fte" + (c.ledFTE.map { " (leads \(fmt($0)) fte)" } ?? "")
        }
    }

    /// The declaring statement of symbol `s` in its file's tree.
    func declaration(_ s: Int, _ ctx: DocContext) -> (tree: SyntaxTree, statement: Int32)? {
        guard let d = ctx.sources.declaration(SymbolID(s)), let tree = ctx.trees[safe: d.file],
              d.statement >= 0 && Int(d.statement) < tree.statements.count else { return nil }
        return (tree, d.statement)
    }

    func declarationTitle(_ s: Int, _ ctx: DocContext) -> String? {
        declaration(s, ctx).flatMap { $0.tree.declaredTitle($0.statement) }.map { "\"\($0)\"" }
    }

    func declarationDoc(_ s: Int, _ ctx: DocContext) -> String? {
        declaration(s, ctx).flatMap { $0.tree.docComment($0.statement) }
    }
}

/// The index of the token that contains `offset` (or ends at it), skipping newlines.
func tokenIndex(_ tree: SyntaxTree, at offset: Int) -> Int? {
    let toks = tree.tokens
    var lo = 0, hi = toks.count
    while lo < hi {
        let mid = (lo + hi) / 2
        if Int(toks[mid].start) <= offset { lo = mid + 1 } else { hi = mid }
    }
    for k in [lo - 1, lo - 2] where k >= 0 {
        let t = toks[k]
        if t.kind == .newline || t.kind == .eof { continue }
        if Int(t.start) <= offset && offset <= Int(t.end) { return k }
    }
    return nil
}

extension Array {
    subscript(safe i: Int) -> Element? { i >= 0 && i < count ? self[i] : nil }
    subscript(safe i: Int?) -> Element? { i.flatMap { self[safe: $0] } }
}

extension Array where Element: IndexedByID {
    subscript(safe id: Element.ID?) -> Element? { id.flatMap { element(at: $0) } }
}
