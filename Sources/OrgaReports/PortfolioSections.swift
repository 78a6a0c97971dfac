import OrgaSemantics
import OrgaAnalysis
import OrgaSupport

/// The fixed texts of the portfolio section in German and English.
public enum PortfolioLabel: CaseIterable, Sendable {
    case section, programme, fields, field, owner, projects, period, budget, programmeBudget, scenario, saving
    case planned, running, done, stopped, noStatus, status, project, milestones, openMilestones, overdue, overdueSince
    case workload, overdueList, noAsof, asof, noField, total, noScenario, withoutBudget, milestone, due, nothingOverdue
    case incomplete, depends, delivers, noneWord, deployments

    public func text(_ lang: OutputLanguage) -> String { lang == .de ? pair.0 : pair.1 }

    private var pair: (String, String) {
        switch self {
        case .section: ("Portfolio", "Portfolio")
        case .programme: ("Programm", "Programme")
        case .fields: ("Handlungsfelder", "Fields of action")
        case .field: ("Handlungsfeld", "Field")
        case .owner: ("Verantwortlich", "Owner")
        case .projects: ("Projekte", "Projects")
        case .period: ("Zeitraum", "Period")
        case .budget: ("Budget (EUR)", "Budget (EUR)")
        case .programmeBudget: ("Programmbudget", "Programme budget")
        case .scenario: ("Szenario", "Scenario")
        case .saving: ("Einsparung (EUR/Jahr)", "Saving (EUR/year)")
        case .planned: ("geplant", "planned")
        case .running: ("laufend", "running")
        case .done: ("abgeschlossen", "done")
        case .stopped: ("gestoppt", "stopped")
        case .noStatus: ("ohne Status", "no status")
        case .status: ("Status", "Status")
        case .project: ("Projekt", "Project")
        case .milestones: ("Meilensteine", "Milestones")
        case .openMilestones: ("offene Meilensteine", "Open milestones")
        case .overdue: ("überfällig", "overdue")
        case .overdueSince: ("überfällig seit", "overdue since")
        case .workload: ("Last je Verantwortlichen", "Workload per owner")
        case .overdueList: ("Überfällig", "Overdue")
        case .noAsof: ("Kein Stichtag (asof) gesetzt: nichts gilt als überfällig.", "No status date (asof) set: nothing counts as overdue.")
        case .asof: ("Stichtag", "Status date")
        case .noField: ("ohne Handlungsfeld", "no field")
        case .total: ("Summe", "Total")
        case .noScenario: ("kein Szenario: keine Einsparungen berechnet", "no scenario: no savings computed")
        case .withoutBudget: ("Projekte ohne Budget", "projects without budget")
        case .milestone: ("Meilenstein", "Milestone")
        case .due: ("fällig am", "due")
        case .nothingOverdue: ("Nichts ist überfällig.", "Nothing is overdue.")
        case .incomplete: ("unvollständig", "incomplete")
        case .depends: ("hängt ab von", "depends on")
        case .delivers: ("setzt um", "delivers")
        case .noneWord: ("keins", "none")
        case .deployments: ("Einsätze aus Pools", "Pool deployments")
        }
    }

    public static func status(_ s: ProjectStatus?, _ lang: OutputLanguage) -> String {
        switch s {
        case .planned?: PortfolioLabel.planned.text(lang)
        case .running?: PortfolioLabel.running.text(lang)
        case .done?: PortfolioLabel.done.text(lang)
        case .stopped?: PortfolioLabel.stopped.text(lang)
        case nil: PortfolioLabel.noStatus.text(lang)
        }
    }
}

/// The portfolio section (programmes, fields, projects, owners, overdue) in every
/// report format. It appears only when the model declares programmes or projects.
public enum PortfolioSections {
    struct Tables {
        let ctx: ReportContext
        let figures: PortfolioFigures
        var model: Model { ctx.model }
        var lang: OutputLanguage { ctx.language }
        func t(_ l: PortfolioLabel) -> String { l.text(lang) }
        func eur(_ v: Double?) -> String { v.map { ctx.numbers.fixed($0, 0) } ?? "–" }
        func date(_ d: CalendarDate?) -> String { d.map { $0.text(lang) } ?? "–" }

        func fieldName(_ prog: ProgrammeID, _ f: Int?) -> String {
            guard let f, model.programmes.contains(prog), f >= 0, f < model.programmes[prog].fields.count else { return "" }
            return model.programmes[prog].name + "." + model.programmes[prog].fields[f].name
        }

        func fieldTitle(_ prog: ProgrammeID, _ f: Int?) -> String {
            guard let f, model.programmes.contains(prog), f >= 0, f < model.programmes[prog].fields.count else { return t(.noField) }
            let field = model.programmes[prog].fields[f]
            return field.title.map { "\($0) (\(field.name))" } ?? field.name
        }

