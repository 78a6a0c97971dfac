import OrgaSemantics
import OrgaAnalysis
import OrgaSupport

/// The fixed texts of the kpi and pool sections in German and English.
public enum KpiPoolLabel: CaseIterable, Sendable {
    case kpiSection, poolSection, kpi, owner, better, higher, lower, process, year, plan, actual, achievement, met
    case yes, no, matrix, utilisation, pool, receiver, deployment, period, fteAverage, filledEffective, deployed
    case unitFigures, unit, deployedIn, deployedOut, available, cover, noPeriod, overCommitted, chartNote, total, atDate

    public func text(_ lang: OutputLanguage) -> String { lang == .de ? pair.0 : pair.1 }

    private var pair: (String, String) {
        switch self {
        case .kpiSection: ("Kennzahlen", "KPIs")
        case .poolSection: ("Pools", "Pools")
        case .kpi: ("Kennzahl", "KPI")
        case .owner: ("Verantwortlich", "Owner")
        case .better: ("Richtung", "Better")
        case .higher: ("höher ist besser", "higher")
        case .lower: ("niedriger ist besser", "lower")
        case .process: ("Prozess", "Process")
        case .year: ("Jahr", "Year")
        case .plan: ("Plan", "Plan")
        case .actual: ("Ist", "Actual")
        case .achievement: ("Zielerreichung %", "Achievement %")
        case .met: ("erreicht", "met")
        case .yes: ("ja", "yes")
        case .no: ("nein", "no")
        case .matrix: ("Einsatzmatrix (VZÄ im Durchschnitt des Zeitraums)", "Deployment matrix (fte, period average)")
        case .utilisation: ("Auslastung %", "Utilisation %")
        case .pool: ("Pool", "Pool")
        case .receiver: ("Empfänger", "Receiver")
        case .deployment: ("Einsatz", "Deployment")
        case .period: ("Zeitraum", "Period")
        case .fteAverage: ("VZÄ im Durchschnitt", "fte average")
        case .filledEffective: ("Ist effektiv VZÄ", "Effective filled fte")
        case .deployed: ("Eingesetzt VZÄ", "Deployed fte")
        case .unitFigures: ("Verfügbar und Deckung je Einheit", "Available and cover per unit")
        case .unit: ("Einheit", "Unit")
        case .deployedIn: ("Erhalten VZÄ", "Deployed in fte")
        case .deployedOut: ("Abgegeben VZÄ", "Deployed out fte")
        case .available: ("Verfügbar VZÄ", "Available fte")
        case .cover: ("Deckung VZÄ", "Cover fte")
        case .noPeriod: ("Ohne Modelljahr (`year`) gibt es keinen Zeitraum: Durchschnitte fehlen.",
                         "Without a model year (`year`) there is no period: averages are missing.")
        case .overCommitted: ("überbucht ab", "over-committed from")
        case .chartNote: ("Balken: Plan (hell) und Ist (dunkel) je Jahr", "Bars: plan (light) and actual (dark) per year")
        case .total: ("Summe", "Total")
        case .atDate: ("Stichtag", "Date")
        }
    }
}

/// The report sections of kpis and pools in every format. They appear only when the
/// model declares kpis or pool units, so reports of models without them are unchanged.
public enum KpiPoolSections {
    static func t(_ ctx: ReportContext, _ l: KpiPoolLabel) -> String { l.text(ctx.language) }

    static func title(_ k: Kpi) -> String { k.title ?? k.name }

    static func betterText(_ ctx: ReportContext, _ b: KpiDirection?) -> String {
        switch b {
        case .higher?: t(ctx, .higher)
        case .lower?: t(ctx, .lower)
        case nil: ctx.numbers.missing
        }
    }

    static func metText(_ ctx: ReportContext, _ m: Bool?) -> String {
        m.map { t(ctx, $0 ? .yes : .no) } ?? ctx.numbers.missing
    }

    /// The kpi table: one row per kpi and year.
    static func kpiTable(_ ctx: ReportContext, numbers n: NumberFormat) -> PlainTable {
        var rows: [[String]] = []
        for r in ctx.kpis {
            let k = ctx.model.kpis[r.kpi]
            let owner = ctx.unitName(k.owner), process = ctx.processName(k.process)
            if r.years.isEmpty {
                rows.append([title(k), owner, betterText(ctx, k.better), process, "", "", "", "", ""])
            }
            for y in r.years {
                rows.append([title(k), owner, betterText(ctx, k.better), process, String(y.year), n.compact(y.plan, 4),
                             n.compact(y.actual, 4), n.percent(y.achievement, 1), metText(ctx, y.met)])
            }
        }
        return PlainTable(header: [t(ctx, .kpi), t(ctx, .owner), t(ctx, .better), t(ctx, .process), t(ctx, .year), t(ctx, .plan),
                                   t(ctx, .actual), t(ctx, .achievement), t(ctx, .met)],
                          numeric: [false, false, false, false, false, true, true, true, false], rows: rows)
    }

