import OrgaSyntax
import OrgaSemantics
import OrgaAnalysis
import OrgaSupport

/// The JSON staffing report: the stable contract documented in `docs/report-json.md`
/// and `docs/report.schema.json`. Keys are snake_case, numbers unrounded (non-finite →
/// null), absent values null; key order is fixed so output is byte-for-byte deterministic.
public enum JSONReport {
    public static let schemaVersion = 1

    /// The report as pretty-printed JSON with a final newline; several models give an array.
    public static func render(_ ctxs: [ReportContext]) -> String {
        String(decoding: renderBytes(ctxs), as: UTF8.self)
    }

    /// The report as UTF-8 bytes, written into one buffer reserved for its size up front
    /// (growing a 22 MB buffer by doubling copied ≈ 40 MB and touched pages twice).
    public static func renderBytes(_ ctxs: [ReportContext]) -> [UInt8] {
        var w = JSONWriter(capacity: ctxs.reduce(1 << 16) { $0 + expectedSize($1) })
        write(ctxs, to: &w)
        return w.finish()
    }

    /// The report handed to `sink` in pieces of about `chunk` bytes, written into one
    /// buffer of that size: a report smaller than `chunk` arrives in one piece.
    public static func render(_ ctxs: [ReportContext], chunk: Int, to sink: @escaping ([UInt8]) -> Void) {
        let size = ctxs.reduce(1 << 16) { $0 + expectedSize($1) }
        var w = JSONWriter(capacity: min(size, chunk + (1 << 16)), chunk: chunk, sink: sink)
        write(ctxs, to: &w)
        _ = w.finish()
    }

    static func write(_ ctxs: [ReportContext], to w: inout JSONWriter) {
        if ctxs.count == 1 {
            write(ctxs[0], to: &w)
        } else {
            w.beginArray()
            for c in ctxs { w.item(); write(c, to: &w) }
            w.endArray()
        }
    }

    public static func render(_ ctx: ReportContext) -> String { render([ctx]) }

    /// A generous estimate of the report's size in bytes (the 100k-line model: 21.7 MB for
    /// 1,500 units, 8,000 positions with ≈ 17,000 contributions, 2,000 processes with
    /// 20,777 steps). Reserved but untouched pages cost no memory, so it errs high.
    static func expectedSize(_ ctx: ReportContext) -> Int {
        let m = ctx.model
        let nodes = m.processes.reduce(0) { $0 + $1.nodes.count }
        return 2_000 * m.units.count + 2_000 * m.positions.count + 3_000 * m.processes.count
            + 1_200 * nodes + 300 * ctx.diagnostics.count
    }

    static func write(_ ctx: ReportContext, to w: inout JSONWriter) {
        w.beginObject()
        w.field("schema_version", int: schemaVersion)
        w.key("model"); w.value(modelObject(ctx))
        w.key("totals"); w.value(totals(ctx))
        w.key("units"); w.beginArray()
        for (u, depth) in ctx.unitRows { w.item(); unit(ctx, u, depth: depth, &w) }
        w.endArray()
        w.key("positions"); w.beginArray()
        for i in ctx.model.positions.ids { w.item(); position(ctx, i, &w) }
        w.endArray()
        w.key("processes"); w.beginArray()
        for p in ctx.model.processes.ids { w.item(); process(ctx, p, &w) }
        w.endArray()
        w.key("dna_criteria"); w.value(.array(dnaCriteria(ctx)))
        w.key("dna"); w.beginArray()
        for p in ctx.result.dna.ranking { w.item(); dna(ctx, p, &w) }
        w.endArray()
        writeWhatIf(ctx, to: &w)

        // Assessments: present only when the model declares some (docs/report-json.md).
        if !ctx.model.matrices.isEmpty { w.key("matrices"); w.value(AssessmentSections.matricesJSON(ctx.model)) }
        if !ctx.model.raciCharts.isEmpty { w.key("raci"); w.value(AssessmentSections.raciJSON(ctx.model)) }
        w.key("kpis"); w.value(KpiPoolSections.kpisJSON(ctx))
        w.key("pools"); w.value(KpiPoolSections.poolsJSON(ctx))
        // The portfolio: present only when the model declares programmes or projects.
        for (key, value) in PortfolioSections.json(ctx) { w.key(name: key); w.value(value) }
        w.key("diagnostics"); w.value(.array(diagnostics(ctx)))
        w.endObject()
    }

    // MARK: Pieces

    static func num(_ v: Double?) -> JSONValue {
        guard let v, v.isFinite else { return .null }
        return .number(v)
    }
    static func str(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }

    /// `KEY_min`, `KEY_max`, `KEY_sd` of a figure from ranges (docs/report-json.md): equal to
    /// the figure, and 0, when it is exact; null when the figure is null.
    static func spread(_ key: StaticString, _ s: Spread?, _ w: inout JSONWriter) {
        w.field(key, suffix: "_min", s?.min)
        w.field(key, suffix: "_max", s?.max)
        w.field(key, suffix: "_sd", s?.sd)
    }

    static func modelObject(_ ctx: ReportContext) -> JSONValue {
        let s = ctx.model.settings
        let a = s.allowance?.value ?? .none
        return .object([
            ("id", str(s.name)),
            ("title", str(s.title)),
            ("year", s.year.map { .int($0) } ?? .null),
            // The evaluation of dated values: a period or one date (the other null; both
            // null only for a model without `year` when no --year/--at was given).
            ("period", ctx.evaluation.flatMap { $0.period }.map { .object([("from", .string($0.first.iso)), ("to", .string($0.last.iso))]) } ?? .null),
            ("at", ctx.evaluation?.at.map { .string($0.iso) } ?? .null),
            ("asof", ctx.written.settings.asof.map { .string($0.iso) } ?? .null),
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
            ("filled_effective_fte", num(r.totalFilled - (ctx.time?.totalLoss ?? 0))),
            ("rampup_loss_fte", num(ctx.time?.totalLoss ?? 0)),
            ("need_fte", num(r.totalNeed)),
            ("need_fte_min", num(r.totalNeedSpread.min)),
            ("need_fte_max", num(r.totalNeedSpread.max)),
            ("need_fte_sd", num(r.totalNeedSpread.sd)),
            ("gap_fte", num(r.totalNeed - r.totalPlanned)),
            ("vacancy_fte", num(r.totalPlanned - r.totalFilled)),
            ("planned_cost_eur", num(r.totalPlannedCost)),
            ("need_cost_eur", num(r.totalNeedCost)),
            ("need_cost_eur_min", num(r.totalNeedCostSpread.min)),
            ("need_cost_eur_max", num(r.totalNeedCostSpread.max)),
            ("need_cost_eur_sd", num(r.totalNeedCostSpread.sd)),
        ])
    }

    static func unit(_ ctx: ReportContext, _ u: UnitID, depth: Int, _ w: inout JSONWriter) {
        let m = ctx.model.units[u]
        let r = ctx.result.units[u]
        w.beginObject()
        w.field("id", string: m.name)
        w.field("title", string: m.title)
        w.field("parent", string: m.parent.map { ctx.unitName($0) })
        w.field("planned_fte", r.planned)
        w.field("filled_fte", r.filled)
        let loss = ctx.time?.unitLoss(u) ?? 0
        w.field("filled_effective_fte", r.filled - loss)
        w.field("rampup_loss_fte", loss)
        w.field("need_fte", r.need)
        spread("need_fte", r.needSpread, &w)
        w.field("gap_fte", r.gap)
        w.field("vacancy_fte", r.vacancy)
        w.field("proposal_fte", r.proposal)
        w.field("proposal_p90_fte", r.proposalP90)
        w.field("planned_cost_eur", r.plannedCost)
        w.field("need_cost_eur", r.needCost)
        spread("need_cost_eur", r.needCostSpread, &w)
        w.field("own_need_fte", r.ownNeed)
        spread("own_need_fte", r.ownNeedSpread, &w)
        let pool = ctx.pools.units.contains(u) ? ctx.pools.units[u] : nil
        w.field("deployed_in_fte", pool?.deployedIn)
        w.field("deployed_out_fte", pool?.deployedOut)
        w.field("available_fte", pool?.available)
        w.field("cover_fte", pool?.cover)
        w.field("kind", string: m.kind)
        w.field("code", string: m.code)
        w.field("head", string: m.head.map { ctx.positionName($0) })
        w.field("depth", int: depth)
        w.field("complete", bool: r.complete)
        w.field("cost_complete", bool: r.costComplete)
        w.key("contributions"); w.beginArray()
        for c in r.ownContributions { w.item(); contribution(ctx, c, &w) }
        w.endArray()
        w.endObject()
    }

