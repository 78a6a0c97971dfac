import OrgaSyntax

/// One line of formatted output, before indentation and comment alignment are applied.
struct OutLine {
    /// Indentation level (2 spaces each).
    var depth: Int
    /// Everything on the line except a trailing `//` comment. May contain line breaks
    /// only inside a verbatim multi-line block comment.
    var code: [UInt8] = []
    /// A trailing `//` or `///` comment (aligned with its neighbours on output).
    var trailing: [UInt8]? = nil
    /// The line ends with a line comment: nothing may be appended.
    var closed = false
    var blank = false
    /// The line holds only block comments so far (a statement may still follow them).
    var onlyBlockComments = false

    init(depth: Int) { self.depth = depth }
    static func blankLine() -> OutLine {
        var l = OutLine(depth: 0)
        l.blank = true
        return l
    }
}

/// Lays out an error-free syntax tree in the canonical style (see docs/formatter.md).
///
/// The printer walks the token array, block by block; the tree tells it where
/// statements and blocks start and end. It never adds or removes a token other than
/// line breaks, and never reorders tokens. Every problem it cannot handle sets
/// `failed` instead of trapping; the caller then refuses to format.
struct Printer {
    static let maxWidth = 100
    static let indentWidth = 2

    let tree: SyntaxTree
    let tokens: TokenList
    let bytes: [UInt8]
    var lines: [OutLine] = []
    /// For each top-level statement: the output lines it starts and ends on.
    var topSpans: [(first: Int, last: Int)] = []
    var failed = false
    var failure = ""

    init(tree: SyntaxTree) {
        self.tree = tree
        self.tokens = tree.tokens
        self.bytes = tree.bytes
    }

    // MARK: Tokens

    private func kind(_ t: Int32) -> TokenKind {
        t >= 0 && Int(t) < tokens.count ? tokens[Int(t)].kind : .eof
    }

    private func raw(_ t: Int32) -> ArraySlice<UInt8> {
        guard t >= 0, Int(t) < tokens.count else { return [] }
        let tok = tokens[Int(t)]
        let s = max(0, min(Int(tok.start), bytes.count))
        let e = max(s, min(Int(tok.end), bytes.count))
        return bytes[s..<e]
    }

    /// The text a token is printed as: verbatim, except that line comments lose
    /// trailing whitespace and line breaks inside block comments become LF.
    func printed(_ t: Int32) -> [UInt8] {
        Printer.normalized(kind(t), raw(t))
    }

    static func normalized(_ kind: TokenKind, _ text: ArraySlice<UInt8>) -> [UInt8] {
        switch kind {
        case .lineComment, .docComment:
            var end = text.endIndex
            while end > text.startIndex, isHorizontalSpace(text[end - 1]) { end -= 1 }
            return Array(text[text.startIndex..<end])
        case .blockComment:
            var out: [UInt8] = []
            out.reserveCapacity(text.count)
            var i = text.startIndex
            while i < text.endIndex {
                let b = text[i]
                if b == 0x0D {
                    out.append(0x0A)
                    if i + 1 < text.endIndex && text[i + 1] == 0x0A { i += 1 }
                } else {
                    out.append(b)
                }
                i += 1
            }
            return out
        default:
            return Array(text)
        }
    }

