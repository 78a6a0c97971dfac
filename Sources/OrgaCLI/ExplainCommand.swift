import OrgaSyntax

enum ExplainCommand {
    static func run(_ args: [String], io: CommandIO) -> Int32 {
        if args.isEmpty || args.contains("--help") {
            io.out("Usage: orgc explain CODE   (e.g. orgc explain E301)\n       orgc explain --list\n")
            return args.isEmpty ? ExitCode.usage : ExitCode.ok
        }
        if args == ["--list"] {
            for c in DiagnosticCode.allCases { io.out("\(c.rawValue)  \(c.defaultSeverity.rawValue)  \(c.title)\n") }
            return ExitCode.ok
        }
        var status = ExitCode.ok
        for a in args {
            guard let c = DiagnosticCode.named(a) else {
                io.err("orgc: unknown diagnostic code `\(a)`; `orgc explain --list` lists them\n")
                status = ExitCode.usage
                continue
            }
            io.out("\(c.rawValue) (\(c.defaultSeverity.rawValue)): \(c.title)\n\n\(c.explanation)\n")
        }
        return status
    }
}
