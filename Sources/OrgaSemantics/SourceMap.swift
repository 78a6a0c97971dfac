import OrgaSyntax

/// Where the model was written: the files (paths, text and line tables) and, for each
/// symbol, its declaring statement. It is kept beside the `Model`, not inside it, so
/// that the checks and the analysis read only the model; what prints positions (the
/// CLI's diagnostics, reports' source links, the editor) reads them here.
public struct SourceMap: Sendable {
    /// Index = `Location.file`.
    public internal(set) var files: [SourceFile] = []
    /// Index = `SymbolID`.
    public internal(set) var declarations: [Declaration] = []
    /// Where a statement goes into the first `model` block; nil without one.
    public internal(set) var modelBlock: Block?

    /// The declaring statement of a symbol. Where a quick fix would insert into its block
    /// is worked out from the tree when a fix needs it (`InsertionPoint.of`), not kept
    /// per symbol: 8 bytes a declaration instead of 32 took 82 MB off `check` of a 50 MB
    /// line of `unit U<i>;` (1.6 bytes per input byte, 2026-12-02).
    public struct Declaration: Sendable {
        /// `file` in 32 bits (a file index is below 2³¹, as a `FileID`'s is).
        private var storedFile: Int32
        /// The statement in its file's syntax tree (for editor features that read the tree).
        public var statement: Int32

        public init(file: Int, statement: Int32) {
            self.storedFile = Int32(truncatingIfNeeded: file)
            self.statement = statement
        }

        public var file: Int {
            get { Int(storedFile) }
            set { storedFile = Int32(truncatingIfNeeded: newValue) }
        }
    }

    /// A block of a file (the `model` block).
    public struct Block: Sendable {
        public var file: Int
        public var statement: Int32
        public var insertion: InsertionPoint
    }

    public init() {}

    public init(files: [SourceFile]) {
        self.files = files
    }

    public func path(_ l: Location) -> String { path(file: l.file) }

    public func path(file: Int) -> String { files.indices.contains(file) ? files[file].path : "" }

    public func file(_ i: Int) -> SourceFile? { files.indices.contains(i) ? files[i] : nil }

    /// The declaring statement of a symbol.
    public func declaration(_ s: SymbolID) -> Declaration? {
        declarations.contains(s) ? declarations[s] : nil
    }

    /// 1-based line and column (Unicode scalars) of a location.
    public func lineColumn(_ location: Location) -> (line: Int, column: Int) {
        guard let f = file(location.file) else { return (1, 1) }
        return (f.line(of: location.range.start) + 1, f.characterColumn(of: location.range.start) + 1)
    }

    /// `path:line:column`, for messages that cite another place.
    public func describe(_ l: Location) -> String {
        let (line, col) = lineColumn(l)
        return "\(path(l)):\(line):\(col)"
    }

    /// An edit that inserts `text` as a statement at `point` of file `file`: after `{`
    /// on a new line for blocks over several lines, before `}` for one-liners, or a new
    /// block after a statement without one.
    public func insertion(_ text: String, at point: InsertionPoint, file: Int) -> TextEdit? {
        guard let f = self.file(file) else { return nil }
        switch point {
        case .afterLastStatement(let end):
            return TextEdit(path: f.path, range: ByteRange(end, end), newText: "; " + text)
        case .beforeClosingBrace(let offset):
            return TextEdit(path: f.path, range: ByteRange(offset, offset), newText: text + " ")
        case .newLine(let afterBrace, let statementStart):
            let indent = indentation(f, of: statementStart) + "  "
            return TextEdit(path: f.path, range: ByteRange(afterBrace, afterBrace), newText: "\n" + indent + text)
        case .newBlock(let end):
            return TextEdit(path: f.path, range: ByteRange(end, end), newText: " { \(text) }")
        }
    }

    private func indentation(_ f: SourceFile, of offset: Int) -> String {
        let r = f.lineRange(f.line(of: offset))
        var s = ""
        var i = r.lowerBound
        while i < r.upperBound, f.bytes[i] == 0x20 || f.bytes[i] == 0x09 { s.append(Character(Unicode.Scalar(f.bytes[i]))); i += 1 }
        return s
    }
}

/// Where a new statement goes into a declaration's block (byte offsets).
public enum InsertionPoint: Sendable, Hashable {
    /// `{ by SB }` → `{ by SB; time … min }`: right after the last token of a one-line block.
    case afterLastStatement(Int)
    /// `{}` on one line: before `}`.
    case beforeClosingBrace(Int)
    /// A block over several lines (or one never closed): a new line after `{`, indented
    /// two spaces more than the line the statement starts on.
    case newLine(afterBrace: Int, statementStart: Int)
    /// A statement without a block: ` { … }` after its last token.
    case newBlock(Int)

    /// The insertion point of statement `id` of `tree`.
    static func of(_ tree: SyntaxTree, _ id: Int32) -> InsertionPoint {
        let st = tree.statement(id)
        if st.lbrace >= 0 {
            let lb = tree.tokens[Int(st.lbrace)]
            if st.rbrace >= 0 {
                let rb = tree.tokens[Int(st.rbrace)]
                if tree.file.line(of: Int(lb.start)) == tree.file.line(of: Int(rb.start)) {
                    if st.childCount > 0 { return .afterLastStatement(Int(tree.tokens[Int(st.rbrace) - 1].end)) }
                    return .beforeClosingBrace(Int(rb.start))
                }
            }
            return .newLine(afterBrace: Int(lb.end), statementStart: Int(tree.tokens[Int(st.firstToken)].start))
        }
        return .newBlock(Int(tree.tokens[Int(st.lastToken)].end))
    }
}
