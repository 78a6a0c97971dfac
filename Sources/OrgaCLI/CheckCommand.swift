import OrgaSyntax
import OrgaSemantics
import OrgaAnalysis

import OrgaSupport

enum CheckCommand {
    static let help = """
        Usage: orgc check [--format text|json|github|sarif] [--lang de|en] [--strict] [--color auto|always|never] [--any-extension] [PATH…]

        Checks each model and prints its diagnostics.
          --format   text (default; file:line:col with the source line), json, github
                     (GitHub Actions annotations) or sarif (SARIF 2.1.0)
          --lang     language of the text format: de (default; German titles of the
                     findings) or en (the full English messages with suggestions); the
                     json, github and sarif formats are always English
          --strict   warnings make the check fail too
          --color    colour text output: auto (only on a terminal, not with NO_COLOR), always, never
          --any-extension  read a file named as PATH as Orga even if it does not end in .orga
        Exit codes: 0 clean, 1 errors (or warnings with --strict), 2 usage or I/O problem.

        """

    static func run(_ args: [String], io: CommandIO) -> Int32 {
        var status = ExitCode.ok
        guard let (reader, (format, color, lang)) = ArgumentReader.parse(
            args, command: "check", help: help, io: io, valued: ["--format", "--color", "--lang"], switches: ["--strict", "--timings", "--any-extension"],
            status: &status, { r in
                (try r.choice("--format", ["text", "json", "github", "sarif"], default: "text"),
                 try r.choice("--color", ["auto", "always", "never"], default: "auto"),
                 OutputLanguage(rawValue: try r.choice("--lang", ["de", "en"], default: "de")) ?? .de)
            }) else { return status }
        var clock = PhaseClock()
        guard let models = loadModels(reader.positional, command: "check", anyExtension: reader.has("--any-extension"), io: io) else { return ExitCode.usage }
        clock.lap("read")

        var diagnostics: [Diagnostic] = []
        var sources: [String: SourceFile] = [:]
        for (k, (_, files)) in models.enumerated() {
            let trees = Parser.parseAll(files)
            clock.lap("parse")
            let model = Analyzer.check(trees: trees)
            clock.lap("check")
            diagnostics.append(contentsOf: model.diagnostics)
            // W711 (a target's shortfall) needs the staffing calculation; only models with targets pay for it.
            diagnostics.append(contentsOf: WhatIfAnalysis.diagnostics(model))
            for f in model.sources.files { sources[f.path] = f }
            // The last model only: the others are freed as before, so that checking several
            // models at once needs the memory of the largest, not of all of them.
            if k == models.count - 1 { io.keepUntilExit((trees, model)) }
        }
        let useColor = color == "always" || (color == "auto" && io.outIsTerminal && !environmentHas("NO_COLOR"))
        let printer = DiagnosticPrinter(sources: sources, language: lang)
        switch format {
        case "json": io.out(printer.json(diagnostics).pretty())
        case "github": io.out(printer.github(diagnostics))
        case "sarif": io.out(printer.sarif(diagnostics).pretty())
        default: io.out(printer.text(diagnostics, color: useColor))
        }
        clock.lap("output")
        if reader.has("--timings") { io.err(clock.report()) }
        let errors = diagnostics.contains { $0.severity == .error }
        let warnings = diagnostics.contains { $0.severity == .warning }
        return errors || (reader.has("--strict") && warnings) ? ExitCode.findings : ExitCode.ok
    }
}

func environmentHas(_ name: String) -> Bool {
    guard let v = getenvString(name) else { return false }
    return !v.isEmpty
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

func getenvString(_ name: String) -> String? {
    guard let p = getenv(name) else { return nil }
    return String(cString: p)
}
