import OrgaSyntax
import OrgaSupport
import OrgaIDE

/// A request about one document: the IDE context, the URI and the position converter.
struct RequestContext {
    let ide: DocContext
    let uri: String
    let conv: PositionConverter

    var file: SourceFile { ide.file }
    func offset(_ p: LSPPosition) -> Int { conv.offset(p, in: ide.file) }
    func range(_ r: ByteRange) -> LSPRange { conv.range(r, in: ide.file) }
}

// The language features: parameters from JSON to byte offsets, the IDE layer's
// answer back to JSON, shaped by what the client said it can do.
extension LanguageServer {
    /// The analysed context of `params.textDocument.uri`.
    func context(_ params: JSONValue) throws(LSPError) -> RequestContext {
        guard let uri = params[path: "textDocument", "uri"]?.stringValue else {
            throw LSPError.invalidParams("missing textDocument.uri")
        }
        return try context(uri: uri)
    }

    func context(uri: String) throws(LSPError) -> RequestContext {
        let path = Documents.path(uri)
        let found: (context: DocContext, analysed: Bool)
        do { found = try workspace.context(path: path) } catch { throw LSPError.failed(error.message.replacingOccurrences(of: path, with: uri)) }
        if documents.uriForPath[path] == nil { documents.uriForPath[path] = uri }
        if found.analysed { pendingPublish.insert(found.context.state.key) }
        return RequestContext(ide: found.context, uri: documents.uri(path), conv: PositionConverter(client.encoding))
    }

    func offset(_ params: JSONValue, _ ctx: RequestContext) throws(LSPError) -> Int {
        guard let p = LSPPosition(json: params["position"]) else { throw LSPError.invalidParams("missing position") }
        return ctx.offset(p)
    }

    func locationJSON(_ l: FileLocation) -> JSONValue {
        .object([("uri", .string(documents.uri(l.path))), ("range", conv.range(l.range, in: l.file).json)])
    }

    var conv: PositionConverter { PositionConverter(client.encoding) }

    /// Markup for hovers and documentation, as the client supports it.
    func markup(_ d: Documentation, markdownAllowed: Bool) -> JSONValue {
        if markdownAllowed {
            return .object([("kind", .string("markdown")), ("value", .string(d.markdown))])
        }
        return .object([("kind", .string("plaintext")), ("value", .string(d.plainText))])
    }

    // MARK: Features

    func hover(_ params: JSONValue) throws(LSPError) -> JSONValue {
        let ctx = try context(params)
        guard let h = workspace.hover(ctx.ide, at: try offset(params, ctx)) else { return .null }
        return .object([
            ("contents", markup(h.contents, markdownAllowed: client.hoverMarkdown)),
            ("range", ctx.range(h.range).json),
        ])
    }

    func definition(_ params: JSONValue) throws(LSPError) -> JSONValue {
        let ctx = try context(params)
        guard let l = workspace.definition(ctx.ide, at: try offset(params, ctx)) else { return .null }
        return .array([locationJSON(l)])
    }

    func references(_ params: JSONValue) throws(LSPError) -> JSONValue {
        let ctx = try context(params)
        let all = workspace.references(ctx.ide, at: try offset(params, ctx),
                                       includeDeclaration: params[path: "context", "includeDeclaration"].isTrue)
        return .array(all.map(locationJSON))
    }

    func documentHighlight(_ params: JSONValue) throws(LSPError) -> JSONValue {
        let ctx = try context(params)
        return .array(workspace.documentHighlights(ctx.ide, at: try offset(params, ctx)).map { h in
            // 3 = write (the declaration), 2 = read (a reference).
            .object([("range", ctx.range(h.range).json), ("kind", .int(h.isDeclaration ? 3 : 2))])
        })
    }

    func prepareRename(_ params: JSONValue) throws(LSPError) -> JSONValue {
        let ctx = try context(params)
        let at = try offset(params, ctx)
        do {
            let p = try workspace.prepareRename(ctx.ide, at: at)
            return .object([("range", ctx.range(p.range).json), ("placeholder", .string(p.placeholder))])
        } catch { throw LSPError.failed(error.message) }
    }

    func rename(_ params: JSONValue) throws(LSPError) -> JSONValue {
        guard let newName = params["newName"]?.stringValue else { throw LSPError.invalidParams("missing newName") }
        let ctx = try context(params)
        let at = try offset(params, ctx)
        do {
            return workspaceEditJSON(try workspace.rename(ctx.ide, at: at, to: newName))
        } catch { throw LSPError.failed(error.message) }
    }

