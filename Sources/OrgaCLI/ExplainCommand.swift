import OrgaSyntax
import OrgaSupport

enum ExplainCommand {
    static let help = """
        Usage: orgc explain [--lang de|en] CODE…   (e.g. orgc explain E301)
               orgc explain [--lang de|en] --list

        Explains diagnostic codes; --list lists every code with its title.
          --lang     de (default) or en

        """

    static func run(_ args: [String], io: CommandIO) -> Int32 {
        var rest: [String] = []
        var lang = OutputLanguage.de
        var i = 0
        while i < args.count {
            let a = args[i]
            if a == "--lang" || a.hasPrefix("--lang=") {
                let value: String?
                if a == "--lang" { i += 1; value = i < args.count ? args[i] : nil } else { value = String(a.dropFirst("--lang=".count)) }
                guard let v = value, let l = OutputLanguage(rawValue: v) else {
                    io.err("orgc explain: --lang must be one of de, en\n")
                    return ExitCode.usage
                }
                lang = l
            } else {
                rest.append(a)
            }
            i += 1
        }
        if rest.isEmpty || rest.contains("--help") || rest.contains("-h") {
            io.out(help)
            return rest.isEmpty ? ExitCode.usage : ExitCode.ok
        }
        let de = lang == .de
        func severity(_ c: DiagnosticCode) -> String {
            de ? (c.defaultSeverity == .error ? "Fehler" : c.defaultSeverity == .warning ? "Warnung" : "Hinweis") : c.defaultSeverity.rawValue
        }
        if rest == ["--list"] {
            for c in DiagnosticCode.allCases { io.out("\(c.rawValue)  \(severity(c))  \(de ? c.germanTitle : c.title)\n") }
            return ExitCode.ok
        }
        var status = ExitCode.ok
        for a in rest {
            guard let c = DiagnosticCode.named(a) else {
                io.err(de ? "orgc: unbekannter Code `\(a)`; `orgc explain --list` listet alle\n"
                          : "orgc: unknown diagnostic code `\(a)`; `orgc explain --list` lists them\n")
                status = ExitCode.usage
                continue
            }
            io.out("\(c.rawValue) (\(severity(c))): \(de ? c.germanTitle : c.title)\n\n\(de ? c.germanExplanation : c.explanation)\n")
        }
        return status
    }
}
