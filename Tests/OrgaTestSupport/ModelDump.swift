import OrgaSemantics

/// A canonical text dump of a checked model, one line per entity: two checks built the
/// same model exactly when their dumps are equal (the incremental-vs-full and the
/// parallel-vs-sequential tests compare them).
public enum ModelDump {
    /// Every field of the model that later stages read, with dictionaries sorted.
    public static func lines(_ checked: CheckedModel) -> [String] {
        let m = checked.model, sources = checked.sources
        var out: [String] = []
        out.append("paths " + sources.files.map(\.path).joined(separator: ","))
        out.append("settings " + String(reflecting: m.settings))
        for (i, x) in m.grades.enumerated() { out.append("grade \(i) " + String(reflecting: x)) }
        for (i, x) in m.units.enumerated() { out.append("unit \(i) " + String(reflecting: x)) }
        for (i, x) in m.positions.enumerated() { out.append("position \(i) " + String(reflecting: x)) }
        for (i, x) in m.actors.enumerated() { out.append("actor \(i) " + String(reflecting: x)) }
        for (i, x) in m.systems.enumerated() { out.append("system \(i) " + String(reflecting: x)) }
        for (i, p) in m.processes.enumerated() {
            var q = p
            q.ratings = [:]
            q.nodes = []
            out.append("process \(i) " + String(reflecting: q))
            for (k, n) in p.nodes.enumerated() { out.append("  node \(k) " + String(reflecting: n)) }
            for (k, v) in p.ratings.sorted(by: { $0.key < $1.key }) { out.append("  rating \(k) " + String(reflecting: v)) }
        }
        // The flow graphs (kept for the processes of files an edit left alone).
        for (i, x) in m.flows.enumerated() { out.append("flow \(i) " + String(reflecting: x)) }
        for (i, x) in m.criteria.enumerated() { out.append("criterion \(i) " + String(reflecting: x)) }
        for (i, x) in m.matrices.enumerated() { out.append("matrix \(i) " + String(reflecting: x)) }
        for (i, x) in m.raciCharts.enumerated() { out.append("raci \(i) " + String(reflecting: x)) }
        // Written out for speed (the most numerous entries; every field of the struct).
        func l(_ x: Location) -> String { "\(x.file):\(x.range.start)-\(x.range.end)" }
        for (i, x) in m.symbols.enumerated() {
            let d = sources.declarations[i]
            out.append("symbol \(i) \(x.name) \(x.kind.rawValue) \(x.index ?? -1) \(x.process?.index ?? -1) \(l(x.location)) \(d.file) \(d.statement)")
        }
        for (i, x) in m.references.enumerated() { out.append("reference \(i) \(l(x.location)) \(x.symbol?.index ?? -1)") }
        for (k, v) in m.globalNames.sorted(by: { $0.key < $1.key }) { out.append("global \(k) \(v)") }
        for (k, v) in m.criterionNames.sorted(by: { $0.key < $1.key }) { out.append("criterionName \(k) \(v)") }
        out.append("modelBlock " + String(reflecting: sources.modelBlock))
        out.append("rejectedWorktimes " + String(reflecting: m.rejectedWorktimes))
        for (i, x) in m.diagnostics.enumerated() { out.append("diagnostic \(i) " + String(reflecting: x)) }
        return out
    }
}
