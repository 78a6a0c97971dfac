import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import OrgaSyntax
import OrgaSemantics
import OrgaAnalysis
import OrgaGraphs

/// `orgc graph`: process swimlanes, org chart, landscape; DOT, Mermaid, SVG, BPMN 2.0.
enum GraphCommand {
    static let help = """
        Usage: orgc graph (--process P | --all-processes -o DIR | --org | --landscape | --measures | --gantt | --projects)
                          [--format dot|mermaid|svg|bpmn] [--metrics] [--lang de|en] [--scenario S] [--year Y | --at DATE]
                          [-o FILE|DIR] [--any-extension] [PATH]

        Draws one model (PATH: a directory or a .orga file; default the current directory).
          --process P       one process as swimlanes (lanes = performing unit, actor, system)
          --all-processes   every process, one file each, into the directory given with -o
          --org             the Organigramm: unit boxes top-down with their positions,
                            planned / filled / need fte, heads, vacancy and kw markers
          --landscape       all processes grouped by owner unit, with their calls
          --measures        the measures and what each requires, with cost, saving and
                            payback (in the --scenario S given, else in each scenario applying it)
          --gantt           the projects of the portfolio over time (svg or mermaid): bars by
                            status, milestones as diamonds, dependencies as arrows, fields as
                            groups, a line at the status date `asof`; cut beyond 500 rows
          --projects        projects, their dependencies and the measures they deliver

          --matrix NAME     a matrix's heat map (svg, md, csv); --raci NAME a responsibility
                            chart (md, html, csv): see `orgc graph --matrix X --help`
          --format          svg (default), dot (Graphviz), mermaid, bpmn (BPMN 2.0 XML with
                            diagram layout; processes only)
          --metrics         show visits per case and fte on process steps
          --lang            de (default: German words and numbers, 5.200 Fälle/Jahr, 4,735 VZÄ)
                            or en (English, 5,200 cases/year, 4.735 fte)
          --scenario S      draw scenario S: the model with S's changes and measures applied
                            (with --measures: the savings in S)
        \(TimeOption.help)
          -o FILE|DIR       write to FILE (or into DIR with --all-processes) instead of stdout
          --any-extension   read a file named as PATH as Orga even if it does not end in .orga
        Output is deterministic. If the model has errors they are printed to stderr, what
        can be drawn is drawn anyway, and the exit code is 1.
        Exit codes: 0 ok, 1 the model has errors, 2 usage or I/O problem (e.g. unknown process).

        """

