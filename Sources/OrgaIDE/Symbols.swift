import OrgaSyntax
import OrgaSemantics

extension IDEWorkspace {
    func symbolKind(keyword: Keyword?, declares: DeclKinds?) -> SymbolKind {
        switch keyword {
        case .model?: return .package
        case .grade?: return .enum
        case .unit?: return .namespace
        case .position?: return .class
        case .actor?: return .interface
        case .system?: return .struct
        case .process?: return .function
        case .step?: return .method
        case .decide?: return .operator
        case .dna?: return .module
        case .criterion?: return .property
        // Assessments: matrices and charts with their rows, columns, raters and tasks.
        case .matrix?, .raci?: return .object
        case .area?, .aspect?: return .enumMember
        case .matrixRating?: return .variable
        case .task?: return .method
        default: return .event
        }
    }

    private func isOutlineStatement(_ tree: SyntaxTree, _ id: Int32) -> Bool {
        guard let spec = tree.spec(id) else { return false }
        if spec.declares != nil { return tree.declaredName(id) != nil }
        if [.matrix, .raci, .area, .aspect, .task, .matrixRating].contains(spec.keyword) { return tree.declaredName(id) != nil }
        return spec.keyword == .model || (spec.keyword == .dna && tree.statement(id).context == .file)
    }

    /// The outline of a document: declarations, the model and DNA blocks, nested.
    public func documentSymbols(_ ctx: DocContext) -> [DocumentSymbol] {
        let tree = ctx.tree
        func build(_ id: Int32, depth: Int) -> DocumentSymbol? {
            guard let spec = tree.spec(id) else { return nil }
            let name = tree.declaredName(id)
            let label = name?.name ?? spec.word
            let selection = name?.range ?? tree.tokenRange(tree.statement(id).keywordToken)
            var detail = spec.word
            if let t = tree.declaredTitle(id) { detail += " \"\(t)\"" }
            var children: [DocumentSymbol] = []
            if depth < 64 {
                children = tree.childIDs(id).filter { isOutlineStatement(tree, $0) }.compactMap { build($0, depth: depth + 1) }
            }
            return DocumentSymbol(name: label, detail: detail, kind: symbolKind(keyword: spec.keyword, declares: spec.declares),
                                  range: tree.range(id), selectionRange: selection, children: children)
        }
        return tree.roots.filter { isOutlineStatement(tree, $0) }.compactMap { build($0, depth: 0) }
    }

    /// The outline as a flat list in source order, each entry with its container's name.
    public func flatDocumentSymbols(_ ctx: DocContext) -> [FlatSymbol] {
        let tree = ctx.tree
        var out: [FlatSymbol] = []
        tree.walk { id, _ in
            guard isOutlineStatement(tree, id), let spec = tree.spec(id) else { return }
            let name = tree.declaredName(id)?.name ?? spec.word
            let container = tree.parent(id).flatMap { tree.declaredName($0)?.name }
            out.append(FlatSymbol(name: name, kind: symbolKind(keyword: spec.keyword, declares: spec.declares),
                                  range: tree.range(id), containerName: container))
        }
        return out
    }

    /// Fuzzy match: the query's characters appear in order (case-insensitive).
    /// `asciiQuery` is the query's bytes when it is ASCII: an ASCII name is then
    /// matched without building its lowercased copy (the same result, much faster).
    static func fuzzyMatch(_ query: [Character], _ name: String, asciiQuery: [UInt8]? = nil) -> Bool {
        if query.isEmpty { return true }
        if let q = asciiQuery, name.utf8.allSatisfy({ $0 < 0x80 }) {
            var i = 0
            for b in name.utf8 where (b >= 0x41 && b <= 0x5A ? b | 0x20 : b) == q[i] {
                i += 1
                if i == q.count { return true }
            }
            return false
        }
        var i = 0
        for c in name.lowercased() where c == query[i] {
            i += 1
            if i == query.count { return true }
        }
        return false
    }

    /// Declarations of the given models whose names match `query` fuzzily, at most `limit`.
    public func workspaceSymbols(_ query: String, in models: [ModelState], limit: Int = 500) -> [WorkspaceSymbol] {
        let lowered = query.lowercased()
        let query = Array(lowered)
        let asciiQuery = lowered.utf8.allSatisfy { $0 < 0x80 } ? Array(lowered.utf8) : nil
        var out: [WorkspaceSymbol] = []
        for m in models {
            guard let model = m.model else { continue }
            for (i, s) in model.symbols.enumerated() where IDEWorkspace.fuzzyMatch(query, s.name, asciiQuery: asciiQuery) {
                guard let d = m.sources.declaration(SymbolID(i)), d.file >= 0 && d.file < m.checkedTrees.count else { continue }
                let tree = m.checkedTrees[d.file]
                let keyword = d.statement >= 0 && Int(d.statement) < tree.statements.count ? tree.knownKeyword(d.statement) : nil
                var container: String? = nil
                if s.kind == .node, let p = s.process, model.processes.contains(p) { container = model.processes[p].name }
                out.append(WorkspaceSymbol(name: s.name, kind: symbolKind(keyword: keyword, declares: s.kind.asKinds),
                                           location: FileLocation(path: tree.path, range: s.location.range, file: tree.file),
                                           containerName: container))
                if out.count >= limit { return out }
            }
        }
        return out
    }
}
