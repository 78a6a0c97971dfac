/// What an import produced: files to write, what was said about the input, and per
/// imported process what the analyst still has to fill in.
public struct ImportMessage: Error, Sendable, Equatable {
    public enum Severity: String, Sendable { case error, warning, note }
    public var severity: Severity
    public var file: String
    /// 1-based line in the input, when known.
    public var line: Int?
    public var text: String

    public init(_ severity: Severity, file: String, line: Int? = nil, _ text: String) {
        self.severity = severity
        self.file = file
        self.line = line
        self.text = text
    }

    /// `file:line: warning: text`, the shape of compiler messages.
    public var rendered: String {
        "\(file)\(line.map { ":\($0)" } ?? ""): \(severity.rawValue): \(text)"
    }
}

public struct ImportedFile: Sendable {
    /// File name relative to the output directory (or the output file).
    public var name: String
    public var text: String
}

/// What BPMN could not tell about one imported process (nothing is invented for it).
public struct ProcessGaps: Sendable {
    public var process: String
    public var file: String
    public var steps = 0
    public var decisions = 0
    /// Staff steps (done by a lane's unit or position) without `time`.
    public var stepsWithoutTime = 0
    /// Steps without a performer (no lane): `by` must be added.
    public var stepsWithoutPerformer = 0
    /// Decisions whose branches have no shares.
    public var decisionsWithoutShares = 0
    /// The process has no `volume` (unless it is only called).
    public var needsVolume = true

    public init(process: String, file: String) {
        self.process = process
        self.file = file
    }

    /// "volume, time of 4 steps, shares of 1 decision" — or "nothing".
    public var summary: String {
        var parts: [String] = []
        if needsVolume { parts.append("volume") }
        if stepsWithoutTime > 0 { parts.append("time of \(stepsWithoutTime) step\(stepsWithoutTime == 1 ? "" : "s")") }
        if decisionsWithoutShares > 0 { parts.append("shares of \(decisionsWithoutShares) decision\(decisionsWithoutShares == 1 ? "" : "s")") }
        if stepsWithoutPerformer > 0 { parts.append("`by` of \(stepsWithoutPerformer) step\(stepsWithoutPerformer == 1 ? "" : "s")") }
        return parts.isEmpty ? "nothing" : parts.joined(separator: ", ")
    }
}

public struct ImportResult: Sendable {
    public var files: [ImportedFile] = []
    public var messages: [ImportMessage] = []
    public var gaps: [ProcessGaps] = []
    /// Declarations the import added (lanes that matched nothing, stub processes).
    public var newDeclarations: [String] = []
    /// Lines for the user after the files are written (what was read, what was made).
    public var summary: [String] = []
    /// True when an input could not be read at all (exit 2); errors otherwise mean the
    /// input is readable but inconsistent (exit 1). Either way nothing is written.
    public var unreadable = false
    public var hasErrors: Bool { unreadable || messages.contains { $0.severity == .error } }
    public init() {}
}

/// Names of an existing model (`--into`): what lanes and unit columns are matched
/// against, and every name already taken in its namespace.
public struct ExistingModel: Sendable {
    public enum Kind: String, Sendable { case position, unit, actor, system, grade }
    public struct Entry: Sendable {
        public var name: String
        public var title: String?
        public var kind: Kind
        public init(name: String, title: String?, kind: Kind) {
            self.name = name
            self.title = title
            self.kind = kind
        }
    }
    public var entries: [Entry]
    public var takenNames: Set<String>
    public init(entries: [Entry], takenNames: Set<String>) {
        self.entries = entries
        self.takenNames = takenNames
    }

    /// The entry a lane or unit called `label` means: exact name or title first, then
    /// ignoring case, umlauts (ä = ae), ß = ss, and runs of spaces, dashes and underscores.
    public func match(_ label: String, kinds: Set<Kind> = [.position, .unit, .actor, .system]) -> Entry? {
        let candidates = entries.filter { kinds.contains($0.kind) }
        let l = OrgaText.singleLine(label)
        if let e = candidates.first(where: { $0.name == l || $0.title.map(OrgaText.singleLine) == l }) { return e }
        let f = Self.fold(l)
        guard !f.isEmpty else { return nil }
        return candidates.first { Self.fold($0.name) == f || $0.title.map(Self.fold) == f }
    }

    static func fold(_ s: String) -> String {
        var out = ""
        var gap = false
        for ch in s.lowercased() {
            switch ch {
            case "ä": out += "ae"; gap = false
            case "ö": out += "oe"; gap = false
            case "ü": out += "ue"; gap = false
            case "ß": out += "ss"; gap = false
            case " ", "_", "-", "\t", "\n", "\u{A0}":
                if !gap && !out.isEmpty { out += " " }
                gap = true
            default: out.append(ch); gap = false
            }
        }
        return out.trimmingSpaces()
    }
}
