import OrgaAnalysis
import OrgaSupport

/// `orgc diff --format json`: the contract in `docs/diff-json.md` and
/// `docs/diff.schema.json`. Numbers unrounded, `null` where not computable or where a
/// side does not exist; key order fixed.
public enum DiffJSON {
    public static let schemaVersion = 1

    public static func render(_ d: ModelDiff, exceeded: [DiffExceeded] = [], limit: Double? = nil) -> String {
        var w = JSONWriter(capacity: 1 << 16)
        w.beginObject()
        w.field("schema_version", int: schemaVersion)
        for (key, v) in [("old", d.old), ("new", d.new)] {
            w.key(name: key); w.beginObject()
            w.field("path", string: v.path)
            w.field("rev", string: v.revision)
            w.field("scenario", string: v.scenario)
            w.endObject()
        }
        w.field("empty", bool: d.isEmpty)
        w.key("totals"); w.beginObject()
        figure("need_fte", d.totalNeed, &w)
        figure("planned_fte", d.totalPlanned, &w)
        figure("filled_fte", d.totalFilled, &w)
        figure("need_cost_eur", d.totalNeedCost, &w)
        w.endObject()
        for (key, rows) in [("units", d.units), ("positions", d.positions)] {
            w.key(name: key); w.beginArray()
            for r in rows {
                w.item(); w.beginObject()
                w.field("id", string: r.id)
                w.field("title", string: r.title)
                w.field("status", string: r.status.rawValue)
                figure("planned_fte", r.planned, &w)
                figure("filled_fte", r.filled, &w)
                figure("need_fte", r.need, &w)
                figure("gap_fte", r.gap, &w)
                figure("need_cost_eur", r.needCost, &w)
                w.endObject()
            }
            w.endArray()
        }
        w.key("processes"); w.beginArray()
        for p in d.processes {
            w.item(); w.beginObject()
            w.field("id", string: p.id)
            w.field("title", string: p.title)
            w.field("status", string: p.status.rawValue)
            figure("cases_per_year", p.cases, &w)
            figure("staff_hours_per_case", p.staffHoursPerCase, &w)
            figure("lead_time_days", p.leadTimeDays, &w)
            figure("need_fte", p.need, &w)
            w.endObject()
        }
        w.endArray()
        w.key("scenarios"); w.beginArray()
        for r in d.scenarios {
            w.item(); w.beginObject()
            w.field("id", string: r.id)
            figure("need_fte", r.need, &w)
            figure("need_cost_eur", r.needCost, &w)
            w.endObject()
        }
        w.endArray()
        w.key("causes"); w.beginArray()
        for c in d.causes {
            w.item(); w.beginObject()
            w.field("kind", string: c.kind.rawValue)
            w.field("target", string: c.target)
            w.field("property", string: c.property)
            w.key("old"); value(c.old, &w)
            w.key("new"); value(c.new, &w)
            w.field("unit", string: c.valueUnit)
            w.field("old_text", string: c.oldText)
            w.field("new_text", string: c.newText)
            w.field("change_text", string: c.changeText)
            w.field("base_effect", bool: !c.isWhatIf)
            w.field("file", string: c.file)
            w.field("line", int: c.line)
            w.field("side", string: c.inOld ? "old" : "new")
            w.key("moves"); moves(c.moves, &w)
            w.endObject()
        }
        w.endArray()
        w.key("unattributed"); moves(d.unattributed, &w)
        w.field("fail_above", limit)
        w.key("exceeded"); w.beginArray()
        for x in exceeded {
            w.item(); w.beginObject()
            w.field("kind", string: x.kind.rawValue)
            w.field("id", string: x.id)
            w.field("delta_need_fte", x.deltaNeed)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return String(decoding: w.finish(), as: UTF8.self)
    }

    private static func figure(_ key: StaticString, _ f: DiffFigure, _ w: inout JSONWriter) {
        w.key(key); w.beginObject()
        w.field("old", f.old)
        w.field("new", f.new)
        w.field("delta", f.delta)
        w.endObject()
    }

    private static func value(_ v: DiffValue, _ w: inout JSONWriter) {
        switch v {
        case .none: w.null()
        case .number(let x): w.number(x)
        case .text(let s): w.string(s)
        case .flag(let b): w.bool(b)
        }
    }

    private static func moves(_ m: [(id: String, fte: Double)], _ w: inout JSONWriter) {
        w.beginObject()
        for (id, fte) in m { w.key(name: id); w.number(fte) }
        w.endObject()
    }
}
