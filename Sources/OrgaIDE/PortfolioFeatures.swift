import OrgaSyntax
import OrgaSemantics
import OrgaAnalysis

/// Language features of the portfolio (docs/language.md, Programmes): hover on a
/// project (status, dates, owner, milestones, saving, overdue) and a programme, hover
/// on a field (its projects' status counts and budget), references and rename of
/// fields and milestones, which are no model symbols. Projects and programmes are
/// symbols: their references and rename come with every other declaration's.
extension IDEWorkspace {
    /// The portfolio figures of the current analysis (savings need the scenarios).
    func portfolio(_ ctx: DocContext) -> PortfolioFigures {
        PortfolioFigures.compute(ctx.model, whatIf: ctx.model.programmes.contains { $0.scenario != nil } ? whatIf(ctx.state) : nil)
    }

    private func eur(_ v: Double?) -> String { v.map { fmtGrouped($0) + " EUR" } ?? "–" }

    func portfolioFigures(_ sym: Symbol, _ ctx: DocContext) -> [String] {
        let model = ctx.model
        let f = portfolio(ctx)
        var out: [String] = []
        switch sym.kind {
        case .project:
            guard let i = sym.id(ProjectID.self), let p = model.projects[safe: i], let pf = f.projects[safe: i] else { break }
            var line = "status **\(p.status?.rawValue ?? "–")**"
            if let span = p.period { line += " · \(span.first.iso) – \(span.last.iso)" }
            if p.owner != nil { line += " · owner `\(model.ownerName(p.owner))`" }
            out.append(line)
            var place = ""
            if let prog = p.programme.flatMap({ model.programmes[safe: $0] }) {
                place = "in `\(prog.name)" + (p.field.flatMap { prog.fields[safe: $0] }.map { ".\($0.name)" } ?? "") + "`"
            }
            out.append([place, "budget \(eur(p.budget))"].filter { !$0.isEmpty }.joined(separator: " · "))
            if let s = pf.annualSaving {
                out.append("saving **\(fmtGrouped(s)) EUR/year** from the measures it delivers" + (pf.savingIncomplete ? " (incomplete)" : ""))
            }
            if let since = pf.overdueSince { out.append("**overdue** since \(since.iso) (status date \(f.asof?.iso ?? "–"))") }
            else if f.asof == nil { out.append("no status date (`asof`): nothing is overdue") }
            if !p.milestones.isEmpty {
                out.append("milestones: \(p.milestones.filter(\.done).count) done, \(p.milestones.filter { !$0.done }.count) open")
                for (k, m) in p.milestones.enumerated() {
                    let overdue = pf.milestoneOverdueSince[safe: k].flatMap { $0 }
                    out.append("  `\(m.name)` \(m.date?.iso ?? "no date")" + (m.done ? " · done" : "") + (overdue.map { " · **overdue** since \($0.iso)" } ?? ""))
                }
            }
        case .programme:
            guard let i = sym.id(ProgrammeID.self), let prog = model.programmes[safe: i], let g = f.programmes.first(where: { $0.programme == i }) else { break }
            var line = "budget \(eur(prog.budget)) · projects' budgets \(eur(g.projectsBudget))"
            if let span = prog.period { line += " · \(span.first.iso) – \(span.last.iso)" }
            out.append(line)
            let counts = g.fields.reduce([0, 0, 0, 0]) { acc, fd in zip(acc, fd.statusCounts).map { $0 + $1 } }
            out.append("projects: \(counts[0]) planned · \(counts[1]) running · \(counts[2]) done · \(counts[3]) stopped")
            if let s = g.annualSaving { out.append("saving **\(fmtGrouped(s)) EUR/year**" + (g.savingIncomplete ? " (incomplete)" : "")) }
        default: break
        }
        return out
    }