    /// A workspace edit as `documentChanges` (with versions) or `changes`, as the client supports.
    func workspaceEditJSON(_ edit: WorkspaceEdit) -> JSONValue {
        let perURI: [(String, Int?, [JSONValue])] = edit.changes.map { change in
            let edits = change.edits.map { e in
                JSONValue.object([("range", conv.range(e.range, in: change.file).json), ("newText", .string(e.newText))])
            }
            return (documents.uri(change.path), documents.open[change.path]?.version, edits)
        }
        if client.documentChanges {
            return .object([("documentChanges", .array(perURI.map { (uri, version, edits) in
                .object([("textDocument", .object([("uri", .string(uri)), ("version", version.map { .int($0) } ?? .null)])),
                         ("edits", .array(edits))])
            }))])
        }
        return .object([("changes", .object(perURI.map { ($0.0, .array($0.2)) }))])
    }

    func completion(_ params: JSONValue) throws(LSPError) -> JSONValue {
        let ctx = try context(params)
        let list = workspace.completion(ctx.ide, at: try offset(params, ctx))
        return .object([
            ("isIncomplete", .bool(list.isIncomplete)),
            ("items", .array(list.items.enumerated().map { completionItemJSON($0.element, sort: $0.offset) })),
        ])
    }

    private func completionItemJSON(_ e: CompletionItem, sort: Int) -> JSONValue {
        var m: [(String, JSONValue)] = [("label", .string(e.label))]
        if let k = client.completionKind(e.kind.lspNumber) { m.append(("kind", .int(k))) }
        if let d = e.detail { m.append(("detail", .string(d))) }
        if let doc = e.documentation {
            m.append(("documentation", client.completionDocMarkdown
                ? .object([("kind", .string("markdown")), ("value", .string(doc.markdown))])
                : .string(doc.plainText)))
        }
        let sortText = String(repeating: "0", count: max(0, 4 - String(sort).count)) + String(sort)
        m.append(("sortText", .string(sortText)))
        if let t = e.insertText { m.append(("insertText", .string(t))); m.append(("filterText", .string(t))) }
        return .object(m)
    }

    func documentSymbols(_ params: JSONValue) throws(LSPError) -> JSONValue {
        let ctx = try context(params)
        if client.hierarchicalSymbols {
            func json(_ s: DocumentSymbol) -> JSONValue {
                var m: [(String, JSONValue)] = [
                    ("name", .string(s.name)),
                    ("detail", .string(s.detail)),
                    ("kind", .int(symbolKindNumber(s.kind))),
                    ("range", ctx.range(s.range).json),
                    ("selectionRange", ctx.range(s.selectionRange).json),
                ]
                if !s.children.isEmpty { m.append(("children", .array(s.children.map(json)))) }
                return .object(m)
            }
            return .array(workspace.documentSymbols(ctx.ide).map(json))
        }
        return .array(workspace.flatDocumentSymbols(ctx.ide).map { s in
            var m: [(String, JSONValue)] = [
                ("name", .string(s.name)),
                ("kind", .int(symbolKindNumber(s.kind))),
                ("location", .object([("uri", .string(ctx.uri)), ("range", ctx.range(s.range).json)])),
            ]
            if let c = s.containerName { m.append(("containerName", .string(c))) }
            return .object(m)
        })
    }

    /// The LSP number of a symbol kind; kinds above the base set fall back to one the
    /// client knows.
    func symbolKindNumber(_ k: OrgaIDE.SymbolKind) -> Int {
        switch k {
        case .struct: client.symbolKind(k.lspNumber, fallback: OrgaIDE.SymbolKind.class.lspNumber)
        case .operator: client.symbolKind(k.lspNumber, fallback: OrgaIDE.SymbolKind.method.lspNumber)
        default: client.symbolKind(k.lspNumber, fallback: OrgaIDE.SymbolKind.variable.lspNumber)
        }
    }

    func workspaceSymbols(_ params: JSONValue) throws(LSPError) -> JSONValue {
        var models: [ModelState] = []
        for key in workspace.models.keys.sorted() {
            guard let m = workspace.models[key] else { continue }
            ensureAnalysed(m)
            models.append(m)
        }
        let found = workspace.workspaceSymbols(params["query"]?.stringValue ?? "", in: models)
        return .array(found.map { s in
            var m: [(String, JSONValue)] = [
                ("name", .string(s.name)),
                ("kind", .int(symbolKindNumber(s.kind))),
                ("location", locationJSON(s.location)),
            ]
            if let c = s.containerName { m.append(("containerName", .string(c))) }
            return .object(m)
        })
    }

    func semanticTokens(_ params: JSONValue, range: LSPRange?) throws(LSPError) -> JSONValue {
        let ctx = try context(params)
        let byteRange = range.map { ByteRange(ctx.offset($0.start), ctx.offset($0.end)) }
        let file = ctx.file
        let tokens = workspace.semanticTokens(ctx.ide, in: byteRange)
        var data: [JSONValue] = []
        data.reserveCapacity(tokens.count * 5)
        var prevLine = 0, prevChar = 0
        for t in tokens {
            let a = ctx.conv.position(t.range.start, in: file)
            let b = ctx.conv.position(t.range.end, in: file)
            guard b.line == a.line, b.character > a.character else { continue }
            let dl = a.line - prevLine
            let dc = dl == 0 ? a.character - prevChar : a.character
            data.append(.int(dl)); data.append(.int(dc)); data.append(.int(b.character - a.character))
            data.append(.int(t.type)); data.append(.int(t.modifiers))
            prevLine = a.line
            prevChar = a.character
        }
        return .object([("data", .array(data))])
    }

