import OrgaSyntax
import OrgaSemantics

extension IDEWorkspace {
    /// Completion inside `change TARGET PROPERTY [VALUE]`: first the targets (`model`,
    /// processes, positions, units, grades; after `Process.` its steps and decisions),
    /// then the properties the target's kind has, then values where they are names
    /// (`by`, `grade`, `media_break`).
    func changeItems(_ site: CompletionSite, _ ctx: DocContext) -> [CompletionItem] {
        let tree = ctx.tree
        let model = ctx.model
        let toks = Array(site.tokens.dropFirst())   // after `change`
        func text(_ i: Int) -> String { tree.text(Int32(toks[i])) }
        func kind(_ i: Int) -> TokenKind { tree.tokens[toks[i]].kind }
        // The target.
        if toks.isEmpty {
            var modelDoc = DualText()
            modelDoc.line("The model's settings: `worktime`, `allowance`, `overhead`, `leadership`, `workplace`, `rounding`.")
            return [completionItem(label: "model", kind: .keyword, detail: "the model's settings", doc: modelDoc)]
                + symbolItems([.process, .position, .unit, .grade], ctx, prefix: site.prefix)
        }
        // `change Process.` → its nodes.
        if toks.count == 2, kind(0) == .identifier, kind(1) == .dot {
            guard let s = model.globalNames[text(0)], let sym = model.symbols[safe: s],
                  let p = sym.id(ProcessID.self), let proc = model.processes[safe: p] else { return [] }
            return proc.nodes.map { n in
                var d = DualText()
                d.line(md: "**\(n.isDecision ? "decision" : "step")** `\(proc.name).\(n.name)`" + (n.title.map { " — \"\($0)\"" } ?? ""),
                       plain: "\(n.isDecision ? "decision" : "step") \(proc.name).\(n.name)" + (n.title.map { " — \"\($0)\"" } ?? ""))
                return completionItem(label: n.name, kind: .method, detail: n.isDecision ? "decide" : "step", doc: d)
            }
        }
        // Resolve the target written so far.
        guard kind(0) == .identifier else { return [] }
        var target: ChangeTarget? = nil
        var next = 1
        if text(0) == Keyword.model.rawValue {
            target = .model
        } else if let s = model.globalNames[text(0)], let sym = model.symbols[safe: s], let i = sym.index {
            switch sym.kind {
            case .process:
                let p = ProcessID(i)
                if toks.count >= 3, kind(1) == .dot, kind(2) == .identifier, let proc = model.processes[safe: p],
                   let n = proc.nodes.firstIndex(where: { $0.name == text(2) }) {
                    target = .node(NodeID(process: p, index: n))
                    next = 3
                } else {
                    target = .process(p)
                }
            case .position: target = .position(PositionID(i))
            case .unit: target = .unit(UnitID(i))
            case .grade: target = .grade(GradeID(i))
            default: break
            }
        }
        guard let target else { return [] }
        if toks.count == next {
            return WhatIfReaderAccess.properties(of: target, in: model).map { word in
                var d = DualText()
                d.line(md: word.doc, plain: word.doc.replacingOccurrences(of: "`", with: ""))
                return completionItem(label: word.rawValue, kind: .property, detail: "change property", doc: d)
            }
        }
        if toks.count == next + 1 {
            switch ChangeWord(rawValue: text(next)) {
            case .by: return symbolItems(.performer, ctx, prefix: site.prefix)
            case .grade: return symbolItems(.grade, ctx, prefix: site.prefix)
            case .mediaBreak: return ["on", "off"].map { completionItem(label: $0, kind: .enumMember, detail: "media_break", doc: nil) }
            default: return []
            }
        }
        return []
    }
}