    static func run(_ args: [String], io: CommandIO) -> Int32 {
        // Assessments have their own formats (AssessmentGraphCommand).
        if args.contains(where: { ["--matrix", "--raci"].contains($0.split(separator: "=").first.map(String.init) ?? $0) }) {
            return AssessmentGraphCommand.run(args, io: io)
        }
        var status = ExitCode.ok
        guard let (reader, (format, lang)) = ArgumentReader.parse(
            args, command: "graph", help: help, io: io, valued: ["--process", "--format", "--lang", "-o", "--output", "--scenario", "--year", "--at"],
            switches: ["--all-processes", "--org", "--landscape", "--measures", "--gantt", "--projects", "--metrics", "-h", "--any-extension"], status: &status, { r in
                (GraphFormat(rawValue: try r.choice("--format", GraphFormat.allCases.map(\.rawValue), default: "svg")) ?? .svg,
                 try r.choice("--lang", ["de", "en"], default: "de"))
            }) else { return status }
        let modes = [reader.value("--process") != nil, reader.has("--all-processes"), reader.has("--org"), reader.has("--landscape"), reader.has("--measures"),
                     reader.has("--gantt"), reader.has("--projects")]
        guard modes.filter({ $0 }).count == 1 else {
            io.err("orgc graph: choose exactly one of --process P, --all-processes, --org, --landscape, --measures, --gantt, --projects\n\n" + help)
            return ExitCode.usage
        }
        if reader.has("--gantt") && (format == .dot || format == .bpmn) {
            io.err("orgc graph: --gantt draws svg or mermaid\n")
            return ExitCode.usage
        }
        if format == .bpmn && (reader.has("--org") || reader.has("--landscape") || reader.has("--measures") || reader.has("--projects")) {
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
        guard case .success(let evaluation) = TimeOption.parse(reader, command: "graph", io: io) else { return ExitCode.usage }
        guard let loaded = loadModels(reader.positional, command: "graph", anyExtension: reader.has("--any-extension"), io: io), let files = loaded.first?.files else { return ExitCode.usage }
        let checked = Analyzer.check(files: files)
        TimeOption.warnIfFar(evaluation, checked.model, command: "graph", io: io)
        // Figures as the report shows them: dated values over the period first, then the
        // scenario's changes on top (PeriodEvaluation.base).
        let base = PeriodEvaluation.base(of: checked.model, asked: evaluation).model
        let model: Model
        var scenario: ScenarioID? = nil
        switch ScenarioOption.choose(reader.value("--scenario"), in: checked.model, command: "graph", io: io) {
        case .unknown: return ExitCode.usage
        case .scenario(let s):
            scenario = s
            model = reader.has("--measures") ? base : ScenarioEvaluator.apply(base, scenario: s)
        case .base: model = base
        }
        let words: Words = lang == "de" ? .de : .en

        // Errors: reported, then drawn anyway.
        let errors = model.diagnostics.filter { $0.severity == .error }
        if !errors.isEmpty {
            var sources: [String: SourceFile] = [:]
            for f in checked.sources.files { sources[f.path] = f }
            io.err(DiagnosticPrinter(sources: sources, language: lang == "de" ? .de : .en).text(errors, color: false))
            io.err(lang == "de" ? "orgc graph: das Modell hat Fehler; gezeichnet wird, was sich zeichnen lässt\n" : "orgc graph: the model has errors; drawing what can be drawn\n")
            status = ExitCode.findings
        }

        if let name = reader.value("--process") {
            guard let p = model.processes.firstID(where: { $0.name == name }) else {
                let names = model.processes.map(\.name)
                let hint = Suggestions.best(for: name, among: names).map { "; did you mean `\($0)`?" } ?? ""
                io.err("orgc graph: no process `\(name)` in the model\(hint)\n")
                if hint.isEmpty && !names.isEmpty {
                    io.err("processes: " + names.prefix(20).joined(separator: ", ") + (names.count > 20 ? " …" : "") + "\n")
                }
                return ExitCode.usage
            }
            let metrics = reader.has("--metrics") ? staffing(model) : nil
            let text = Graphs.process(model, p, format: format, metrics: metrics, showMetrics: metrics != nil, words: words)
            warnIfTruncated(text, name, io: io)
            return emit(text, to: output, io: io) ? status : ExitCode.usage
        }
        if reader.has("--all-processes"), let dir = output {
            do {
                try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            } catch {
                io.err("orgc graph: cannot create directory \(dir)\n")
                return ExitCode.usage
            }
            let metrics = reader.has("--metrics") ? staffing(model) : nil
            // File names first (sequentially: collisions get the process index as prefix),
            // then render and write in parallel; every process is independent.
            var used = Set<String>()
            var paths: [String] = []
            for p in model.processes.ids {
                var file = Graphs.fileName(model.processes[p].name, format)
                if !used.insert(file).inserted {
                    file = "\(p.index)_" + file
                    used.insert(file)
                }
                paths.append(dir.hasSuffix("/") ? dir + file : dir + "/" + file)
            }
            let targets = paths
            let failed = FailedPaths()
            let truncated = FailedPaths()
            let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8, targets.count))
            let showMetrics = metrics != nil
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                var p = w   // process index: the paths are in process order
                while p < targets.count {
                    let text = Graphs.process(model, ProcessID(p), format: format, metrics: metrics, showMetrics: showMetrics, words: words)
                    if !writeIfChanged(text, to: targets[p]) { failed.add(targets[p]) }
                    if format == .mermaid && text.contains(MermaidWriter.truncatedMarker) { truncated.add(targets[p]) }
                    p += workers
                }
            }
            for path in truncated.all {
                io.err("orgc graph: warning: \(path) was cut to Mermaid's limits (\(MermaidWriter.maxEdges) edges, \(MermaidWriter.maxTextSize) characters); use --format svg, dot or bpmn for the whole graph\n")
            }
            if let first = failed.first {
                io.err("orgc graph: cannot write \(first)\n")
                return ExitCode.usage
            }
            return status
        }
        if reader.has("--gantt") {
            guard let text = Graphs.gantt(model, format: format, german: lang == "de") else { return ExitCode.usage }
            if text.contains(GanttChart.cutMarker) {
                io.err("orgc graph: warning: the Gantt chart was cut to \(GanttChart.maxRows) projects; the report lists them all\n")
            }
            return emit(text, to: output, io: io) ? status : ExitCode.usage
        }
        if reader.has("--projects") {
            let whatIf = model.scenarios.isEmpty ? nil : WhatIfAnalysis.analyze(model, base: StaffingAnalysis.analyze(model))
            guard let text = Graphs.projects(model, whatIf: whatIf, format: format, german: lang == "de") else { return ExitCode.usage }
            warnIfTruncated(text, "the projects graph", io: io)
            return emit(text, to: output, io: io) ? status : ExitCode.usage
        }
        if reader.has("--measures") {
            let whatIf = WhatIfAnalysis.analyze(model, base: StaffingAnalysis.analyze(model))
            guard let text = Graphs.measures(model, whatIf: whatIf, scenario: scenario, format: format, german: lang == "de") else { return ExitCode.usage }
            warnIfTruncated(text, "the measures graph", io: io)
            return emit(text, to: output, io: io) ? status : ExitCode.usage
        }
        let metrics = staffing(model)
        let text = reader.has("--org")
            ? Graphs.org(model, format: format, metrics: metrics, words: words)
            : Graphs.landscape(model, format: format, metrics: metrics, words: words)
        guard let text else { return ExitCode.usage }
        warnIfTruncated(text, reader.has("--org") ? "the org chart" : "the landscape", io: io)
        return emit(text, to: output, io: io) ? status : ExitCode.usage
    }

    /// The figures of `model`, whose dated values are evaluated already (`base` above).
    static func staffing(_ model: Model) -> GraphMetrics { GraphMetrics(StaffingAnalysis.analyze(model)) }

    static func warnIfTruncated(_ text: String, _ what: String, io: CommandIO) {
        guard text.hasPrefix("flowchart"), text.contains(MermaidWriter.truncatedMarker) else { return }
        io.err("orgc graph: warning: \(what) was cut to Mermaid's limits (\(MermaidWriter.maxEdges) edges, \(MermaidWriter.maxTextSize) characters); use --format svg, dot or bpmn for the whole graph\n")
    }

    /// Writes `text` to `path` (atomically) or to stdout. False after an I/O error.
    static func emit(_ text: String, to path: String?, io: CommandIO) -> Bool {
        guard let path, path != "-" else {
            io.out(text)
            return true
        }
        guard writeReplacing(text, to: path) else {
            io.err("orgc graph: cannot write \(path)\n")
            return false
        }
        return true
    }

    /// For `--all-processes`: leaves a file alone when it already has this content
    /// (its time stamp too, so make-style rebuilds stay quiet) and otherwise rewrites it
    /// in place. Thousands of files: no temporary files, no fsync, no new inodes on a
    /// rerun (creating inodes dominated the run time on ext4).
    static func writeIfChanged(_ text: String, to path: String) -> Bool {
        var t = text
        let count = t.utf8.count
        var st = stat()
        if stat(path, &st) == 0 && Int(st.st_size) == count {
            if let data = FileManager.default.contents(atPath: path), data.count == count {
                let same = t.withUTF8 { buf in data.withUnsafeBytes { raw in raw.elementsEqual(buf) } }
                if same { return true }
            }
        }
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { return false }
        let ok = writeAll(fd, &t)
        return close(fd) == 0 && ok
    }

    static func writeAll(_ fd: Int32, _ text: inout String) -> Bool {
        var ok = true
        text.withUTF8 { buf in
            guard let base = buf.baseAddress else { return }
            var off = 0
            while off < buf.count {
                let n = write(fd, base + off, buf.count - off)
                if n <= 0 {
                    if n < 0 && errno == EINTR { continue }
                    ok = false
                    break
                }
                off += n
            }
        }
        return ok
    }

    /// Writes to a temporary file beside `path`, then renames it over `path`: readers
    /// never see half a file. No fsync: `--all-processes` writes thousands of files,
    /// and a forced flush per file costs more than all the drawing (10 s vs 1 s).
    static func writeReplacing(_ text: String, to path: String) -> Bool {
        let tmp = path + ".orgc-tmp-\(getpid())"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { return false }
        var t = text
        var ok = writeAll(fd, &t)
        if close(fd) != 0 { ok = false }
        if ok && rename(tmp, path) != 0 { ok = false }
        if !ok { unlink(tmp) }
        return ok
    }
}

/// Paths that could not be written, collected from worker threads.
final class FailedPaths: @unchecked Sendable {
    private let lock = NSLock()
    private var paths: [String] = []
    func add(_ p: String) {
        lock.lock()
        paths.append(p)
        lock.unlock()
    }
    var first: String? { all.first }
    var all: [String] {
        lock.lock()
        defer { lock.unlock() }
        return paths.sorted()
    }
}
