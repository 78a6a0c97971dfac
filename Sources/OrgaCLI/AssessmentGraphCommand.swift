import OrgaSyntax
import OrgaSemantics
import OrgaAnalysis
import OrgaReports
import OrgaGraphs
import OrgaSupport

/// `orgc graph --matrix NAME` (heat map as SVG, or the tables as md/csv) and
/// `orgc graph --raci NAME` (the responsibility chart derived from process NAME —
/// steps × performers, R from `by`, A the owner unit's head — or the `raci` chart NAME,
/// as md/html/csv). Called by `GraphCommand` when either option is given.
enum AssessmentGraphCommand {
    static let help = """
        Usage: orgc graph --matrix NAME [--format svg|md|csv] [--lang de|en] [-o FILE] [PATH]
               orgc graph --raci NAME [--format md|html|csv] [--lang de|en] [-o FILE] [PATH]

          --matrix NAME   the heat map of matrix NAME: index per cell (mean of the raters),
                          n, min–max and the gap to the target; svg (default), or md/csv
                          tables of the index and of every cell's figures
          --raci NAME     the responsibility chart of process NAME (steps × performers:
                          R from `by`, A the head of the owner unit), or of the `raci`
                          chart NAME (tasks × parties and each party's counts); md
                          (default), html or csv
          --lang          de (default, like every command) or en
        Exit codes: 0 ok, 1 the model has errors, 2 usage or I/O problem (e.g. unknown name).

        """

    static func run(_ args: [String], io: CommandIO) -> Int32 {
        var status = ExitCode.ok
        guard let (reader, (format, lang)) = ArgumentReader.parse(
            args, command: "graph", help: help, io: io, valued: ["--matrix", "--raci", "--format", "--lang", "-o", "--output"],
            switches: ["-h", "--any-extension"], status: &status, { r in
                let formats = r.value("--matrix") != nil ? ["svg", "md", "csv"] : ["md", "html", "csv"]
                return (try r.choice("--format", formats, default: formats[0]),
                        OutputLanguage(rawValue: try r.choice("--lang", ["de", "en"], default: "de")) ?? .de)
            }) else { return status }
        let matrixName = reader.value("--matrix"), raciName = reader.value("--raci")
        guard (matrixName == nil) != (raciName == nil) else {
            io.err("orgc graph: choose one of --matrix NAME and --raci NAME\n\n" + help)
            return ExitCode.usage
        }
        guard reader.positional.count <= 1 else {
            io.err("orgc graph: draws one model at a time; got \(reader.positional.count) paths\n")
            return ExitCode.usage
        }
        guard let loaded = loadModels(reader.positional, command: "graph", anyExtension: reader.has("--any-extension"), io: io),
              let files = loaded.first?.files else { return ExitCode.usage }
        let checked = Analyzer.check(files: files)
        let model = checked.model
        let errors = model.diagnostics.filter { $0.severity == .error }
        if !errors.isEmpty {
            var sources: [String: SourceFile] = [:]
            for f in checked.sources.files { sources[f.path] = f }
            io.err(DiagnosticPrinter(sources: sources, language: lang).text(errors, color: false))
            io.err(lang == .de ? "orgc graph: das Modell hat Fehler; gezeichnet wird, was sich zeichnen lässt\n" : "orgc graph: the model has errors; drawing what can be drawn\n")
            status = ExitCode.findings
        }
        let text: String
        if let name = matrixName {
            guard let m = model.matrix(named: name) else {
                return unknown("matrix", name, among: model.matrices.map(\.name), io: io)
            }
            text = matrixText(model, m, format: format, language: lang)
        } else {
            let name = raciName ?? ""
            if let p = model.processes.firstID(where: { $0.name == name }) {
                text = processChartText(model, p, format: format, language: lang)
            } else if let c = model.raciChart(named: name) {
                text = raciText(model, c, format: format, language: lang)
            } else {
                return unknown("process or raci chart", name, among: model.processes.map(\.name) + model.raciCharts.map(\.name), io: io)
            }
        }
        return GraphCommand.emit(text, to: reader.value("-o") ?? reader.value("--output"), io: io) ? status : ExitCode.usage
    }

