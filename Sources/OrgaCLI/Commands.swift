/// One `orgc` command: its name, the line `orgc --help` shows for it, and what runs it.
struct Command: Sendable {
    let name: String
    /// The line in `orgc --help`; nil for a command the help does not list (`docs`).
    let summary: String?
    let run: @Sendable ([String], CommandIO) -> Int32
}

extension Orgc {
    /// Every command, in the order `orgc --help` lists them. Dispatch, the help text and
    /// the "did you mean" suggestion all read this one table; each command lives in its
    /// own file.
    static let commands: [Command] = [
        Command(name: "check", summary: "Check models and print diagnostics", run: CheckCommand.run),
        Command(name: "report", summary: "Staffing report (need vs Stellenplan vs Ist, costs)", run: ReportCommand.run),
        Command(name: "rank", summary: "Prozess-DNA ranking of processes", run: RankCommand.run),
        Command(name: "graph", summary: "Process swimlanes, org chart, landscape, BPMN 2.0", run: GraphCommand.run),
        Command(name: "import", summary: "Import BPMN processes or a Stellenplan CSV as Orga", run: ImportCommand.run),
        Command(name: "diff", summary: "Staffing effect of a change between two model versions (git --base)", run: DiffCommand.run),
        Command(name: "fmt", summary: "Format .orga files canonically", run: FmtCommand.run),
        Command(name: "lsp", summary: "Run the language server on stdin/stdout", run: LspCommand.run),
        Command(name: "explain", summary: "Explain a diagnostic code (e.g. orgc explain E301)", run: ExplainCommand.run),
        Command(name: "docs", summary: nil, run: DocsCommand.run),
    ]

    /// The command called `name`, if any.
    static func command(named name: String) -> Command? {
        commands.first { $0.name == name }
    }

    /// The `Commands:` block of `orgc --help`, one aligned line per listed command.
    static func commandList() -> String {
        let listed = commands.filter { $0.summary != nil }
        let width = (listed.map(\.name.count).max() ?? 0) + 2
        return listed.map { c in
            "  " + c.name + String(repeating: " ", count: width - c.name.count) + (c.summary ?? "") + "\n"
        }.joined()
    }
}