    static func position(_ ctx: ReportContext, _ i: PositionID, _ w: inout JSONWriter) {
        let m = ctx.model.positions[i]
        let r = ctx.result.positions[i]
        w.beginObject()
        w.field("id", string: m.name)
        w.field("title", string: m.title)
        w.field("unit", string: m.unit.map { ctx.unitName($0) })
        w.field("grade", string: m.grade.map { ctx.gradeName($0) })
        w.field("planned_fte", r.planned)
        w.field("filled_fte", r.filled)
        let loss = ctx.time?.positionLoss(i) ?? 0
        w.field("filled_effective_fte", r.filled - loss)
        w.field("rampup_loss_fte", loss)
        w.field("need_fte", r.need)
        spread("need_fte", r.needSpread, &w)
        w.field("gap_fte", r.gap)
        w.field("vacancy_fte", r.vacancy)
        w.field("proposal_fte", r.proposal)
        w.field("proposal_p90_fte", r.proposalP90)
        // Deployments go between units: a position receives and deploys nothing itself.
        w.field("deployed_in_fte", 0.0)
        w.field("deployed_out_fte", 0.0)
        let effective = i.index < ctx.pools.positionEffective.count ? ctx.pools.positionEffective[i.index] : r.filled
        w.field("available_fte", effective)
        w.field("cover_fte", effective - r.need)
        w.field("planned_cost_eur", r.plannedCost)
        w.field("need_cost_eur", r.needCost)
        spread("need_cost_eur", r.needCost == nil ? nil : r.needCostSpread, &w)
        w.field("cost_per_fte_eur", r.costPerFTE)
        w.field("worktime_hours", r.worktime)
        w.field("allowance_percent", r.allowance.fraction * 100)
        w.field("allowance_convention", string: r.allowance.convention.rawValue)
        w.field("kw", int: m.kw)
        w.field("freeze_until", string: m.freezeUntil)
        w.field("complete", bool: r.complete)
        w.key("missing"); w.beginArray()
        for x in r.missing { w.item(); w.value(missing(ctx, x)) }
        w.endArray()
        w.key("contributions"); w.beginArray()
        for c in r.contributions { w.item(); contribution(ctx, c, &w) }
        w.endArray()
        w.endObject()
    }

    /// One line of the audit trail. The contract keys come first; the extras depend on
    /// the kind (docs/report-json.md).
    static func contribution(_ ctx: ReportContext, _ c: Contribution, _ w: inout JSONWriter) {
        let isStep = c.kind == .step
        w.beginObject()
        w.field("kind", string: c.kind.rawValue)
        w.field("process", string: isStep ? ctx.processName(c.process) : nil)
        w.field("step", string: isStep ? ctx.nodeName(c.process, c.node) : nil)
        w.field("hours", c.hours)
        w.field("fte", c.fte)
        spread("fte", c.fteSpread, &w)
        switch c.kind {
        case .step:
            w.field("cases", c.cases)
            w.field("visits", c.visits)
            w.field("share", c.share)
            w.field("time_hours", c.timeHours)
            w.field("load_hours", c.loadHours)
            w.field("worktime_hours", c.worktime)
        case .effort:
            w.field("label", string: c.label)
            w.field("worktime_hours", c.worktime)
        case .coverage:
            w.field("hours_per_week", c.hoursPerWeek)
            w.field("worktime_hours", c.worktime)
        case .leadership:
            w.field("unit", string: c.unit.map { ctx.unitName($0) })
            w.field("led_fte", c.ledFTE)
            w.field("leadership_percent", c.fraction.map { $0 * 100 })
        }
        w.endObject()
    }

    static func missing(_ ctx: ReportContext, _ m: MissingInput) -> JSONValue {
        .object([
            ("kind", .string(m.kind.rawValue)),
            ("process", m.process.map { .string(ctx.processName($0)) } ?? .null),
            ("step", m.node.map { .string(ctx.nodeName(m.process, $0)) } ?? .null),
        ])
    }

