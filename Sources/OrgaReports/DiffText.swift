import OrgaAnalysis
import OrgaSupport

/// What the text, Markdown and GitHub renderings of a `ModelDiff` share: labels in
/// German and English, the summary line and how a cause reads.
public struct DiffWording: Sendable {
    public var language: OutputLanguage
    public var numbers: NumberFormat

    public init(_ language: OutputLanguage) {
        self.language = language
        self.numbers = NumberFormat(language)
    }

    func t(_ de: String, _ en: String) -> String { language == .de ? de : en }

    var fte: String { t("VZÄ", "fte") }

    /// `+0,42` (two decimals, sign when not zero).
    func delta(_ v: Double?) -> String { numbers.signed(v, 2) }
    func value(_ v: Double?) -> String { numbers.fixed(v, 2) }
    func eurDelta(_ v: Double?) -> String { numbers.signed(v.map { $0.rounded() }, 0) }

    /// "+0,42 VZÄ Bedarf, +31.000 EUR/Jahr" — or that nothing changed.
    func summary(_ d: ModelDiff) -> String {
        if d.isEmpty { return t("Keine Änderung: beide Modelle haben dieselben Eingaben und dieselben Zahlen",
                                "No change: both models have the same inputs and the same figures") }
        var s = "\(delta(d.totalNeed.delta ?? 0)) \(fte) \(t("Bedarf", "need")), \(eurDelta(d.totalNeedCost.delta ?? 0)) \(t("EUR/Jahr", "EUR/year"))"
        let n = d.causes.count
        s += " — " + (n == 1 ? t("1 geänderte Eingabe", "1 changed input") : t("\(n) geänderte Eingaben", "\(n) changed inputs"))
        return s
    }

    func status(_ s: DiffStatus) -> String {
        switch s {
        case .changed: t("geändert", "changed")
        case .added: t("neu", "added")
        case .removed: t("entfernt", "removed")
        }
    }

    /// One side of a cause: the statement as written, else the keyword and the value
    /// (`head SG`, `next end`), or "—" where nothing is written.
    func side(_ text: String?, _ value: DiffValue, unit: String?, property: String) -> String {
        if let text { return Escape.singleLine(text) }
        let p = Escape.singleLine(property)
        switch value {
        case .none: return "—"
        case .number(let x): return p + " " + numbers.compact(x, 4) + (unit.map { " " + unitName($0) } ?? "")
        case .text(let s): return p + " " + Escape.singleLine(s)
        case .flag(let b): return p + " " + (b ? t("ja", "yes") : t("nein", "no"))
        }
    }

    /// A value unit of `DiffCause.valueUnit` in the output language.
    func unitName(_ u: String) -> String {
        guard language == .de else { return u }
        switch u {
        case "fte": return "VZÄ"
        case "h/year": return "h/Jahr"
        case "h/week": return "h/Woche"
        case "/year": return "/Jahr"
        case "EUR/year": return "EUR/Jahr"
        case "d": return "Tage"
        default: return u
        }
    }

    /// "time 15 min → time 20 min", or "step Neu added". `quote` marks the model's text
    /// (the statements as written) as code: German text output quotes it in backticks,
    /// as `check` does, so that a keyword is never read as an English word in German prose.
    func change(_ c: DiffCause, quote: ((String) -> String)? = nil) -> String {
        let q = quote ?? (language == .de ? { "`\($0)`" } : { $0 })
        switch c.kind {
        case .added: return q("\(c.property) \(Escape.singleLine(c.target))") + " " + t("hinzugefügt", "added")
        case .removed: return q("\(c.property) \(Escape.singleLine(c.target))") + " " + t("entfernt", "removed")
        default:
            func quoted(_ s: String) -> String { s == "—" ? s : q(s) }
            let set = c.changeText.map { " (" + q(Escape.singleLine($0)) + ")" } ?? ""
            return quoted(side(c.oldText, c.old, unit: c.valueUnit, property: c.property)) + " → " + quoted(side(c.newText, c.new, unit: c.valueUnit, property: c.property)) + set
        }
    }