    static func periodText(_ ctx: ReportContext, _ d: Deployment) -> String {
        d.period.map { $0.text(ctx.language) } ?? ctx.numbers.missing
    }

    /// Pools × receivers: the period average of all deployments between them.
    static func matrixTable(_ ctx: ReportContext, numbers n: NumberFormat) -> PlainTable {
        let p = ctx.pools
        var rows: [[String]] = []
        for pool in p.pools {
            var row = [ctx.unitName(pool.unit)]
            for r in p.receivers { row.append(n.fixed(p.matrixCell(pool: pool.unit, receiver: r, ctx.model), 3)) }
            row.append(n.fixed(pool.deployed, 3))
            rows.append(row)
        }
        let header = [t(ctx, .pool) + " / " + t(ctx, .receiver)] + p.receivers.map { ctx.unitName($0) } + [t(ctx, .total)]
        return PlainTable(header: header, numeric: [false] + p.receivers.map { _ in true } + [true], rows: rows)
    }

    /// One row per deployment.
    static func deploymentTable(_ ctx: ReportContext, numbers n: NumberFormat, digits: Int = 3) -> PlainTable {
        var rows: [[String]] = []
        for d in ctx.pools.deployments {
            let m = ctx.model.deployments[d.deployment]
            rows.append([ctx.unitName(m.pool), m.title ?? m.name, ctx.unitName(m.to), periodText(ctx, m), n.fixed(d.fteAverage, digits)])
        }
        return PlainTable(header: [t(ctx, .pool), t(ctx, .deployment), t(ctx, .receiver), t(ctx, .period), t(ctx, .fteAverage)],
                          numeric: [false, false, false, false, true], rows: rows)
    }

    /// One row per pool: effective filled, deployed, utilisation, over-commitment.
    static func utilisationTable(_ ctx: ReportContext, numbers n: NumberFormat) -> PlainTable {
        var rows: [[String]] = []
        for pool in ctx.pools.pools {
            let over = pool.overCommitment.map { ctx.dateText($0.date.iso) } ?? ""
            rows.append([ctx.unitName(pool.unit), n.fixed(pool.effectiveFilled, 3), n.fixed(pool.deployed, 3), n.percent(pool.utilisation, 1), over])
        }
        return PlainTable(header: [t(ctx, .pool), t(ctx, .filledEffective), t(ctx, .deployed), t(ctx, .utilisation), t(ctx, .overCommitted)],
                          numeric: [false, true, true, true, false], rows: rows)
    }

    /// Units with capacity deployed in or out (rolled up): available and cover.
    static func unitTable(_ ctx: ReportContext, numbers n: NumberFormat) -> PlainTable {
        var rows: [[String]] = []
        for (u, _) in ctx.unitRows where ctx.pools.units.contains(u) {
            let f = ctx.pools.units[u]
            guard f.deployedIn != 0 || f.deployedOut != 0 else { continue }
            rows.append([ctx.unitName(u), n.fixed(f.deployedIn, 3), n.fixed(f.deployedOut, 3), n.fixed(f.available, 3), n.signed(f.cover, 3)])
        }
        return PlainTable(header: [t(ctx, .unit), t(ctx, .deployedIn), t(ctx, .deployedOut), t(ctx, .available), t(ctx, .cover)],
                          numeric: [false, true, true, true, true], rows: rows)
    }

    /// "Zeitraum 01.01.2022–31.12.2022", or with `--at` "Stichtag 01.09.2022".
    static func periodLine(_ ctx: ReportContext) -> String? {
        if let at = ctx.evaluation?.at { return "\(t(ctx, .atDate)) \(at.text(ctx.language))" }
        return ctx.pools.period.map { "\(t(ctx, .period)) \($0.text(ctx.language))" }
    }

    static func hasPools(_ ctx: ReportContext) -> Bool { !ctx.pools.pools.isEmpty || !ctx.model.deployments.isEmpty }

