import OrgaSyntax
import OrgaSemantics
import OrgaSupport

// The inputs of measures, scenarios and targets in an ordinary OLD/NEW diff
// (docs/diff.md, "What-if inputs"): each changed `cost`, `running`, `owner`,
// `requires`, `change`, `apply`, `save`, `across` or `potential` is one cause. They move
// no figure of the base model, so their `moves` are empty.
extension DiffInputs {
    mutating func compareWhatIf() {
        let om = old.model, nm = new.model
        let oms = DiffInputs.ids(om.measures, \.name), nms = DiffInputs.ids(nm.measures, \.name)
        for (i, m) in zip(om.measures.ids, om.measures) where oms[m.name] == i {
            guard let j = nms[m.name] else {
                add(.removed, .whatIf, target: m.name, property: "measure", old: .text(m.name), new: .none, oldAt: m.location, newAt: nil, statements: false)
                continue
            }
            compareMeasure(m, nm.measures[j])
        }
        for (j, m) in zip(nm.measures.ids, nm.measures) where nms[m.name] == j && oms[m.name] == nil {
            add(.added, .whatIf, target: m.name, property: "measure", old: .none, new: .text(m.name), oldAt: nil, newAt: m.location, statements: false)
        }

        let osc = DiffInputs.ids(om.scenarios, \.name), nsc = DiffInputs.ids(nm.scenarios, \.name)
        for (i, s) in zip(om.scenarios.ids, om.scenarios) where osc[s.name] == i {
            guard let j = nsc[s.name] else {
                add(.removed, .whatIf, target: s.name, property: "scenario", old: .text(s.name), new: .none, oldAt: s.location, newAt: nil, statements: false)
                continue
            }
            compareScenario(s, nm.scenarios[j])
        }
        for (j, s) in zip(nm.scenarios.ids, nm.scenarios) where nsc[s.name] == j && osc[s.name] == nil {
            add(.added, .whatIf, target: s.name, property: "scenario", old: .none, new: .text(s.name), oldAt: nil, newAt: s.location, statements: false)
        }

        let ot = DiffInputs.ids(om.targets, \.name), nt = DiffInputs.ids(nm.targets, \.name)
        for (i, t) in zip(om.targets.ids, om.targets) where ot[t.name] == i {
            guard let j = nt[t.name] else {
                add(.removed, .whatIf, target: t.name, property: "target", old: .text(t.name), new: .none, oldAt: t.location, newAt: nil, statements: false)
                continue
            }
            compareTarget(t, nm.targets[j])
        }
        for (j, t) in zip(nm.targets.ids, nm.targets) where nt[t.name] == j && ot[t.name] == nil {
            add(.added, .whatIf, target: t.name, property: "target", old: .none, new: .text(t.name), oldAt: nil, newAt: t.location, statements: false)
        }
    }

    private mutating func compareMeasure(_ a: Measure, _ b: Measure) {
        let om = old.model, nm = new.model
        compare(a.costSetting, b.costSetting, .measureCost, .whatIf, target: a.name, property: "cost", unit: "EUR",
                fallbackOld: a.location, fallbackNew: b.location) { .number($0) }
        compare(a.runningSetting, b.runningSetting, .running, .whatIf, target: a.name, property: "running", unit: "EUR/year",
                fallbackOld: a.location, fallbackNew: b.location) { .number($0) }
        let oo = a.owner.map { om.performerName($0) }, no = b.owner.map { nm.performerName($0) }
        if oo != no {
            add(.owner, .whatIf, target: a.name, property: "owner", old: oo.map { .text($0) } ?? .none, new: no.map { .text($0) } ?? .none,
                oldAt: a.location, newAt: b.location, statements: false)
        }
        let or = a.requires.compactMap { om.measures.element(at: $0.value)?.name }
        let nr = b.requires.compactMap { nm.measures.element(at: $0.value)?.name }
        if or.sorted() != nr.sorted() {
            add(.requires, .whatIf, target: a.name, property: "requires",
                old: or.isEmpty ? .none : .text(or.joined(separator: ", ")), new: nr.isEmpty ? .none : .text(nr.joined(separator: ", ")),
                oldAt: a.requires.first?.location ?? a.location, newAt: b.requires.first?.location ?? b.location, statements: false)
        }
        compareChanges(a.changes, om, b.changes, nm, owner: a.name)
    }