    /// "SB +0,25, SG −0,10 VZÄ Bedarf" (at most `limit` entries), or that need is unchanged.
    func moves(_ c: DiffCause, limit: Int = 5) -> String {
        if c.isWhatIf { return t("keine Wirkung auf das Basismodell", "no effect on the base model") }
        if c.moves.isEmpty { return t("Bedarf unverändert", "need unchanged") }
        var parts = c.moves.prefix(limit).map { "\(Escape.singleLine($0.id)) \(delta($0.fte))" }
        if c.moves.count > limit { parts.append(t("und \(c.moves.count - limit) weitere", "and \(c.moves.count - limit) more")) }
        return parts.joined(separator: ", ") + " \(fte) \(t("Bedarf", "need"))"
    }

    public func exceeded(_ e: DiffExceeded, limit: Double) -> String {
        let what = e.kind == .total ? t("Gesamtbedarf", "total need") : t("Bedarf von \(Escape.singleLine(e.id ?? ""))", "need of \(Escape.singleLine(e.id ?? ""))")
        return "\(what) \(delta(e.deltaNeed)) \(fte) (\(t("Grenze", "limit")) ±\(numbers.compact(limit, 4)) \(fte))"
    }

    func sideName(_ v: ModelVersion) -> String {
        var s = Escape.singleLine(v.path)
        if let r = v.revision { s += " @ " + Escape.singleLine(r) }
        if let sc = v.scenario { s += " [" + t("Szenario", "scenario") + " " + Escape.singleLine(sc) + "]" }
        return s
    }
}

