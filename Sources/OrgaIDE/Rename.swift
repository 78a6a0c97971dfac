import OrgaSyntax
import OrgaSemantics

/// Why a new name cannot be used, or nil when it can.
public enum RenameRules {
    /// Words that stand for something else where names are expected.
    public static let reserved: Set<String> = Set(Keywords.shapeWords)

    public static func isIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first else { return false }
        func isLetter(_ u: Unicode.Scalar) -> Bool { u == "_" || u.properties.isAlphabetic }
        func isDigit(_ u: Unicode.Scalar) -> Bool { u.properties.numericType == .decimal }
        guard isLetter(first) else { return false }
        return name.unicodeScalars.allSatisfy { isLetter($0) || isDigit($0) }
    }

    /// Checks `newName` for a symbol of `kind`; `taken` says whether a clashing
    /// declaration exists (in the namespace the symbol lives in).
    public static func problem(newName: String, oldName: String, kind: DeclKinds, taken: (String) -> String?) -> String? {
        if newName == oldName { return nil }
        guard isIdentifier(newName) else {
            return "`\(newName)` is not a valid name: a name starts with a letter or `_` and continues with letters, digits or `_`"
        }
        if reserved.contains(newName) {
            return "`\(newName)` is a reserved word in Orga and cannot be used as a name"
        }
        if let clash = taken(newName) {
            return "`\(newName)` is already declared as \(clash); choose another name"
        }
        return nil
    }
}

extension IDEWorkspace {
    public func prepareRename(_ ctx: DocContext, at offset: Int) throws(IDEError) -> PrepareRename {
        guard let (s, range) = symbolAt(ctx, offset) else {
            if let local = localNameAt(ctx, offset) { return PrepareRename(range: local.range, placeholder: local.name) }
            throw IDEError("there is no name of a declaration here to rename")
        }
        return PrepareRename(range: range, placeholder: ctx.model.symbols[s].name)
    }

    /// The edits that rename the declaration at `offset` and all its uses, or why not.
    public func rename(_ ctx: DocContext, at offset: Int, to newName: String) throws(IDEError) -> WorkspaceEdit {
        guard let (s, _) = symbolAt(ctx, offset), let occ = occurrences(ctx.state) else {
            if let local = localNameAt(ctx, offset) { return try localRename(ctx, local, to: newName) }
            throw IDEError("there is no name of a declaration here to rename")
        }
        let model = ctx.model
        let sym = model.symbols[s]
        if let problem = RenameRules.problem(newName: newName, oldName: sym.name, kind: sym.kind.asKinds, taken: { n in
            clash(for: sym, newName: n, in: model, sources: ctx.sources)
        }) {
            throw IDEError(problem)
        }
        return Self.replacing(occ.bySymbol[s] ?? [], with: newName, in: ctx.sources)
    }

    /// One edit per location, writing `newName` there; grouped by file in file order,
    /// each file's edits in source order.
    static func replacing(_ locations: [Location], with newName: String, in sources: SourceMap) -> WorkspaceEdit {
        var byFile: [Int: [Location]] = [:]
        for l in locations { byFile[l.file, default: []].append(l) }
        var changes: [WorkspaceEdit.Change] = []
        for f in byFile.keys.sorted() {
            guard let file = sources.file(f) else { continue }
            let edits = (byFile[f] ?? []).sorted().map { FileEdit(range: $0.range, newText: newName) }
            changes.append(WorkspaceEdit.Change(path: file.path, file: file, edits: edits))
        }
        return WorkspaceEdit(changes: changes)
    }

    /// The declaration that `newName` would clash with, described, if any.
    private func clash(for sym: Symbol, newName: String, in model: Model, sources: SourceMap) -> String? {
        func describe(_ i: Int) -> String {
            let o = model.symbols[i]
            return "\(o.kind.phrase) at \(sources.describe(o.location))"
        }
        func describe(_ s: SymbolID) -> String { describe(s.index) }
        switch sym.kind {
        case .node:
            guard let p = sym.process, model.processes.contains(p) else { return nil }
            if newName == Keywords.endTarget { return "the end of the process (`\(Keywords.endTarget)`)" }
            if let n = model.processes[p].nodes.first(where: { $0.name == newName }) {
                return "a step or decision of process `\(model.processes[p].name)` at \(sources.describe(n.location))"
            }
            return nil
        case .criterion:
            return model.criterionNames[newName].map { describe($0) }
        case .target:
            return model.symbols.firstIndex { $0.kind == .target && $0.name == newName }.map { describe($0) }
        default:
            return model.globalNames[newName].map { describe($0) }
        }
    }
}
