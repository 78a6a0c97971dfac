import OrgaSyntax
import OrgaSemantics
import OrgaAnalysis

/// The JSON staffing report: the stable contract documented in `docs/report-json.md`
/// and `docs/report.schema.json`. Keys are snake_case, numbers unrounded (non-finite →
/// null), absent values null; key order is fixed so output is byte-for-byte deterministic.
public enum JSONReport {
    public static let schemaVersion = 1

    public static func value(_ ctx: ReportContext) -> JSONValue {
        .object([
            ("schema_version", .int(schemaVersion)),
            ("model", modelObject(ctx)),
            ("totals", totals(ctx)),
            ("units", .array(ctx.unitRows.map { unit(ctx, $0.unit, depth: $0.depth) })),
            ("positions", .array(ctx.model.positions.indices.map { position(ctx, $0) })),
            ("processes", .array(ctx.model.processes.indices.map { process(ctx, $0) })),
            ("dna_criteria", .array(dnaCriteria(ctx))),
            ("dna", .array(dna(ctx))),
            ("diagnostics", .array(diagnostics(ctx))),
        ])
    }

    /// The report as pretty-printed text with a final newline.
    public static func render(_ ctx: ReportContext) -> String { value(ctx).pretty() }

    // MARK: Pieces

    static func num(_ v: Double?) -> JSONValue {
        guard let v, v.isFinite else { return .null }
        return .number(v)
    }
    static func str(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }

    static func modelObject(_ ctx: ReportContext) -> JSONValue {
        let s = ctx.model.settings
        let a = s.allowance?.value ?? .none
        return .object([
            ("id", str(s.name)),
            ("title", str(s.title)),
            ("year", s.year.map { .int($0) } ?? .null),
            ("worktime_hours", num(s.worktime?.value)),
            ("allowance_percent", num(a.fraction * 100)),
            ("allowance_convention", .string(a.convention.rawValue)),
            ("overhead_percent", num(s.overhead * 100)),
            ("workplace_eur", num(s.workplace)),
            ("leadership_percent", num(s.leadership * 100)),
            ("rounding_fte", num(s.rounding)),
            ("workdays", num(s.workdays)),
        ])
    }

    static func totals(_ ctx: ReportContext) -> JSONValue {
        let r = ctx.result
        return .object([
            ("planned_fte", num(r.totalPlanned)),
            ("filled_fte", num(r.totalFilled)),
            ("need_fte", num(r.totalNeed)),
            ("gap_fte", num(r.totalNeed - r.totalPlanned)),
            ("vacancy_fte", num(r.totalPlanned - r.totalFilled)),
            ("planned_cost_eur", num(r.totalPlannedCost)),
            ("need_cost_eur", num(r.totalNeedCost)),
        ])
    }

    static func unit(_ ctx: ReportContext, _ u: Int, depth: Int) -> JSONValue {
        let m = ctx.model.units[u]
        let r = ctx.result.units[u]
        return .object([
            ("id", .string(m.name)),
            ("title", str(m.title)),
            ("parent", m.parent.map { .string(ctx.unitName($0)) } ?? .null),
            ("planned_fte", num(r.planned)),
            ("filled_fte", num(r.filled)),
            ("need_fte", num(r.need)),
            ("gap_fte", num(r.gap)),
            ("vacancy_fte", num(r.vacancy)),
            ("proposal_fte", num(r.proposal)),
            ("planned_cost_eur", num(r.plannedCost)),
            ("need_cost_eur", num(r.needCost)),
            ("own_need_fte", num(r.ownNeed)),
            ("kind", str(m.kind)),
            ("code", str(m.code)),
            ("head", m.head.map { .string(ctx.positionName($0)) } ?? .null),
            ("depth", .int(depth)),
            ("complete", .bool(r.complete)),
            ("cost_complete", .bool(r.costComplete)),
            ("contributions", .array(r.ownContributions.map { contribution(ctx, $0) })),
        ])
    }

    static func position(_ ctx: ReportContext, _ i: Int) -> JSONValue {
        let m = ctx.model.positions[i]
        let r = ctx.result.positions[i]
        return .object([
            ("id", .string(m.name)),
            ("title", str(m.title)),
            ("unit", m.unit.map { .string(ctx.unitName($0)) } ?? .null),
            ("grade", m.grade.map { .string(ctx.gradeName($0)) } ?? .null),
            ("planned_fte", num(r.planned)),
            ("filled_fte", num(r.filled)),
            ("need_fte", num(r.need)),
            ("gap_fte", num(r.gap)),
            ("vacancy_fte", num(r.vacancy)),
            ("proposal_fte", num(r.proposal)),
            ("planned_cost_eur", num(r.plannedCost)),
            ("need_cost_eur", num(r.needCost)),
            ("cost_per_fte_eur", num(r.costPerFTE)),
            ("worktime_hours", num(r.worktime)),
            ("allowance_percent", num(r.allowance.fraction * 100)),
            ("allowance_convention", .string(r.allowance.convention.rawValue)),
            ("kw", m.kw.map { .int($0) } ?? .null),
            ("freeze_until", str(m.freezeUntil)),
            ("complete", .bool(r.complete)),
            ("missing", .array(r.missing.map { missing(ctx, $0) })),
            ("contributions", .array(r.contributions.map { contribution(ctx, $0) })),
        ])
    }

