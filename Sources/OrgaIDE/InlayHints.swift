import OrgaSyntax
import OrgaSemantics
import OrgaAnalysis

extension IDEWorkspace {
    /// Computed figures at the end of declaration headers: the need of each position,
    /// the fte and cases of each process, and the visits of steps that are not done
    /// exactly once per case (inside loops or behind decisions).
    /// Hints whose place lies in `lo...hi`.
    public func inlayHints(_ ctx: DocContext, from lo: Int, to hi: Int) -> [InlayHint] {
        guard let occ = occurrences(ctx.state), let staffing = staffing(ctx.state),
              ctx.fileIndex < occ.byFile.count else { return [] }
        let model = ctx.model
        let tree = ctx.tree
        var out: [InlayHint] = []
        for e in occ.byFile[ctx.fileIndex] where e.isDeclaration {
            guard let s = e.symbol, s < model.symbols.count else { continue }
            let sym = model.symbols[s]
            guard let d = ctx.sources.declaration(SymbolID(s)), d.file == ctx.fileIndex,
                  d.statement >= 0 && Int(d.statement) < tree.statements.count else { continue }
            let st = tree.statement(d.statement)
            let headerEnd = st.argCount > 0 ? tree.range(of: tree.argument(st.argStart + st.argCount - 1)).end : e.range.end
            guard headerEnd >= lo && headerEnd <= hi else { continue }
            var label: String? = nil
            var tooltip: String? = nil
            switch sym.kind {
            case .position:
                if let ps = staffing.positions[safe: sym.id(PositionID.self)] {
                    label = "need \(fmt(ps.need)) fte" + spreadHint(ps.needSpread)
                    tooltip = "planned \(fmt(ps.planned)) fte, filled \(fmt(ps.filled)) fte, gap \(fmt(ps.gap)) fte" + (ps.complete ? "" : " (incomplete)")
                }
            case .process:
                if let pr = staffing.processes[safe: sym.id(ProcessID.self)] {
                    label = "\(fmt(pr.fte)) fte" + spreadHint(pr.fteSpread) + (pr.cases.map { " · \(fmtGrouped($0)) cases/year" } ?? "")
                }
            case .node:
                if let p = sym.process, let pr = staffing.processes[safe: p], let ns = pr.nodes[safe: sym.index],
                   let v = ns.visits, abs(v - 1) > 1e-9 {
                    label = "visits \(fmt(v, 3))"
                }
            default: break
            }
            guard let l = label else { continue }
            out.append(InlayHint(offset: headerEnd, label: l, tooltip: tooltip))
        }
        out += scenarioHints(ctx, from: lo, to: hi)
        out += assessmentInlayHints(ctx, from: lo, to: hi)
        return out.sorted { $0.offset < $1.offset }
    }
}

/// " (1.8–2.63; sd 0.12)" after an uncertain figure (docs/staffing.md, Ranges), "" after an exact one.
func spreadHint(_ s: Spread?) -> String {
    guard let s, !s.isExact else { return "" }
    return " (\(fmt(s.min))–\(fmt(s.max)); sd \(fmt(s.sd)))"
}
