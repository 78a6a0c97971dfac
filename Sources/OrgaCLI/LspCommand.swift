#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import OrgaLSP

/// `orgc lsp`: the language server on stdin/stdout.
enum LspCommand {
    static let help = """
        Usage: orgc lsp [--stdio]

        Runs the Orga language server (LSP 3.17) on stdin/stdout. Editors start it;
        see docs/lsp.md. Logs go to stderr. Exit code 0 after `shutdown` and `exit`,
        1 when the input ends or `exit` comes without `shutdown`.

        """

    static func run(_ args: [String], io: CommandIO) -> Int32 {
        if args.contains("--help") || args.contains("-h") { io.out(help); return ExitCode.ok }
        for a in args where a != "--stdio" {
            io.err("orgc lsp: unknown argument \(a)\n\n" + help)
            return ExitCode.usage
        }
        signal(SIGPIPE, SIG_IGN)
        let server = LanguageServer(writer: MessageWriter(fd: 1))
        server.startReader(fd: 0)
        return server.run()
    }
}
