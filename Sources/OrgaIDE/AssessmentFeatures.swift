import OrgaSyntax
import OrgaSemantics
import OrgaAnalysis

/// Language features of assessments: hover on a `rate` value (the cell's mean, spread
/// and gap) and on an area name; the counts of a party of a task; completion of areas,
/// of the next aspect's value and of parties; references and rename of the names that
/// live inside a matrix or chart (areas, aspects, matrix, chart and task names), which
/// are no model symbols.
extension IDEWorkspace {
    // MARK: Hover

    /// Extra hover text for a position inside a matrix or a chart of this document.
    func assessmentHover(_ ctx: DocContext, _ offset: Int) -> (range: ByteRange, text: DualText)? {
        let model = ctx.model
        let file = ctx.fileIndex
        func inside(_ l: Location) -> Bool { l.file == file && l.range.start <= offset && offset <= l.range.end }
        for (mi, m) in model.matrices.enumerated() {
            for (ri, rating) in m.ratings.enumerated() {
                for rate in rating.rates where rate.location.file == file && rate.location.range.start <= offset && offset <= rate.location.range.end {
                    guard let a = rate.area, a < m.areas.count else { return nil }
                    let f = MatrixFigures(model, matrix: mi)
                    if inside(rate.areaLocation) {
                        var d = DualText()
                        let area = m.areas[a]
                        d.line(md: "**area** `\(area.name)`" + (area.title.map { " — \($0)" } ?? "") + " of matrix `\(m.name)`",
                               plain: "area \(area.name)" + (area.title.map { " — \($0)" } ?? "") + " of matrix \(m.name)")
                        if a < f.areaMeans.count { d.blank(); d.line(md: "mean of its cells **\(f.areaMeans[a].map { fmt($0) } ?? "–")**", plain: "mean of its cells \(f.areaMeans[a].map { fmt($0) } ?? "–")") }
                        return (rate.areaLocation.range, d)
                    }
                    for (k, l) in rate.valueLocations.enumerated() where inside(l) && k < m.aspects.count {
                        return (l.range, cellHover(m, f, area: a, aspect: k, rating: ri, value: rate.values[safe: k]))
                    }
                }
            }
        }
        for (ci, chart) in model.raciCharts.enumerated() {
            for task in chart.tasks {
                for role in RaciRole.allCases {
                    for p in task.parties(role) where inside(p.location) {
                        guard let party = p.party, let counts = RaciTable(model, chart: ci).counts(of: party) else { return nil }
                        var d = DualText()
                        d.line(md: "in chart `\(chart.name)`: **R \(counts.r)** · **A \(counts.a)** · **C \(counts.c)** · **I \(counts.i)** (tasks in each role)",
                               plain: "in chart \(chart.name): R \(counts.r) · A \(counts.a) · C \(counts.c) · I \(counts.i) (tasks in each role)")
                        return (p.location.range, d)
                    }
                }
            }
        }
        return nil
    }