    /// Hover on a field, where it is declared or named in `in P.F`.
    func portfolioHover(_ ctx: DocContext, _ offset: Int) -> (range: ByteRange, text: DualText)? {
        let model = ctx.model
        guard !model.programmes.isEmpty else { return nil }
        let file = ctx.fileIndex
        func inside(_ l: Location?) -> Bool { l.map { $0.file == file && $0.range.start <= offset && offset <= $0.range.end } ?? false }
        var hit: (ProgrammeID, Int, ByteRange)? = nil
        for (pi, prog) in zip(model.programmes.ids, model.programmes) {
            for (fi, field) in prog.fields.enumerated() where inside(field.location) { hit = (pi, fi, field.location.range) }
        }
        if hit == nil {
            for p in model.projects where inside(p.fieldLocation) {
                if let pi = p.programme, let fi = p.field, let l = p.fieldLocation { hit = (pi, fi, l.range) }
            }
        }
        guard let (pi, fi, range) = hit, let prog = model.programmes[safe: pi], let field = prog.fields[safe: fi] else { return nil }
        let f = portfolio(ctx)
        guard let fd = f.programmes.first(where: { $0.programme == pi })?.fields.first(where: { $0.field == fi }) else { return nil }
        var d = DualText()
        d.line(md: "**field** `\(prog.name).\(field.name)`" + (field.title.map { " — \($0)" } ?? ""),
               plain: "field \(prog.name).\(field.name)" + (field.title.map { " — \($0)" } ?? ""))
        d.blank()
        let c = fd.statusCounts
        let counts = "\(fd.projects.count) projects: \(c[0]) planned · \(c[1]) running · \(c[2]) done · \(c[3]) stopped"
        d.line(md: counts + "  ", plain: counts)
        let budget = "budget \(eur(fd.budget)) (sum of its projects'" + (fd.projectsWithoutBudget > 0 ? "; \(fd.projectsWithoutBudget) without budget" : "") + ")"
            + (fd.annualSaving.map { " · saving \(fmtGrouped($0)) EUR/year" } ?? "")
        d.line(md: budget, plain: budget)
        return (range, d)
    }

    /// A field (declared or named in `in P.F`) or a milestone under the cursor, for
    /// references and rename.
    func portfolioLocalName(_ ctx: DocContext, _ offset: Int) -> LocalName? {
        let model = ctx.model
        guard !model.programmes.isEmpty || !model.projects.isEmpty else { return nil }
        let file = ctx.fileIndex
        func inside(_ l: Location?) -> Bool { l.map { $0.file == file && $0.range.start <= offset && offset <= $0.range.end } ?? false }
        var target: (ProgrammeID, Int)? = nil
        outer: for (pi, prog) in zip(model.programmes.ids, model.programmes) {
            for (fi, field) in prog.fields.enumerated() where inside(field.location) { target = (pi, fi); break outer }
        }
        if target == nil, let p = model.projects.first(where: { inside($0.fieldLocation) }), let pi = p.programme, let fi = p.field { target = (pi, fi) }
        if let (pi, fi) = target, let prog = model.programmes[safe: pi], let field = prog.fields[safe: fi] {
            let uses = model.projects.compactMap { p in p.programme == pi && p.field == fi ? p.fieldLocation : nil }
            let here = ([field.location] + uses).first { inside($0) } ?? field.location
            return LocalName(name: field.name, kind: "field", range: here.range, declaration: field.location,
                             locations: [field.location] + uses,
                             taken: Dictionary(prog.fields.map { ($0.name, $0.location) }, uniquingKeysWith: { a, _ in a }))
        }
        for p in model.projects {
            for m in p.milestones where inside(m.location) {
                return LocalName(name: m.name, kind: "milestone", range: m.location.range, declaration: m.location, locations: [m.location],
                                 taken: Dictionary(p.milestones.map { ($0.name, $0.location) }, uniquingKeysWith: { a, _ in a }))
            }
        }
        return nil
    }

    /// Completion inside programme and project statements, or nil when the statement is none.
    func portfolioCompletion(_ site: CompletionSite, _ spec: KeywordSpec, _ ctx: DocContext) -> [CompletionItem]? {
        guard [.programme, .field, .project, .milestone].contains(site.context) else { return nil }
        let argCount = site.tokens.count - 1
        switch spec.keyword {
        case .owner: return argCount == 0 ? symbolItems([.unit, .position, .actor], ctx, prefix: site.prefix) : []
        case .depends: return symbolItems(.project, ctx, prefix: site.prefix)
        case .delivers: return symbolItems(.measure, ctx, prefix: site.prefix)
        case .scenario: return argCount == 0 ? symbolItems(.scenario, ctx, prefix: site.prefix) : []
        case .status:
            return argCount == 0 ? ProjectStatus.allCases.map {
                completionItem(label: $0.rawValue, kind: .enumMember, detail: "status", doc: IDEWorkspace.doc("`status \($0.rawValue)`"))
            } : []
        case .in:
            // A programme, or one of its fields as `Programme.Field`.
            guard argCount == 0 else { return [] }
            var items = symbolItems(.programme, ctx, prefix: site.prefix)
            for prog in ctx.model.programmes {
                for f in prog.fields where (prog.name + "." + f.name).hasPrefix(site.prefix) {
                    items.append(completionItem(label: prog.name + "." + f.name, kind: .field, detail: "field", doc: f.title.map { IDEWorkspace.doc($0) }))
                }
            }
            return items
        default: return nil
        }
    }
}
