import OrgaSyntax
import OrgaSemantics

/// Where the cursor stands, as far as completion is concerned.
struct CompletionSite {
    /// The block the statement stands in.
    var context: BlockContext
    /// The innermost enclosing statement with a block (nil at the top level).
    var block: Int32?
    /// Significant tokens of the current statement before the word being typed.
    var tokens: [Int]
    /// The identifier prefix being typed.
    var prefix: String
}

extension IDEWorkspace {
    public static let maxCompletionItems = 200

    /// What can be written at `offset`: keywords of the block, names of the right
    /// kind, units, rate words, nodes of the process; those that start with the word
    /// being typed first, then those that contain it.
    public func completion(_ ctx: DocContext, at offset: Int) -> CompletionList {
        let site = completionSite(ctx.tree, offset)
        var items: [CompletionItem] = []
        if site.tokens.isEmpty {
            items = keywordItems(site.context, ctx)
        } else {
            items = argumentItems(site, ctx)
        }
        let prefix = site.prefix.lowercased()
        if !prefix.isEmpty {
            let starts = items.filter { $0.label.lowercased().hasPrefix(prefix) }
            let contains = items.filter { !$0.label.lowercased().hasPrefix(prefix) && $0.label.lowercased().contains(prefix) }
            items = starts + contains
        }
        let incomplete = items.count > IDEWorkspace.maxCompletionItems
        if incomplete { items = Array(items.prefix(IDEWorkspace.maxCompletionItems)) }
        return CompletionList(items: items, isIncomplete: incomplete)
    }

    // MARK: Where are we?

