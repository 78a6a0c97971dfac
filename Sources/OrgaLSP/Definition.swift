import OrgaSyntax
import OrgaSemantics
import OrgaSupport

extension LanguageServer {
    /// The symbol at the request's position, with the name range under the cursor.
    func symbolAt(_ params: JSONValue) throws(LSPError) -> (DocContext, Int, ByteRange)? {
        let ctx = try context(params)
        let offset = ctx.offset(try position(params))
        guard let occ = workspace.occurrences(ctx.state),
              let e = occ.entry(file: ctx.fileIndex, offset: offset), let s = e.symbol, s < ctx.model.symbols.count else { return nil }
        return (ctx, s, e.range)
    }

    func definition(_ params: JSONValue) throws(LSPError) -> JSONValue {
        guard let (ctx, s, _) = try symbolAt(params) else { return .null }
        return .array([locationJSON(ctx.model.symbols[s].location, ctx)])
    }

    func references(_ params: JSONValue) throws(LSPError) -> JSONValue {
        guard let (ctx, s, _) = try symbolAt(params), let occ = workspace.occurrences(ctx.state) else { return .array([]) }
        let includeDeclaration = params[path: "context", "includeDeclaration"].isTrue
        let decl = ctx.model.symbols[s].location
        var locations = (occ.bySymbol[s] ?? []).filter { includeDeclaration || $0 != decl }
        locations.sort()
        return .array(locations.map { locationJSON($0, ctx) })
    }

    func documentHighlight(_ params: JSONValue) throws(LSPError) -> JSONValue {
        guard let (ctx, s, _) = try symbolAt(params), let occ = workspace.occurrences(ctx.state) else { return .array([]) }
        let decl = ctx.model.symbols[s].location
        let here = (occ.bySymbol[s] ?? []).filter { $0.file == ctx.fileIndex }.sorted()
        return .array(here.map { l in
            // 3 = write (the declaration), 2 = read (a reference).
            .object([("range", ctx.range(l).json), ("kind", .int(l == decl ? 3 : 2))])
        })
    }
}
