import OrgaSyntax

/// What one file declares and sets for the rest of the model (the idea of
/// rust-analyzer's item tree): its declarations (kind, name, place, enclosing process),
/// its `model` blocks and the `workdays` its first one sets, which other files' `/day`
/// volumes read.
///
/// The location-free part, `interface`, is all that other files' declarations and
/// references depend on. An edit that leaves it unchanged can be rebuilt alone
/// (`IncrementalAnalyzer`); any other edit changes what other files resolve to, and the
/// model is built anew.
public struct FileSummary: Sendable, Equatable {
    public struct Declaration: Sendable, Equatable {
        public var name: String
        public var location: Location
        /// `process` in 32 bits, -1 for none (the language server keeps one summary per
        /// declaration: 40 bytes each instead of 48).
        private var storedProcess: Int32
        public var kind: SymbolKind

        public init(kind: SymbolKind, name: String, location: Location, process: Int?) {
            self.name = name
            self.location = location
            self.storedProcess = -1
            self.kind = kind
            self.process = process
        }

        /// For steps and decisions: the index in `declarations` of their process.
        public var process: Int? {
            get { storedProcess >= 0 ? Int(storedProcess) : nil }
            set { storedProcess = newValue.map { $0 >= 0 ? Int32(truncatingIfNeeded: $0) : -1 } ?? -1 }
        }
    }

    /// In source order, as pass 1 of the model builder declares them.
    public private(set) var declarations: [Declaration] = []
    public private(set) var modelBlocks = 0
    /// `workdays` as the file's first `model` block sets it.
    public private(set) var workdays: Setting<Double> = .absent

    /// What other files may depend on: the declarations without their places, the
    /// number of `model` blocks and the `workdays` value.
    public struct Interface: Equatable, Sendable {
        var kinds: [SymbolKind] = []
        var names: [String] = []
        var processes: [Int?] = []
        var modelBlocks = 0
        var workdays: UInt64?
        var workdaysWritten = false
    }

    public var interface: Interface {
        Interface(kinds: declarations.map(\.kind), names: declarations.map(\.name), processes: declarations.map(\.process),
                  modelBlocks: modelBlocks, workdays: workdays.value?.bitPattern, workdaysWritten: workdays.isWritten)
    }

    public init() {}

    public init(_ tree: SyntaxTree, file: Int) {
        for id in tree.roots { visit(tree, file: file, id: id, process: nil) }
    }

    /// Mirrors `ModelBuilder.declareStatement`.
    private mutating func visit(_ tree: SyntaxTree, file: Int, id: Int32, process: Int?) {
        guard let spec = tree.spec(id) else { return }
        let st = tree.statement(id)
        if let kinds = spec.declares, let kind = SymbolKind(kinds), let (name, range) = tree.declaredName(id) {
            if kind == .node && process == nil { return }
            declarations.append(Declaration(kind: kind, name: name, location: Location(file: file, range: range),
                                            process: kind == .node ? process : nil))
            if kind == .process {
                let me = declarations.count - 1
                for c in tree.childIDs(id) { visit(tree, file: file, id: c, process: me) }
                return
            }
        }
        if st.context == .file && spec.keyword == .model {
            modelBlocks += 1
            if modelBlocks == 1 {
                for c in tree.childIDs(id) where tree.isKeyword(c, .workdays) {
                    let value = tree.arg(c, .value).flatMap { $0.value > 0 && $0.value <= 366 ? $0.value : nil }
                    workdays.write(value, at: Location(file: file, range: tree.range(c)))
                }
            }
        }
        if spec.opens == .unit || spec.opens == .dnaDefinition {
            for c in tree.childIDs(id) { visit(tree, file: file, id: c, process: nil) }
        }
    }
}