    static func unknown(_ what: String, _ name: String, among names: [String], io: CommandIO) -> Int32 {
        let hint = Suggestions.best(for: name, among: names).map { "; did you mean `\($0)`?" } ?? ""
        io.err("orgc graph: no \(what) `\(name)` in the model\(hint)\n")
        return ExitCode.usage
    }

    public static func matrixText(_ model: Model, _ m: Int, format: String, language: OutputLanguage) -> String {
        let f = MatrixFigures(model, matrix: m)
        switch format {
        case "md":
            let tb = AssessmentTables(model: model, language: language)
            let matrix = model.matrices[m]
            return "# \(Escape.markdown(matrix.title ?? matrix.name))\n\n\(Escape.markdown(tb.matrixSummary(f)))\n\n" + tb.matrixIndex(f).markdown()
                + "\n\(tb.t(.heatLegend)). \(Escape.markdown(tb.t(.disagreement))).\n\n## \(tb.t(.cellDetails))\n\n" + tb.matrixCells(f).markdown()
        case "csv":
            var t = AssessmentTables.forCSV(model: model, language: language).matrixCells(f)
            t.rows = t.rows.map { row in row.map { $0.hasSuffix(" ⚑") ? String($0.dropLast(2)) : $0 } }
            return CSVReport.bom + t.csv(language)
        default:
            return MatrixHeatMap.svg(model, f, language: language)
        }
    }

    static func htmlPage(_ title: String, _ body: String, language: OutputLanguage) -> String {
        let h = Escape.html
        return """
            <!DOCTYPE html>
            <html lang="\(language.rawValue)">
            <head><meta charset="utf-8"><title>\(h(title))</title>
            <style>body{font-family:Helvetica,Arial,sans-serif;margin:2em;color:#111827}table{border-collapse:collapse}th,td{border:1px solid #cbd5e1;padding:4px 10px;text-align:center}th:first-child,td:first-child{text-align:left}.note{color:#475569}</style>
            </head>
            <body>
            <h1>\(h(title))</h1>
            \(body)</body>
            </html>

            """
    }

    public static func processChartText(_ model: Model, _ p: ProcessID, format: String, language: OutputLanguage) -> String {
        let c = ProcessResponsibility(model, process: p)
        let tb = AssessmentTables(model: model, language: language)
        let proc = model.processes[p]
        let title = "\(tb.t(.processChart)): \(proc.title ?? proc.name)"
        let note = c.accountable == nil ? tb.t(.noHead) : ""
        switch format {
        case "csv":
            return CSVReport.bom + AssessmentTables.forCSV(model: model, language: language).processChart(c).csv(language)
        case "html":
            return htmlPage(title, tb.processChart(c).html() + "<p class=\"note\">\(Escape.html(tb.t(.raciLegend)))</p>\n"
                            + (note.isEmpty ? "" : "<p class=\"note\">\(Escape.html(note))</p>\n"), language: language)
        default:
            return "# \(Escape.markdown(title))\n\n" + tb.processChart(c).markdown() + "\n" + Escape.markdown(tb.t(.raciLegend)) + "\n"
                + (note.isEmpty ? "" : "\n" + Escape.markdown(note) + "\n")
        }
    }

    public static func raciText(_ model: Model, _ ci: Int, format: String, language: OutputLanguage) -> String {
        let r = RaciTable(model, chart: ci)
        let tb = AssessmentTables(model: model, language: language)
        let chart = model.raciCharts[ci]
        let title = chart.title ?? chart.name
        switch format {
        case "csv":
            return CSVReport.bom + AssessmentTables.forCSV(model: model, language: language).raciMatrix(r).csv(language)
        case "html":
            return htmlPage(title, tb.raciMatrix(r).html() + "<p class=\"note\">\(Escape.html(tb.t(.raciLegend)))</p>\n<h2>\(Escape.html(tb.t(.countsPerParty)))</h2>\n"
                            + tb.raciCounts(r).html(), language: language)
        default:
            return "# \(Escape.markdown(title))\n\n" + tb.raciMatrix(r).markdown() + "\n" + Escape.markdown(tb.t(.raciLegend)) + "\n\n## "
                + tb.t(.countsPerParty) + "\n\n" + tb.raciCounts(r).markdown()
        }
    }
}