    // MARK: Markdown

    public static func markdown(_ ctx: ReportContext, level: Int = 2) -> String {
        let h = String(repeating: "#", count: level)
        var out = ""
        if !ctx.model.kpis.isEmpty {
            out += "\(h) \(t(ctx, .kpiSection))\n\n" + kpiTable(ctx, numbers: ctx.numbers).markdown() + "\n"
        }
        if hasPools(ctx) {
            out += "\(h) \(t(ctx, .poolSection))\n\n"
            out += Escape.markdown(periodLine(ctx) ?? t(ctx, .noPeriod)) + "\n\n"
            out += "\(h)# \(t(ctx, .matrix))\n\n" + matrixTable(ctx, numbers: ctx.numbers).markdown() + "\n"
            out += deploymentTable(ctx, numbers: ctx.numbers).markdown() + "\n"
            out += "\(h)# \(t(ctx, .utilisation))\n\n" + utilisationTable(ctx, numbers: ctx.numbers).markdown() + "\n"
            out += "\(h)# \(t(ctx, .unitFigures))\n\n" + unitTable(ctx, numbers: ctx.numbers).markdown() + "\n"
        }
        return out
    }

    // MARK: HTML

    public static func htmlNavigation(_ ctx: ReportContext, prefix: String) -> [(id: String, title: String)] {
        var out: [(String, String)] = []
        if !ctx.model.kpis.isEmpty { out.append(("\(prefix)kpis", t(ctx, .kpiSection))) }
        if hasPools(ctx) { out.append(("\(prefix)pools", t(ctx, .poolSection))) }
        return out
    }

    public static func html(_ ctx: ReportContext, prefix: String) -> String {
        let h = Escape.html
        var out = ""
        if !ctx.model.kpis.isEmpty {
            out += "<section id=\"\(prefix)kpis\">\n<h2>\(h(t(ctx, .kpiSection)))</h2>\n"
            out += kpiTable(ctx, numbers: ctx.numbers).html()
            out += "<p class=\"note\">\(h(t(ctx, .chartNote)))</p>\n"
            for r in ctx.kpis where !r.years.isEmpty { out += kpiChart(ctx, r) }
            out += "</section>\n"
        }
        if hasPools(ctx) {
            out += "<section id=\"\(prefix)pools\">\n<h2>\(h(t(ctx, .poolSection)))</h2>\n"
            out += "<p class=\"note\">\(h(periodLine(ctx) ?? t(ctx, .noPeriod)))</p>\n"
            out += "<h3>\(h(t(ctx, .matrix)))</h3>\n" + matrixTable(ctx, numbers: ctx.numbers).html()
            out += deploymentTable(ctx, numbers: ctx.numbers).html()
            out += "<h3>\(h(t(ctx, .utilisation)))</h3>\n" + utilisationTable(ctx, numbers: ctx.numbers).html()
            out += "<h3>\(h(t(ctx, .unitFigures)))</h3>\n" + unitTable(ctx, numbers: ctx.numbers).html()
            out += "</section>\n"
        }
        return out
    }

    /// Plan and actual per year as bars (inline SVG), with the numbers written beside them.
    static func kpiChart(_ ctx: ReportContext, _ r: KpiResult) -> String {
        let h = Escape.html
        let k = ctx.model.kpis[r.kpi]
        let maxValue = r.years.reduce(0.0) { max($0, max($1.plan ?? 0, $1.actual)) }
        let scale = maxValue > 0 ? 300 / maxValue : 0
        let rowHeight = 34.0, left = 60.0
        let height = 30 + rowHeight * Double(r.years.count)
        let n = ctx.numbers
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"520\" height=\"\(HTMLReport.c(height))\" role=\"img\" aria-label=\"\(h(title(k)))\">\n"
        svg += "<text x=\"0\" y=\"16\" font-weight=\"bold\">\(h(title(k)))</text>\n"
        for (i, y) in r.years.enumerated() {
            let top = 26 + rowHeight * Double(i)
            let plan = (y.plan ?? 0) * scale, actual = y.actual * scale
            svg += "<text x=\"0\" y=\"\(HTMLReport.c(top + 18))\">\(y.year)</text>\n"
            svg += "<rect x=\"\(HTMLReport.c(left))\" y=\"\(HTMLReport.c(top))\" width=\"\(HTMLReport.c(plan))\" height=\"12\" fill=\"#9ecae1\"><title>\(h(t(ctx, .plan))) \(h(n.compact(y.plan, 4)))</title></rect>\n"
            svg += "<text x=\"\(HTMLReport.c(left + plan + 4))\" y=\"\(HTMLReport.c(top + 10))\" font-size=\"11\">\(h(t(ctx, .plan))) \(h(n.compact(y.plan, 4)))</text>\n"
            svg += "<rect x=\"\(HTMLReport.c(left))\" y=\"\(HTMLReport.c(top + 14))\" width=\"\(HTMLReport.c(actual))\" height=\"12\" fill=\"#3182bd\"><title>\(h(t(ctx, .actual))) \(h(n.compact(y.actual, 4)))</title></rect>\n"
            svg += "<text x=\"\(HTMLReport.c(left + actual + 4))\" y=\"\(HTMLReport.c(top + 24))\" font-size=\"11\">\(h(t(ctx, .actual))) \(h(n.compact(y.actual, 4))) (\(h(n.percent(y.achievement, 1))) %)</text>\n"
        }
        return svg + "</svg>\n"
    }