        func saving(_ v: Double?, incomplete: Bool) -> String {
            guard let v else { return "–" }
            return eur(v) + (incomplete ? " (\(t(.incomplete)))" : "")
        }

        /// One programme's summary line.
        func summary(_ g: PortfolioFigures.ProgrammeFigures) -> String {
            let p = model.programmes[g.programme]
            var parts: [String] = []
            if p.owner != nil { parts.append("\(t(.owner)): \(model.ownerName(p.owner))") }
            if let span = p.period { parts.append("\(t(.period)): \(span.text(lang))") }
            parts.append("\(t(.programmeBudget)): \(eur(p.budget)) EUR")
            if let s = p.scenario, model.scenarios.contains(s) {
                parts.append("\(t(.scenario)): \(model.scenarios[s].title ?? model.scenarios[s].name)")
            } else {
                parts.append(t(.noScenario))
            }
            return parts.joined(separator: "; ")
        }

        /// Fields of one programme: status counts, budget and saving, with the total and the programme's budget.
        func fields(_ g: PortfolioFigures.ProgrammeFigures) -> PlainTable {
            var table = PlainTable(header: [t(.field), t(.owner), t(.projects), t(.planned), t(.running), t(.done), t(.stopped),
                                            t(.budget), t(.saving)],
                                   numeric: [false, false, true, true, true, true, true, true, true], rows: [])
            let p = model.programmes[g.programme]
            var counts = [0, 0, 0, 0], projects = 0
            for f in g.fields {
                let owner = f.field.flatMap { $0 < p.fields.count ? model.ownerName(p.fields[$0].owner) : nil } ?? ""
                var budget = eur(f.budget)
                if f.projectsWithoutBudget > 0 { budget += " (\(f.projectsWithoutBudget) \(t(.withoutBudget)))" }
                table.rows.append([fieldTitle(g.programme, f.field), owner, "\(f.projects.count)"] + f.statusCounts.map { "\($0)" }
                                  + [budget, saving(f.annualSaving, incomplete: f.savingIncomplete)])
                for k in 0..<4 { counts[k] += f.statusCounts[k] }
                projects += f.projects.count
            }
            table.rows.append([t(.total), "", "\(projects)"] + counts.map { "\($0)" }
                              + [eur(g.projectsBudget), saving(g.annualSaving, incomplete: g.savingIncomplete)])
            table.totalRows.insert(table.rows.count - 1)
            table.rows.append([t(.programmeBudget), "", "", "", "", "", "", eur(p.budget), ""])
            return table
        }

        func projects() -> PlainTable {
            var table = PlainTable(header: [t(.project), t(.field), t(.owner), t(.period), t(.status), t(.budget), t(.saving),
                                            t(.openMilestones), t(.overdue)],
                                   numeric: [false, false, false, false, false, true, true, true, false], rows: [])
            for f in figures.projects {
                let p = model.projects[f.project]
                let field = p.programme.map { p.field == nil ? model.programmes[$0].name : fieldName($0, p.field) } ?? ""
                let overdue = f.overdueSince.map { "\(t(.overdueSince)) \($0.text(lang))" } ?? ""
                table.rows.append([(p.title.map { "\($0) (\(p.name))" } ?? p.name), field, model.ownerName(p.owner),
                                   p.period?.text(lang) ?? "–", PortfolioLabel.status(p.status, lang), eur(p.budget),
                                   saving(f.annualSaving, incomplete: f.savingIncomplete), "\(f.openMilestones)", overdue])
            }
            // Deployments from pools (`deploy … { to PROJECT }`): a column only when there are some.
            if figures.projects.contains(where: { !$0.deployments.isEmpty }) {
                table.header.append(t(.deployments))
                table.numeric.append(false)
                for (r, f) in figures.projects.enumerated() where r < table.rows.count {
                    table.rows[r].append(f.deployments.map(deploymentText).joined(separator: "; "))
                }
            }
            return table
        }

        func workload() -> PlainTable {
            PlainTable(header: [t(.owner), t(.projects), t(.openMilestones)], numeric: [false, true, true],
                       rows: figures.owners.map { [$0.name, "\($0.projects)", "\($0.milestonesOpen)"] })
        }

        func overdueList() -> PlainTable {
            var table = PlainTable(header: [t(.project), t(.milestone), t(.due), t(.overdueSince)], numeric: [false, false, false, false], rows: [])
            for f in figures.projects {
                let p = model.projects[f.project]
                if let since = f.overdueSince { table.rows.append([p.name, "", date(p.period?.last), date(since)]) }
                for (k, since) in f.milestoneOverdueSince.enumerated() {
                    guard let since, k < p.milestones.count else { continue }
                    let m = p.milestones[k]
                    table.rows.append([p.name, m.title.map { "\($0) (\(m.name))" } ?? m.name, date(m.date), date(since)])
                }
            }
            return table
        }

