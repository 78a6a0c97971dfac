import OrgaSyntax
import OrgaSemantics
import OrgaAnalysis
import OrgaSupport

/// What every report format needs: the model, the staffing result, the language, and
/// the findings (checker + analysis diagnostics, sorted and de-duplicated). Texts
/// returned here are plain (unescaped); each format escapes them.
public struct ReportContext: Sendable {
    public let model: Model
    /// Where the model was written (for the findings' lines and columns).
    public let sources: SourceMap
    public let result: StaffingResult
    public let language: OutputLanguage
    /// All findings: the model's diagnostics and the analysis's, sorted, without duplicates.
    public let diagnostics: [Diagnostic]
    public let numbers: NumberFormat
    /// Measures, scenarios and targets, always evaluated against the base model (also
    /// when the report describes a scenario).
    public let whatIf: WhatIfResult
    /// The base model's measures, scenarios and targets (`model` is the scenario's model
    /// when `scenario` is set).
    public let base: Model
    /// The scenario the report describes (`--scenario`), index into `base.scenarios`.
    public let scenario: ScenarioID?
    /// When dated values are evaluated: the model `year`, `--year Y` or `--at DATE`
    /// (nil: the model has no `year` and none was asked for).
    public let evaluation: Evaluation?
    /// Filled, effective and ramp-up loss in `evaluation` (docs/language.md, Time).
    public let time: TimeFigures?
    /// The report shows the period and the effective and ramp-up columns: the model
    /// has dated values or a `ramp`, or `--year`/`--at` was given. Otherwise every
    /// output is v1's.
    public let showsTime: Bool
    /// The model as written (its dated values unevaluated; `base` carries the period figures).
    public let written: Model
    /// KPIs (achievement per year) and pools (deployments, available, cover) of `model`.
    public let kpis: [KpiResult]
    public let pools: PoolFigures
    private let fileIndex: [String: Int]

    /// The report of `checked` (the base model), or of its scenario `scenario`, with its
    /// dated values evaluated over `evaluation` (nil: the model's `year`).
    public init(model checked: CheckedModel, result: StaffingResult? = nil, language: OutputLanguage = .de, scenario: ScenarioID? = nil,
                evaluation asked: Evaluation? = nil) {
        let written = checked.model
        let (base, evaluation) = PeriodEvaluation.base(of: written, asked: asked)
        self.written = written
        self.evaluation = evaluation
        self.showsTime = asked != nil || PeriodEvaluation.usesTime(written)
        let baseResult: StaffingResult
        if let result, !PeriodEvaluation.hasDatedValues(written) { baseResult = result } else { baseResult = StaffingAnalysis.analyze(base) }
        let whatIf = WhatIfAnalysis.analyze(base, base: baseResult)
        self.base = base
        self.whatIf = whatIf
        if let s = scenario, whatIf.scenarios.contains(s) {
            self.scenario = s
            self.model = whatIf.scenarios[s].model
            // The attribution keeps need figures only on its quick path: the report needs everything.
            self.result = whatIf.scenarios[s].staffingIsComplete ? whatIf.scenarios[s].staffing
                : StaffingAnalysis.analyze(whatIf.scenarios[s].model)
        } else {
            self.scenario = nil
            self.model = base
            self.result = baseResult
        }
        let model = self.model
        self.time = evaluation.map { TimeFigures.compute(model, $0) }
        self.sources = checked.sources
        self.language = language
        // Sorted and de-duplicated by the analyzer; a target's shortfall (W711) needs the staffing.
        let shortfalls = whatIf.targets.compactMap { Targets.shortfallDiagnostic(base, checked.sources, $0) }
            + PoolFigures.diagnostics(written, checked.sources)
        self.diagnostics = shortfalls.isEmpty ? model.diagnostics : (model.diagnostics + shortfalls).sorted()
        self.numbers = NumberFormat(language)
        self.kpis = KpiFigures.evaluate(model)
        self.pools = PoolFigures.evaluate(model, staffing: self.result, span: evaluation?.span, time: self.time)
        var idx: [String: Int] = [:]
        for (i, f) in checked.sources.files.enumerated() where idx[f.path] == nil { idx[f.path] = i }
        self.fileIndex = idx
    }