    static var semanticTokensLegend: JSONValue {
        .object([("tokenTypes", .array(SemanticTokens.types.map { .string($0) })),
                 ("tokenModifiers", .array(SemanticTokens.modifiers.map { .string($0) }))])
    }

    func foldingRanges(_ params: JSONValue) throws(LSPError) -> JSONValue {
        let ctx = try context(params)
        return .array(workspace.foldingRanges(ctx.ide).map { f in
            var m: [(String, JSONValue)] = [("startLine", .int(f.startLine)), ("endLine", .int(f.endLine))]
            if f.isComment { m.append(("kind", .string("comment"))) }
            return .object(m)
        })
    }

    func selectionRanges(_ params: JSONValue) throws(LSPError) -> JSONValue {
        let ctx = try context(params)
        let positions = params["positions"]?.arrayValue?.compactMap { LSPPosition(json: $0) } ?? []
        let chains = workspace.selectionRanges(ctx.ide, at: positions.map { ctx.offset($0) })
        return .array(zip(positions, chains).map { p, chain in
            var json: JSONValue? = nil
            for r in chain.reversed() {
                var m: [(String, JSONValue)] = [("range", ctx.range(r).json)]
                if let parent = json { m.append(("parent", parent)) }
                json = .object(m)
            }
            return json ?? .object([("range", LSPRange(start: p, end: p).json)])
        })
    }

    func inlayHints(_ params: JSONValue) throws(LSPError) -> JSONValue {
        guard settings.inlayHints else { return .array([]) }
        let ctx = try context(params)
        guard let range = LSPRange(json: params["range"]) else { throw LSPError.invalidParams("missing range") }
        return .array(workspace.inlayHints(ctx.ide, from: ctx.offset(range.start), to: ctx.offset(range.end)).map { h in
            var m: [(String, JSONValue)] = [
                ("position", ctx.conv.position(h.offset, in: ctx.file).json),
                ("label", .string(h.label)),
                ("paddingLeft", .bool(true)),
            ]
            if let t = h.tooltip { m.append(("tooltip", .string(t))) }
            return .object(m)
        })
    }

    func codeActions(_ params: JSONValue) throws(LSPError) -> JSONValue {
        let ctx = try context(params)
        guard let range = LSPRange(json: params["range"]) else { throw LSPError.invalidParams("missing range") }
        if let only = params[path: "context", "only"]?.arrayValue?.compactMap({ $0.stringValue }), !only.isEmpty,
           !only.contains(where: { $0 == "quickfix" || $0.isEmpty }) {
            return .array([])
        }
        // Only clients that take code action literals get quick fixes.
        guard client.codeActionLiterals else { return .array([]) }
        return .array(workspace.codeActions(ctx.ide, from: ctx.offset(range.start), to: ctx.offset(range.end)).map { a in
            .object([
                ("title", .string(a.title)),
                ("kind", .string("quickfix")),
                ("diagnostics", .array([diagnosticJSON(a.diagnostic, file: ctx.file)])),
                ("isPreferred", .bool(a.isPreferred)),
                ("edit", workspaceEditJSON(a.edit)),
            ])
        })
    }

    func formatting(_ params: JSONValue) throws(LSPError) -> JSONValue {
        let ctx = try context(params)
        return .array(workspace.formatting(ctx.ide).map { e in
            .object([("range", ctx.range(e.range).json), ("newText", .string(e.newText))])
        })
    }
}

extension CompletionItemKind {
    var lspNumber: Int {
        switch self {
        case .method: 2
        case .function: 3
        case .field: 5
        case .variable: 6
        case .class: 7
        case .interface: 8
        case .module: 9
        case .property: 10
        case .unit: 11
        case .value: 12
        case .enum: 13
        case .keyword: 14
        case .snippet: 15
        case .reference: 18
        case .enumMember: 20
        case .constant: 21
        case .struct: 22
        case .event: 23
        }
    }
}

extension OrgaIDE.SymbolKind {
    var lspNumber: Int {
        switch self {
        case .module: 2
        case .namespace: 3
        case .package: 4
        case .class: 5
        case .method: 6
        case .property: 7
        case .enum: 10
        case .interface: 11
        case .function: 12
        case .variable: 13
        case .constant: 14
        case .object: 19
        case .enumMember: 22
        case .struct: 23
        case .event: 24
        case .operator: 25
        }
    }
}