    static func process(_ ctx: ReportContext, _ p: ProcessID, _ w: inout JSONWriter) {
        let m = ctx.model.processes[p]
        let r = ctx.result.processes[p]
        let solved = r.flowSolved
        w.beginObject()
        w.field("id", string: m.name)
        w.field("title", string: m.title)
        w.field("owner", string: m.owner.map { ctx.unitName($0) })
        w.field("cases_per_year", r.cases)
        spread("cases_per_year", r.casesSpread, &w)
        w.key("visits")
        if solved {
            visits(m.nodes, r.nodes, &w)
        } else {
            w.null()
        }
        w.field("staff_hours_per_case", solved ? r.staffHoursPerCase : nil)
        spread("staff_hours_per_case", solved ? r.staffHoursPerCaseSpread : nil, &w)
        w.field("lead_time_days", r.leadTimeDays)
        spread("lead_time_days", r.leadTimeDays == nil ? nil : r.leadTimeSpread, &w)
        w.field("need_fte", solved && r.cases != nil ? r.fte : nil)
        spread("need_fte", solved && r.cases != nil ? r.fteSpread : nil, &w)
        w.field("cost_per_case_eur", r.costPerCase)
        w.field("own_volume_per_year", r.ownVolume)
        w.field("staff_hours_per_year", solved ? r.staffHoursPerYear : nil)
        w.field("media_breaks_per_case", r.mediaBreaks)
        w.field("handoffs_per_case", r.handoffs)
        w.field("steps_per_case", r.steps)
        w.field("system_steps_per_case", r.systemSteps)
        w.field("digital", r.digital)
        w.field("source", string: m.source)
        w.key("callers"); w.beginArray()
        for c in r.callers {
            w.item(); w.beginObject()
            w.field("process", string: ctx.processName(c.process))
            w.field("step", string: ctx.nodeName(c.process, c.node))
            w.field("cases_per_year", c.cases)
            w.endObject()
        }
        w.endArray()
        w.field("complete", bool: r.complete)
        w.field("cases_complete", bool: r.casesComplete)
        w.field("lead_time_complete", bool: r.leadTimeComplete)
        w.field("cost_complete", bool: r.costComplete)
        w.key("missing"); w.beginArray()
        for x in r.missing { w.item(); w.value(missing(ctx, x)) }
        w.endArray()
        // Including the processes it calls (equal to the own figures without calls).
        w.field("staff_hours_per_case_with_calls", solved ? r.staffHoursPerCaseWithCalls : nil)
        w.field("need_fte_with_calls", r.fteWithCalls)
        w.field("cost_per_case_eur_with_calls", r.costPerCaseWithCalls)
        w.field("with_calls_complete", bool: r.withCallsComplete)
        w.field("cost_with_calls_complete", bool: r.costWithCallsComplete)
        w.endObject()
    }

    /// The visits per case by node name; a duplicate name (E303) gets `#2`, `#3` ….
    static func visits(_ nodes: [FlowNode], _ figures: [NodeStaffing], _ w: inout JSONWriter) {
        w.beginObject()
        if !hasDuplicateNames(nodes) {
            // Distinct names (every valid model): no set of keys (a `Set<String>` per
            // process was 26 M instructions of allocation and hashing on the 100k-line report).
            for (n, node) in nodes.enumerated() {
                w.key(name: node.name); w.number(n < figures.count ? figures[n].visits : nil)
            }
        } else {
            var names = Set<String>()
            for (n, node) in nodes.enumerated() {
                var key = node.name
                var k = 2
                while names.contains(key) { key = "\(node.name)#\(k)"; k += 1 }
                names.insert(key)
                w.key(name: key); w.number(n < figures.count ? figures[n].visits : nil)
            }
        }
        w.endObject()
    }

    /// Whether two nodes share a name (E303): pairwise for the usual few nodes, by a set beyond.
    static func hasDuplicateNames(_ nodes: [FlowNode]) -> Bool {
        if nodes.count > 48 {
            var seen = Set<String>()
            for node in nodes where !seen.insert(node.name).inserted { return true }
            return false
        }
        for i in nodes.indices {
            for j in 0..<i where nodes[j].name == nodes[i].name { return true }
        }
        return false
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

    /// One entry of `dna(ctx)`, streamed: the same bytes as `w.value(dna(ctx)[k])` without
    /// a tree of values per process (building and freeing 2,000 of them was ≈ 50 M
    /// instructions of the 100k-line report; ReportTests compares the two).
    static func dna(_ ctx: ReportContext, _ p: ProcessID, _ w: inout JSONWriter) {
        let s = ctx.result.dna.scores[p]
        w.beginObject()
        w.field("process", string: ctx.processName(p))
        w.field("rank", int: s.rank)
        w.field("score", s.score)
        w.field("complete", bool: s.complete)
        w.key("criteria"); w.beginObject()
        for c in s.criteria {
            w.key(name: ctx.criterionName(c.criterion)); w.beginObject()
            w.field("value", c.value)
            w.field("normalized", c.normalized)
            w.field("contribution", c.contribution)
            w.endObject()
        }
        w.endObject()
        w.key("missing"); w.beginArray()
        for c in s.criteria where c.value == nil { w.item(); w.string(ctx.criterionName(c.criterion)) }
        w.endArray()
        w.endObject()
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
