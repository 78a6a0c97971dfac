import OrgaSyntax
import OrgaSemantics

extension IDEWorkspace {
    /// Foldable lines (0-based): blocks, multi-line block comments and runs of line comments.
    public func foldingRanges(_ ctx: DocContext) -> [FoldingRange] {
        let tree = ctx.tree
        let file = ctx.file
        var out: [FoldingRange] = []
        func add(_ start: Int, _ end: Int, kind: String?) {
            guard end > start else { return }
            out.append(FoldingRange(startLine: start, endLine: end, isComment: kind == "comment"))
        }
        for st in tree.statements {
            guard let open = st.openBrace else { continue }
            let l0 = file.line(of: Int(tree.tokens[Int(open)].start))
            let endToken = st.closeBrace ?? st.lastToken
            let closeStart = Int(tree.tokens[Int(endToken)].start)
            let l1 = file.line(of: closeStart)
            // Keep a `}` that stands first on its line visible.
            let firstOnLine = file.bytes[file.lineStarts[l1]..<closeStart].allSatisfy { $0 == 0x20 || $0 == 0x09 }
            add(l0, st.closeBrace != nil && firstOnLine ? l1 - 1 : l1, kind: nil)
        }
        // Comments: multi-line block comments and runs of line comments.
        var runStart = -1, runEnd = -1
        for t in tree.tokens {
            switch t.kind {
            case .blockComment:
                add(file.line(of: Int(t.start)), file.line(of: max(Int(t.start), Int(t.end) - 1)), kind: "comment")
            case .lineComment, .docComment:
                let l = file.line(of: Int(t.start))
                if runStart >= 0 && l == runEnd + 1 { runEnd = l } else {
                    if runStart >= 0 { add(runStart, runEnd, kind: "comment") }
                    runStart = l; runEnd = l
                }
            default: break
            }
        }
        if runStart >= 0 { add(runStart, runEnd, kind: "comment") }
        return out
    }

    /// For each offset, the ranges that contain it from the innermost (the token)
    /// out to the whole file, each containing the previous.
    public func selectionRanges(_ ctx: DocContext, at offsets: [Int]) -> [[ByteRange]] {
        let tree = ctx.tree
        return offsets.map { offset in
            var ranges: [ByteRange] = []
            if let t = tokenIndex(tree, at: offset) { ranges.append(tree.tokens[t].range) }
            if let sid = tree.innermostStatement(at: offset) {
                for aid in tree.argumentIDs(sid) {
                    let r = tree.range(of: tree.argument(aid))
                    if r.start <= offset && offset <= r.end { ranges.append(r) }
                }
                var statement: Int32? = sid
                var steps = 0
                while let cur = statement, steps < 300 {
                    let st = tree.statement(cur)
                    let full = tree.range(cur)
                    if let open = st.openBrace {
                        // The header (keyword and arguments), then the inside of the block.
                        let headerEnd = st.argCount > 0 ? tree.range(of: tree.argument(st.argStart + st.argCount - 1)).end : Int(tree.tokens[Int(st.keywordToken)].end)
                        let header = ByteRange(full.start, headerEnd)
                        if header.start <= offset && offset <= header.end { ranges.append(header) }
                        if let close = st.closeBrace {
                            let inner = ByteRange(Int(tree.tokens[Int(open)].end), Int(tree.tokens[Int(close)].start))
                            if inner.start <= offset && offset <= inner.end { ranges.append(inner) }
                        }
                    }
                    ranges.append(full)
                    statement = tree.parent(cur)
                    steps += 1
                }
            }
            ranges.append(ByteRange(0, ctx.file.bytes.count))
            // Innermost first, each containing the previous.
            var chain: [ByteRange] = []
            for r in ranges {
                if let last = chain.last {
                    if r == last { continue }
                    guard r.start <= last.start && r.end >= last.end else { continue }
                }
                chain.append(r)
            }
            return chain
        }
    }
}