    private func cellHover(_ m: Matrix, _ f: MatrixFigures, area a: Int, aspect k: Int, rating ri: Int, value: MatrixValue?) -> DualText {
        var d = DualText()
        let area = m.areas[a].name, aspect = m.aspects[k].name
        let rating = m.ratings[ri]
        d.line(md: "**\(area) × \(aspect)** — matrix `\(m.name)`", plain: "\(area) × \(aspect) — matrix \(m.name)")
        d.blank()
        let given: String
        switch value {
        case .given(let x): given = fmt(x)
        case .notGiven: given = "`-` (not given)"
        default: given = "–"
        }
        d.line(md: "\(rating.isTarget ? "target" : "`\(rating.name)`") rates **\(given)**", plain: "\(rating.isTarget ? "target" : rating.name) rates \(given.replacingOccurrences(of: "`", with: ""))")
        guard a < f.cells.count, k < f.cells[a].count else { return d }
        let c = f.cells[a][k]
        if let mean = c.mean, let lo = c.min, let hi = c.max, let spread = c.spread {
            let flag = f.disagree(c) ? " ⚑ raters disagree" : ""
            d.line(md: "index (mean of \(c.n) rater\(c.n == 1 ? "" : "s")) **\(fmt(mean))** · min \(fmt(lo)) · max \(fmt(hi)) · spread **\(fmt(spread))**\(flag)",
                   plain: "index (mean of \(c.n) rater\(c.n == 1 ? "" : "s")) \(fmt(mean)) · min \(fmt(lo)) · max \(fmt(hi)) · spread \(fmt(spread))\(flag)")
        } else {
            d.line("no rater rated this cell: it has no index")
        }
        if let t = c.target {
            let gap = c.gap.map { ($0 > 0 ? "+" : "") + fmt($0) } ?? "–"
            d.line(md: "target **\(fmt(t))** · gap **\(gap)**", plain: "target \(fmt(t)) · gap \(gap)")
        }
        return d
    }

    // MARK: Inlay hints

    /// At the end of each `rate` line: the area's cell indices (means of the raters),
    /// after the target profile's lines the gaps.
    func assessmentInlayHints(_ ctx: DocContext, from lo: Int, to hi: Int) -> [InlayHint] {
        var out: [InlayHint] = []
        for (mi, m) in ctx.model.matrices.enumerated() where m.location.file == ctx.fileIndex {
            let rates = m.ratings.flatMap { r in r.rates.map { (r.isTarget, $0) } }
            guard rates.contains(where: { $0.1.location.range.end >= lo && $0.1.location.range.end <= hi }) else { continue }
            let f = MatrixFigures(ctx.model, matrix: mi)
            for (isTarget, rate) in rates {
                let end = rate.location.range.end
                guard end >= lo, end <= hi, let a = rate.area, a < f.laidOutAreas, rate.values.count == f.laidOutAspects else { continue }
                let cells = f.cells[a]
                let label = isTarget
                    ? "gap " + cells.map { c in c.gap.map { ($0 > 0 ? "+" : "") + fmt($0) } ?? "–" }.joined(separator: " · ")
                    : "⌀ " + cells.map { c in c.mean.map { fmt($0) } ?? "–" }.joined(separator: " · ")
                out.append(InlayHint(offset: end, label: label,
                                     tooltip: isTarget ? "target − index per aspect" : "index per aspect: the mean of the raters"))
            }
        }
        return out
    }

    // MARK: Completion

    /// Completion inside assessment statements, or nil when the statement is none.
    func assessmentCompletion(_ site: CompletionSite, _ spec: KeywordSpec, _ ctx: DocContext) -> [CompletionItem]? {
        let tree = ctx.tree
        let argTokens = site.tokens.dropFirst()
        switch spec.keyword {
        case .matrixRating:
            return argTokens.isEmpty ? symbolItems([.unit, .position, .actor], ctx, prefix: site.prefix) : []
        case .responsible, .accountable, .consulted, .informed:
            return symbolItems(.performer, ctx, prefix: site.prefix)
        case .step where site.context == .task:
            // `step P.` → the steps of P; `step ` → processes.
            if argTokens.count == 2, let p = argTokens.first, tree.tokens[argTokens[argTokens.startIndex + 1]].kind == .dot,
               let pi = ctx.model.processes.firstID(where: { $0.name == tree.text(Int32(p)) }) {
                return ctx.model.processes[pi].nodes.filter { !$0.isDecision }.map { n in
                    completionItem(label: n.name, kind: .method, detail: "step" + (n.title.map { " \($0)" } ?? ""), doc: nil)
                }
            }
            return argTokens.isEmpty ? symbolItems(.process, ctx, prefix: site.prefix) : []
        case .rate:
            guard let m = enclosingMatrix(ctx, site) else { return [] }
            if argTokens.isEmpty {
                return m.areas.map { a in
                    completionItem(label: a.name, kind: .field, detail: "area" + (a.title.map { " \($0)" } ?? ""), doc: nil)
                }
            }
            // After the area (and after each `,`): the values of the scale, for the next aspect.
            let commas = argTokens.filter { tree.tokens[$0].kind == .comma }.count
            guard let last = argTokens.last, [.identifier, .comma].contains(tree.tokens[last].kind), site.prefix.isEmpty,
                  commas < m.aspects.count, let scale = m.scale, scale.upper - scale.lower <= 20,
                  scale.lower == scale.lower.rounded(), scale.upper == scale.upper.rounded() else { return [] }
            let aspect = m.aspects[commas]
            let detail = "aspect \(commas + 1) of \(m.aspects.count): \(aspect.title ?? aspect.name)"
            var items = stride(from: scale.lower, through: scale.upper, by: 1).map {
                completionItem(label: fmt($0), kind: .value, detail: detail, doc: nil)
            }
            items.append(completionItem(label: "-", kind: .value, detail: detail + " (not given)", doc: nil))
            return items
        default:
            return nil
        }
    }

    /// The matrix whose block holds the completion site.
    private func enclosingMatrix(_ ctx: DocContext, _ site: CompletionSite) -> Matrix? {
        let tree = ctx.tree
        var b = site.block
        while let s = b, !tree.isKeyword(s, .matrix) { b = tree.parent(s) }
        guard let s = b, let (_, range) = tree.declaredName(s) else { return nil }
        let l = Location(file: ctx.fileIndex, range: range)
        return ctx.model.matrices.first { $0.location == l }
    }

    // MARK: References and rename of local names

    /// A name that lives inside a matrix or chart, at `offset`: where it is declared,
    /// every place it is written, and the names it may not be renamed to.
    struct LocalName {
        var name: String
        var kind: String
        var range: ByteRange
        var declaration: Location
        var locations: [Location]
        var taken: [String: Location]
    }

    func localNameAt(_ ctx: DocContext, _ offset: Int) -> LocalName? {
        if let local = portfolioLocalName(ctx, offset) { return local }
        let model = ctx.model
        let file = ctx.fileIndex
        func inside(_ l: Location) -> Bool { l.file == file && l.range.start <= offset && offset <= l.range.end }
        let matrixNames = Dictionary(model.matrices.map { ($0.name, $0.location) }, uniquingKeysWith: { a, _ in a })
        let chartNames = Dictionary(model.raciCharts.map { ($0.name, $0.location) }, uniquingKeysWith: { a, _ in a })
        for m in model.matrices {
            if inside(m.location) {
                return LocalName(name: m.name, kind: "matrix", range: m.location.range, declaration: m.location,
                                 locations: model.matrices.filter { $0.name == m.name }.map(\.location), taken: matrixNames)
            }
            let areaNames = Dictionary(m.areas.map { ($0.name, $0.location) }, uniquingKeysWith: { a, _ in a })
            for (a, area) in m.areas.enumerated() {
                let uses = m.ratings.flatMap { $0.rates.filter { $0.area == a }.map(\.areaLocation) }
                if let here = ([area.location] + uses).first(where: inside) {
                    return LocalName(name: area.name, kind: "area", range: here.range, declaration: area.location,
                                     locations: [area.location] + uses, taken: areaNames)
                }
            }
            let aspectNames = Dictionary(m.aspects.map { ($0.name, $0.location) }, uniquingKeysWith: { a, _ in a })
            for aspect in m.aspects where inside(aspect.location) {
                return LocalName(name: aspect.name, kind: "aspect", range: aspect.location.range, declaration: aspect.location,
                                 locations: [aspect.location], taken: aspectNames)
            }
        }
        for c in model.raciCharts {
            if inside(c.location) {
                return LocalName(name: c.name, kind: "chart", range: c.location.range, declaration: c.location,
                                 locations: model.raciCharts.filter { $0.name == c.name }.map(\.location), taken: chartNames)
            }
            let taskNames = Dictionary(c.tasks.map { ($0.name, $0.location) }, uniquingKeysWith: { a, _ in a })
            for t in c.tasks where inside(t.location) {
                return LocalName(name: t.name, kind: "task", range: t.location.range, declaration: t.location,
                                 locations: [t.location], taken: taskNames)
            }
        }
        return nil
    }

    func localRename(_ ctx: DocContext, _ local: LocalName, to newName: String) throws(IDEError) -> WorkspaceEdit {
        if let problem = RenameRules.problem(newName: newName, oldName: local.name, kind: [], taken: { n in
            local.taken[n].map { "\(article(local.kind)) at \(ctx.sources.describe($0))" }
        }) {
            throw IDEError(problem)
        }
        return Self.replacing(local.locations, with: newName, in: ctx.sources)
    }

    private func article(_ word: String) -> String { ("aeiou".contains(word.first ?? "x") ? "an " : "a ") + word }
}
