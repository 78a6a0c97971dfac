import OrgaSyntax
import OrgaSemantics

/// Semantic tokens: keywords, declarations and references by kind, quantities,
/// strings and comments.
public enum SemanticTokens {
    public static let types = ["keyword", "namespace", "class", "interface", "struct", "enum", "function", "method",
                        "property", "event", "variable", "number", "string", "comment", "operator", "enumMember"]
    public static let modifiers = ["declaration", "definition", "documentation", "readonly"]

    static let keyword = 0, namespace = 1, `class` = 2, interface = 3, `struct` = 4, `enum` = 5, function = 6
    static let method = 7, property = 8, event = 9, variable = 10, number = 11, string = 12, comment = 13
    static let `operator` = 14, enumMember = 15
    static let declarationBit = 1 << 0, definitionBit = 1 << 1, documentationBit = 1 << 2

    static func type(of kind: DeclKinds) -> Int {
        switch kind {
        case .unit: namespace
        case .position: `class`
        case .actor: interface
        case .system: `struct`
        case .grade: `enum`
        case .process: function
        case .node: method
        case .criterion: property
        case .measure, .scenario, .target, .kpi: event
        default: variable
        }
    }

    /// Classifies every token of file `fileIndex`: (token index, type, modifiers) in order.
    static func classify(model: Model, tree: SyntaxTree, fileIndex: Int, occurrences: Occurrences?) -> [(Int, Int, Int)] {
        var byStart: [Int32: (Int, Int)] = [:]
        // Statement keywords and literal shape words.
        for (i, st) in tree.statements.enumerated() {
            let id = Int32(i)
            let kt = tree.tokens[Int(st.keywordToken)].start
            guard let spec = tree.spec(id) else { continue }
            byStart[kt] = (st.context == .dnaRatings ? property : keyword, 0)
            for slot in spec.args {
                guard let arg = tree.arg(id, slot.role) else { continue }
                switch slot.form {
                case .word:
                    byStart[tree.tokens[Int(arg.firstToken)].start] = (keyword, 0)
                case .optionalPhrase(let words):
                    for aid in tree.argumentIDs(id) {
                        let other = tree.argument(aid)
                        if other.kind == .name && other.firstToken >= arg.firstToken && words.contains(tree.text(other.firstToken)) {
                            byStart[tree.tokens[Int(other.firstToken)].start] = (keyword, 0)
                        }
                    }
                case .choice:
                    byStart[tree.tokens[Int(arg.firstToken)].start] = (enumMember, 0)
                case .target, .arrowTarget:
                    if tree.name(arg) == Keywords.endTarget {
                        let r = tree.nameRange(arg)
                        byStart[Int32(r.start)] = (keyword, 0)
                    }
                default: break
                }
            }
        }
        if let occ = occurrences, fileIndex < occ.byFile.count {
            for e in occ.byFile[fileIndex] {
                let type = e.symbol.flatMap { model.symbols.contains($0) ? Self.type(of: model.symbols[$0].kind.asKinds) : nil } ?? variable
                let mods = e.isDeclaration ? declarationBit | definitionBit : 0
                if byStart[Int32(e.range.start)]?.0 == keyword && !e.isDeclaration && type != property { continue }
                byStart[Int32(e.range.start)] = (type, mods)
            }
        }
        var out: [(Int, Int, Int)] = []
        out.reserveCapacity(tree.tokens.count)
        for (i, t) in tree.tokens.enumerated() {
            switch t.kind {
            case .identifier:
                if let c = byStart[t.start] {
                    out.append((i, c.0, c.1))
                } else if i > 0, isAfterNumberOrSlash(tree, i) {
                    out.append((i, number, 0))
                }
            case .number, .date, .percent, .euro: out.append((i, number, 0))
            case .string: out.append((i, string, 0))
            case .lineComment, .blockComment: out.append((i, comment, 0))
            case .docComment: out.append((i, comment, documentationBit))
            case .arrow: out.append((i, `operator`, 0))
            case .slash:
                if i + 1 < tree.tokens.count && tree.tokens[i + 1].kind == .identifier { out.append((i, number, 0)) }
            default: break
            }
        }
        return out
    }

    private static func isAfterNumberOrSlash(_ tree: SyntaxTree, _ i: Int) -> Bool {
        let word = tree.text(Int32(i))
        let prev = tree.tokens[i - 1].kind
        if prev == .slash { return RateWord(rawValue: word) != nil }
        var p = i - 1
        while p >= 0 && tree.tokens[p].kind.isComment { p -= 1 }
        return p >= 0 && tree.tokens[p].kind == .number && UnitWord(rawValue: word) != nil
    }
}

extension IDEWorkspace {
    /// The classified tokens of a document that overlap `range` (all without one), in
    /// order; a token over several lines (a block comment) as one token per line.
    public func semanticTokens(_ ctx: DocContext, in range: ByteRange? = nil) -> [SemanticToken] {
        let file = ctx.file
        let tree = ctx.tree
        let classes = SemanticTokens.classify(model: ctx.model, tree: ctx.tree, fileIndex: ctx.fileIndex, occurrences: occurrences(ctx.state))
        let lo = range?.start ?? 0, hi = range?.end ?? Int.max
        var out: [SemanticToken] = []
        out.reserveCapacity(classes.count)
        for (i, type, mods) in classes {
            let t = tree.tokens[i]
            let s = Int(t.start), e = Int(t.end)
            if e <= lo || s >= hi { continue }
            let l0 = file.line(of: s), l1 = file.line(of: max(s, e - 1))
            if l0 == l1 {
                out.append(SemanticToken(range: ByteRange(s, e), type: type, modifiers: mods))
            } else {
                for l in l0...l1 {
                    let lr = lineContent(l, in: file)
                    let ps = max(s, lr.lowerBound), pe = min(e, lr.upperBound)
                    if pe > ps { out.append(SemanticToken(range: ByteRange(ps, pe), type: type, modifiers: mods)) }
                }
            }
        }
        return out
    }
}

/// Bytes of line `line` without its terminator. Unlike `SourceFile.lineRange`, a
/// byte order mark at the start of the text is part of line 0: it is a character
/// of the document the client sent (editors that hide it do not send it).
public func lineContent(_ line: Int, in file: SourceFile) -> Range<Int> {
    let starts = file.lineStarts
    guard line >= 0 && line < starts.count else { return file.bytes.count..<file.bytes.count }
    let start = starts[line]
    var end = line + 1 < starts.count ? starts[line + 1] : file.bytes.count
    if end > start && file.bytes[end - 1] == 0x0A { end -= 1 }
    if end > start && file.bytes[end - 1] == 0x0D { end -= 1 }
    return start..<end
}