    // MARK: CSV

    /// `orgc report --format csv --table kpis`: one row per kpi and year.
    public static func kpisCSV(_ ctx: ReportContext) -> String {
        let n = NumberFormat(ctx.language, grouping: false, missing: "")
        var table = kpiTable(ctx, numbers: n)
        table.header.insert(ctx.language == .de ? "Kürzel" : "id", at: 0)
        var rows: [[String]] = []
        for r in ctx.kpis {
            let count = max(1, r.years.count)
            for _ in 0..<count { rows.append([ctx.model.kpis[r.kpi].name]) }
        }
        table.rows = zip(rows, table.rows).map { $0 + $1 }
        table.numeric.insert(false, at: 0)
        return CSVReport.bom + table.csv(ctx.language)
    }

    /// `orgc report --format csv --table pools`: one row per deployment.
    public static func poolsCSV(_ ctx: ReportContext) -> String {
        let n = NumberFormat(ctx.language, grouping: false, missing: "")
        var table = deploymentTable(ctx, numbers: n, digits: 6)
        table.header.insert(ctx.language == .de ? "Kürzel" : "id", at: 1)
        table.numeric.insert(false, at: 1)
        table.rows = zip(ctx.pools.deployments, table.rows).map { d, row in
            var r = row
            r.insert(ctx.model.deployments[d.deployment].name, at: 1)
            return r
        }
        return CSVReport.bom + table.csv(ctx.language)
    }

    // MARK: JSON

    static func num(_ v: Double?) -> JSONValue { JSONReport.num(v) }

    public static func kpisJSON(_ ctx: ReportContext) -> JSONValue {
        .array(ctx.kpis.map { r in
            let k = ctx.model.kpis[r.kpi]
            return .object([
                ("id", .string(k.name)),
                ("title", k.title.map { .string($0) } ?? .null),
                ("owner", k.owner.map { .string(ctx.unitName($0)) } ?? .null),
                ("better", k.better.map { .string($0.rawValue) } ?? .null),
                ("process", k.process.map { .string(ctx.processName($0)) } ?? .null),
                ("years", .array(r.years.map { y in
                    .object([("year", .int(y.year)), ("plan", num(y.plan)), ("actual", num(y.actual)),
                             ("achievement", num(y.achievement)), ("met", y.met.map { .bool($0) } ?? .null)])
                })),
            ])
        })
    }

    public static func poolsJSON(_ ctx: ReportContext) -> JSONValue {
        let p = ctx.pools
        return .array(p.pools.map { pool in
            .object([
                ("unit", .string(ctx.unitName(pool.unit))),
                ("filled_effective_fte", num(pool.effectiveFilled)),
                ("deployed_fte", num(pool.deployed)),
                ("utilisation", num(pool.utilisation)),
                ("deployments", .array(pool.deployments.compactMap { i -> JSONValue? in
                    guard let f = p.deployments.first(where: { $0.deployment == i }) else { return nil }
                    let d = ctx.model.deployments[i]
                    return .object([
                        ("id", .string(d.name)), ("title", d.title.map { .string($0) } ?? .null),
                        ("to", d.to.map { .string(ctx.unitName($0)) } ?? .null), ("fte_average", num(f.fteAverage)),
                        ("from", d.period.map { .string($0.first.iso) } ?? .null),
                        ("until", d.period.map { .string($0.last.iso) } ?? .null),
                    ])
                })),
            ])
        })
    }
}