    func completionSite(_ tree: SyntaxTree, _ offset: Int) -> CompletionSite {
        let toks = tree.tokens
        // Last token that starts before the cursor.
        var lo = 0, hi = toks.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if Int(toks[mid].start) < offset { lo = mid + 1 } else { hi = mid }
        }
        var k = lo - 1
        var prefix = ""
        // The word being typed: an identifier that ends at the cursor.
        if k >= 0 && toks[k].kind == .identifier && Int(toks[k].end) >= offset {
            prefix = tree.file.text(Int(toks[k].start)..<min(offset, Int(toks[k].end)))
            k -= 1
        } else if k >= 0 && Int(toks[k].end) > offset && toks[k].kind != .newline {
            // Inside a string, number or comment: nothing to complete.
            if toks[k].kind == .string || toks[k].kind.isComment { return CompletionSite(context: .unknown, block: nil, tokens: [-1], prefix: "") }
        }
        var stmtTokens: [Int] = []
        while k >= 0 {
            let kind = toks[k].kind
            if kind == .newline || kind == .semicolon || kind == .lbrace || kind == .rbrace { break }
            if !kind.isComment { stmtTokens.append(k) }
            k -= 1
        }
        stmtTokens.reverse()
        let (context, block) = enclosingBlock(tree, offset)
        return CompletionSite(context: context, block: block, tokens: stmtTokens, prefix: prefix)
    }

    /// The block context at `offset` and the statement that opens it.
    func enclosingBlock(_ tree: SyntaxTree, _ offset: Int) -> (BlockContext, Int32?) {
        var context = BlockContext.file
        var block: Int32? = nil
        var candidates = Array(tree.roots)
        var guardDepth = 0
        while guardDepth < 1000 {
            guardDepth += 1
            var next: Int32? = nil
            for id in candidates {
                let st = tree.statement(id)
                guard let lbrace = st.openBrace else { continue }
                let open = Int(tree.tokens[Int(lbrace)].end)
                let close = st.closeBrace.map { Int(tree.tokens[Int($0)].start) } ?? Int.max
                if open <= offset && offset <= close { next = id; break }
            }
            guard let n = next else { break }
            block = n
            context = tree.spec(n)?.opens ?? .unknown
            candidates = Array(tree.childIDs(n))
        }
        return (context, block)
    }

    // MARK: Keywords

    private func keywordItems(_ context: BlockContext, _ ctx: DocContext) -> [CompletionItem] {
        if context == .unknown { return [] }
        var items: [CompletionItem] = []
        if context == .dnaRatings {
            for c in ctx.model.criteria {
                guard let scale = c.scale else { continue }
                var d = DualText()
                d.line("Rated criterion" + (c.title.map { " \"\($0)\"" } ?? "") + " on \(fmt(scale.lower))..\(fmt(scale.upper))")
                if let doc = c.doc { d.blank(); d.line(doc) }
                items.append(completionItem(label: c.name, kind: .property, detail: "DNA rating", doc: d))
            }
            return items
        }
        var seen = Set<String>()
        for spec in Keywords.allowed(in: context) where seen.insert(spec.word).inserted {
            var d = DualText()
            d.line(spec.doc)
            d.blank()
            d.line(md: "```orga\n\(spec.example)\n```", plain: "Example: \(spec.example)")
            items.append(completionItem(label: spec.word, kind: .keyword,
                                         detail: spec.isV2 ? "keyword (v2)" : "keyword", doc: d))
        }
        return items
    }

    // MARK: Arguments

    private func argumentItems(_ site: CompletionSite, _ ctx: DocContext) -> [CompletionItem] {
        let tree = ctx.tree
        guard let first = site.tokens.first, first >= 0, tree.tokens[first].kind == .identifier else { return [] }
        let keyword = tree.text(Int32(first))
        guard let id = Keywords.lookup(keyword, in: site.context) else { return [] }
        let spec = Keywords.spec(id)
        guard let last = site.tokens.last else { return [] }
        let lastKind = tree.tokens[last].kind
        if let items = assessmentCompletion(site, spec, ctx) { return items }
        if let items = portfolioCompletion(site, spec, ctx) { return items }
        // After `->`: a node of this process or `end`.
        if lastKind == .arrow { return nodeItems(site, ctx) }
        // After `/`: rate words.
        if lastKind == .slash {
            return RateWord.allCases.map {
                completionItem(label: $0.rawValue, kind: .unit, detail: "rate", doc: IDEWorkspace.doc(IDEWorkspace.rateDoc($0)))
            }
        }
        // After a number: units of the quantity this keyword takes.
        if lastKind == .number {
            for a in spec.args {
                if case .quantity(let d) = a.form { return unitItems(d) }
            }
            return []
        }
        let argCount = site.tokens.count - 1
        switch spec.keyword {
        case .by: return symbolItems(.performer, ctx, prefix: site.prefix)
        case .grade where site.context == .position: return argCount == 0 ? symbolItems(.grade, ctx, prefix: site.prefix) : []
        case .owner where site.context == .measure: return argCount == 0 ? symbolItems([.unit, .position], ctx, prefix: site.prefix) : []
        case .potential: return argCount == 0 ? symbolItems(.scenario, ctx, prefix: site.prefix) : []
        case .change: return changeItems(site, ctx)
        case .in, .owner, .across: return symbolItems(.unit, ctx, prefix: site.prefix)
        case .head: return argCount == 0 ? symbolItems(.position, ctx, prefix: site.prefix) : []
        case .call: return argCount == 0 ? symbolItems(.process, ctx, prefix: site.prefix) : []
        case .system where site.context == .step: return argCount == 0 ? symbolItems(.system, ctx, prefix: site.prefix) : []
        case .requires, .apply: return symbolItems(.measure, ctx, prefix: site.prefix)
        case .next: return argCount == 0 ? nodeItems(site, ctx) : []
        case .source:
            return argCount == 0 ? TimeSource.allCases.map { completionItem(label: $0.rawValue, kind: .enumMember, detail: "source", doc: IDEWorkspace.doc($0.doc)) } : []
        case .from:
            return argCount == 0 ? MeasuredCriterion.allCases.map {
                var d = DualText(); d.line($0.doc)
                return completionItem(label: $0.rawValue, kind: .enumMember, detail: "measured criterion", doc: d)
            } : []
        case .freeze: return argCount == 0 ? [completionItem(label: "until", kind: .keyword, detail: nil, doc: IDEWorkspace.doc("`freeze until 2022-03-02`: hiring freeze until that date."))] : []
        case .allowance:
            if lastKind == .percent { return [completionItem(label: "of worktime", kind: .keyword, detail: "deduction from the working time",
                                                              doc: IDEWorkspace.doc("`allowance P % of worktime`: Verteilzeit as a deduction from the annual working time (load = hours ÷ (1 − P)) instead of a surcharge on processing time."))] }
            return []
        default: return []
        }
    }

    /// An item whose documentation is built as Markdown and plain text at once.
    func completionItem(label: String, kind: CompletionItemKind, detail: String?, doc: DualText?) -> CompletionItem {
        CompletionItem(label: label, kind: kind, detail: detail, documentation: doc.flatMap { $0.md.isEmpty ? nil : $0.documentation })
    }

    static func doc(_ text: String) -> DualText {
        var d = DualText()
        d.line(md: text, plain: text.replacingOccurrences(of: "`", with: ""))
        return d
    }

    static func rateDoc(_ r: RateWord) -> String {
        switch r {
        case .year: "per year"
        case .month: "per month (× 12 per year)"
        case .week: "per week (× 52 per year)"
        case .day: "per working day (× `workdays` of the model per year)"
        }
    }

    private func unitItems(_ d: Dimension) -> [CompletionItem] {
        let words: [String]
        switch d {
        case .effortTime: words = ["min", "h"]
        case .calendarTime: words = ["d", "h", "min", "wk", "mo"]
        case .annualHours: words = ["h"]
        case .caseRate: words = ["/year", "/month", "/week", "/day"]
        case .effortRate: words = ["h /year", "h /month", "h /week"]
        case .capacity: words = ["fte"]
        case .share, .signedShare: words = ["%"]
        case .money: words = ["EUR"]
        case .coverage: words = ["h /week"]
        case .capacityOrEffortRate: words = ["fte", "h /year", "h /month", "h /week"]
        case .moneyRate: words = ["EUR /year"]
        case .capacityOrMoneyRate: words = ["fte", "EUR /year"]
        }
        return words.map { w in
            var doc = DualText()
            doc.line(d.expected)
            if let u = UnitWord(rawValue: String(w.split(separator: " ").first ?? "")) { doc.blank(); doc.line("`\(u.rawValue)`: \(u.doc)") }
            return completionItem(label: w, kind: .unit, detail: "unit", doc: doc)
        }
    }

    /// Steps and decisions of the process around the cursor, and `end`.
    private func nodeItems(_ site: CompletionSite, _ ctx: DocContext) -> [CompletionItem] {
        let tree = ctx.tree
        var process: Int32? = site.block
        while let p = process, !tree.isKeyword(p, .process) {
            process = tree.parent(p)
        }
        var items: [CompletionItem] = []
        if let p = process {
            for c in tree.childIDs(p) {
                guard let spec = tree.spec(c), spec.declares == .node, let (name, _) = tree.declaredName(c) else { continue }
                var d = DualText()
                d.line(md: "**\(spec.keyword == .decide ? "decision" : "step")** `\(name)`" + (tree.declaredTitle(c).map { " — \"\($0)\"" } ?? ""),
                       plain: "\(spec.keyword == .decide ? "decision" : "step") \(name)" + (tree.declaredTitle(c).map { " — \"\($0)\"" } ?? ""))
                if let doc = tree.docComment(c) { d.blank(); d.line(doc) }
                items.append(completionItem(label: name, kind: .method, detail: spec.word, doc: d))
            }
        }
        var end = DualText()
        end.line("The case ends here.")
        items.append(completionItem(label: Keywords.endTarget, kind: .keyword, detail: "end of the process", doc: end))
        return items
    }

    func symbolItems(_ kinds: DeclKinds, _ ctx: DocContext, prefix: String) -> [CompletionItem] {
        let model = ctx.model
        let p = prefix.lowercased()
        // Cheap filtering on names first; documentation only for what is returned.
        var starts: [SymbolID] = [], contains: [SymbolID] = []
        for (i, s) in zip(model.symbols.ids, model.symbols) where !s.kind.isDisjoint(with: kinds) && s.kind != .node {
            // Only the first declaration of a name (duplicates are errors anyway).
            if let g = model.globalNames[s.name], g != i { continue }
            if p.isEmpty { starts.append(i); continue }
            let lower = s.name.lowercased()
            if lower.hasPrefix(p) { starts.append(i) } else if lower.contains(p) { contains.append(i) }
        }
        starts.sort { model.symbols[$0].name < model.symbols[$1].name }
        contains.sort { model.symbols[$0].name < model.symbols[$1].name }
        let chosen = (starts + contains).prefix(IDEWorkspace.maxCompletionItems + 1)
        return chosen.map { i in
            let s = model.symbols[i]
            let kindWord = String(s.kind.phrase.dropFirst(2))
            var d = DualText()
            let title = declarationTitle(i, ctx)
            d.line(md: "**\(kindWord)** `\(s.name)`" + (title.map { " — \($0)" } ?? ""), plain: "\(kindWord) \(s.name)" + (title.map { " — \($0)" } ?? ""))
            if let doc = declarationDoc(i, ctx), !doc.isEmpty { d.blank(); d.line(doc) }
            return completionItem(label: s.name, kind: completionKind(of: s.kind.asKinds),
                                   detail: title.map { "\(kindWord) \($0)" } ?? kindWord, doc: d)
        }
    }

    func completionKind(of kind: DeclKinds) -> CompletionItemKind {
        switch kind {
        case .unit: .module
        case .position: .class
        case .actor: .interface
        case .system: .struct
        case .grade: .enum
        case .process: .function
        case .node: .method
        case .criterion: .property
        default: .variable
        }
    }
}
