import OrgaSyntax

// The answers of the IDE layer: byte offsets and ranges of source files and domain
// values, no protocol types. The language server converts them to LSP JSON.

/// A request the IDE layer cannot answer (an unknown document, nothing to rename).
public struct IDEError: Error, Sendable, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
}

/// Text as Markdown and as plain text at once (for clients that do not render Markdown).
public struct Documentation: Sendable, Equatable {
    public var markdown: String
    public var plainText: String
    public init(markdown: String, plainText: String) {
        self.markdown = markdown
        self.plainText = plainText
    }
}

/// A range of one file of a model; `file` is the text the range counts in.
public struct FileLocation: Sendable {
    public var path: String
    public var range: ByteRange
    public var file: SourceFile
    public init(path: String, range: ByteRange, file: SourceFile) {
        self.path = path
        self.range = range
        self.file = file
    }
}

public struct Hover: Sendable, Equatable {
    public var contents: Documentation
    /// What the hover is about (a name, a keyword, a diagnostic).
    public var range: ByteRange
    public var markdown: String { contents.markdown }
}

/// Completion item kinds, as far as Orga needs them.
public enum CompletionItemKind: Sendable, Equatable {
    case method, function, field, variable, `class`, interface, module, property, unit, value, `enum`
    case keyword, snippet, reference, enumMember, constant, `struct`, event
}

public struct CompletionItem: Sendable, Equatable {
    public var label: String
    public var kind: CompletionItemKind
    public var detail: String?
    public var documentation: Documentation?
    public var insertText: String?
    public init(label: String, kind: CompletionItemKind, detail: String?, documentation: Documentation?, insertText: String? = nil) {
        self.label = label
        self.kind = kind
        self.detail = detail
        self.documentation = documentation
        self.insertText = insertText
    }
}

public struct CompletionList: Sendable, Equatable {
    /// In order of relevance.
    public var items: [CompletionItem]
    /// More items matched than are returned.
    public var isIncomplete: Bool
}

public struct DocumentHighlight: Sendable, Equatable {
    public var range: ByteRange
    /// The declaration (written) rather than a reference (read).
    public var isDeclaration: Bool
}

/// One replacement in a file of a `WorkspaceEdit`.
public struct FileEdit: Sendable, Equatable {
    public var range: ByteRange
    public var newText: String
}

/// Edits to several files, in order of their paths; `file` is the text the ranges count in.
public struct WorkspaceEdit: Sendable {
    public struct Change: Sendable {
        public var path: String
        public var file: SourceFile
        public var edits: [FileEdit]
    }
    public var changes: [Change]
    /// The edits of one file (empty if it is not touched).
    public func edits(of path: String) -> [FileEdit] { changes.first { $0.path == path }?.edits ?? [] }
}

public struct PrepareRename: Sendable, Equatable {
    public var range: ByteRange
    public var placeholder: String
}

/// Symbol kinds of the outline and the workspace symbol search.
public enum SymbolKind: Sendable, Equatable {
    case module, namespace, package, `class`, method, property, `enum`, interface, function, variable
    case constant, object, enumMember, `struct`, event, `operator`
}

/// An outline entry (document symbols, hierarchical).
public struct DocumentSymbol: Sendable, Equatable {
    public var name: String
    public var detail: String
    public var kind: SymbolKind
    public var range: ByteRange
    public var selectionRange: ByteRange
    /// Empty for a leaf (and below the depth limit of the outline).
    public var children: [DocumentSymbol]
}

/// An outline entry of the flat form: every declaration with the name of its container.
public struct FlatSymbol: Sendable, Equatable {
    public var name: String
    public var kind: SymbolKind
    public var range: ByteRange
    public var containerName: String?
}

public struct WorkspaceSymbol: Sendable {
    public var name: String
    public var kind: SymbolKind
    public var location: FileLocation
    public var containerName: String?
}

public struct InlayHint: Sendable, Equatable {
    public var offset: Int
    public var label: String
    public var tooltip: String?
}

public struct CodeAction: Sendable {
    public var title: String
    /// The diagnostic it fixes.
    public var diagnostic: Diagnostic
    public var isPreferred: Bool
    public var edit: WorkspaceEdit
}

public struct SemanticToken: Sendable, Equatable {
    /// Within one line.
    public var range: ByteRange
    /// An index into `SemanticTokens.types`.
    public var type: Int
    /// Bits of `SemanticTokens.modifiers`.
    public var modifiers: Int
}

public struct FoldingRange: Sendable, Equatable {
    public var startLine: Int
    public var endLine: Int
    public var isComment: Bool
    public init(startLine: Int, endLine: Int, isComment: Bool) {
        self.startLine = startLine
        self.endLine = endLine
        self.isComment = isComment
    }
}
