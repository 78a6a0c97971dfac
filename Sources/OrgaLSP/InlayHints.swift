import OrgaSyntax
import OrgaSemantics
import OrgaAnalysis
import OrgaSupport

extension LanguageServer {
    /// Computed figures at the end of declaration headers: the need of each position,
    /// the fte and cases of each process, and the visits of steps that are not done
    /// exactly once per case (inside loops or behind decisions).
    func inlayHints(_ params: JSONValue) throws(LSPError) -> JSONValue {
        guard settings.inlayHints else { return .array([]) }
        let ctx = try context(params)
        guard let range = LSPRange(json: params["range"]) else { throw LSPError.invalidParams("missing range") }
        let lo = ctx.offset(range.start), hi = ctx.offset(range.end)
        guard let occ = workspace.occurrences(ctx.state), let staffing = staffing(ctx.state),
              ctx.fileIndex < occ.byFile.count else { return .array([]) }
        let model = ctx.model
        let tree = ctx.tree
        var out: [JSONValue] = []
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
                if let ps = staffing.positions[safe: sym.index] {
                    label = "need \(fmt(ps.need)) fte"
                    tooltip = "planned \(fmt(ps.planned)) fte, filled \(fmt(ps.filled)) fte, gap \(fmt(ps.gap)) fte" + (ps.complete ? "" : " (incomplete)")
                }
            case .process:
                if let pr = staffing.processes[safe: sym.index] {
                    label = "\(fmt(pr.fte)) fte" + (pr.cases.map { " · \(fmtGrouped($0)) cases/year" } ?? "")
                }
            case .node:
                if let p = sym.process, let pr = staffing.processes[safe: p], let ns = pr.nodes[safe: sym.index],
                   let v = ns.visits, abs(v - 1) > 1e-9 {
                    label = "visits \(fmt(v, 3))"
                }
            default: break
            }
            guard let l = label else { continue }
            var m: [(String, JSONValue)] = [
                ("position", ctx.conv.position(headerEnd, in: ctx.file).json),
                ("label", .string(l)),
                ("paddingLeft", .bool(true)),
            ]
            if let t = tooltip { m.append(("tooltip", .string(t))) }
            out.append(.object(m))
        }
        return .array(out)
    }
}
