/// How serious a finding is. Errors make `orgc check` fail; warnings only with `--strict`.
public enum Severity: String, Sendable, Comparable {
    case error, warning, note

    private var rank: Int {
        switch self { case .error: 0; case .warning: 1; case .note: 2 }
    }
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// One replacement of a byte range of a file by new text.
public struct TextEdit: Hashable, Sendable {
    public var path: String
    public var range: ByteRange
    public var newText: String
    public init(path: String, range: ByteRange, newText: String) {
        self.path = path
        self.range = range
        self.newText = newText
    }
}

/// A machine-readable fix: a title for a menu and the edits that carry it out.
public struct Fix: Hashable, Sendable {
    public var title: String
    public var edits: [TextEdit]
    public init(title: String, edits: [TextEdit]) {
        self.title = title
        self.edits = edits
    }
}

/// A finding about a model: stable code, severity, where, what, and how to fix it.
public struct Diagnostic: Hashable, Sendable {
    public var code: DiagnosticCode
    public var severity: Severity
    public var path: String
    public var range: ByteRange
    public var message: String
    public var fixes: [Fix]

    public init(_ code: DiagnosticCode, path: String, range: ByteRange, _ message: String,
                fixes: [Fix] = [], severity: Severity? = nil) {
        self.code = code
        self.severity = severity ?? code.defaultSeverity
        self.path = path
        self.range = range
        self.message = message
        self.fixes = fixes
    }
}

extension Diagnostic: Comparable {
    /// Diagnostics sort by file, position, then code: output order is deterministic.
    public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
        if a.path != b.path { return a.path < b.path }
        if a.range != b.range { return a.range < b.range }
        if a.code != b.code { return a.code.rawValue < b.code.rawValue }
        return a.message < b.message
    }
}
