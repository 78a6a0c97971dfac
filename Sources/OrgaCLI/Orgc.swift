import Foundation
import OrgaSyntax
import OrgaSemantics
import OrgaSupport

/// The `orgc` command-line driver. `main.swift` only calls `Orgc.run`; tests call it
/// with captured output.
public enum Orgc {
    public static let usage = """
        orgc \(OrgaVersion.string) — the Orga language: check, report and draw organisation models

        Usage: orgc <command> [options] [PATH…]

        Commands:

        """ + commandList() + """

        PATH is a model: a directory (every .orga file below it) or a single file.
        Each PATH is checked as its own model; without PATH, the current directory.

        Run `orgc <command> --help` for a command's options.
        Exit codes: 0 ok, 1 findings (errors; warnings with --strict), 2 usage or I/O problem.

        """

    /// Runs one command line (without the program name) and returns the exit code.
    public static func run(_ args: [String], io: CommandIO = .standard()) -> Int32 {
        guard let name = args.first else {
            io.err(usage)
            return ExitCode.usage
        }
        switch name {
        case "--help", "-h", "help":
            io.out(usage)
            return ExitCode.ok
        case "--version", "-V", "version":
            io.out("orgc \(OrgaVersion.string)\n")
            return ExitCode.ok
        default:
            if let command = command(named: name) { return command.run(Array(args.dropFirst()), io) }
            let listed = commands.filter { $0.summary != nil }.map(\.name)
            io.err("orgc: unknown command `\(name)`" + (Suggestions.best(for: name, among: listed).map { "; did you mean `\($0)`?" } ?? "") + "\nRun `orgc --help` for the list of commands.\n")
            return ExitCode.usage
        }
    }
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
