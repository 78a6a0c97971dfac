import OrgaSemantics
import OrgaAnalysis
import OrgaSupport

/// The report sections of assessments (matrices, responsibility charts) in every
/// report format. They appear only when the model declares assessments, so reports of
/// models without them are unchanged.
public enum AssessmentSections {
    static func tables(_ ctx: ReportContext) -> AssessmentTables {
        AssessmentTables(model: ctx.model, language: ctx.language, numbers: ctx.numbers)
    }

    static func heading(_ kind: String, title: String?, name: String) -> String {
        (title.map { "\(kind): \($0)" } ?? kind) + " (\(name))"
    }

    // MARK: Markdown

    public static func markdown(_ ctx: ReportContext, level: Int = 2) -> String {
        let tb = tables(ctx)
        let h = String(repeating: "#", count: level)
        let e = Escape.markdown
        var out = ""
        for f in MatrixFigures.all(ctx.model) {
            let m = ctx.model.matrices[f.matrix]
            out += "\(h) \(e(heading(tb.t(.matrixSection), title: m.title, name: m.name)))\n\n"
            out += e(tb.matrixSummary(f)) + "\n\n"
            out += tb.matrixIndex(f).markdown() + "\n"
            out += "\(tb.t(.heatLegend)). \(e(tb.t(.disagreement))).\n\n"
            out += "\(h)# \(tb.t(.cellDetails))\n\n" + tb.matrixCells(f).markdown() + "\n"
        }
        for r in RaciTable.all(ctx.model) {
            let c = ctx.model.raciCharts[r.chart]
            out += "\(h) \(e(heading(tb.t(.raciSection), title: c.title, name: c.name)))\n\n"
            out += tb.raciMatrix(r).markdown() + "\n" + e(tb.t(.raciLegend)) + "\n\n"
            out += "\(h)# \(tb.t(.countsPerParty))\n\n" + tb.raciCounts(r).markdown() + "\n"
        }
        return out
    }

    // MARK: HTML

    /// Section ids and titles for the report's navigation.
    public static func htmlNavigation(_ ctx: ReportContext, prefix: String) -> [(id: String, title: String)] {
        var out: [(String, String)] = []
        if !ctx.model.matrices.isEmpty { out.append(("\(prefix)matrices", AssessmentLabel.matrixSection.text(ctx.language))) }
        if !ctx.model.raciCharts.isEmpty { out.append(("\(prefix)raci", AssessmentLabel.raciSection.text(ctx.language))) }
        return out
    }

    public static func html(_ ctx: ReportContext, prefix: String) -> String {
        let tb = tables(ctx)
        let h = Escape.html
        var out = ""
        if !ctx.model.matrices.isEmpty {
            out += "<section id=\"\(prefix)matrices\">\n<h2>\(h(tb.t(.matrixSection)))</h2>\n"
            for f in MatrixFigures.all(ctx.model) {
                let m = ctx.model.matrices[f.matrix]
                out += "<h3>\(h(m.title ?? m.name)) <code>\(h(m.name))</code></h3>\n<p class=\"note\">\(h(tb.matrixSummary(f)))</p>\n"
                out += tb.matrixIndex(f).html(cssClass: "heat")
                out += "<p class=\"note\">\(h(tb.t(.heatLegend))). \(h(tb.t(.disagreement))).</p>\n"
                out += "<details><summary>\(h(tb.t(.cellDetails)))</summary>\n" + tb.matrixCells(f).html() + "</details>\n"
            }
            out += "</section>\n"
        }
        if !ctx.model.raciCharts.isEmpty {
            out += "<section id=\"\(prefix)raci\">\n<h2>\(h(tb.t(.raciSection)))</h2>\n"
            for r in RaciTable.all(ctx.model) {
                let c = ctx.model.raciCharts[r.chart]
                out += "<h3>\(h(c.title ?? c.name)) <code>\(h(c.name))</code></h3>\n"
                out += tb.raciMatrix(r).html(cssClass: "raci")
                out += "<p class=\"note\">\(h(tb.t(.raciLegend)))</p>\n"
                out += "<h4>\(h(tb.t(.countsPerParty)))</h4>\n" + tb.raciCounts(r).html()
            }
            out += "</section>\n"
        }
        return out
    }

    // MARK: CSV

