import Foundation
import OrgaSyntax
import OrgaSemantics
import OrgaImport

enum ImportCommand {
    static let help = """
        Usage: orgc import bpmn FILE.bpmn… [-o DIR] [--into MODEL] [--force]
               orgc import stellenplan FILE.csv [-o FILE] [--into MODEL] [--columns MAP] [--force]

        Turns what an analyst already has into Orga (docs/import.md). Nothing that the
        input does not say is invented: times, shares and volumes stay out, so that
        `orgc check` lists exactly what is left to fill in; the import prints that list too.

        bpmn         one .orga file per BPMN process (pools of a collaboration included),
                     lanes as units (automated tasks: systems), and declarations.orga
                     with the lanes and callees the model does not have
        stellenplan  a Stellenplan CSV (; , or tab; decimal comma; UTF-8 or Windows-1252)
                     as units and positions with grade, planned and filled fte
          -o         bpmn: output directory (default .); stellenplan: output file
                     (default stellenplan.orga)
          --into     match lanes / units against this model's positions, units, actors
                     and systems by name or title (exact, then ignoring case and umlauts)
          --columns  stellenplan: which column is which when the headers differ, e.g.
                     "position=Stelle Nr,unit=OE,planned=Soll VZÄ" (keys: position,
                     title, unit, grade, planned, filled, kw)
          --force    overwrite existing output files
        Files are written only when the whole input was read, each atomically.
        Exit codes: 0 imported, 1 the input is readable but inconsistent (nothing
        written), 2 usage or I/O problem, or an input that is not BPMN / CSV.

        """

    static func run(_ args: [String], io: CommandIO) -> Int32 {
        guard let kind = args.first, kind == "bpmn" || kind == "stellenplan" else {
            if args.first == "--help" || args.first == "-h" { io.out(help); return ExitCode.ok }
            io.err("orgc import: say what to import: `orgc import bpmn FILE…` or `orgc import stellenplan FILE.csv`\n\n" + help)
            return ExitCode.usage
        }
        var status = ExitCode.ok
        guard let (reader, _) = ArgumentReader.parse(
            Array(args.dropFirst()), command: "import \(kind)", help: help, io: io,
            valued: ["-o", "--output", "--into", "--columns"], switches: ["-h", "--force"], status: &status, { _ in () }) else { return status }
        guard !reader.positional.isEmpty else {
            io.err("orgc import \(kind): name the file\(kind == "bpmn" ? "s" : "") to import\n")
            return ExitCode.usage
        }
        var existing: ExistingModel?
        if let into = reader.value("--into") {
            do {
                let files = try ModelLoader.load(into)
                guard !files.isEmpty else { io.err("orgc import: \(into): no .orga files found\n"); return ExitCode.usage }
                existing = ExistingModel(Analyzer.check(files: files).model)
            } catch {
                io.err("orgc import: \(error)\n")
                return ExitCode.usage
            }
        }
        var columns: [String: String] = [:]
        do { columns = try StellenplanImporter.parseColumns(reader.value("--columns") ?? "") } catch let e as ImportMessage {
            io.err("orgc import \(kind): \(e.text)\n")
            return ExitCode.usage
        } catch { return ExitCode.usage }
        var inputs: [(path: String, bytes: [UInt8])] = []
        for path in reader.positional {
            guard let data = FileManager.default.contents(atPath: path) else {
                io.err("orgc import: \(path): cannot read the file\n")
                return ExitCode.usage
            }
            inputs.append((path, [UInt8](data)))
        }
        let output = reader.value("-o") ?? reader.value("--output")
        let result: ImportResult
        let directory: String
        if kind == "bpmn" {
            result = BPMNImporter.run(inputs, into: existing)
            directory = output ?? "."
        } else {
            guard inputs.count == 1, let input = inputs.first else {
                io.err("orgc import stellenplan: one CSV file at a time\n")
                return ExitCode.usage
            }
            let target = output ?? "stellenplan.orga"
            let name = (target as NSString).lastPathComponent
            result = StellenplanImporter.run(input.path, input.bytes, outputName: name, into: existing, columns: columns)
            directory = (target as NSString).deletingLastPathComponent.isEmpty ? "." : (target as NSString).deletingLastPathComponent
        }
        for m in result.messages { io.err(m.rendered + "\n") }
        if result.hasErrors {
            io.err("orgc import \(kind): nothing written\n")
            return result.unreadable ? ExitCode.usage : ExitCode.findings
        }
        if let problem = write(result.files, to: directory, force: reader.has("--force")) {
            io.err("orgc import \(kind): \(problem); nothing written\n")
            return ExitCode.usage
        }
        for f in result.files { io.out("wrote \((directory as NSString).appendingPathComponent(f.name))\n") }
        for g in result.gaps {
            io.out("  \(g.process): \(g.steps) step\(g.steps == 1 ? "" : "s"), \(g.decisions) decision\(g.decisions == 1 ? "" : "s"); to fill in: \(g.summary)\n")
        }
        for d in result.newDeclarations { io.out("  new: \(d)\n") }
        for line in result.summary { io.out("  \(line)\n") }
        return ExitCode.ok
    }

    /// Writes every file or none: all go to temporary files first, then each is renamed
    /// into place. Returns what went wrong, or nil.
    static func write(_ files: [ImportedFile], to directory: String, force: Bool) -> String? {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        if !fm.fileExists(atPath: directory, isDirectory: &isDir) {
            do { try fm.createDirectory(atPath: directory, withIntermediateDirectories: true) } catch {
                return "cannot create \(directory): \(error.localizedDescription)"
            }
        } else if !isDir.boolValue {
            return "\(directory) is not a directory"
        }
        let paths = files.map { (directory as NSString).appendingPathComponent($0.name) }
        if !force, let clash = paths.first(where: { fm.fileExists(atPath: $0) }) {
            return "\(clash) exists (--force overwrites it)"
        }
        var temps: [String] = []
        func cleanUp() { for t in temps { try? fm.removeItem(atPath: t) } }
        for (f, path) in zip(files, paths) {
            let temp = (directory as NSString).appendingPathComponent(".\(f.name).orgc-import-\(getpid())")
            do {
                try Data(f.text.utf8).write(to: URL(fileURLWithPath: temp))
                temps.append(temp)
            } catch {
                cleanUp()
                return "cannot write \(path): \(error.localizedDescription)"
            }
        }
        for (temp, path) in zip(temps, paths) {
            if rename(temp, path) != 0 {
                cleanUp()
                return "cannot write \(path)"
            }
        }
        return nil
    }
}
