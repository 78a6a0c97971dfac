import Foundation
import OrgaSyntax
import OrgaSemantics

/// The `orgc` command-line driver. `main.swift` only calls `Orgc.run`; tests call it
/// with captured output.
public enum Orgc {
    public static let version = "0.1.0"

    public static let usage = """
        orgc \(version) — the Orga language: check, report and draw organisation models

        Usage: orgc <command> [options] [PATH…]

        Commands:
          check    Check models and print diagnostics
          report   Staffing report (need vs Stellenplan vs Ist, costs)
          rank     Prozess-DNA ranking of processes
          graph    Process swimlanes, org chart, landscape, BPMN 2.0
          fmt      Format .orga files canonically
          lsp      Run the language server on stdin/stdout
          explain  Explain a diagnostic code (e.g. orgc explain E301)

        PATH is a model: a directory (every .orga file below it) or a single file.
        Each PATH is checked as its own model; without PATH, the current directory.

        Run `orgc <command> --help` for a command's options.
        Exit codes: 0 ok, 1 findings (errors; warnings with --strict), 2 usage or I/O problem.

        """

    /// Runs one command line (without the program name) and returns the exit code.
    public static func run(_ args: [String], io: CommandIO = .standard()) -> Int32 {
        guard let command = args.first else {
            io.err(usage)
            return ExitCode.usage
        }
        let rest = Array(args.dropFirst())
        switch command {
        case "--help", "-h", "help":
            io.out(usage)
            return ExitCode.ok
        case "--version", "-V", "version":
            io.out("orgc \(version)\n")
            return ExitCode.ok
        case "check": return CheckCommand.run(rest, io: io)
        case "explain": return ExplainCommand.run(rest, io: io)
        case "docs": return DocsCommand.run(rest, io: io)
        case "fmt": return FmtCommand.run(rest, io: io)
        default:
            if let extra = extraCommands[command] { return extra(rest, io) }
            io.err("orgc: unknown command `\(command)`" + (Suggestions.best(for: command, among: ["check", "report", "rank", "graph", "fmt", "lsp", "explain"]).map { "; did you mean `\($0)`?" } ?? "") + "\nRun `orgc --help` for the list of commands.\n")
            return ExitCode.usage
        }
    }

    /// Commands implemented in their own files register here.
    nonisolated(unsafe) static var extraCommands: [String: ([String], CommandIO) -> Int32] = registeredCommands()
}

/// Loads each PATH as a model; reports I/O problems. Returns nil after an I/O error,
/// or when a file named as PATH is not a `.orga` file (unless `anyExtension`).
func loadModels(_ paths: [String], command: String, anyExtension: Bool, io: CommandIO) -> [(path: String, files: [SourceFile])]? {
    guard namedFilesAreOrga(paths, command: command, anyExtension: anyExtension, io: io) else { return nil }
    var result: [(String, [SourceFile])] = []
    for p in paths.isEmpty ? ["."] : paths {
        do {
            let files = try ModelLoader.load(p)
            if files.isEmpty {
                io.err("orgc: \(p): no .orga files found\n")
                return nil
            }
            result.append((p, files))
        } catch {
            io.err("orgc: \(error)\n")
            return nil
        }
    }
    return result
}

/// A file named on the command line must end in `.orga`: `orgc check report.md` would
/// otherwise read Markdown as Orga and print hundreds of errors. One message instead,
/// and the caller exits 2; `--any-extension` reads it anyway. Directories and paths
/// that do not exist are left to the loader.
func namedFilesAreOrga(_ paths: [String], command: String, anyExtension: Bool, io: CommandIO) -> Bool {
    if anyExtension { return true }
    for p in paths where !p.hasSuffix(".orga") {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: p, isDirectory: &isDir), !isDir.boolValue else { continue }
        io.err("orgc \(command): \(p) is not an .orga file; name a model directory or a .orga file (--any-extension reads it as Orga anyway)\n")
        return false
    }
    return true
}