    public func t(_ label: Label) -> String { label.text(language) }

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    // MARK: Names

    public var modelName: String { model.settings.name ?? "" }
    public var modelTitle: String { model.settings.title ?? model.settings.name ?? "" }

    public func unitName(_ u: UnitID?) -> String {
        guard let u, model.units.contains(u) else { return "" }
        return model.units[u].name
    }
    public func positionName(_ p: PositionID?) -> String {
        guard let p, model.positions.contains(p) else { return "" }
        return model.positions[p].name
    }
    public func processName(_ p: ProcessID?) -> String {
        guard let p, model.processes.contains(p) else { return "" }
        return model.processes[p].name
    }
    public func nodeName(_ p: ProcessID?, _ n: Int?) -> String {
        guard let p, let n, model.processes.contains(p), n >= 0, n < model.processes[p].nodes.count else { return "" }
        return model.processes[p].nodes[n].name
    }
    /// What a reader calls a process: its title, else its name.
    public func processTitle(_ p: ProcessID?) -> String {
        guard let p, model.processes.contains(p) else { return "" }
        return model.processes[p].title ?? model.processes[p].name
    }
    /// What a reader calls a step: "Process title: step title" (names where no title is given).
    public func stepTitle(_ p: ProcessID?, _ n: Int?) -> String {
        guard let p, let n, model.processes.contains(p), n >= 0, n < model.processes[p].nodes.count else { return processTitle(p) }
        let node = model.processes[p].nodes[n]
        return "\(processTitle(p)): \(node.title ?? node.name)"
    }
    public func gradeName(_ g: GradeID?) -> String {
        guard let g, model.grades.contains(g) else { return "" }
        return model.grades[g].name
    }
    public func criterionName(_ k: CriterionID) -> String {
        model.criteria.contains(k) ? model.criteria[k].name : ""
    }
    public func criterionTitle(_ k: CriterionID) -> String {
        guard model.criteria.contains(k) else { return "" }
        return model.criteria[k].title ?? model.criteria[k].name
    }

    // MARK: Unit tree

    /// Units in tree order (pre-order from the roots, model order among siblings) with
    /// their depth; units not reachable from a root (cycles) follow at depth 0.
    public var unitRows: [(unit: UnitID, depth: Int)] {
        var rows: [(UnitID, Int)] = []
        var seen = [Bool](repeating: false, count: model.units.count)   // by unit index
        func walk(_ root: UnitID) {
            var stack: [(UnitID, Int)] = [(root, 0)]
            while let (u, d) = stack.popLast() {
                guard model.units.contains(u), !seen[u.index] else { continue }
                seen[u.index] = true
                rows.append((u, d))
                for s in model.units[u].subunits.reversed() where model.units.contains(s) && !seen[s.index] {
                    stack.append((s, d + 1))
                }
            }
        }
        for r in result.rootUnits { walk(r) }
        for u in model.units.ids where !seen[u.index] { walk(u) }
        return rows
    }

    // MARK: Findings

    /// 1-based line and column (Unicode scalars) of a diagnostic.
    public func lineColumn(_ d: Diagnostic) -> (line: Int, column: Int) {
        guard let i = fileIndex[d.path], let f = sources.file(i) else { return (1, 1) }
        let off = max(0, min(d.range.start, f.bytes.count))
        return (f.line(of: off) + 1, f.characterColumn(of: off) + 1)
    }

    public func severityText(_ s: Severity) -> String {
        switch (s, language) {
        case (.error, .de): "Fehler"
        case (.warning, .de): "Warnung"
        case (.note, .de): "Hinweis"
        case (.error, .en): "error"
        case (.warning, .en): "warning"
        case (.note, .en): "note"
        }
    }