        /// `Digi-Paten (Pool PoolIT): 1,5 VZÄ, 01.01.2025–30.06.2025`.
        func deploymentText(_ k: DeploymentID) -> String {
            guard model.deployments.contains(k) else { return "" }
            let d = model.deployments[k]
            let pool = model.units.contains(d.pool) ? model.units[d.pool].name : ""
            var amount = ""
            if let f = d.fteSetting.value { amount = ctx.numbers.compact(f, 2) + (lang == .de ? " VZÄ" : " fte") }
            else if let h = d.hoursSetting.value { amount = ctx.numbers.fixed(h, 0) + (lang == .de ? " Std." : " h") }
            let parts = [amount, d.period?.text(lang) ?? ""].filter { !$0.isEmpty }
            return (d.title ?? d.name) + " (" + (lang == .de ? "Pool " : "pool ") + pool + ")" + (parts.isEmpty ? "" : ": " + parts.joined(separator: ", "))
        }

        var asofLine: String {
            if let a = figures.asof { return "\(t(.asof)): \(a.text(lang))." }
            return t(.noAsof)
        }
    }

    static func tables(_ ctx: ReportContext) -> Tables {
        Tables(ctx: ctx, figures: PortfolioFigures.compute(ctx.model, whatIf: ctx.whatIf))
    }

    static func present(_ ctx: ReportContext) -> Bool { !ctx.model.programmes.isEmpty || !ctx.model.projects.isEmpty }

    // MARK: Markdown

    public static func markdown(_ ctx: ReportContext, level: Int = 2) -> String {
        guard present(ctx) else { return "" }
        let tb = tables(ctx)
        let h = String(repeating: "#", count: level)
        let e = Escape.markdown
        var out = "\(h) \(tb.t(.section))\n\n" + e(tb.asofLine) + "\n\n"
        for g in tb.figures.programmes {
            let p = ctx.model.programmes[g.programme]
            out += "\(h)# \(e(tb.t(.programme) + ": " + (p.title.map { "\($0) (\(p.name))" } ?? p.name)))\n\n"
            out += e(tb.summary(g)) + ".\n\n" + tb.fields(g).markdown() + "\n"
        }
        out += "\(h)# \(tb.t(.projects))\n\n" + tb.projects().markdown() + "\n"
        out += "\(h)# \(tb.t(.workload))\n\n" + tb.workload().markdown() + "\n"
        out += "\(h)# \(tb.t(.overdueList))\n\n"
        let overdue = tb.overdueList()
        if tb.figures.asof == nil { out += e(tb.t(.noAsof)) + "\n\n" }
        else if overdue.rows.isEmpty { out += e(tb.t(.nothingOverdue)) + "\n\n" }
        else { out += overdue.markdown() + "\n" }
        return out
    }

    // MARK: HTML

    public static func htmlNavigation(_ ctx: ReportContext, prefix: String) -> [(id: String, title: String)] {
        present(ctx) ? [("\(prefix)portfolio", PortfolioLabel.section.text(ctx.language))] : []
    }

    public static func html(_ ctx: ReportContext, prefix: String) -> String {
        guard present(ctx) else { return "" }
        let tb = tables(ctx)
        let h = Escape.html
        var out = "<section id=\"\(prefix)portfolio\">\n<h2>\(h(tb.t(.section)))</h2>\n<p class=\"note\">\(h(tb.asofLine))</p>\n"
        for g in tb.figures.programmes {
            let p = ctx.model.programmes[g.programme]
            out += "<h3>\(h(p.title ?? p.name)) <code>\(h(p.name))</code></h3>\n<p class=\"note\">\(h(tb.summary(g))).</p>\n"
            out += tb.fields(g).html()
        }
        out += "<h3>\(h(tb.t(.projects)))</h3>\n" + tb.projects().html()
        out += "<h3>\(h(tb.t(.workload)))</h3>\n" + tb.workload().html()
        out += "<h3>\(h(tb.t(.overdueList)))</h3>\n"
        let overdue = tb.overdueList()
        if tb.figures.asof == nil { out += "<p class=\"note\">\(h(tb.t(.noAsof)))</p>\n" }
        else if overdue.rows.isEmpty { out += "<p class=\"note\">\(h(tb.t(.nothingOverdue)))</p>\n" }
        else { out += overdue.html() }
        return out + "</section>\n"
    }

    // MARK: CSV