/// `orgc diff` for a terminal: summary, totals, effects, causes (colour only when asked).
public enum DiffText {
    public static func render(_ d: ModelDiff, language: OutputLanguage, color: Bool = false,
                              exceeded: [DiffExceeded] = [], limit: Double? = nil) -> String {
        let w = DiffWording(language)
        func bold(_ s: String) -> String { color ? "\u{1B}[1m\(s)\u{1B}[0m" : s }
        func tint(_ s: String, _ v: Double?) -> String {
            guard color, let v, abs(v) > ModelDiff.epsilon else { return s }
            return "\u{1B}[\(v > 0 ? "33" : "36")m\(s)\u{1B}[0m"
        }
        var out = bold("orgc diff: " + w.summary(d)) + "\n"
        out += "  \(w.t("alt", "old")): \(w.sideName(d.old))\n  \(w.t("neu", "new")): \(w.sideName(d.new))\n"
        if d.isEmpty { return out }
        out += "\n" + bold(w.t("Summen", "Totals")) + "\n"
        let totals: [(String, DiffFigure, Bool)] = [
            (w.t("Bedarf", "need") + " (\(w.fte))", d.totalNeed, false), (w.t("Soll", "planned") + " (\(w.fte))", d.totalPlanned, false),
            (w.t("Ist", "filled") + " (\(w.fte))", d.totalFilled, false), (w.t("Bedarfskosten (EUR/Jahr)", "need cost (EUR/year)"), d.totalNeedCost, true),
        ]
        for (label, f, money) in totals {
            let o = money ? w.numbers.eur(f.old) : w.value(f.old), n = money ? w.numbers.eur(f.new) : w.value(f.new)
            let dl = money ? w.eurDelta(f.delta) : w.delta(f.delta)
            out += "  " + pad(label, 28) + pad(o, 14, right: true) + " → " + pad(n, 14, right: true) + "  " + tint(dl, f.delta) + "\n"
        }
        let rows = d.units.map { (w.t("Einheit", "unit"), $0) } + d.positions.map { (w.t("Stelle", "position"), $0) }
        if !rows.isEmpty {
            out += "\n" + bold(w.t("Wirkung je Einheit und Stelle (Bedarf alt → neu, Δ; Soll Δ, Ist Δ, Lücke Δ, Kosten Δ)",
                                   "Effect per unit and position (need old → new, Δ; planned Δ, filled Δ, gap Δ, cost Δ)")) + "\n"
            for (kind, r) in rows {
                var line = "  " + pad(kind, 9) + pad(Escape.plain(r.id), 18) + pad(w.status(r.status), 10)
                line += pad(w.value(r.need.old), 9, right: true) + " → " + pad(w.value(r.need.new), 9, right: true) + "  " + tint(pad(w.delta(r.need.delta), 8, right: true), r.need.delta)
                if r.planned.changed || r.filled.changed || r.gap.changed || r.needCost.changed {
                    line += "  [" + [("Soll", "planned", r.planned), ("Ist", "filled", r.filled), ("Lücke", "gap", r.gap)]
                        .filter { $0.2.changed }.map { "\(w.t($0.0, $0.1)) \(w.delta($0.2.delta))" }.joined(separator: ", ")
                    line += (r.needCost.changed ? (r.planned.changed || r.filled.changed || r.gap.changed ? ", " : "") + "EUR \(w.eurDelta(r.needCost.delta))" : "") + "]"
                }
                out += line + "\n"
            }
        }
        if !d.processes.isEmpty {
            out += "\n" + bold(w.t("Wirkung je Prozess (Fälle/Jahr, Std. je Fall, Durchlaufzeit Tage, VZÄ)",
                                   "Effect per process (cases/year, hours per case, lead time days, fte)")) + "\n"
            for p in d.processes {
                var parts: [String] = []
                for (de, en, f) in [("Fälle", "cases", p.cases), ("Std./Fall", "h/case", p.staffHoursPerCase),
                                    ("Tage", "days", p.leadTimeDays), (w.fte, w.fte, p.need)] where f.changed {
                    parts.append("\(w.t(de, en)) \(w.numbers.compact(f.old, 3)) → \(w.numbers.compact(f.new, 3))")
                }
                out += "  " + pad(Escape.plain(p.id), 24) + pad(w.status(p.status), 10) + parts.joined(separator: "; ") + "\n"
            }
        }
        if !d.scenarios.isEmpty {
            out += "\n" + bold(w.t("Szenarien (Gesamtbedarf alt → neu, Δ; Bedarfskosten Δ)", "Scenarios (total need old → new, Δ; need cost Δ)")) + "\n"
            for r in d.scenarios {
                out += "  " + pad(Escape.plain(r.id), 24) + pad(w.value(r.need.old), 9, right: true) + " → " + pad(w.value(r.need.new), 9, right: true)
                    + "  " + tint(pad(w.delta(r.need.delta), 8, right: true), r.need.delta) + "  [EUR \(w.eurDelta(r.needCost.delta))]\n"
            }
        }
        if !d.causes.isEmpty {
            out += "\n" + bold(w.t("Ursachen", "Causes")) + "\n"
            for c in d.causes {
                out += "  \(Escape.plain(c.file)):\(c.line)\(c.inOld ? " (\(w.t("alt", "old")))" : "")  \(Escape.plain(c.target)): \(w.change(c))\n"
                out += "      → \(w.moves(c, limit: 8))\n"
            }
        }
        if !d.unattributed.isEmpty {
            out += "\n" + w.t("Keiner einzelnen Eingabe zugeordnet: ", "Not attributed to a single input: ")
                + d.unattributed.map { "\(Escape.plain($0.id)) \(w.delta($0.fte))" }.joined(separator: ", ") + " \(w.fte)\n"
        }
        if let limit {
            out += "\n"
            if exceeded.isEmpty {
                out += w.t("Grenze ±\(w.numbers.compact(limit, 4)) VZÄ eingehalten\n", "Within the limit of ±\(w.numbers.compact(limit, 4)) fte\n")
            } else {
                for e in exceeded { out += bold(w.t("Grenze überschritten: ", "Limit exceeded: ")) + w.exceeded(e, limit: limit) + "\n" }
            }
        }
        return out
    }

    /// Pads to `width` characters (Unicode scalars), left- or right-aligned.
    static func pad(_ s: String, _ width: Int, right: Bool = false) -> String {
        let n = s.unicodeScalars.count
        guard n < width else { return s + " " }
        let fill = String(repeating: " ", count: width - n)
        return right ? fill + s : s + fill
    }
}