    // MARK: Assumptions

    public func allowanceText(_ a: Allowance?) -> String {
        guard let a else { return t(.allowanceNone) }
        let conv = a.convention == .surcharge ? t(.allowanceSurcharge) : t(.allowanceDeduction)
        return "\(numbers.percent(a.fraction)) % (\(conv))"
    }

    /// `source` of the processes: each kind with its processes, in a fixed order.
    public var sourcesOfTimes: [(source: String, processes: [String])] {
        var order: [String] = Keywords.sources
        var groups: [String: [String]] = [:]
        for p in model.processes {
            let s = p.source ?? ""
            groups[s, default: []].append(p.title ?? p.name)
            if !order.contains(s) { order.append(s) }
        }
        return order.compactMap { s in groups[s].map { (s.isEmpty ? t(.noSource) : sourceText(s), $0) } }
    }

    /// A `source` word as the reader says it (`timing` → "Zeitmessung").
    public func sourceText(_ word: String) -> String { TimeSource(rawValue: word)?.readerTerm(german: language == .de) ?? word }

    /// A measured DNA criterion's `from` word as the reader says it.
    public func measureText(_ word: String) -> String { MeasuredCriterion(rawValue: word)?.readerTerm(german: language == .de) ?? word }

    /// A date written `YYYY-MM-DD` as the reader writes it (de: `02.03.2022`).
    public func dateText(_ iso: String) -> String {
        guard language == .de else { return iso }
        let parts = iso.split(separator: "-")
        guard parts.count == 3 else { return iso }
        return "\(parts[2]).\(parts[1]).\(parts[0])"
    }

    /// The kw-Vermerk and the Besetzungssperre of a position, in words ("" when neither).
    public func remarksText(_ p: Position) -> String {
        var parts: [String] = []
        if let kw = p.kw { parts.append("\(t(.kwRemark)) \(kw)") }
        if let f = p.freezeUntil { parts.append("\(t(.freezeRemark)) \(dateText(f))") }
        return parts.joined(separator: "; ")
    }

    /// Whether any position has a kw-Vermerk or a Besetzungssperre (the column is shown then).
    public var hasRemarks: Bool { model.positions.contains { $0.kw != nil || $0.freezeUntil != nil } }

    /// Whether any process calls another (the "with called processes" columns are shown then).
    public var hasCalls: Bool { result.processes.contains { $0.hasCalls } }

    /// The message of a finding in the report's language: German reports give the German
    /// title of the code and the first name the English message quotes.
    public func message(_ d: Diagnostic) -> String {
        guard language == .de else { return d.message }
        return d.germanMessage
    }

    /// Units and positions that set their own `worktime` or `allowance`.
    public var overrides: [String] {
        var out: [String] = []
        for u in model.units where u.worktime != nil || u.allowance != nil {
            var parts: [String] = []
            if let w = u.worktime { parts.append("\(t(.worktime)) \(numbers.compact(w.value, 2)) h") }
            if let a = u.allowance { parts.append("\(t(.allowance)) \(allowanceText(a.value))") }
            out.append("\(t(.unit)) \(u.title ?? u.name): " + parts.joined(separator: "; "))
        }
        for p in model.positions where p.worktime != nil || p.allowance != nil {
            var parts: [String] = []
            if let w = p.worktime { parts.append("\(t(.worktime)) \(numbers.compact(w.value, 2)) h") }
            if let a = p.allowance { parts.append("\(t(.allowance)) \(allowanceText(a.value))") }
            out.append("\(t(.position)) \(p.title ?? p.name): " + parts.joined(separator: "; "))
        }
        return out
    }

    // MARK: Audit trail

    /// One line of an audit trail, as plain text pieces.
    public struct AuditLine: Sendable {
        public var kind: String
        public var source: String
        public var formula: String
        public var fte: Double
    }

