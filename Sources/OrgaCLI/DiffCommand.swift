import Foundation
import OrgaSyntax
import OrgaSemantics
import OrgaAnalysis
import OrgaReports
import OrgaSupport

/// `orgc diff`: the staffing effect of a change between two versions of a model, with
/// the inputs that cause it (docs/diff.md).
enum DiffCommand {
    static let help = """
        Usage: orgc diff [options] OLD NEW
               orgc diff [options] --base REV [PATH]
               orgc diff [options] --scenario S [PATH]

        Compares two versions of a model: what the change does to staffing (need,
        planned, filled, gap and need cost per unit and position; cases, hours per case,
        lead time and fte per process; totals) and every changed input that causes it,
        with its file and line and the need it moves.
          OLD NEW        two models (directories or .orga files)
          --base REV     the model PATH (default: the current directory) as of git
                         revision REV, against the working tree; run from anywhere
                         inside the repository
          --scenario S   the model PATH (default: the current directory) against its
                         scenario S; causes point at the `change` lines (in the
                         scenario or its measures) that set each value. Not together
                         with --base
          --format       text (default), md (a pull-request comment), json
                         (docs/diff-json.md) or github (annotations on the causes' lines)
          --lang         de (default) or en
          --fail-above X exit 1 when the total need or a unit's need moves by more than
                         X fte (either way), naming each
          --top N        md: at most N rows per table and N causes (default 20)
          --color        text: auto (only on a terminal, not with NO_COLOR), always, never
        \(TimeOption.help)
                     (each side over its own `year` without either)
          -o FILE        write to FILE instead of standard output
          --any-extension  read a file named as OLD/NEW/PATH as Orga even if it does not end in .orga
        Declarations are matched by name: a renamed one shows as removed + added.
        Exit codes: 0 ok (also when nothing changed), 1 a limit of --fail-above exceeded,
        2 usage or I/O problem (unknown revision, not a git repository, unreadable path)
        or when either model has errors (their diagnostics are printed, marked old/new).

        """

    static func run(_ args: [String], io: CommandIO) -> Int32 {
        var status = ExitCode.ok
        guard let (reader, options) = ArgumentReader.parse(
            args, command: "diff", help: help, io: io,
            valued: ["--format", "--lang", "--fail-above", "--base", "--scenario", "--color", "--top", "-o", "--output", "--year", "--at"],
            switches: ["-h", "--any-extension"], status: &status, { r in
                let format = try r.choice("--format", ["text", "md", "json", "github"], default: "text")
                let lang = OutputLanguage(rawValue: try r.choice("--lang", ["de", "en"], default: "de")) ?? .de
                let color = try r.choice("--color", ["auto", "always", "never"], default: "auto")
                var limit: Double? = nil
                if let s = r.value("--fail-above") {
                    guard let x = Double(s), x.isFinite, x >= 0 else {
                        throw ArgumentReader.UsageError(message: "--fail-above needs a number of fte ≥ 0, not `\(s)`")
                    }
                    limit = x
                }
                var top = 20
                if let s = r.value("--top") {
                    guard let n = Int(s), n > 0 else { throw ArgumentReader.UsageError(message: "--top needs a positive whole number, not `\(s)`") }
                    top = n
                }
                if r.value("--base") != nil && r.value("--scenario") != nil {
                    throw ArgumentReader.UsageError(message: "--base and --scenario do not combine; compare a scenario with its base model (--scenario S [PATH]) or two revisions (--base REV [PATH])")
                }
                if r.value("--scenario") != nil {
                    guard r.positional.count <= 1 else { throw ArgumentReader.UsageError(message: "--scenario takes at most one PATH") }
                } else if r.value("--base") != nil {
                    guard r.positional.count <= 1 else { throw ArgumentReader.UsageError(message: "--base takes at most one PATH") }
                } else if r.positional.count != 2 {
                    throw ArgumentReader.UsageError(message: "name two models (OLD NEW), or --base REV [PATH]")
                }
                return (format, lang, color, limit, top)
            }) else { return status }
        let (format, lang, color, limit, top) = options
        guard case .success(let evaluation) = TimeOption.parse(reader, command: "diff", io: io) else { return ExitCode.usage }
        let anyExtension = reader.has("--any-extension")
        guard namedFilesAreOrga(reader.positional, command: "diff", anyExtension: anyExtension, io: io) else { return ExitCode.usage }
        if let scenario = reader.value("--scenario") {
            let path = reader.positional.first ?? "."
            guard let files = load(path, io: io) else { return ExitCode.usage }
            let checked = evaluated(Analyzer.check(files: files), evaluation)
            if checked.hasErrors {
                printErrors(checked, label: "base", name: path, lang: lang, io: io)
                return ExitCode.usage
            }
            guard case .scenario(let s) = ScenarioOption.choose(scenario, in: checked.model, command: "diff", io: io) else { return ExitCode.usage }
            let base = ModelVersion(checked: checked, path: path)
            let diff = ModelDiff.compare(old: base, new: .scenario(of: base, scenario: s))
            return finish(diff, format: format, lang: lang, color: color, limit: limit, top: top, reader: reader, io: io)
        }

        // The two sides.
        let oldSide: (files: [SourceFile], path: String, rev: String?)
        let newSide: (files: [SourceFile], path: String)
        if let rev = reader.value("--base") {
            let path = reader.positional.first ?? "."
            do {
                let (files, _) = try GitRevision.load(revision: rev, path: path)
                oldSide = (files, path, rev)
            } catch {
                io.err("orgc diff: \(error)\n")
                return ExitCode.usage
            }
            guard let loaded = load(path, io: io) else { return ExitCode.usage }
            newSide = (loaded, path)
        } else {
            guard let o = load(reader.positional[0], io: io), let n = load(reader.positional[1], io: io) else { return ExitCode.usage }
            oldSide = (o, reader.positional[0], nil)
            newSide = (n, reader.positional[1])
        }

        // Both sides checked and analysed at the same time (each is independent).
        // Each thread writes its own pair of fields.
        final class Side: @unchecked Sendable { var checked: CheckedModel?; var result: StaffingResult? }
        let sides = [Side(), Side()]
        let inputs = [oldSide.files, newSide.files]
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            let c = evaluated(Analyzer.check(files: inputs[i]), evaluation)
            sides[i].result = c.hasErrors ? nil : StaffingAnalysis.analyze(c.model)
            sides[i].checked = c
        }
        guard let oldChecked = sides[0].checked, let newChecked = sides[1].checked else { return ExitCode.usage }
        var broken = false
        for (label, checked, name) in [("old", oldChecked, oldSide.path + (oldSide.rev.map { " @ " + $0 } ?? "")), ("new", newChecked, newSide.path)] where checked.hasErrors {
            broken = true
            printErrors(checked, label: label, name: name, lang: lang, io: io)
        }
        if broken { return ExitCode.usage }

