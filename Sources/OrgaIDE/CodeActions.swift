import OrgaSyntax
import OrgaSemantics
import OrgaFormat

extension IDEWorkspace {
    /// Quick fixes: the `fixes` of the diagnostics that overlap `lo...hi`.
    public func codeActions(_ ctx: DocContext, from lo: Int, to hi: Int) -> [CodeAction] {
        var out: [CodeAction] = []
        for d in diagnostics(ctx) where !d.fixes.isEmpty {
            // Overlap, with empty ranges touching the cursor counting too.
            guard d.range.start <= hi && d.range.end >= lo else { continue }
            for (i, fix) in d.fixes.enumerated() {
                guard let edit = workspaceEdit(fix.edits, ctx) else { continue }
                out.append(CodeAction(title: fix.title, diagnostic: d, isPreferred: i == 0 && d.fixes.count == 1, edit: edit))
            }
        }
        return out
    }

    /// A workspace edit from byte-range edits (which may touch several files of the
    /// model; nil if one is not a file of it).
    func workspaceEdit(_ edits: [TextEdit], _ ctx: DocContext) -> WorkspaceEdit? {
        var byPath: [String: [TextEdit]] = [:]
        for e in edits { byPath[e.path, default: []].append(e) }
        var changes: [WorkspaceEdit.Change] = []
        for path in byPath.keys.sorted() {
            guard let f = ctx.state.fileIndex[path], f < ctx.model.trees.count else { return nil }
            let list = (byPath[path] ?? []).sorted { $0.range < $1.range }.map { FileEdit(range: $0.range, newText: $0.newText) }
            changes.append(WorkspaceEdit.Change(path: path, file: ctx.model.trees[f].file, edits: list))
        }
        return WorkspaceEdit(changes: changes)
    }

    /// Whole-document formatting with `orgc fmt`'s formatter: one edit of the changed
    /// middle, or none. A file with syntax errors is left alone, as `orgc fmt` does.
    public func formatting(_ ctx: DocContext) -> [FileEdit] {
        let result = Formatter.format(ctx.tree)
        guard result.isFormatted, result.changed, let bytes = result.bytes else { return [] }
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
        return [FileEdit(range: range, newText: newText)]
    }
}
