import OrgaSyntax
import OrgaSemantics
import OrgaAnalysis
import OrgaReports
import OrgaSupport

enum RankCommand {
    static let help = """
        Usage: orgc rank [--format text|md|json] [--lang de|en] [--scenario S] [--year Y | --at DATE] [-o FILE] [--any-extension] [PATH…]

        Prints the Prozess-DNA ranking: each process's score (0–100), its rank and each
        criterion's contribution to the score. Processes with a missing value are
        marked incomplete (never scored as 0).
          --format   text (default; a table), md or json
          --lang     de (default) or en: labels and number format
          --scenario S  rank the processes of scenario S (its changes and measures applied)
        \(TimeOption.help)
          -o FILE    write to FILE instead of standard output
          --any-extension  read a file named as PATH as Orga even if it does not end in .orga
        Exit codes: 0 ok, 1 the model has errors, 2 usage or I/O problem.

        """

    static func run(_ args: [String], io: CommandIO) -> Int32 {
        var status = ExitCode.ok
        guard let (reader, (format, lang)) = ArgumentReader.parse(
            args, command: "rank", help: help, io: io, valued: ["--format", "--lang", "-o", "--output", "--scenario", "--year", "--at"], switches: ["-h", "--any-extension"],
            status: &status, { r in
                (try r.choice("--format", ["text", "md", "json"], default: "text"),
                 OutputLanguage(rawValue: try r.choice("--lang", ["de", "en"], default: "de")) ?? .de)
            }) else { return status }
        guard case .success(let evaluation) = TimeOption.parse(reader, command: "rank", io: io) else { return ExitCode.usage }
        guard let models = loadModels(reader.positional, command: "rank", anyExtension: reader.has("--any-extension"), io: io) else { return ExitCode.usage }
        var contexts: [ReportContext] = []
        for (_, files) in models {
            let model = Analyzer.check(files: files)
            var scenario: ScenarioID? = nil
            switch ScenarioOption.choose(reader.value("--scenario"), in: model.model, command: "rank", io: io) {
            case .unknown: return ExitCode.usage
            case .scenario(let s): scenario = s
            case .base: break
            }
            TimeOption.warnIfFar(evaluation, model.model, command: "rank", io: io)
            contexts.append(ReportContext(model: model, language: lang, scenario: scenario, evaluation: evaluation))
        }
        let text: String
        switch format {
        case "json":
            let values = contexts.map(RankReport.json)
            text = values.count == 1 ? values[0].pretty() : JSONValue.array(values).pretty()
        case "md":
            text = contexts.map(RankReport.markdown).joined(separator: "\n---\n\n")
        default:
            text = contexts.map(RankReport.text).joined(separator: "\n")
        }
        guard ReportCommand.emit(text, reader: reader, io: io, command: "rank") else { return ExitCode.usage }
        ReportCommand.reportErrors(contexts, io: io, command: "rank")
        return contexts.contains { $0.hasErrors } ? ExitCode.findings : ExitCode.ok
    }
}
