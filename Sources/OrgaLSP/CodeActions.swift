import OrgaSyntax
import OrgaSemantics
import OrgaFormat
import OrgaSupport

extension LanguageServer {
    /// Quick fixes: the `fixes` of the diagnostics that overlap the requested range.
    func codeActions(_ params: JSONValue) throws(LSPError) -> JSONValue {
        let ctx = try context(params)
        guard let range = LSPRange(json: params["range"]) else { throw LSPError.invalidParams("missing range") }
        if let only = params[path: "context", "only"]?.arrayValue?.compactMap({ $0.stringValue }), !only.isEmpty,
           !only.contains(where: { $0 == "quickfix" || $0.isEmpty }) {
            return .array([])
        }
        let lo = ctx.offset(range.start), hi = ctx.offset(range.end)
        let diags = ctx.model.diagnostics.filter { $0.path == ctx.path }
        var out: [JSONValue] = []
        for d in diags where !d.fixes.isEmpty {
            // Overlap, with empty ranges touching the cursor counting too.
            guard d.range.start <= hi && d.range.end >= lo else { continue }
            let diagJSON = diagnosticJSON(d, file: ctx.file)
            for (i, fix) in d.fixes.enumerated() {
                guard let edit = workspaceEdit(fix.edits, ctx) else { continue }
                if client.codeActionLiterals {
                    out.append(.object([
                        ("title", .string(fix.title)),
                        ("kind", .string("quickfix")),
                        ("diagnostics", .array([diagJSON])),
                        ("isPreferred", .bool(i == 0 && d.fixes.count == 1)),
                        ("edit", edit),
                    ]))
                }
            }
        }
        return .array(out)
    }

    /// A workspace edit from byte-range edits (which may touch several files).
    func workspaceEdit(_ edits: [TextEdit], _ ctx: DocContext) -> JSONValue? {
        var byPath: [String: [TextEdit]] = [:]
        for e in edits { byPath[e.path, default: []].append(e) }
        var perURI: [(String, Int?, [JSONValue])] = []
        for path in byPath.keys.sorted() {
            guard let f = ctx.state.fileIndex[path], let file = ctx.sources.file(f) else { return nil }
            let list = (byPath[path] ?? []).sorted { $0.range < $1.range }.map { e in
                JSONValue.object([("range", ctx.conv.range(e.range, in: file).json), ("newText", .string(e.newText))])
            }
            perURI.append((workspace.uri(path), workspace.open[path]?.version, list))
        }
        if client.documentChanges {
            return .object([("documentChanges", .array(perURI.map { (uri, version, edits) in
                .object([("textDocument", .object([("uri", .string(uri)), ("version", version.map { .int($0) } ?? .null)])),
                         ("edits", .array(edits))])
            }))])
        }
        return .object([("changes", .object(perURI.map { ($0.0, .array($0.2)) }))])
    }

    /// Whole-document formatting with `orgc fmt`'s formatter. A file with syntax
    /// errors is left alone (an empty edit list), as `orgc fmt` does.
    func formatting(_ params: JSONValue) throws(LSPError) -> JSONValue {
        let ctx = try context(params)
        let result = Formatter.format(ctx.tree)
        guard result.isFormatted, result.changed, let bytes = result.bytes else { return .array([]) }
        let file = ctx.file
        // Replace only the changed middle: common prefix and suffix are kept.
        let old = file.bytes
        var p = 0
        while p < old.count && p < bytes.count && old[p] == bytes[p] { p += 1 }
        var s = 0
        while s < old.count - p && s < bytes.count - p && old[old.count - 1 - s] == bytes[bytes.count - 1 - s] { s += 1 }
        // Keep the edit on character boundaries.
        while p > 0 && p < old.count && (old[p] & 0xC0) == 0x80 { p -= 1 }
        if p > 0 && p < old.count && old[p - 1] == 0x0D && old[p] == 0x0A { p -= 1 }
        while s > 0 && (old[old.count - s] & 0xC0) == 0x80 { s -= 1 }
        if s > 0 && old.count - s > p && old[old.count - s - 1] == 0x0D && old[old.count - s] == 0x0A { s -= 1 }
        let range = ByteRange(p, old.count - s)
        let newText = String(decoding: bytes[p..<(bytes.count - s)], as: UTF8.self)
        return .array([.object([("range", ctx.range(range).json), ("newText", .string(newText))])])
    }
}