    static func contribution(_ ctx: ReportContext, _ c: Contribution) -> JSONValue {
        let isStep = c.kind == .step
        return .object([
            ("kind", .string(c.kind.rawValue)),
            ("process", isStep ? .string(ctx.processName(c.process)) : .null),
            ("step", isStep ? .string(ctx.nodeName(c.process, c.node)) : .null),
            ("hours", num(c.hours)),
            ("fte", num(c.fte)),
            ("cases", num(c.cases)),
            ("visits", num(c.visits)),
            ("share", num(c.share)),
            ("time_hours", num(c.timeHours)),
            ("load_hours", num(c.loadHours)),
            ("worktime_hours", num(c.worktime)),
            ("label", str(c.label)),
            ("unit", c.unit.map { .string(ctx.unitName($0)) } ?? .null),
            ("led_fte", num(c.ledFTE)),
            ("leadership_percent", num(c.fraction.map { $0 * 100 })),
            ("hours_per_week", num(c.hoursPerWeek)),
        ])
    }

    static func missing(_ ctx: ReportContext, _ m: MissingInput) -> JSONValue {
        .object([
            ("kind", .string(m.kind.rawValue)),
            ("process", m.process.map { .string(ctx.processName($0)) } ?? .null),
            ("step", m.node.map { .string(ctx.nodeName(m.process, $0)) } ?? .null),
        ])
    }

    static func process(_ ctx: ReportContext, _ p: Int) -> JSONValue {
        let m = ctx.model.processes[p]
        let r = ctx.result.processes[p]
        var visits: [(String, JSONValue)] = []
        var names = Set<String>()
        for (n, node) in m.nodes.enumerated() {
            var key = node.name
            var k = 2
            while names.contains(key) { key = "\(node.name)#\(k)"; k += 1 }   // duplicate names (E303)
            names.insert(key)
            visits.append((key, num(n < r.nodes.count ? r.nodes[n].visits : nil)))
        }
        let solved = r.flowSolved
        return .object([
            ("id", .string(m.name)),
            ("title", str(m.title)),
            ("owner", m.owner.map { .string(ctx.unitName($0)) } ?? .null),
            ("cases_per_year", num(r.cases)),
            ("visits", solved ? .object(visits) : .null),
            ("staff_hours_per_case", solved ? num(r.staffHoursPerCase) : .null),
            ("lead_time_days", num(r.leadTimeDays)),
            ("need_fte", solved && r.cases != nil ? num(r.fte) : .null),
            ("cost_per_case_eur", num(r.costPerCase)),
            ("own_volume_per_year", num(r.ownVolume)),
            ("staff_hours_per_year", solved ? num(r.staffHoursPerYear) : .null),
            ("media_breaks_per_case", num(r.mediaBreaks)),
            ("handoffs_per_case", num(r.handoffs)),
            ("steps_per_case", num(r.steps)),
            ("system_steps_per_case", num(r.systemSteps)),
            ("digital", num(r.digital)),
            ("source", str(m.source)),
            ("callers", .array(r.callers.map { c in
                .object([("process", .string(ctx.processName(c.process))), ("step", .string(ctx.nodeName(c.process, c.node))),
                         ("cases_per_year", num(c.cases))])
            })),
            ("complete", .bool(r.complete)),
            ("cases_complete", .bool(r.casesComplete)),
            ("lead_time_complete", .bool(r.leadTimeComplete)),
            ("cost_complete", .bool(r.costComplete)),
            ("missing", .array(r.missing.map { missing(ctx, $0) })),
        ])
    }

    static func dnaCriteria(_ ctx: ReportContext) -> [JSONValue] {
        ctx.result.dna.criteria.map { k in
            let c = ctx.model.criteria[k]
            return .object([
                ("id", .string(c.name)),
                ("title", str(c.title)),
                ("weight", num(c.weight)),
                ("from", str(c.measure)),
                ("scale", c.scale.map { .array([num($0.lower), num($0.upper)]) } ?? .null),
            ])
        }
    }

    static func dna(_ ctx: ReportContext) -> [JSONValue] {
        ctx.result.dna.ranking.map { p in
            let s = ctx.result.dna.scores[p]
            return .object([
                ("process", .string(ctx.processName(p))),
                ("rank", s.rank.map { .int($0) } ?? .null),
                ("score", num(s.score)),
                ("complete", .bool(s.complete)),
                ("criteria", .object(s.criteria.map { c in
                    (ctx.criterionName(c.criterion), .object([
                        ("value", num(c.value)),
                        ("normalized", num(c.normalized)),
                        ("contribution", num(c.contribution)),
                    ]))
                })),
                ("missing", .array(s.criteria.filter { $0.value == nil }.map { .string(ctx.criterionName($0.criterion)) })),
            ])
        }
    }

    static func diagnostics(_ ctx: ReportContext) -> [JSONValue] {
        ctx.diagnostics.map { d in
            let (line, column) = ctx.lineColumn(d)
            return .object([
                ("code", .string(d.code.rawValue)),
                ("severity", .string(d.severity.rawValue)),
                ("file", .string(d.path)),
                ("line", .int(line)),
                ("column", .int(column)),
                ("message", .string(d.message)),
            ])
        }
    }
}
