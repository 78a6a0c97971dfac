import OrgaSyntax
import OrgaSemantics

extension IDEWorkspace {
    /// The symbol at `offset`, with the name range under the cursor.
    func symbolAt(_ ctx: DocContext, _ offset: Int) -> (SymbolID, ByteRange)? {
        guard let occ = occurrences(ctx.state),
              let e = occ.entry(file: ctx.fileIndex, offset: offset), let s = e.symbol, ctx.model.symbols.contains(s) else { return nil }
        return (s, e.range)
    }

    /// Where the name at `offset` is declared.
    public func definition(_ ctx: DocContext, at offset: Int) -> FileLocation? {
        guard let (s, _) = symbolAt(ctx, offset) else { return localNameAt(ctx, offset).flatMap { ctx.location($0.declaration) } }
        return ctx.location(ctx.model.symbols[s].location)
    }

    /// Every use of the name at `offset` in the model, in file and source order.
    public func references(_ ctx: DocContext, at offset: Int, includeDeclaration: Bool) -> [FileLocation] {
        guard let (s, _) = symbolAt(ctx, offset), let occ = occurrences(ctx.state) else {
            // Names inside a matrix or chart (areas, aspects, tasks) are no model symbols.
            guard let local = localNameAt(ctx, offset) else { return [] }
            return local.locations.filter { includeDeclaration || $0 != local.declaration }.sorted().compactMap { ctx.location($0) }
        }
        let decl = ctx.model.symbols[s].location
        var locations = (occ.bySymbol[s] ?? []).filter { includeDeclaration || $0 != decl }
        locations.sort()
        return locations.compactMap { ctx.location($0) }
    }

    /// The uses of the name at `offset` in this document.
    public func documentHighlights(_ ctx: DocContext, at offset: Int) -> [DocumentHighlight] {
        guard let (s, _) = symbolAt(ctx, offset), let occ = occurrences(ctx.state) else {
            guard let local = localNameAt(ctx, offset) else { return [] }
            return local.locations.filter { $0.file == ctx.fileIndex }.sorted().map { DocumentHighlight(range: $0.range, isDeclaration: $0 == local.declaration) }
        }
        let decl = ctx.model.symbols[s].location
        let here = (occ.bySymbol[s] ?? []).filter { $0.file == ctx.fileIndex }.sorted()
        return here.map { DocumentHighlight(range: $0.range, isDeclaration: $0 == decl) }
    }
}
