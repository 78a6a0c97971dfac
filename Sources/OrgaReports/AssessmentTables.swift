import OrgaSemantics
import OrgaAnalysis
import OrgaSupport

/// A table of plain (unescaped) texts, rendered as Markdown, HTML or CSV, each format
/// escaping every cell. `shades` (0…1 per cell, nil for none) colours an HTML heat map.
public struct PlainTable: Sendable {
    public var header: [String]
    /// Per column: numbers (right-aligned; in CSV not neutralised as formulas).
    public var numeric: [Bool]
    public var rows: [[String]]
    public var shades: [[Double?]]? = nil
    /// Rows that are totals (bold in HTML).
    public var totalRows: Set<Int> = []

    public init(header: [String], numeric: [Bool], rows: [[String]]) {
        self.header = header
        self.numeric = numeric
        self.rows = rows
    }

    public func markdown() -> String {
        let e = Escape.markdown
        var out = "| " + header.map { $0.isEmpty ? " " : e($0) }.joined(separator: " | ") + " |\n|"
        for i in header.indices { out += (i < numeric.count && numeric[i]) ? "---:|" : "---|" }
        out += "\n"
        for (r, row) in rows.enumerated() {
            let cells = row.map { $0.isEmpty ? " " : (totalRows.contains(r) ? "**\(e($0))**" : e($0)) }
            out += "| " + cells.joined(separator: " | ") + " |\n"
        }
        return out
    }

    public func html(cssClass: String = "") -> String {
        let h = Escape.html
        var out = "<div class=\"scroll\"><table\(cssClass.isEmpty ? "" : " class=\"\(cssClass)\"")>\n<thead><tr>"
        for (i, c) in header.enumerated() { out += "<th\(i < numeric.count && numeric[i] ? " class=\"n\"" : "")>\(h(c))</th>" }
        out += "</tr></thead>\n<tbody>\n"
        for (r, row) in rows.enumerated() {
            out += totalRows.contains(r) ? "<tr class=\"total\">" : "<tr>"
            for (i, c) in row.enumerated() {
                var attrs = i < numeric.count && numeric[i] ? " class=\"n\"" : ""
                if let shades, r < shades.count, i < shades[r].count, let t = shades[r][i] {
                    attrs += " style=\"background:\(HeatPalette.color(t));color:\(HeatPalette.needsLightText(t) ? "#ffffff" : "#000000")\""
                }
                out += "<td\(attrs)>\(h(c))</td>"
            }
            out += "</tr>\n"
        }
        return out + "</tbody>\n</table></div>\n"
    }

    /// CRLF lines; `;` and decimal comma in German, `,` in English (like the CSV report).
    public func csv(_ language: OutputLanguage) -> String {
        let sep: Character = language == .de ? ";" : ","
        var lines = [header.map { Escape.csv($0, separator: sep) }.joined(separator: String(sep))]
        for row in rows {
            lines.append(row.enumerated().map { i, c in Escape.csv(c, separator: sep, numeric: i < numeric.count && numeric[i]) }
                .joined(separator: String(sep)))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }
}

/// The tables of assessments: a matrix's index table and cell details, a
/// responsibility chart as tasks × parties with each party's counts, and the chart
/// derived from a process. Numbers through `numbers` (report: grouped, with a dash for
/// missing values; CSV: plain, empty for missing).
public struct AssessmentTables: Sendable {
    public let model: Model
    public let language: OutputLanguage
    public let numbers: NumberFormat
    /// Decimals of means, spreads and gaps (at most; no trailing zeros).
    public let digits: Int

    public init(model: Model, language: OutputLanguage, numbers: NumberFormat? = nil, digits: Int = 2) {
        self.model = model
        self.language = language
        self.numbers = numbers ?? NumberFormat(language)
        self.digits = digits
    }

    /// For CSV: no grouping, empty cells for missing values, 6 decimals (for further
    /// computation; JSON has the unrounded values).
    public static func forCSV(model: Model, language: OutputLanguage) -> AssessmentTables {
        AssessmentTables(model: model, language: language, numbers: NumberFormat(language, grouping: false, missing: ""), digits: 6)
    }

    public func t(_ l: AssessmentLabel) -> String { l.text(language) }

    func value(_ v: Double?) -> String { numbers.compact(v, digits) }

    /// A gap with its sign (`+1,67`; a missing one as missing).
    func gapText(_ v: Double?) -> String {
        guard let v else { return value(nil) }
        return (v > 0 ? "+" : "") + value(v)
    }

    // MARK: Matrices

    public func label(_ l: MatrixLabel) -> String { l.title ?? l.name }

