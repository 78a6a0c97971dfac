import OrgaSyntax
import OrgaSemantics
import OrgaSupport

/// LSP symbol kinds.
enum SymbolKind {
    static let module = 2, namespace = 3, package = 4, `class` = 5, method = 6, property = 7
    static let `enum` = 10, interface = 11, function = 12, variable = 13, constant = 14
    static let object = 19, enumMember = 22, `struct` = 23, event = 24, `operator` = 25
}

extension LanguageServer {
    func symbolKind(keyword: Keyword?, declares: DeclKinds?) -> Int {
        switch keyword {
        case .model?: return SymbolKind.package
        case .grade?: return SymbolKind.enum
        case .unit?: return SymbolKind.namespace
        case .position?: return SymbolKind.class
        case .actor?: return SymbolKind.interface
        case .system?: return client.symbolKind(SymbolKind.struct, fallback: SymbolKind.class)
        case .process?: return SymbolKind.function
        case .step?: return SymbolKind.method
        case .decide?: return client.symbolKind(SymbolKind.operator, fallback: SymbolKind.method)
        case .dna?: return SymbolKind.module
        case .criterion?: return SymbolKind.property
        default: return client.symbolKind(SymbolKind.event, fallback: SymbolKind.variable)
        }
    }

    private func isOutlineStatement(_ tree: SyntaxTree, _ id: Int32) -> Bool {
        guard let spec = tree.spec(id) else { return false }
        if spec.declares != nil { return tree.declaredName(id) != nil }
        return spec.keyword == .model || (spec.keyword == .dna && tree.statement(id).context == .file)
    }

    func documentSymbols(_ params: JSONValue) throws(LSPError) -> JSONValue {
        let ctx = try context(params)
        let tree = ctx.tree
        if client.hierarchicalSymbols {
            func build(_ id: Int32, depth: Int) -> JSONValue {
                guard let spec = tree.spec(id) else { return .null }
                let name = tree.declaredName(id)
                let label = name?.name ?? spec.word
                let selection = name?.range ?? tree.tokenRange(tree.statement(id).keywordToken)
                var m: [(String, JSONValue)] = [("name", .string(label))]
                var detail = spec.word
                if let t = tree.declaredTitle(id) { detail += " \"\(t)\"" }
                m.append(("detail", .string(detail)))
                m.append(("kind", .int(symbolKind(keyword: spec.keyword, declares: spec.declares))))
                m.append(("range", ctx.range(tree.range(id)).json))
                m.append(("selectionRange", ctx.range(selection).json))
                if depth < 64 {
                    let kids = tree.childIDs(id).filter { isOutlineStatement(tree, $0) }
                    if !kids.isEmpty { m.append(("children", .array(kids.map { build($0, depth: depth + 1) }))) }
                }
                return .object(m)
            }
            return .array(tree.roots.filter { isOutlineStatement(tree, $0) }.map { build($0, depth: 0) })
        }
        var out: [JSONValue] = []
        tree.walk { id, _ in
            guard isOutlineStatement(tree, id), let spec = tree.spec(id) else { return }
            let name = tree.declaredName(id)?.name ?? spec.word
            var m: [(String, JSONValue)] = [
                ("name", .string(name)),
                ("kind", .int(symbolKind(keyword: spec.keyword, declares: spec.declares))),
                ("location", .object([("uri", .string(ctx.uri)), ("range", ctx.range(tree.range(id)).json)])),
            ]
            if let parent = tree.parent(id), let pn = tree.declaredName(parent)?.name { m.append(("containerName", .string(pn))) }
            out.append(.object(m))
        }
        return .array(out)
    }

    /// Fuzzy match: the query's characters appear in order (case-insensitive).
    static func fuzzyMatch(_ query: [Character], _ name: String) -> Bool {
        if query.isEmpty { return true }
        var i = 0
        for c in name.lowercased() where c == query[i] {
            i += 1
            if i == query.count { return true }
        }
        return false
    }

    func workspaceSymbols(_ params: JSONValue) throws(LSPError) -> JSONValue {
        let query = Array((params["query"]?.stringValue ?? "").lowercased())
        var out: [JSONValue] = []
        let limit = 500
        for key in workspace.models.keys.sorted() {
            guard let m = workspace.models[key] else { continue }
            ensureAnalysed(m)
            guard let model = m.model else { continue }
            let conv = PositionConverter(client.encoding)
            for (i, s) in model.symbols.enumerated() where LanguageServer.fuzzyMatch(query, s.name) {
                guard let d = m.sources.declaration(SymbolID(i)), d.file < m.checkedTrees.count else { continue }
                let tree = m.checkedTrees[d.file]
                let keyword = d.statement >= 0 && Int(d.statement) < tree.statements.count ? tree.knownKeyword(d.statement) : nil
                var mm: [(String, JSONValue)] = [
                    ("name", .string(s.name)),
                    ("kind", .int(symbolKind(keyword: keyword, declares: s.kind.asKinds))),
                    ("location", .object([("uri", .string(workspace.uri(tree.path))), ("range", conv.range(s.location.range, in: tree.file).json)])),
                ]
                if s.kind == .node, let p = s.process, p < model.processes.count { mm.append(("containerName", .string(model.processes[p].name))) }
                out.append(.object(mm))
                if out.count >= limit { return .array(out) }
            }
        }
        return .array(out)
    }
}
