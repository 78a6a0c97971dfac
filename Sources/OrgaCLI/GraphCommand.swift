import Foundation
import OrgaSyntax
import OrgaSemantics
import OrgaGraphs

/// `orgc graph`: process swimlanes, org chart, landscape; DOT, Mermaid, SVG, BPMN 2.0.
enum GraphCommand {
    static let help = """
        Usage: orgc graph (--process P | --all-processes -o DIR | --org | --landscape)
                          [--format dot|mermaid|svg|bpmn] [--metrics] [--lang en|de] [-o FILE|DIR] [PATH]

        Draws one model (PATH: a directory or a .orga file; default the current directory).
          --process P       one process as swimlanes (lanes = performing unit, actor, system)
          --all-processes   every process, one file each, into the directory given with -o
          --org             the unit tree with positions and planned / filled / need fte
          --landscape       all processes grouped by owner unit, with their calls
          --format          svg (default), dot (Graphviz), mermaid, bpmn (BPMN 2.0 XML with
                            diagram layout; processes only)
          --metrics         show visits per case and fte on process steps
          --lang            language of the words orgc adds (legend, start, end): en (default), de
          -o FILE|DIR       write to FILE (or into DIR with --all-processes) instead of stdout
        Output is deterministic. If the model has errors they are printed to stderr, what
        can be drawn is drawn anyway, and the exit code is 1.
        Exit codes: 0 ok, 1 the model has errors, 2 usage or I/O problem (e.g. unknown process).

        """

    static func run(_ args: [String], io: CommandIO) -> Int32 {
        let reader: ArgumentReader
        let format: GraphFormat
        let lang: String
        do {
            reader = try ArgumentReader(args, valued: ["--process", "--format", "--lang", "-o", "--output"],
                                        switches: ["--all-processes", "--org", "--landscape", "--metrics", "--help", "-h"])
            let f = try reader.choice("--format", GraphFormat.allCases.map(\.rawValue), default: "svg")
            format = GraphFormat(rawValue: f) ?? .svg
            lang = try reader.choice("--lang", ["en", "de"], default: "en")
        } catch let e as ArgumentReader.UsageError {
            io.err("orgc graph: \(e.message)\n\n" + help)
            return ExitCode.usage
        } catch { return ExitCode.usage }
        if reader.has("--help") || reader.has("-h") { io.out(help); return ExitCode.ok }
        let modes = [reader.value("--process") != nil, reader.has("--all-processes"), reader.has("--org"), reader.has("--landscape")]
        guard modes.filter({ $0 }).count == 1 else {
            io.err("orgc graph: choose exactly one of --process P, --all-processes, --org, --landscape\n\n" + help)
            return ExitCode.usage
        }
        if format == .bpmn && (reader.has("--org") || reader.has("--landscape")) {
            io.err("orgc graph: --format bpmn draws processes only (--process or --all-processes)\n")
            return ExitCode.usage
        }
        let output = reader.value("-o") ?? reader.value("--output")
        if reader.has("--all-processes") && output == nil {
            io.err("orgc graph: --all-processes needs -o DIR\n")
            return ExitCode.usage
        }
        guard reader.positional.count <= 1 else {
            io.err("orgc graph: draws one model at a time; got \(reader.positional.count) paths\n")
            return ExitCode.usage
        }
        guard let loaded = loadModels(reader.positional, io: io), let files = loaded.first?.files else { return ExitCode.usage }
        let model = Analyzer.check(files: files)
        let words: Words = lang == "de" ? .de : .en

        // Errors: reported, then drawn anyway.
        var status = ExitCode.ok
        let errors = model.diagnostics.filter { $0.severity == .error }
        if !errors.isEmpty {
            var sources: [String: SourceFile] = [:]
            for t in model.trees { sources[t.path] = t.file }
            io.err(DiagnosticPrinter(sources: sources).text(errors, color: false))
            io.err("orgc graph: the model has errors; drawing what can be drawn\n")
            status = ExitCode.findings
        }

        if let name = reader.value("--process") {
            guard let p = model.processes.firstIndex(where: { $0.name == name }) else {
                let names = model.processes.map(\.name)
                let hint = Suggestions.best(for: name, among: names).map { "; did you mean `\($0)`?" } ?? ""
                io.err("orgc graph: no process `\(name)` in the model\(hint)\n")
                if hint.isEmpty && !names.isEmpty {
                    io.err("processes: " + names.prefix(20).joined(separator: ", ") + (names.count > 20 ? " …" : "") + "\n")
                }
                return ExitCode.usage
            }
            let metrics = reader.has("--metrics") ? GraphMetrics.analyze(model) : nil
            let text = Graphs.process(model, p, format: format, metrics: metrics, showMetrics: metrics != nil, words: words)
            return emit(text, to: output, io: io) ? status : ExitCode.usage
        }
        if reader.has("--all-processes"), let dir = output {
            do {
                try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            } catch {
                io.err("orgc graph: cannot create directory \(dir)\n")
                return ExitCode.usage
            }
            let metrics = reader.has("--metrics") ? GraphMetrics.analyze(model) : nil
            var used = Set<String>()
            for p in model.processes.indices {
                var file = Graphs.fileName(model.processes[p].name, format)
                if !used.insert(file).inserted {
                    file = "\(p)_" + file
                    used.insert(file)
                }
                let text = Graphs.process(model, p, format: format, metrics: metrics, showMetrics: metrics != nil, words: words)
                let path = dir.hasSuffix("/") ? dir + file : dir + "/" + file
                guard emit(text, to: path, io: io) else { return ExitCode.usage }
            }
            return status
        }
        let metrics = GraphMetrics.analyze(model)
        let text = reader.has("--org")
            ? Graphs.org(model, format: format, metrics: metrics, words: words)
            : Graphs.landscape(model, format: format, metrics: metrics, words: words)
        guard let text else { return ExitCode.usage }
        return emit(text, to: output, io: io) ? status : ExitCode.usage
    }

    /// Writes `text` to `path` (atomically) or to stdout. False after an I/O error.
    static func emit(_ text: String, to path: String?, io: CommandIO) -> Bool {
        guard let path, path != "-" else {
            io.out(text)
            return true
        }
        do {
            try writeAtomically(Array(text.utf8), to: path)
            return true
        } catch {
            io.err("orgc graph: cannot write \(path)\n")
            return false
        }
    }
}
