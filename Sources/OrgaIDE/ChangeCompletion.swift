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
        if text(0) == "model" {
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
                d.line(md: Self.changePropertyDoc(word), plain: Self.changePropertyDoc(word).replacingOccurrences(of: "`", with: ""))
                return completionItem(label: word, kind: .property, detail: "change property", doc: d)
            }
        }
        if toks.count == next + 1 {
            switch text(next) {
            case "by": return symbolItems(.performer, ctx, prefix: site.prefix)
            case "grade": return symbolItems(.grade, ctx, prefix: site.prefix)
            case "media_break": return ["on", "off"].map { completionItem(label: $0, kind: .enumMember, detail: "media_break", doc: nil) }
            default: return []
            }
        }
        return []
    }

    static func changePropertyDoc(_ word: String) -> String {
        switch word {
        case "volume": "Cases per year: set (`3_000 /year`, or a range `2_000..2_600 /year`), add (`+200 /year`) or scale (`+10 %`); adding or scaling moves every bound of a range."
        case "time": "Processing time per execution: set (`10 min`, or a range `10..20 min`, `20..30..60 min`), add (`-5 min`) or scale (`-50 %`); adding or scaling moves every bound of a range."
        case "wait": "Waiting time: set (`2 d`), add or scale."
        case "share": "Share of the cases in which the step is done: set only (`30 %`)."
        case "by": "Who does the step now: a position, unit, actor or system (a system: automated)."
        case "media_break": "`on` or `off`."
        case "skip": "The step is no longer done; the flow passes through it."
        case "branch": "`branch \"label\" 30 %`: the share of one branch (set only); the branches must add up to 100 % at the end of the entry."
        case "planned", "filled": "fte: set (`3 fte`), add (`+1 fte`) or scale (`-10 %`)."
        case "coverage": "Staffed hours per week: set, add or scale."
        case "effort": "`effort \"label\" 0.2 fte` or `80 h /year`: sets (or adds) the effort with that label; `0 fte` removes it."
        case "grade": "The position's pay grade."
        case "worktime": "Annual working time per fte: set, add or scale."
        case "allowance": "Verteilzeit: set only (`10 %`, or `9 % of worktime`)."
        case "overhead", "leadership": "Set only, in %."
        case "workplace": "Material cost per fte and year: set only (EUR)."
        case "rounding": "Step of the proposals: set only (fte)."
        case "cost": "Annual cost per fte of the grade: set, add or scale."
        default: word
        }
    }
}