    /// Duration per execution for people: `15 min` below one hour, else `1,5 h`.
    public func duration(_ hours: Double?) -> String {
        guard let h = hours, h.isFinite else { return numbers.missing }
        let minutes = h * 60
        if h < 1, abs(minutes - minutes.rounded()) < 1e-6 { return "\(numbers.compact(minutes, 2)) min" }
        return "\(numbers.compact(h, 4)) h"
    }

    public func auditLine(_ c: Contribution, allowance: Allowance) -> AuditLine {
        let n = numbers
        let fteText = "\(n.compact(c.fte, 6)) \(t(.fte))"
        switch c.kind {
        case .step:
            let source = stepTitle(c.process, c.node)
            var f = "\(n.compact(c.cases, 4)) \(t(.casesUnit)) × \(n.compact(c.visits, 6)) × \(n.percent(c.share, 4)) % × \(duration(c.timeHours))"
            if let r = timeRange(process: c.process, node: c.node) { f += " (\(t(.rangeOfTime)) \(timeRangeText(r)))" }
            f += " = \(n.compact(c.hours, 4)) h"
            if allowance.fraction > 0 {
                switch allowance.convention {
                case .surcharge: f += " × \(n.compact(1 + allowance.fraction, 6)) = \(n.compact(c.loadHours, 4)) h"
                case .deduction: f += " ÷ \(n.compact(1 - allowance.fraction, 6)) = \(n.compact(c.loadHours, 4)) h"
                }
            }
            f += " ÷ \(n.compact(c.worktime, 2)) h = \(fteText)"
            return AuditLine(kind: t(.kindStep), source: source, formula: f, fte: c.fte)
        case .effort:
            let f: String
            if let h = c.hours {
                f = "\(n.compact(h, 4)) \(t(.hoursPerYear)) ÷ \(n.compact(c.worktime, 2)) h = \(fteText)"
            } else {
                f = fteText
            }
            return AuditLine(kind: t(.kindEffort), source: c.label ?? "", formula: f, fte: c.fte)
        case .coverage:
            let f = "\(n.compact(c.hoursPerWeek, 4)) \(t(.perWeek)) × 52 = \(n.compact(c.hours, 4)) h ÷ \(n.compact(c.worktime, 2)) h = \(fteText)"
            return AuditLine(kind: t(.kindCoverage), source: "", formula: f, fte: c.fte)
        case .leadership:
            let f = "\(n.percent(c.fraction, 4)) % × \(n.compact(c.ledFTE, 4)) \(t(.fte)) (\(t(.ledFTE))) = \(fteText)"
            return AuditLine(kind: t(.kindLeadership), source: unitName(c.unit), formula: f, fte: c.fte)
        }
    }

    /// Text of the missing inputs of a position or unit, for the audit trail.
    public func missingText(_ m: MissingInput) -> String {
        let where_ = m.node != nil ? stepTitle(m.process, m.node) : processTitle(m.process)
        switch (m.kind, language) {
        case (.time, .de): return "\(where_): keine Bearbeitungszeit (time)"
        case (.time, .en): return "\(where_): no processing time (time)"
        case (.worktime, .de): return (where_.isEmpty ? "" : "\(where_): ") + "keine Jahresarbeitszeit (worktime)"
        case (.worktime, .en): return (where_.isEmpty ? "" : "\(where_): ") + "no worktime applies"
        case (.cases, .de): return "\(where_): Fallzahl unbekannt oder unvollständig"
        case (.cases, .en): return "\(where_): cases unknown or incomplete"
        case (.flow, .de): return "\(where_): Ablauf nicht berechenbar"
        case (.flow, .en): return "\(where_): flow cannot be solved"
        case (.cost, .de): return t(.noCost)
        case (.cost, .en): return t(.noCost)
        case (.rating, _): return t(.missingRatings)
        }
    }
}
