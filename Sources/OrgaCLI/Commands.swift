/// The table of commands beyond `check` and `explain`; each lives in its own file.
func registeredCommands() -> [String: ([String], CommandIO) -> Int32] {
    [
        "lsp": LspCommand.run,
        "graph": GraphCommand.run,
        "report": ReportCommand.run,
        "rank": RankCommand.run,
    ]
}