    private mutating func compareScenario(_ a: Scenario, _ b: Scenario) {
        let om = old.model, nm = new.model
        func split(_ s: Scenario, _ m: Model) -> (applies: [(key: String, location: Location)], changes: [Change]) {
            var applies: [(key: String, location: Location)] = []
            var changes: [Change] = []
            var seen: [String: Int] = [:]
            for e in s.entries {
                switch e {
                case .apply(let i, let l):
                    guard let name = i.flatMap({ m.measures.element(at: $0)?.name }) else { continue }
                    let k = seen[name, default: 0]
                    seen[name] = k + 1
                    applies.append((k == 0 ? name : name + " #\(k + 1)", l))
                case .changes(let cs, _): changes += cs
                }
            }
            return (applies, changes)
        }
        let x = split(a, om), y = split(b, nm)
        let newKeys = Set(y.applies.map(\.key)), oldKeys = Set(x.applies.map(\.key))
        for (k, l) in x.applies where !newKeys.contains(k) {
            add(.apply, .whatIf, target: a.name, property: "apply", old: .text(k), new: .none, oldAt: l, newAt: nil, statements: false)
        }
        for (k, l) in y.applies where !oldKeys.contains(k) {
            add(.apply, .whatIf, target: a.name, property: "apply", old: .none, new: .text(k), oldAt: nil, newAt: l, statements: false)
        }
        compareChanges(x.changes, om, y.changes, nm, owner: a.name)
    }

    /// The `change` lines of a measure or scenario, matched by what they change (target
    /// and property, the n-th of several); a changed value, an added or a removed line is
    /// one cause each. Their order is not compared.
    private mutating func compareChanges(_ a: [Change], _ om: Model, _ b: [Change], _ nm: Model, owner: String) {
        func keyed(_ cs: [Change], _ m: Model, _ sources: SourceMap) -> [(key: String, change: Change, value: String?)] {
            var seen: [String: Int] = [:]
            return cs.map { c in
                let target = ModelVersion.targetName(c.target, in: m) ?? "?"
                var what = c.property.word
                switch c.property {
                case .effort(let label, _, _), .branch(let label, _): what += " \"\(label)\""
                default: break
                }
                let base = target + " " + what
                let k = seen[base, default: 0]
                seen[base] = k + 1
                // The value as written: the statement after `change TARGET`.
                let text = statementText(sources, c.location)
                let value = text.map { t -> String in
                    let parts = t.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
                    return parts.count == 3 ? String(parts[2]) : t
                }
                return (k == 0 ? base : base + " #\(k + 1)", c, value)
            }
        }
        let x = keyed(a, om, old.checked.sources), y = keyed(b, nm, new.checked.sources)
        var newByKey: [String: (change: Change, value: String?)] = [:]
        for e in y { newByKey[e.key] = (e.change, e.value) }
        var oldKeys = Set<String>()
        for e in x {
            oldKeys.insert(e.key)
            let property = "change " + e.key
            if let n = newByKey[e.key] {
                if n.change.property != e.change.property {
                    add(.change, .whatIf, target: owner, property: property, old: e.value.map { .text($0) } ?? .none,
                        new: n.value.map { .text($0) } ?? .none, oldAt: e.change.location, newAt: n.change.location)
                }
            } else {
                add(.change, .whatIf, target: owner, property: property, old: e.value.map { .text($0) } ?? .none, new: .none,
                    oldAt: e.change.location, newAt: nil)
            }
        }
        for e in y where !oldKeys.contains(e.key) {
            add(.change, .whatIf, target: owner, property: "change " + e.key, old: .none, new: e.value.map { .text($0) } ?? .none,
                oldAt: nil, newAt: e.change.location)
        }
    }

    private mutating func compareTarget(_ a: Target, _ b: Target) {
        let om = old.model, nm = new.model
        compare(a.saveSetting, b.saveSetting, .save, .whatIf, target: a.name, property: "save",
                fallbackOld: a.location, fallbackNew: b.location) { s in
            switch s {
            case .fte(let f): .text(NumberFormat.shortest(f) + " fte")
            case .eurPerYear(let e): .text(NumberFormat.shortest(e) + " EUR/year")
            }
        }
        let oa = a.across.compactMap { om.units.element(at: $0.value)?.name }, na = b.across.compactMap { nm.units.element(at: $0.value)?.name }
        if oa.sorted() != na.sorted() {
            add(.across, .whatIf, target: a.name, property: "across",
                old: oa.isEmpty ? .none : .text(oa.joined(separator: ", ")), new: na.isEmpty ? .none : .text(na.joined(separator: ", ")),
                oldAt: a.across.first?.location ?? a.location, newAt: b.across.first?.location ?? b.location, statements: false)
        }
        let op = a.potential.flatMap { om.scenarios.element(at: $0.value)?.name }, np = b.potential.flatMap { nm.scenarios.element(at: $0.value)?.name }
        if op != np {
            add(.potential, .whatIf, target: a.name, property: "potential", old: op.map { .text($0) } ?? .none, new: np.map { .text($0) } ?? .none,
                oldAt: a.potential?.location ?? a.location, newAt: b.potential?.location ?? b.location, statements: false)
        }
    }
}
