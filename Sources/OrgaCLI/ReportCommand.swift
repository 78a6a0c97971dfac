import Foundation
import OrgaSyntax
import OrgaSemantics
import OrgaAnalysis
import OrgaReports
import OrgaSupport

enum ReportCommand {
    static let help = """
        Usage: orgc report [--format md|html|csv|json|xlsx] [--lang de|en] [--units] [--table T] [--what-if] [--scenario S] [--year Y | --at DATE] [-o FILE] [--any-extension] [PATH…]

        Computes the staffing need (Personalbemessung) of every position, unit and process,
        compares it with the Stellenplan (planned) and the staff actually there (filled),
        prices it and ranks the processes by Prozess-DNA.
          --format   md (default), html (one self-contained file with charts), csv
                     (positions; UTF-8 with BOM for Excel), json (docs/report-json.md) or
                     xlsx (an Excel workbook whose figures are live formulas over the
                     inputs; needs -o FILE and one model; docs/staffing.md, Excel)
          --lang     de (default: German labels, 1.234,56) or en (English, 1,234.56)
          --units    csv: add the units to the table
          --what-if  csv: instead of the positions, the effect of every scenario entry
                     and both cuts of every target (one table)
          --scenario S  the report of scenario S (its changes and measures applied);
                     measures, scenarios and targets are always shown against the base
        \(TimeOption.help)
          --table    csv: positions (default), matrices (one row per matrix cell),
                     raci (one row per task, party and role), kpis (one row per kpi
                     and year), pools (one row per deployment) or projects (one row
                     per project of the portfolio)
          -o FILE    write to FILE instead of standard output
          --any-extension  read a file named as PATH as Orga even if it does not end in .orga
        A model with errors still gets a report for the parts that are complete; the
        findings section lists every diagnostic, and the errors are printed on standard
        error too.
        Exit codes: 0 ok, 1 the model has errors, 2 usage or I/O problem.

        """

    static func run(_ args: [String], io: CommandIO) -> Int32 {
        var status = ExitCode.ok
        guard let (reader, (format, lang)) = ArgumentReader.parse(
            args, command: "report", help: help, io: io, valued: ["--format", "--lang", "-o", "--output", "--scenario", "--table", "--year", "--at"],
            switches: ["--units", "--what-if", "-h", "--timings", "--any-extension"], status: &status, { r in
                (try r.choice("--format", ["md", "html", "csv", "json", "xlsx"], default: "md"),
                 OutputLanguage(rawValue: try r.choice("--lang", ["de", "en"], default: "de")) ?? .de)
            }) else { return status }
        if format == "xlsx", (reader.value("-o") ?? reader.value("--output")).map({ $0 == "-" }) ?? true {
            io.err("orgc report: --format xlsx writes a workbook: give -o FILE.xlsx\n")
            return ExitCode.usage
        }
        guard case .success(let evaluation) = TimeOption.parse(reader, command: "report", io: io) else { return ExitCode.usage }
        var clock = PhaseClock()
        guard let models = loadModels(reader.positional, command: "report", anyExtension: reader.has("--any-extension"), io: io) else { return ExitCode.usage }
        clock.lap("load")
        var contexts: [ReportContext] = []
        for (_, files) in models {
            // The same two steps as `orgc check` (parse, then build and check), so that the
            // two commands share every gain and their phases compare.
            let trees = Parser.parseAll(files)
            clock.lap("parse")
            let model = Analyzer.check(trees: trees)
            clock.lap("check")
            var scenario: ScenarioID? = nil
            switch ScenarioOption.choose(reader.value("--scenario"), in: model.model, command: "report", io: io) {
            case .unknown: return ExitCode.usage
            case .scenario(let s): scenario = s
            case .base: break
            }
            TimeOption.warnIfFar(evaluation, model.model, command: "report", io: io)
            // Dated values: the staffing engine runs on the period figures (ReportContext).
            let result = PeriodEvaluation.hasDatedValues(model.model) ? nil : StaffingAnalysis.analyze(model.model)
            clock.lap("analyze")
            contexts.append(ReportContext(model: model, result: result, language: lang, scenario: scenario, evaluation: evaluation))
            io.keepUntilExit((trees, contexts[contexts.count - 1]))
            clock.lap("what-if")
        }
        if format == "xlsx" {
            return writeWorkbook(contexts, reader: reader, io: io)
        }
        if format == "json" {
            // Bytes from the buffer they were written into to the file, without a `String`
            // in between (validating and copying 22 MB took ≈ 10 % of the 100k-line report).
            if let path = reader.value("-o") ?? reader.value("--output"), path != "-" {
                let bytes = JSONReport.renderBytes(contexts)
                clock.lap("render")
                guard emit(bytes: bytes, reader: reader, io: io, command: "report") else { return ExitCode.usage }
            } else {
                // Standard output takes the report in pieces of 32 MB: the 100k-line model's
                // 22 MB in one write(2), the 100,000-process model's 248 MB without holding
                // it all (peak memory 937 → … MB). Render and write are one phase here.
                JSONReport.render(contexts, chunk: 32 << 20) { io.outBytes($0) }
                clock.lap("render")
            }
            clock.lap("write")
            return finish(contexts, clock: clock, reader: reader, io: io)
        }
        let text: String
        switch format {
        case "html":
            text = HTMLReport.render(contexts)
        case "csv" where reader.has("--what-if"):
            text = contexts.enumerated().map { CSVReport.whatIf($0.element, bom: $0.offset == 0) }.joined()
        case "csv" where reader.value("--table") == "matrices":
            text = contexts.map(AssessmentSections.matricesCSV).joined()
        case "csv" where reader.value("--table") == "raci":
            text = contexts.map(AssessmentSections.raciCSV).joined()
        case "csv" where reader.value("--table") == "kpis":
            text = contexts.map(KpiPoolSections.kpisCSV).joined()
        case "csv" where reader.value("--table") == "pools":
            text = contexts.map(KpiPoolSections.poolsCSV).joined()
        case "csv" where reader.value("--table") == "projects":
            text = contexts.map(PortfolioSections.projectsCSV).joined()
        case "csv":
            if let table = reader.value("--table"), table != "positions" {
                io.err("orgc report: --table must be positions, matrices, raci, kpis, pools or projects, not \(table)\n")
                return ExitCode.usage
            }
            if contexts.count == 1 {
                text = CSVReport.render(contexts[0], units: reader.has("--units"))
            } else {
                var parts: [String] = []
                for (i, ctx) in contexts.enumerated() {
                    let t = CSVReport.render(ctx, units: reader.has("--units"), modelColumn: models[i].path, bom: i == 0)
                    parts.append(i == 0 ? t : t.split(separator: "\r\n", maxSplits: 1, omittingEmptySubsequences: false).dropFirst().joined())
                }
                text = parts.joined()
            }
        default:
            text = contexts.map(MarkdownReport.render).joined(separator: "\n---\n\n")
        }
        clock.lap("render")
        guard emit(text, reader: reader, io: io, command: "report") else { return ExitCode.usage }
        clock.lap("write")
        return finish(contexts, clock: clock, reader: reader, io: io)
    }