    /// `orgc report --format csv --table projects`: one row per project (plain numbers, empty when missing).
    public static func projectsCSV(_ ctx: ReportContext) -> String {
        let figures = PortfolioFigures.compute(ctx.model, whatIf: ctx.whatIf)
        let de = ctx.language == .de
        let n = NumberFormat(ctx.language, grouping: false)
        let lang = ctx.language
        func l(_ x: PortfolioLabel) -> String { x.text(lang) }
        var table = PlainTable(header: [de ? "Programm" : "programme", l(.field), de ? "Projekt" : "project", de ? "Titel" : "title", l(.owner),
                                        de ? "Beginn" : "from", de ? "Ende" : "until", l(.status), l(.budget), l(.saving),
                                        l(.openMilestones), l(.overdueSince)],
                               numeric: [false, false, false, false, false, false, false, false, true, true, true, false], rows: [])
        for f in figures.projects {
            let p = ctx.model.projects[f.project]
            let prog = p.programme.flatMap { ctx.model.programmes.element(at: $0) }
            let field = p.field.flatMap { f in prog.flatMap { f < $0.fields.count ? $0.fields[f].name : nil } } ?? ""
            table.rows.append([prog?.name ?? "", field, p.name, p.title ?? "", ctx.model.ownerName(p.owner),
                               p.period?.first.iso ?? "", p.period?.last.iso ?? "", p.status.map { de ? PortfolioLabel.status($0, lang) : $0.rawValue } ?? "",
                               p.budget.map { n.fixed($0, 2) } ?? "", f.annualSaving.map { n.fixed($0, 2) } ?? "",
                               "\(f.openMilestones)", f.overdueSince?.iso ?? ""])
        }
        return CSVReport.bom + table.csv(ctx.language)
    }

    // MARK: JSON

    static func num(_ v: Double?) -> JSONValue { JSONReport.num(v) }
    static func str(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }

    /// `programmes`, `projects` and `owners` (docs/report-json.md).
    public static func json(_ ctx: ReportContext) -> [(String, JSONValue)] {
        guard present(ctx) else { return [] }
        let model = ctx.model
        let figures = PortfolioFigures.compute(model, whatIf: ctx.whatIf)
        let statusKeys = ["planned", "running", "done", "stopped"]
        let programmes: [JSONValue] = figures.programmes.map { g in
            let p = model.programmes[g.programme]
            let fields: [JSONValue] = g.fields.compactMap { f in
                guard let fi = f.field, fi < p.fields.count else { return nil }
                let field = p.fields[fi]
                return .object([("id", .string(field.name)), ("title", str(field.title)), ("owner", field.owner == nil ? .null : .string(model.ownerName(field.owner))),
                                ("projects", .int(f.projects.count)), ("budget_eur", .number(f.budget)),
                                ("status_counts", .object(statusKeys.enumerated().map { ($0.element, .int(f.statusCounts[$0.offset])) })),
                                ("annual_saving_eur", num(f.annualSaving))])
            }
            let scenario = p.scenario.flatMap { model.scenarios.element(at: $0)?.name }
            return .object([("id", .string(p.name)), ("title", str(p.title)), ("owner", p.owner == nil ? .null : .string(model.ownerName(p.owner))),
                            ("from", str(p.period?.first.iso)), ("until", str(p.period?.last.iso)), ("budget_eur", num(p.budget)),
                            ("scenario", str(scenario)), ("fields", .array(fields))])
        }
        let projects: [JSONValue] = figures.projects.map { f in
            let p = model.projects[f.project]
            let prog = p.programme.flatMap { model.programmes.element(at: $0) }
            let field = p.field.flatMap { fi in prog.flatMap { fi < $0.fields.count ? $0.fields[fi].name : nil } }
            let milestones: [JSONValue] = p.milestones.enumerated().map { k, m in
                .object([("id", .string(m.name)), ("title", str(m.title)), ("date", str(m.date?.iso)), ("done", .bool(m.done)),
                         ("overdue", .bool(k < f.milestoneOverdueSince.count && f.milestoneOverdueSince[k] != nil))])
            }
            return .object([("id", .string(p.name)), ("title", str(p.title)), ("programme", str(prog?.name)), ("field", str(field)),
                            ("owner", p.owner == nil ? .null : .string(model.ownerName(p.owner))),
                            ("from", str(p.period?.first.iso)), ("until", str(p.period?.last.iso)), ("status", str(p.status?.rawValue)),
                            ("budget_eur", num(p.budget)),
                            ("depends", .array(p.depends.compactMap { model.projects.element(at: $0.value).map { .string($0.name) } })),
                            ("delivers", .array(p.delivers.compactMap { model.measures.element(at: $0.value).map { .string($0.name) } })),
                            ("annual_saving_eur", num(f.annualSaving)), ("overdue", .bool(f.overdue)), ("milestones", .array(milestones))])
        }
        let owners: [JSONValue] = figures.owners.map {
            .object([("id", .string($0.name)), ("projects", .int($0.projects)), ("milestones_open", .int($0.milestonesOpen))])
        }
        return [("programmes", .array(programmes)), ("projects", .array(projects)), ("owners", .array(owners))]
    }
}
