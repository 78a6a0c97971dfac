import OrgaAnalysis
import OrgaSupport

/// `orgc diff --format md`: a pull-request comment. A one-line summary, the totals, a
/// table of effects, the causes as a list; long lists stop after `top` rows with
/// "and N more", so the comment stays readable when the change is large.
public enum DiffMarkdown {
    public static func render(_ d: ModelDiff, language: OutputLanguage, exceeded: [DiffExceeded] = [],
                              limit: Double? = nil, top: Int = 20) -> String {
        let w = DiffWording(language)
        let e = Escape.markdown
        var out = "### orgc diff: \(e(w.summary(d)))\n\n"
        out += "\(w.t("Alt", "Old")): \(e(w.sideName(d.old))) · \(w.t("Neu", "New")): \(e(w.sideName(d.new)))\n\n"
        if let limit, !exceeded.isEmpty {
            out += "**\(w.t("Grenze überschritten", "Limit exceeded")):** " + exceeded.map { e(w.exceeded($0, limit: limit)) }.joined(separator: "; ") + "\n\n"
        }
        if d.isEmpty { return out }

        out += "| | \(w.t("alt", "old")) | \(w.t("neu", "new")) | Δ |\n|---|---:|---:|---:|\n"
        for (label, f, money) in [(w.t("Bedarf", "Need") + " (\(w.fte))", d.totalNeed, false), (w.t("Soll", "Planned") + " (\(w.fte))", d.totalPlanned, false),
                                  (w.t("Ist", "Filled") + " (\(w.fte))", d.totalFilled, false), (w.t("Bedarfskosten (EUR/Jahr)", "Need cost (EUR/year)"), d.totalNeedCost, true)] {
            let o = money ? w.numbers.eur(f.old) : w.value(f.old), n = money ? w.numbers.eur(f.new) : w.value(f.new)
            out += "| \(label) | \(o) | \(n) | \(money ? w.eurDelta(f.delta) : w.delta(f.delta)) |\n"
        }
        out += "\n"

        let rows = d.units.map { (w.t("Einheit", "Unit"), $0) } + d.positions.map { (w.t("Stelle", "Position"), $0) }
        if !rows.isEmpty {
            out += "#### \(w.t("Wirkung je Einheit und Stelle", "Effect per unit and position"))\n\n"
            out += "| | \(w.t("Name", "Name")) | \(w.t("Status", "Status")) | \(w.t("Bedarf alt", "Need old")) | \(w.t("Bedarf neu", "Need new")) | Δ \(w.t("Bedarf", "need")) | Δ \(w.t("Soll", "planned")) | Δ \(w.t("Ist", "filled")) | Δ \(w.t("Lücke", "gap")) | Δ EUR/\(w.t("Jahr", "year")) |\n"
            out += "|---|---|---|---:|---:|---:|---:|---:|---:|---:|\n"
            for (kind, r) in rows.prefix(top) {
                out += "| \(kind) | \(e(r.id)) | \(w.status(r.status)) | \(w.value(r.need.old)) | \(w.value(r.need.new)) | **\(w.delta(r.need.delta))** | "
                out += "\(w.delta(r.planned.delta)) | \(w.delta(r.filled.delta)) | \(w.delta(r.gap.delta)) | \(w.eurDelta(r.needCost.delta)) |\n"
            }
            if rows.count > top { out += "\n" + w.t("… und \(rows.count - top) weitere", "… and \(rows.count - top) more") + "\n" }
            out += "\n"
        }
        if !d.processes.isEmpty {
            out += "#### \(w.t("Wirkung je Prozess", "Effect per process"))\n\n"
            out += "| \(w.t("Prozess", "Process")) | \(w.t("Status", "Status")) | \(w.t("Fälle/Jahr", "Cases/year")) | \(w.t("Std. je Fall", "Hours per case")) | \(w.t("Durchlaufzeit (Tage)", "Lead time (days)")) | \(w.fte) |\n"
            out += "|---|---|---:|---:|---:|---:|\n"
            func cell(_ f: DiffFigure) -> String {
                f.changed ? "\(w.numbers.compact(f.old, 3)) → \(w.numbers.compact(f.new, 3))" : w.numbers.compact(f.new ?? f.old, 3)
            }
            for p in d.processes.prefix(top) {
                out += "| \(e(p.id)) | \(w.status(p.status)) | \(cell(p.cases)) | \(cell(p.staffHoursPerCase)) | \(cell(p.leadTimeDays)) | \(cell(p.need)) |\n"
            }
            if d.processes.count > top { out += "\n" + w.t("… und \(d.processes.count - top) weitere", "… and \(d.processes.count - top) more") + "\n" }
            out += "\n"
        }
        if !d.scenarios.isEmpty {
            out += "#### \(w.t("Szenarien", "Scenarios"))\n\n"
            out += "| \(w.t("Szenario", "Scenario")) | \(w.t("Bedarf alt", "Need old")) | \(w.t("Bedarf neu", "Need new")) | Δ \(w.t("Bedarf", "need")) | Δ \(w.t("EUR/Jahr", "EUR/year")) |\n"
            out += "|---|---:|---:|---:|---:|\n"
            for r in d.scenarios.prefix(top) {
                out += "| \(e(r.id)) | \(w.value(r.need.old)) | \(w.value(r.need.new)) | \(w.delta(r.need.delta)) | \(w.eurDelta(r.needCost.delta)) |\n"
            }
            if d.scenarios.count > top { out += "\n" + w.t("… und \(d.scenarios.count - top) weitere", "… and \(d.scenarios.count - top) more") + "\n" }
            out += "\n"
        }
        if !d.causes.isEmpty {
            out += "#### \(w.t("Ursachen", "Causes"))\n\n"
            for c in d.causes.prefix(top) {
                let place = "\(e(c.file)):\(c.line)" + (c.inOld ? " (\(w.t("alt", "old")))" : "")
                out += "- **\(e(c.target))**: \(w.change(c, quote: { "`" + MarkdownReport.codeSpan($0) + "`" })) — \(e(w.moves(c))) <sub>\(place)</sub>\n"
            }
            if d.causes.count > top { out += "- " + w.t("… und \(d.causes.count - top) weitere", "… and \(d.causes.count - top) more") + "\n" }
            out += "\n"
        }
        if !d.unattributed.isEmpty {
            out += w.t("Keiner einzelnen Eingabe zugeordnet: ", "Not attributed to a single input: ")
                + d.unattributed.map { "\(e($0.id)) \(w.delta($0.fte))" }.joined(separator: ", ") + " \(w.fte)\n\n"
        }
        return out
    }
}

/// `orgc diff --format github`: one GitHub Actions annotation per cause on its line,
/// with the need it moves; an error annotation per figure over `--fail-above`.
public enum DiffGitHub {
    public static func render(_ d: ModelDiff, language: OutputLanguage, exceeded: [DiffExceeded] = [], limit: Double? = nil) -> String {
        let w = DiffWording(language)
        func data(_ s: String) -> String {
            s.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
        }
        func property(_ s: String) -> String {
            data(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
        }
        var out = ""
        for c in d.causes {
            let file = c.inOld ? "" : "file=\(property(c.file)),line=\(c.line),"
            let where_ = c.inOld ? " (\(w.t("alt", "old")) \(c.file):\(c.line))" : ""
            out += "::notice \(file)title=\(property("orgc diff"))::\(data("\(c.target): \(w.change(c, quote: { $0 }))\(where_) — \(w.moves(c))"))\n"
        }
        if let limit {
            for x in exceeded {
                out += "::error title=\(property("orgc diff --fail-above"))::\(data(w.t("Grenze überschritten: ", "Limit exceeded: ") + w.exceeded(x, limit: limit)))\n"
            }
        }
        out += "::notice title=\(property("orgc diff"))::\(data(w.summary(d)))\n"
        return out
    }
}