    /// The timings, the errors on standard error, and the exit code.
    static func finish(_ contexts: [ReportContext], clock: PhaseClock, reader: ArgumentReader, io: CommandIO) -> Int32 {
        if reader.has("--timings") { io.err(clock.report()) }
        reportErrors(contexts, io: io, command: "report")
        return contexts.contains { $0.hasErrors } ? ExitCode.findings : ExitCode.ok
    }

    /// `--format xlsx`: one model's workbook, written atomically to `-o FILE`.
    static func writeWorkbook(_ contexts: [ReportContext], reader: ArgumentReader, io: CommandIO) -> Int32 {
        guard contexts.count == 1, let ctx = contexts.first else {
            io.err("orgc report: --format xlsx takes one model (got \(contexts.count))\n")
            return ExitCode.usage
        }
        let path = reader.value("-o") ?? reader.value("--output") ?? ""
        guard let bytes = XLSXReport.render(ctx) else {
            io.err("orgc report: the workbook would exceed the ZIP format's 4 GiB limit\n")
            return ExitCode.usage
        }
        do {
            try writeAtomically(bytes, to: path)
        } catch {
            io.err("orgc report: cannot write \(path): \(error.localizedDescription)\n")
            return ExitCode.usage
        }
        return ctx.hasErrors ? ExitCode.findings : ExitCode.ok
    }

    /// A model with errors still gets its report, and exits 1: the errors go to standard
    /// error as well, so that a caller sees why (not only in the report's last section).
    static func reportErrors(_ contexts: [ReportContext], io: CommandIO, command: String) {
        for ctx in contexts where ctx.hasErrors {
            var sources: [String: SourceFile] = [:]
            for f in ctx.sources.files { sources[f.path] = f }
            let errors = ctx.diagnostics.filter { $0.severity == .error }
            let intro = ctx.language == .de
                ? "orgc \(command): das Modell hat Fehler; der Bericht enthält nur, was vollständig berechnet werden konnte:\n\n"
                : "orgc \(command): the model has errors; the report holds only what could be computed completely:\n\n"
            io.err(intro + DiagnosticPrinter(sources: sources, language: ctx.language).text(errors, color: false))
        }
    }

    /// Writes to `-o FILE` (atomically) or standard output. False after an I/O error.
    static func emit(_ text: String, reader: ArgumentReader, io: CommandIO, command: String) -> Bool {
        if let path = reader.value("-o") ?? reader.value("--output"), path != "-" {
            return emit(bytes: Array(text.utf8), reader: reader, io: io, command: command)
        }
        io.out(text)
        return true
    }

    /// `emit` for text that is already UTF-8 bytes.
    static func emit(bytes: [UInt8], reader: ArgumentReader, io: CommandIO, command: String) -> Bool {
        if let path = reader.value("-o") ?? reader.value("--output"), path != "-" {
            do {
                try writeAtomically(bytes, to: path)
            } catch {
                io.err("orgc \(command): cannot write \(path): \(error.localizedDescription)\n")
                return false
            }
        } else {
            io.outBytes(bytes)
        }
        return true
    }
}
