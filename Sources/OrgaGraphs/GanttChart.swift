import OrgaSemantics
import OrgaAnalysis
import OrgaSupport

/// The Gantt chart of the portfolio (`orgc graph --gantt`): one row per project, grouped
/// by programme field, a bar over its period coloured by status, its milestones as
/// diamonds (filled when done, red when overdue), arrows from each dependency's end to
/// the dependent's start and a line at the status date (`asof`). Mermaid `gantt` text
/// or a self-contained SVG. Beyond `maxRows` projects the chart is cut and says so;
/// the time axis chooses its tick step so that a century stays readable.
public enum GanttChart {
    /// Rows drawn at most (Mermaid and SVG); the rest is named in a note.
    public static let maxRows = 500
    /// Marker of a cut chart (in the Mermaid comment and the SVG note), for the CLI's warning.
    public static let cutMarker = "gekürzt/cut"

    struct Row {
        var project: Int
        var group: Int
    }

    struct Group {
        var title: String
        var rows: [Int] = []
    }

    /// Projects grouped by programme field (declared order), then projects directly in
    /// a programme, then projects in no programme; within a group in declaration order.
    static func groups(_ model: Model, german: Bool) -> [Group] {
        var index: [String: Int] = [:]
        var groups: [Group] = []
        func group(_ key: String, _ title: String) -> Int {
            if let g = index[key] { return g }
            index[key] = groups.count
            groups.append(Group(title: title))
            return groups.count - 1
        }
        // A reader sees titles; the programme's title prefixes a field's only where the
        // model has several programmes (the chart's heading names a single one).
        let several = model.programmes.count > 1
        for (pi, prog) in model.programmes.enumerated() {
            for (fi, f) in prog.fields.enumerated() {
                _ = group("\(pi).\(fi)", (several ? (prog.title ?? prog.name) + ": " : "") + (f.title ?? f.name))
            }
        }
        for (j, p) in model.projects.enumerated() {
            let g: Int
            if let pi = p.programme, model.programmes.contains(pi) {
                let prog = model.programmes[pi]
                if let fi = p.field, fi >= 0, fi < prog.fields.count { g = group("\(pi).\(fi)", "") }
                else { g = group("\(pi)", prog.title ?? prog.name) }
            } else {
                g = group("-", german ? "ohne Programm" : "no programme")
            }
            groups[g].rows.append(j)
        }
        return groups.filter { !$0.rows.isEmpty }
    }

    static func projectTitle(_ p: Project) -> String { p.title ?? p.name }

    // MARK: Mermaid

    /// A gantt task title: Mermaid ends it at `:` and reads `#` and `;` specially, so
    /// those become look-alikes; one line.
    static func taskText(_ s: String) -> String {
        var out = ""
        for u in Escape.singleLine(s).unicodeScalars {
            switch u {
            case ":": out += "∶"
            case ";": out += ","
            case "#": out += "№"
            case "%": out += "‰"
            case "{", "}": out += u == "{" ? "(" : ")"
            default: out.unicodeScalars.append(u)
            }
        }
        let t = out.trimmingCharactersInSpaces()
        return t.isEmpty ? "–" : t
    }

    public static func mermaid(_ model: Model, figures: PortfolioFigures, german: Bool) -> String {
        let title = model.programmes.first.map { $0.title ?? $0.name } ?? (german ? "Projekte" : "Projects")
        // The title as a comment: Mermaid's `title` keyword would be the one English word of a German chart.
        var out = "gantt\n    %% \(Escape.mermaidComment(title))\n    dateFormat YYYY-MM-DD\n    axisFormat %Y\n    inclusiveEndDates\n    todayMarker off\n"
        let groups = groups(model, german: german)
        var drawn = 0, cut = 0, undated: [String] = []
        for g in groups {
            var lines = ""
            for j in g.rows {
                let p = model.projects[j]
                guard let span = p.period else { undated.append(p.name); continue }
                guard drawn < maxRows else { cut += 1; continue }
                drawn += 1
                let f = j < figures.projects.count ? figures.projects[j] : nil
                var tags: [String] = []
                switch p.status {
                case .done?: tags.append("done")
                case .running?: tags.append("active")
                default: break
                }
                if p.status == .stopped || f?.overdue == true { tags.append("crit") }
                lines += "    \(taskText(projectTitle(p))) :\((tags + ["p\(j)"]).joined(separator: ", ")), \(span.first.iso), \(span.last.iso)\n"
                for (k, m) in p.milestones.enumerated() {
                    guard let d = m.date else { continue }
                    var mt = ["milestone"]
                    if m.done { mt.append("done") }
                    if let f, k < f.milestoneOverdueSince.count, f.milestoneOverdueSince[k] != nil { mt.append("crit") }
                    lines += "    \(taskText(m.title ?? m.name)) :\(mt.joined(separator: ", ")), p\(j)m\(k), \(d.iso), 0d\n"
                }
            }
            if !lines.isEmpty { out += "    section \(taskText(g.title))\n" + lines }
        }
        if let asof = model.settings.asof {
            out += "    section \(german ? "Stichtag" : "Status date")\n"
            out += "    \(german ? "Stichtag" : "Status date") \(asof.text(german ? .de : .en)) :milestone, crit, asof, \(asof.iso), 0d\n"
        }
        if cut > 0 {
            out += "    %% \(cutMarker): \(cut) " + (german ? "weitere Projekte nicht gezeichnet (höchstens \(maxRows))" : "more projects not drawn (at most \(maxRows))") + "\n"
        }
        if !undated.isEmpty {
            out += "    %% " + Escape.mermaidComment((german ? "ohne Zeitraum: " : "without period: ") + undated.prefix(20).joined(separator: ", ")
                                                     + (undated.count > 20 ? " …" : "")) + "\n"
        }
        return out
    }
}

extension String {
    /// The text without leading and trailing spaces (no Foundation in this module's API).
    func trimmingCharactersInSpaces() -> String {
        let s = unicodeScalars
        guard let a = s.firstIndex(where: { $0 != " " }), let b = s.lastIndex(where: { $0 != " " }) else { return "" }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: s[a...b])
        return String(out)
    }
}