    /// "Skala 1..4 · Bewertende: A, B · Zielprofil: Z".
    public func matrixSummary(_ f: MatrixFigures) -> String {
        let m = model.matrices[f.matrix]
        let scale = m.scale.map { "\(numbers.compact($0.lower, 2))..\(numbers.compact($0.upper, 2))" } ?? t(.noScale)
        let raters = f.raters.map { m.ratings[$0].name }.joined(separator: ", ")
        let target = f.target.map { m.ratings[$0].name } ?? t(.noTarget)
        return "\(t(.scale)) \(scale) · \(t(.raters)): \(raters.isEmpty ? "—" : raters) · \(t(.targetProfile)): \(target)"
    }

    /// Where a cell's index lies on the scale (0…1), for the heat colour.
    public func shade(_ v: Double?, _ m: Matrix) -> Double? {
        guard let v, let s = m.scale, s.upper > s.lower else { return nil }
        return (v - s.lower) / (s.upper - s.lower)
    }

    /// Areas × aspects with each cell's index (⚑ where the raters disagree), the mean
    /// per area in the last column and the mean per aspect in the last row.
    public func matrixIndex(_ f: MatrixFigures) -> PlainTable {
        let m = model.matrices[f.matrix]
        let areas = Array(m.areas.prefix(f.laidOutAreas)), aspects = Array(m.aspects.prefix(f.laidOutAspects))
        var rows: [[String]] = []
        var shades: [[Double?]] = []
        for (a, area) in areas.enumerated() {
            var row = [label(area)]
            var shadeRow: [Double?] = [nil]
            for k in aspects.indices {
                let c = f.cells[a][k]
                row.append(c.mean == nil ? "" : value(c.mean) + (f.disagree(c) ? " ⚑" : ""))
                shadeRow.append(shade(c.mean, m))
            }
            row.append(value(f.areaMeans[a]))
            shadeRow.append(nil)
            rows.append(row)
            shades.append(shadeRow)
        }
        rows.append([t(.mean)] + f.aspectMeans.map { value($0) } + [""])
        shades.append([Double?](repeating: nil, count: aspects.count + 2))
        var table = PlainTable(header: [t(.area)] + aspects.map(label) + [t(.mean)],
                               numeric: [false] + [Bool](repeating: true, count: aspects.count + 1), rows: rows)
        table.shades = shades
        table.totalRows = [rows.count - 1]
        return table
    }

    /// One row per cell: mean, min, max, spread, n, target, gap.
    public func matrixCells(_ f: MatrixFigures) -> PlainTable {
        let m = model.matrices[f.matrix]
        let areas = Array(m.areas.prefix(f.laidOutAreas)), aspects = Array(m.aspects.prefix(f.laidOutAspects))
        var rows: [[String]] = []
        for (a, area) in areas.enumerated() {
            for (k, aspect) in aspects.enumerated() {
                let c = f.cells[a][k]
                rows.append([area.name, aspect.name, value(c.mean), value(c.min), value(c.max),
                             value(c.spread) + (f.disagree(c) ? " ⚑" : ""), String(c.n), value(c.target),
                             gapText(c.gap)])
            }
        }
        return PlainTable(header: [t(.area), t(.aspect), t(.mean), t(.min), t(.max), t(.spread), t(.n), t(.target), t(.gap)],
                          numeric: [false, false, true, true, true, true, true, true, true], rows: rows)
    }

    // MARK: Responsibility charts

    func roleText(_ roles: [RaciRole]) -> String { roles.map(\.rawValue).joined(separator: ", ") }

    /// Tasks × parties with the roles in the cells.
    public func raciMatrix(_ r: RaciTable) -> PlainTable {
        let chart = model.raciCharts[r.chart]
        var rows: [[String]] = []
        for (i, task) in chart.tasks.enumerated() {
            rows.append([task.title ?? task.name, task.step == nil ? "" : (task.stepText ?? "")] + r.parties.indices.map { roleText(r.roles(task: i, column: $0)) })
        }
        return PlainTable(header: [t(.task), t(.step)] + r.parties.map { model.partyName($0) },
                          numeric: [Bool](repeating: false, count: r.parties.count + 2), rows: rows)
    }

    /// Each party's count of R, A, C and I.
    public func raciCounts(_ r: RaciTable) -> PlainTable {
        PlainTable(header: [t(.party), t(.partyTitle), "R", "A", "C", "I"], numeric: [false, false, true, true, true, true],
                   rows: r.counts.map { [model.partyName($0.party), model.partyTitle($0.party), String($0.r), String($0.a), String($0.c), String($0.i)] })
    }

    /// The chart derived from a process: steps × performers (R from `by`, A the owner's head).
    public func processChart(_ c: ProcessResponsibility) -> PlainTable {
        let proc = model.processes[c.process]
        var rows: [[String]] = []
        for (i, row) in c.rows.enumerated() {
            let node = proc.nodes[row.node]
            rows.append([node.title ?? node.name] + c.parties.map { roleText(c.roles(row: i, party: $0)) })
        }
        return PlainTable(header: [t(.step)] + c.parties.map { model.partyName($0) },
                          numeric: [Bool](repeating: false, count: c.parties.count + 1), rows: rows)
    }
}
