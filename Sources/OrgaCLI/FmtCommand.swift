import Foundation
import OrgaSyntax
import OrgaFormat
import OrgaSemantics
import OrgaSupport

/// `orgc fmt [--check] [PATH…]` and `orgc fmt --stdin`.
enum FmtCommand {
    static let help = """
        Usage: orgc fmt [--check] [--lang de|en] [--any-extension] [PATH…]
               orgc fmt --stdin [--path NAME] [--lang de|en] < in.orga > out.orga

        Formats .orga files canonically (docs/formatter.md), rewriting them in place
        atomically. Files with syntax errors are left untouched and their errors printed.
          --check   write nothing; list the files that would change and exit 1 if any
          --stdin   format standard input to standard output (for editors)
          --any-extension  format a file named as PATH even if it does not end in .orga
          --lang    language of the syntax errors and status lines: de (default) or en
        Exit codes: 0 ok, 1 files would change (--check) or have syntax errors, 2 usage or I/O problem.

        """

    static func run(_ args: [String], io: CommandIO) -> Int32 {
        var status = ExitCode.ok
        guard let (reader, lang) = ArgumentReader.parse(
            args, command: "fmt", help: help, io: io, valued: ["--path", "--lang"], switches: ["--check", "--stdin", "--any-extension"],
            status: &status, { r in OutputLanguage(rawValue: try r.choice("--lang", ["de", "en"], default: "de")) ?? .de }) else { return status }
        let de = lang == .de
        if reader.has("--stdin") { return formatStandardInput(path: reader.value("--path") ?? "<stdin>", language: lang, io: io) }

        guard namedFilesAreOrga(reader.positional, command: "fmt", anyExtension: reader.has("--any-extension"), io: io) else {
            return ExitCode.usage
        }
        var files: [String] = []
        for p in reader.positional.isEmpty ? ["."] : reader.positional {
            do { files += try ModelLoader.files(at: p) } catch {
                io.err("orgc: \(error)\n")
                return ExitCode.usage
            }
        }
        var changed = 0
        for f in files {
            do {
                let r = reader.has("--check") ? try Formatter.wouldChange(atPath: f) : try Formatter.formatFile(atPath: f)
                if !r.diagnostics.isEmpty {
                    let source = (try? ModelLoader.read(f)).map { [f: $0] } ?? [:]
                    io.err(DiagnosticPrinter(sources: source, language: lang).text(r.diagnostics, color: false))
                    io.err(de ? "orgc fmt: \(f): wegen Syntaxfehlern nicht formatiert\n" : "orgc fmt: \(f): not formatted because of syntax errors\n")
                    status = ExitCode.findings
                } else if r.changed {
                    changed += 1
                    if reader.has("--check") {
                        io.out("\(f)\n")
                        status = ExitCode.findings
                    } else {
                        io.err(de ? "formatiert: \(f)\n" : "formatted \(f)\n")
                    }
                }
            } catch {
                io.err("orgc: \(error)\n")
                return ExitCode.usage
            }
        }
        if reader.has("--check") && changed > 0 {
            io.err(de ? "\(changed) \(changed == 1 ? "Datei würde" : "Dateien würden") neu formatiert; `orgc fmt` ausführen\n"
                      : "\(changed) file\(changed == 1 ? "" : "s") would be reformatted; run `orgc fmt`\n")
        }
        return status
    }

    private static func formatStandardInput(path: String, language: OutputLanguage, io: CommandIO) -> Int32 {
        // Bytes in, bytes out: comments are kept byte for byte, even invalid UTF-8.
        let input = io.readInput()
        let result = Formatter.format(bytes: input, path: path)
        switch result.outcome {
        case .formatted:
            io.outBytes(result.bytes ?? [])
            return ExitCode.ok
        case .syntaxErrors:
            io.err(DiagnosticPrinter(sources: [path: SourceFile(path: path, bytes: input)], language: language).text(result.diagnostics, color: false))
            return ExitCode.findings
        case .internalError:
            io.err("orgc fmt: \(result.message ?? "internal formatter error")\n")
            return ExitCode.usage
        }
    }
}