    /// `orgc report --format csv --table matrices`: one row per cell of every matrix.
    public static func matricesCSV(_ ctx: ReportContext) -> String {
        let tb = AssessmentTables.forCSV(model: ctx.model, language: ctx.language)
        let de = ctx.language == .de
        var header: [String] = []
        var body = ""
        for f in MatrixFigures.all(ctx.model) {
            var t = tb.matrixCells(f)
            // The ⚑ mark is for readers; CSV gets the number alone.
            t.rows = t.rows.map { row in row.map { $0.hasSuffix(" ⚑") ? String($0.dropLast(2)) : $0 } }
            header = [de ? "Matrix" : "matrix"] + t.header
            let lines = t.csv(ctx.language).split(separator: "\r\n", omittingEmptySubsequences: true).dropFirst()
            let sep = de ? ";" : ","
            let name = Escape.csv(ctx.model.matrices[f.matrix].name, separator: Character(sep))
            for l in lines { body += name + sep + l + "\r\n" }
        }
        if header.isEmpty {
            let t = tb.t
            header = [de ? "Matrix" : "matrix", t(.area), t(.aspect), t(.mean), t(.min), t(.max), t(.spread), t(.n), t(.target), t(.gap)]
        }
        let sep: Character = de ? ";" : ","
        return CSVReport.bom + header.map { Escape.csv($0, separator: sep) }.joined(separator: String(sep)) + "\r\n" + body
    }

    /// `orgc report --format csv --table raci`: one row per task, party and role.
    public static func raciCSV(_ ctx: ReportContext) -> String {
        let de = ctx.language == .de
        let sep: Character = de ? ";" : ","
        func cell(_ s: String) -> String { Escape.csv(s, separator: sep) }
        var lines = [[de ? "Diagramm" : "chart", de ? "Aufgabe" : "task", de ? "Prozessschritt" : "step", de ? "Beteiligte" : "party", de ? "Rolle" : "role"]
            .map(cell).joined(separator: String(sep))]
        for c in ctx.model.raciCharts {
            for task in c.tasks {
                for role in RaciRole.allCases {
                    for p in task.parties(role) where p.party != nil {
                        lines.append([c.name, task.name, task.step == nil ? "" : (task.stepText ?? ""), p.name, role.rawValue]
                            .map(cell).joined(separator: String(sep)))
                    }
                }
            }
        }
        return CSVReport.bom + lines.joined(separator: "\r\n") + "\r\n"
    }

    // MARK: JSON

    static func num(_ v: Double?) -> JSONValue { JSONReport.num(v) }

    public static func matricesJSON(_ model: Model) -> JSONValue {
        .array(MatrixFigures.all(model).map { f in
            let m = model.matrices[f.matrix]
            let areas = Array(m.areas.prefix(f.laidOutAreas)), aspects = Array(m.aspects.prefix(f.laidOutAspects))
            var cells: [JSONValue] = []
            for (a, area) in areas.enumerated() {
                for (k, aspect) in aspects.enumerated() {
                    let c = f.cells[a][k]
                    cells.append(.object([("area", .string(area.name)), ("aspect", .string(aspect.name)), ("mean", num(c.mean)),
                                          ("min", num(c.min)), ("max", num(c.max)), ("spread", num(c.spread)), ("n", .int(c.n)),
                                          ("target", num(c.target)), ("gap", num(c.gap))]))
                }
            }
            return .object([
                ("id", .string(m.name)),
                ("title", m.title.map { .string($0) } ?? .null),
                ("scale", m.scale.map { .array([.number($0.lower), .number($0.upper)]) } ?? .null),
                ("areas", .array(m.areas.map { .string($0.name) })),
                ("aspects", .array(m.aspects.map { .string($0.name) })),
                ("raters", .array(f.raters.map { .string(m.ratings[$0].name) })),
                ("cells", .array(cells)),
                ("area_means", .object(m.areas.enumerated().map { ($0.element.name, num(f.areaMeans[$0.offset])) })),
                ("aspect_means", .object(m.aspects.enumerated().map { ($0.element.name, num(f.aspectMeans[$0.offset])) })),
            ])
        })
    }

    public static func raciJSON(_ model: Model) -> JSONValue {
        .array(RaciTable.all(model).map { r in
            let c = model.raciCharts[r.chart]
            func ids(_ ps: [RaciParty]) -> JSONValue {
                var seen = Set<Party>()
                return .array(ps.compactMap { p in p.party.flatMap { seen.insert($0).inserted ? .string(model.partyName($0)) : nil } })
            }
            let tasks: [JSONValue] = c.tasks.map { t in
                let accountable = t.accountable.compactMap(\.party)
                return .object([
                    ("id", .string(t.name)),
                    ("title", t.title.map { .string($0) } ?? .null),
                    ("step", t.step == nil ? .null : .string(t.stepText ?? "")),
                    ("R", ids(t.responsible)),
                    ("A", accountable.count == 1 ? .string(model.partyName(accountable[0])) : .null),
                    ("C", ids(t.consulted)),
                    ("I", ids(t.informed)),
                ])
            }
            return .object([
                ("id", .string(c.name)),
                ("title", c.title.map { .string($0) } ?? .null),
                ("tasks", .array(tasks)),
                ("parties", .object(r.counts.map { (model.partyName($0.party), .object([("R", .int($0.r)), ("A", .int($0.a)), ("C", .int($0.c)), ("I", .int($0.i))])) })),
            ])
        })
    }
}