    static func isHorizontalSpace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0B || b == 0x0C
    }

    /// Whether one space separates two adjacent tokens of a statement.
    static func needsSpace(_ a: TokenKind, _ b: TokenKind) -> Bool {
        if a.isComment || b.isComment { return true }
        switch (a, b) {
        case (_, .comma), (_, .semicolon): return false          // `a, b`   `by SB;`
        case (.dotdot, _), (_, .dotdot): return false            // `0..4`
        case (.identifier, .dot), (.dot, .identifier): return false  // `A.B`
        case (.minus, .number), (.plus, .number): return false   // `-50 %`
        case (.slash, .identifier): return false                 // `1_200 /year`
        default: return true                                     // `45 min`, `10 %`, `-> X`
        }
    }

    /// Display columns of UTF-8 text: one per Unicode scalar.
    static func width<C: Collection>(_ text: C) -> Int where C.Element == UInt8 {
        var n = 0
        for b in text where b & 0xC0 != 0x80 { n += 1 }
        return n
    }

    /// The column at which the code of a line ends (after a verbatim multi-line block
    /// comment, counted from the start of its last physical line).
    static func codeEndColumn(_ line: OutLine) -> Int {
        if let nl = line.code.lastIndex(of: 0x0A) {
            return width(line.code[(nl + 1)...])
        }
        return line.depth * indentWidth + width(line.code)
    }

    private mutating func fail(_ why: String) {
        if !failed { failure = why }
        failed = true
    }

    // MARK: Lines

    private mutating func startLine(_ depth: Int, blankBefore: Bool) {
        if blankBefore, let last = lines.last, !last.blank { lines.append(.blankLine()) }
        lines.append(OutLine(depth: depth))
    }

    private mutating func append(_ text: [UInt8], spaced: Bool) {
        guard !lines.isEmpty else { fail("append without a line"); return }
        let i = lines.count - 1
        if lines[i].closed { fail("text after a line comment"); return }
        if spaced && !lines[i].code.isEmpty { lines[i].code.append(0x20) }
        lines[i].code.append(contentsOf: text)
    }

    // MARK: Layout

    /// Lays out the whole file.
    mutating func layoutFile() {
        var eof = Int32(tokens.count - 1)
        if eof < 0 || kind(eof) != .eof { eof = Int32(tokens.count) }
        layoutBlock(lo: 0, hi: eof, children: Array(tree.roots), depth: 0, top: true)
        if !failed { separateTopLevel() }
    }

    /// The last token of a statement proper. The parser's `lastToken` of a statement
    /// without a block may include comments that trail it on its line; those are laid
    /// out as trailing comments, not as part of the statement.
    func endToken(_ id: Int32) -> Int32 {
        let s = tree.statement(id)
        if s.hasBlock { return s.rbrace }
        var t = s.lastToken
        while t > s.firstToken && kind(t).isComment { t -= 1 }
        return t
    }

    /// The head of a statement (keyword, arguments and comments among them) with
    /// normalised spacing.
    private mutating func headText(_ id: Int32) -> [UInt8] {
        let s = tree.statement(id)
        let end = s.hasBlock ? s.lbrace - 1 : endToken(id)
        var out: [UInt8] = []
        var prev: TokenKind? = nil
        var t = s.firstToken
        while t <= end {
            let k = kind(t)
            switch k {
            case .newline, .lbrace, .rbrace, .semicolon, .eof, .invalid:
                fail("unexpected \(k) inside a statement")
                return out
            case .lineComment, .docComment:
                fail("line comment inside a statement")
                return out
            default: break
            }
            if let p = prev, Printer.needsSpace(p, k) { out.append(0x20) }
            out.append(contentsOf: printed(t))
            prev = k
            t += 1
        }
        return out
    }

    /// The one-line form `{ a; b }` of a statement's block, if the block may stay on
    /// one line: it was written on one line, holds no comments and no statement
    /// with a block of its own. Statements are separated by `; ` (stray `;` dropped).
    private mutating func oneLineBlock(_ id: Int32) -> [UInt8]? {
        let s = tree.statement(id)
        var t = s.lbrace + 1
        while t < s.rbrace {
            let k = kind(t)
            if k == .newline || k.isComment { return nil }
            t += 1
        }
        let kids = Array(tree.childIDs(id))
        for c in kids where tree.statement(c).hasBlock { return nil }
        var out: [UInt8] = [UInt8(ascii: "{"), 0x20]
        var ci = 0
        t = s.lbrace + 1
        while t < s.rbrace {
            if ci < kids.count && t == tree.statement(kids[ci]).firstToken {
                if ci > 0 { out.append(contentsOf: [UInt8(ascii: ";"), 0x20]) }
                out.append(contentsOf: headText(kids[ci]))
                let end = endToken(kids[ci])
                if end < t { fail("statement ends before it starts"); return nil }
                t = end + 1
                ci += 1
                continue
            }
            if kind(t) == .semicolon { t += 1; continue }
            fail("unexpected token in a block")
            return nil
        }
        if ci != kids.count { fail("statements out of order in a block"); return nil }
        out.append(contentsOf: [0x20, UInt8(ascii: "}")])
        return out
    }

    /// Whether the parser sees the comment at `t` as standing first on its line
    /// (only block comments, or nothing, before it since a line break, `{` or `;`):
    /// a `///` comment there is a doc comment of the next statement.
    private func startsLine(_ t: Int32) -> Bool {
        var p = t - 1
        while p >= 0 && kind(p) == .blockComment { p -= 1 }
        if p < 0 { return true }
        let k = kind(p)
        return k == .newline || k == .lbrace || k == .semicolon
    }

    private mutating func emitStatement(_ id: Int32, depth: Int) {
        let s = tree.statement(id)
        append(headText(id), spaced: true)
        guard s.hasBlock, !failed else { return }
        guard s.rbrace > s.lbrace, Int(s.rbrace) < tokens.count else { fail("unclosed block"); return }
        var empty = tree.statement(id).childCount == 0
        var t = s.lbrace + 1
        while empty && t < s.rbrace { if kind(t).isComment { empty = false }; t += 1 }
        if empty {
            append(Array("{}".utf8), spaced: true)
            return
        }
        if let one = oneLineBlock(id), let line = lines.last,
           Printer.codeEndColumn(line) + 1 + Printer.width(one) <= Printer.maxWidth {
            append(one, spaced: true)
            return
        }
        if failed { return }
        append([UInt8(ascii: "{")], spaced: true)
        layoutBlock(lo: s.lbrace + 1, hi: s.rbrace, children: Array(tree.childIDs(id)), depth: depth + 1, top: false)
        startLine(depth, blankBefore: false)
        append([UInt8(ascii: "}")], spaced: false)
    }

    /// Lays out the tokens `lo..<hi` of a block over several lines at `depth`.
    /// For a nested block the current line is its statement's line, ending in `{`.
    private mutating func layoutBlock(lo: Int32, hi: Int32, children: [Int32], depth: Int, top: Bool) {
        let linesBefore = lines.count
        var ci = 0
        var sawNewline = false      // a line break since the last item of this block
        var prevNewline = false
        var pendingBlank = false    // a blank line since the last item
        var startedLine = false     // this block has started a line of its own
        var docAbove = false        // the last item is a doc comment line
        var t = lo

        while t < hi && !failed {
            if ci < children.count {
                let c = children[ci]
                let first = tree.statement(c).firstToken
                if t == first {
                    let joins = lines.count > linesBefore && !sawNewline && (lines.last.map { $0.onlyBlockComments && !$0.closed } ?? false)
                    if !joins {
                        startLine(depth, blankBefore: pendingBlank && startedLine)
                        startedLine = true
                    }
                    let firstLine = lines.count - 1
                    emitStatement(c, depth: depth)
                    if lines.count > 0 { lines[lines.count - 1].onlyBlockComments = false }
                    if top { topSpans.append((firstLine, lines.count - 1)) }
                    let last = endToken(c)
                    if last < t { fail("statement ends before it starts"); return }
                    t = last + 1
                    ci += 1
                    sawNewline = false; prevNewline = false; pendingBlank = false; docAbove = false
                    continue
                }
                if t > first { fail("statement skipped"); return }
            }
            let k = kind(t)
            switch k {
            case .newline:
                if prevNewline { pendingBlank = true; docAbove = false }
                sawNewline = true
                prevNewline = true
            case .semicolon:
                // A separator like a line break: dropped. It also ends the doc comment
                // above it; a blank line does that in the output.
                if docAbove { pendingBlank = true; docAbove = false }
            case .lineComment, .docComment, .blockComment:
                let text = printed(t)
                let isDoc = k == .docComment && startsLine(t)
                let trailing = !isDoc && !sawNewline && (lines.last.map { !$0.closed && !$0.blank && !$0.code.isEmpty } ?? false)
                if trailing {
                    if k == .blockComment {
                        append(text, spaced: true)
                    } else {
                        lines[lines.count - 1].trailing = text
                        lines[lines.count - 1].closed = true
                    }
                } else {
                    startLine(depth, blankBefore: pendingBlank && startedLine)
                    startedLine = true
                    pendingBlank = false
                    append(text, spaced: false)
                    if k == .blockComment {
                        lines[lines.count - 1].onlyBlockComments = true
                    } else {
                        lines[lines.count - 1].closed = true
                    }
                }
                docAbove = isDoc
                sawNewline = false; prevNewline = false
            default:
                fail("unexpected \(k) between statements")
                return
            }
            t += 1
        }
        if !failed && ci != children.count { fail("statements left over in a block") }
    }

    /// Top level: one blank line between declarations, except between two one-line
    /// statements that were written without a blank line between them (a group such
    /// as a list of grades stays together). The blank line goes directly below the
    /// earlier statement, so comments above the later one stay attached to it.
    private mutating func separateTopLevel() {
        guard topSpans.count > 1 else { return }
        var insertAfter: [Int] = []
        for k in 1..<topSpans.count {
            let a = topSpans[k - 1], b = topSpans[k]
            guard a.last < b.first else { continue }
            var hasBlank = false
            var i = a.last + 1
            while i < b.first { if lines[i].blank { hasBlank = true; break }; i += 1 }
            if hasBlank { continue }
            if a.first == a.last && b.first == b.last { continue }
            insertAfter.append(a.last)
        }
        guard !insertAfter.isEmpty else { return }
        var out: [OutLine] = []
        out.reserveCapacity(lines.count + insertAfter.count)
        var next = 0
        for (i, l) in lines.enumerated() {
            out.append(l)
            while next < insertAfter.count && insertAfter[next] == i {
                out.append(.blankLine())
                next += 1
            }
        }
        lines = out
    }

    // MARK: Output

    /// The final text: indentation, aligned trailing comments, LF line ends.
    func render(bom: Bool) -> [UInt8] {
        var out: [UInt8] = bom ? [0xEF, 0xBB, 0xBF] : []
        // Drop blank lines at the start and end and collapse runs (defensive: the
        // layout already avoids them).
        var kept: [OutLine] = []
        kept.reserveCapacity(lines.count)
        for l in lines {
            if l.blank || (l.code.isEmpty && l.trailing == nil) {
                if let last = kept.last, !last.blank { kept.append(.blankLine()) }
                continue
            }
            kept.append(l)
        }
        while let last = kept.last, last.blank { kept.removeLast() }

        // Alignment columns of trailing comments: consecutive lines at the same depth
        // that all have one share the column one space after the longest code.
        var column = [Int](repeating: 0, count: kept.count)
        var i = 0
        while i < kept.count {
            guard kept[i].trailing != nil, !kept[i].blank else { i += 1; continue }
            var j = i
            var widest = 0
            while j < kept.count, !kept[j].blank, kept[j].trailing != nil, kept[j].depth == kept[i].depth {
                widest = max(widest, Printer.codeEndColumn(kept[j]))
                j += 1
            }
            for k in i..<j { column[k] = widest + 1 }
            i = j
        }

        for (n, l) in kept.enumerated() {
            if l.blank { out.append(0x0A); continue }
            if !l.code.isEmpty {
                out.append(contentsOf: repeatElement(0x20, count: l.depth * Printer.indentWidth))
                out.append(contentsOf: l.code)
            }
            if let c = l.trailing {
                if l.code.isEmpty {
                    out.append(contentsOf: repeatElement(0x20, count: l.depth * Printer.indentWidth))
                } else {
                    let pad = max(1, column[n] - Printer.codeEndColumn(l))
                    out.append(contentsOf: repeatElement(0x20, count: pad))
                }
                out.append(contentsOf: c)
            }
            out.append(0x0A)
        }
        return out
    }
}