        guard let oldResult = sides[0].result, let newResult = sides[1].result else { return ExitCode.usage }
        let diff = ModelDiff.compare(
            old: ModelVersion(checked: oldChecked, result: oldResult, path: oldSide.path, revision: oldSide.rev),
            new: ModelVersion(checked: newChecked, result: newResult, path: newSide.path))
        return finish(diff, format: format, lang: lang, color: color, limit: limit, top: top, reader: reader, io: io)
    }

    /// Dated values as the report shows them (`PeriodEvaluation.base`): their averages over
    /// the period, so that a changed dated value shows as a change of the figure.
    private static func evaluated(_ c: CheckedModel, _ asked: Evaluation?) -> CheckedModel {
        guard asked != nil || PeriodEvaluation.hasDatedValues(c.model) else { return c }
        return CheckedModel(model: PeriodEvaluation.base(of: c.model, asked: asked).model, sources: c.sources)
    }

    private static func printErrors(_ checked: CheckedModel, label: String, name: String, lang: OutputLanguage, io: CommandIO) {
        var sources: [String: SourceFile] = [:]
        for f in checked.sources.files { sources[f.path] = f }
        let errors = checked.diagnostics.filter { $0.severity == .error }
        let de = ["old": ("das alte Modell", "alt"), "new": ("das neue Modell", "neu"), "base": ("das Basismodell", "Basis")][label] ?? ("das Modell", label)
        io.err(lang == .de ? "orgc diff: \(de.0) (\(name)) hat Fehler; zuerst beheben:\n"
                          : "orgc diff: the \(label) model (\(name)) has errors; fix them first:\n")
        io.err(DiagnosticPrinter(sources: sources, language: lang).text(errors, color: false).split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "" : "[\(lang == .de ? de.1 : label)] " + $0 }.joined(separator: "\n"))
    }

    /// Renders `diff` in `format`, writes it, and applies `--fail-above`.
    private static func finish(_ diff: ModelDiff, format: String, lang: OutputLanguage, color: String, limit: Double?, top: Int,
                               reader: ArgumentReader, io: CommandIO) -> Int32 {
        let exceeded = limit.map { diff.exceeded(limit: $0) } ?? []
        let useColor = color == "always" || (color == "auto" && io.outIsTerminal && !environmentHas("NO_COLOR"))
        let text: String
        switch format {
        case "json": text = DiffJSON.render(diff, exceeded: exceeded, limit: limit)
        case "md": text = DiffMarkdown.render(diff, language: lang, exceeded: exceeded, limit: limit, top: top)
        case "github": text = DiffGitHub.render(diff, language: lang, exceeded: exceeded, limit: limit)
        default: text = DiffText.render(diff, language: lang, color: useColor && reader.value("-o") == nil, exceeded: exceeded, limit: limit)
        }
        guard ReportCommand.emit(text, reader: reader, io: io, command: "diff") else { return ExitCode.usage }
        if !exceeded.isEmpty {
            let w = DiffWording(lang)
            for e in exceeded { io.err("orgc diff: --fail-above: \(w.exceeded(e, limit: limit ?? 0))\n") }
            return ExitCode.findings
        }
        return ExitCode.ok
    }

    private static func load(_ path: String, io: CommandIO) -> [SourceFile]? {
        do {
            let files = try ModelLoader.load(path)
            if files.isEmpty {
                io.err("orgc diff: \(path): no .orga files found\n")
                return nil
            }
            return files
        } catch {
            io.err("orgc diff: \(error)\n")
            return nil
        }
    }
}
