import OrgaSyntax
import OrgaSemantics

/// The semantic diff of the inputs: every staffing input of OLD and NEW compared by
/// name (declarations; steps and decisions as `Process.Node`), each difference one
/// `DiffCause`. Titles, documentation comments, DNA ratings, `system`, `kw`, `freeze`,
/// `trigger`, `result` and `source` are not staffing inputs and are not compared.
/// Comments, formatting and the order of declarations change nothing here, because
/// only values are compared; the order of the steps of a process is compared through
/// each step's effective successor (it decides where an implicit `next` goes).
struct DiffInputs {
    let old: ModelVersion
    let new: ModelVersion
    private(set) var causes: [DiffCause] = []
    /// For the attribution: the causes by what they are about.
    private(set) var index = CauseIndex()

    struct CauseIndex {
        var setting: [String: Int] = [:]
        var unit: [String: [Int]] = [:]
        var position: [String: [Int]] = [:]
        var process: [String: [Int]] = [:]
        /// Key: `Process\u{0}Node`.
        var node: [String: [Int]] = [:]
        /// The causes that change the visits of a process: flow targets, branch shares,
        /// steps added or removed, steps turned into decisions or back.
        var flow: [String: [Int]] = [:]
    }

    static func nodeKey(_ p: String, _ n: String) -> String { p + "\u{0}" + n }

    init(old: ModelVersion, new: ModelVersion) {
        self.old = old
        self.new = new
    }

    // MARK: Recording

    enum Scope {
        case setting(String), unit(String), position(String), process(String), node(String, String), grade
        /// A measure, scenario or target: indexed nowhere, it moves no base figure.
        case whatIf
    }

    @discardableResult
    mutating func add(_ kind: DiffCause.Kind, _ scope: Scope, target: String, property: String,
                              old o: DiffValue, new n: DiffValue, unit: String? = nil,
                              oldAt: Location?, newAt: Location?, flow: Bool = false,
                              statements: Bool = true, oldStatement: Location? = nil, newStatement: Location? = nil) -> Int {
        // The statements shown as `old_text`/`new_text`: `oldAt`/`newAt` themselves, or
        // (statements: false) only those given — a place that is a declaration's name is
        // where the cause is, not what was written.
        let oldShown = statements ? oldAt : oldStatement
        var newShown = statements ? newAt : newStatement
        var useOld = newAt == nil || kind == .removed
        var newAt = newAt
        // A scenario's value points at the `change` line that set it, not at the base;
        // the new value is then shown as a value, with the change beside it.
        var changeText: String? = nil
        if let changed = new.changeLocations[target + "\u{0}" + property] {
            useOld = false
            newAt = changed
            newShown = nil
            changeText = statementText(new.checked.sources, changed)
        }
        let place = useOld ? oldAt.map { (old.checked.sources, $0) } : newAt.map { (new.checked.sources, $0) }
        let file = place.map { $0.0.path($0.1) } ?? ""
        let line = place.map { $0.0.lineColumn($0.1).line } ?? 0
        let i = causes.count
        var isWhatIf = false
        if case .whatIf = scope { isWhatIf = true }
        causes.append(DiffCause(kind: kind, target: target, property: property, old: o, new: n, valueUnit: unit,
                                oldText: oldShown.flatMap { statementText(old.checked.sources, $0) },
                                newText: newShown.flatMap { statementText(new.checked.sources, $0) },
                                changeText: changeText, isWhatIf: isWhatIf, file: file, line: line, inOld: useOld, moves: []))
        switch scope {
        case .setting(let k): index.setting[k] = i
        case .unit(let u): index.unit[u, default: []].append(i)
        case .position(let p): index.position[p, default: []].append(i)
        case .process(let p): index.process[p, default: []].append(i)
        case .node(let p, let n):
            index.node[DiffInputs.nodeKey(p, n), default: []].append(i)
            index.process[p, default: []].append(i)
            if flow { index.flow[p, default: []].append(i) }
        case .grade, .whatIf: break
        }
        return i
    }

    /// The statement at `l` on one line, without a final `;`, at most 160 characters.
    func statementText(_ sources: SourceMap, _ l: Location) -> String? {
        guard let f = sources.file(l.file) else { return nil }
        let lo = max(0, min(l.range.start, f.bytes.count)), hi = max(lo, min(l.range.end, f.bytes.count))
        var s = DiffInputs.withoutComment(collapse(f.text(lo..<hi)))
        while s.hasSuffix(";") || s.hasSuffix(" ") { s.removeLast() }
        if s.count > 160 { s = String(s.prefix(159)) + "…" }
        return s.isEmpty ? nil : s
    }

    /// `s` up to a `//` comment outside a string.
    static func withoutComment(_ s: String) -> String {
        var inString = false
        var previousSlash = false
        var out = ""
        for ch in s {
            if ch == "\"" { inString.toggle() }
            if ch == "/" && !inString {
                if previousSlash { out.removeLast(); break }
                previousSlash = true
            } else {
                previousSlash = false
            }
            out.append(ch)
        }
        while out.hasSuffix(" ") { out.removeLast() }
        return out
    }

    private func collapse(_ s: String) -> String {
        var out = ""
        var space = false
        for u in s.unicodeScalars {
            if u.value < 0x20 || u.value == 0x7F || u == " " || u.value == 0x2028 || u.value == 0x2029 { space = true; continue }
            if space && !out.isEmpty { out += " " }
            space = false
            out.unicodeScalars.append(u)
        }
        return out
    }

    /// Compares `o` and `n`; a difference is one cause.
    mutating func compare<T: Equatable>(_ o: Setting<T>, _ n: Setting<T>, _ kind: DiffCause.Kind, _ scope: Scope,
                                                target: String, property: String, unit: String? = nil,
                                                fallbackOld: Location? = nil, fallbackNew: Location? = nil, flow: Bool = false,
                                                dated: Bool = false, value: (T) -> DiffValue) {
        let ov = o.value, nv = n.value
        guard ov != nv else { return }
        // A dated value's figure is its period average (`orgc diff` evaluates the period):
        // the first statement's text would not show it, so the values are shown instead.
        add(kind, scope, target: target, property: property, old: ov.map(value) ?? .none, new: nv.map(value) ?? .none,
            unit: unit, oldAt: o.location ?? fallbackOld, newAt: n.isWritten ? n.location : (nv == nil && o.isWritten ? nil : fallbackNew),
            flow: flow, statements: false, oldStatement: o.isWritten && !dated ? o.location : nil, newStatement: n.isWritten && !dated ? n.location : nil)
    }

    static func names<T>(_ items: [T], _ name: (T) -> String) -> [String: Int] {
        var d: [String: Int] = [:]
        d.reserveCapacity(items.count)
        for (i, x) in items.enumerated() where d[name(x)] == nil { d[name(x)] = i }
        return d
    }

    // MARK: Comparing

    mutating func run() {
        let om = old.model, nm = new.model
        compareSettings(om.settings, nm.settings)

        let og = DiffInputs.names(om.grades, \.name), ng = DiffInputs.names(nm.grades, \.name)
        for (i, g) in om.grades.enumerated() where og[g.name] == i {
            if let j = ng[g.name] {
                compare(g.costSetting, nm.grades[j].costSetting, .gradeCost, .grade, target: g.name, property: "cost", unit: "EUR") { .number($0) }
            } else {
                add(.removed, .grade, target: g.name, property: "grade", old: .text(g.name), new: .none, oldAt: g.location, newAt: nil, statements: false)
            }
        }
        for (j, g) in nm.grades.enumerated() where ng[g.name] == j && og[g.name] == nil {
            add(.added, .grade, target: g.name, property: "grade", old: .none, new: .text(g.name), oldAt: nil, newAt: g.location, statements: false)
        }

        let ou = DiffInputs.names(om.units, \.name), nu = DiffInputs.names(nm.units, \.name)
        for (i, u) in om.units.enumerated() where ou[u.name] == i {
            guard let j = nu[u.name] else {
                add(.removed, .unit(u.name), target: u.name, property: "unit", old: .text(u.name), new: .none, oldAt: u.location, newAt: nil, statements: false)
                continue
            }
            let v = nm.units[j]
            let op = u.parent.flatMap { om.units.element(at: $0)?.name }, np = v.parent.flatMap { nm.units.element(at: $0)?.name }
            if op != np {
                add(.parent, .unit(u.name), target: u.name, property: "in", old: op.map { .text($0) } ?? .none,
                    new: np.map { .text($0) } ?? .none, oldAt: u.location, newAt: v.location, statements: false)
            }
            let oh = u.head.flatMap { om.positions.element(at: $0)?.name }, nh = v.head.flatMap { nm.positions.element(at: $0)?.name }
            if oh != nh {
                add(.head, .unit(u.name), target: u.name, property: "head", old: oh.map { .text($0) } ?? .none,
                    new: nh.map { .text($0) } ?? .none, oldAt: u.headSetting.location ?? u.location,
                    newAt: v.headSetting.location ?? (nh == nil ? nil : v.location), statements: false)
            }
            compare(u.worktimeSetting, v.worktimeSetting, .worktime, .unit(u.name), target: u.name, property: "worktime", unit: "h",
                    fallbackOld: u.location, fallbackNew: v.location) { .number($0) }
            compare(u.allowanceSetting, v.allowanceSetting, .allowance, .unit(u.name), target: u.name, property: "allowance", unit: "%",
                    fallbackOld: u.location, fallbackNew: v.location) { .number($0.fraction * 100) }
        }
        for (j, u) in nm.units.enumerated() where nu[u.name] == j && ou[u.name] == nil {
            add(.added, .unit(u.name), target: u.name, property: "unit", old: .none, new: .text(u.name), oldAt: nil, newAt: u.location, statements: false)
        }

        let opos = DiffInputs.names(om.positions, \.name), npos = DiffInputs.names(nm.positions, \.name)
        for (i, p) in om.positions.enumerated() where opos[p.name] == i {
            guard let j = npos[p.name] else {
                add(.removed, .position(p.name), target: p.name, property: "position", old: .text(p.name), new: .none, oldAt: p.location, newAt: nil, statements: false)
                continue
            }
            comparePosition(p, nm.positions[j])
        }
        for (j, p) in nm.positions.enumerated() where npos[p.name] == j && opos[p.name] == nil {
            add(.added, .position(p.name), target: p.name, property: "position", old: .none, new: .text(p.name), oldAt: nil, newAt: p.location, statements: false)
        }

        let opr = DiffInputs.names(om.processes, \.name), npr = DiffInputs.names(nm.processes, \.name)
        for (i, p) in om.processes.enumerated() where opr[p.name] == i {
            guard let j = npr[p.name] else {
                add(.removed, .process(p.name), target: p.name, property: "process", old: .text(p.name), new: .none, oldAt: p.location, newAt: nil, statements: false)
                continue
            }
            compareProcess(p, nm.processes[j])
        }
        for (j, p) in nm.processes.enumerated() where npr[p.name] == j && opr[p.name] == nil {
            add(.added, .process(p.name), target: p.name, property: "process", old: .none, new: .text(p.name), oldAt: nil, newAt: p.location, statements: false)
        }
        compareWhatIf()
    }

    private mutating func compareSettings(_ o: ModelSettings, _ n: ModelSettings) {
        let at = (o.declaration, n.declaration)
        func setting<T: Equatable>(_ a: Setting<T>, _ b: Setting<T>, _ k: String, _ unit: String?, _ v: @escaping (T) -> DiffValue) {
            compare(a, b, .setting, .setting(k), target: "model", property: k, unit: unit, fallbackOld: at.0, fallbackNew: at.1, value: v)
        }
        setting(o.yearSetting, n.yearSetting, "year", nil) { .number(Double($0)) }
        setting(o.worktimeSetting, n.worktimeSetting, "worktime", "h") { .number($0) }
        setting(o.allowanceSetting, n.allowanceSetting, "allowance", "%") { .number($0.fraction * 100) }
        setting(o.workdaysSetting, n.workdaysSetting, "workdays", "d") { .number($0) }
        setting(o.overheadSetting, n.overheadSetting, "overhead", "%") { .number($0 * 100) }
        setting(o.workplaceSetting, n.workplaceSetting, "workplace", "EUR") { .number($0) }
        setting(o.leadershipSetting, n.leadershipSetting, "leadership", "%") { .number($0 * 100) }
        setting(o.roundingSetting, n.roundingSetting, "rounding", "fte") { .number($0) }
    }

    private mutating func comparePosition(_ p: Position, _ q: Position) {
        let om = old.model, nm = new.model
        let s = Scope.position(p.name)
        let ou = p.unit.flatMap { om.units.element(at: $0)?.name }, nu = q.unit.flatMap { nm.units.element(at: $0)?.name }
        if ou != nu {
            add(.unit, s, target: p.name, property: "in", old: ou.map { .text($0) } ?? .none, new: nu.map { .text($0) } ?? .none,
                oldAt: p.location, newAt: q.location, statements: false)
        }
        let og = p.grade.flatMap { om.grades.element(at: $0)?.name }, ng = q.grade.flatMap { nm.grades.element(at: $0)?.name }
        if og != ng {
            add(.grade, s, target: p.name, property: "grade", old: og.map { .text($0) } ?? .none, new: ng.map { .text($0) } ?? .none,
                oldAt: p.gradeSetting.location ?? p.location, newAt: q.gradeSetting.location ?? (ng == nil ? nil : q.location),
                statements: false, oldStatement: p.gradeSetting.location, newStatement: q.gradeSetting.location)
        }
        compare(p.plannedSetting, q.plannedSetting, .planned, s, target: p.name, property: "planned", unit: "fte",
                fallbackOld: p.location, fallbackNew: q.location, dated: !p.plannedSeries.isConstant || !q.plannedSeries.isConstant) { .number($0) }
        compare(p.filledSetting, q.filledSetting, .filled, s, target: p.name, property: "filled", unit: "fte",
                fallbackOld: p.location, fallbackNew: q.location, dated: !p.filledSeries.isConstant || !q.filledSeries.isConstant) { .number($0) }
        compare(p.coverageSetting, q.coverageSetting, .coverage, s, target: p.name, property: "coverage", unit: "h/week",
                fallbackOld: p.location, fallbackNew: q.location) { .number($0) }
        compare(p.worktimeSetting, q.worktimeSetting, .worktime, s, target: p.name, property: "worktime", unit: "h",
                fallbackOld: p.location, fallbackNew: q.location) { .number($0) }
        compare(p.allowanceSetting, q.allowanceSetting, .allowance, s, target: p.name, property: "allowance", unit: "%",
                fallbackOld: p.location, fallbackNew: q.location) { .number($0.fraction * 100) }
        // Efforts by label (and occurrence of the label).
        func keyed(_ es: [Effort]) -> [(key: String, effort: Effort)] {
            var seen: [String: Int] = [:]
            return es.map { e in
                let k = seen[e.label, default: 0]
                seen[e.label] = k + 1
                return (k == 0 ? e.label : e.label + " #\(k + 1)", e)
            }
        }
        func value(_ e: Effort) -> (DiffValue, String?) {
            if let f = e.fte { return (.number(f), "fte") }
            if let h = e.hoursPerYear { return (.number(h), "h/year") }
            return (.none, nil)
        }
        let oe = keyed(p.efforts), ne = keyed(q.efforts)
        var newByKey: [String: Effort] = [:]
        for (k, e) in ne { newByKey[k] = e }
        var oldKeys = Set<String>()
        for (k, e) in oe {
            oldKeys.insert(k)
            let (ov, ounit) = value(e)
            let prop = "effort \"\(k)\""
            if let f = newByKey[k] {
                let (nv, nunit) = value(f)
                if ov != nv || ounit != nunit {
                    add(.effort, s, target: p.name, property: prop, old: ov, new: nv, unit: nunit ?? ounit, oldAt: e.location, newAt: f.location)
                }
            } else {
                add(.effort, s, target: p.name, property: prop, old: ov, new: .none, unit: ounit, oldAt: e.location, newAt: nil)
            }
        }
        for (k, f) in ne where !oldKeys.contains(k) {
            let (nv, nunit) = value(f)
            add(.effort, s, target: p.name, property: "effort \"\(k)\"", old: .none, new: nv, unit: nunit, oldAt: nil, newAt: f.location)
        }
    }

    private func performerName(_ m: Model, _ p: Performer?) -> String? {
        guard let p else { return nil }
        switch p {
        case .position(let i): return m.positions.contains(i) ? m.positions[i].name : nil
        case .unit(let i): return m.units.contains(i) ? m.units[i].name : nil
        case .actor(let i): return m.actors.contains(i) ? m.actors[i].name : nil
        case .system(let i): return m.systems.contains(i) ? m.systems[i].name : nil
        }
    }

    private func targetName(_ proc: Process, _ t: FlowTarget?) -> String? {
        guard let t else { return nil }
        switch t {
        case .end: return Keywords.endTarget
        case .node(let i): return proc.nodes.indices.contains(i) ? proc.nodes[i].name : nil
        }
    }

    private mutating func compareProcess(_ p: Process, _ q: Process) {
        let om = old.model, nm = new.model
        let s = Scope.process(p.name)
        if p.volumePerYear != q.volumePerYear {
            // The same statement with another value: a `/day` rate under a changed
            // `workdays` — that setting is the cause, not the volume.
            let ot = p.volumeSetting.location.flatMap { statementText(old.checked.sources, $0) }
            let nt = q.volumeSetting.location.flatMap { statementText(new.checked.sources, $0) }
            let dated = !p.volumeSeries.isConstant || !q.volumeSeries.isConstant
            if ot == nil || ot != nt || dated {
                compare(p.volumeSetting, q.volumeSetting, .volume, s, target: p.name, property: "volume", unit: "/year",
                        fallbackOld: p.location, fallbackNew: q.location, dated: dated) { .number($0) }
            }
        }
        let oo = p.owner.flatMap { om.units.element(at: $0)?.name }, no = q.owner.flatMap { nm.units.element(at: $0)?.name }
        if oo != no {
            add(.owner, s, target: p.name, property: "owner", old: oo.map { .text($0) } ?? .none, new: no.map { .text($0) } ?? .none,
                oldAt: p.ownerSetting.location ?? p.location, newAt: q.ownerSetting.location ?? (no == nil ? nil : q.location),
                statements: false, oldStatement: p.ownerSetting.location, newStatement: q.ownerSetting.location)
        }
        // The usual case, the same steps in the same order, needs no name tables.
        let sameOrder = p.nodes.count == q.nodes.count
            && zip(p.nodes, q.nodes).allSatisfy { $0.name == $1.name && $0.isDecision == $1.isDecision }
        let on = sameOrder ? [:] : DiffInputs.names(p.nodes, \.name), nn = sameOrder ? [:] : DiffInputs.names(q.nodes, \.name)
        func kw(_ n: FlowNode) -> String { n.isDecision ? "decide" : "step" }
        var addedNodes = Set<String>(), removedNodes = Set<String>()
        if !sameOrder {
            for (i, a) in p.nodes.enumerated() where on[a.name] == i {
                if let j = nn[a.name], q.nodes[j].isDecision == a.isDecision { continue }
                removedNodes.insert(a.name)
            }
            for (j, b) in q.nodes.enumerated() where nn[b.name] == j {
                if let i = on[b.name], p.nodes[i].isDecision == b.isDecision { continue }
                addedNodes.insert(b.name)
            }
        }
        for (i, a) in p.nodes.enumerated() where sameOrder || on[a.name] == i {
            let target = p.name + "." + a.name
            let ns = Scope.node(p.name, a.name)
            if removedNodes.contains(a.name) {
                add(.removed, ns, target: target, property: kw(a), old: .text(a.name), new: .none, oldAt: a.location, newAt: nil, flow: true, statements: false)
                continue
            }
            guard let j = sameOrder ? i : nn[a.name] else { continue }
            let b = q.nodes[j]
            let op = performerName(om, a.performer), np = performerName(nm, b.performer)
            if op != np {
                add(.performer, ns, target: target, property: "by", old: op.map { .text($0) } ?? .none, new: np.map { .text($0) } ?? .none,
                    oldAt: a.performerSetting.location ?? a.location, newAt: b.performerSetting.location ?? (np == nil ? nil : b.location),
                    statements: false, oldStatement: a.performerSetting.location, newStatement: b.performerSetting.location)
            }
            compare(a.timeSetting, b.timeSetting, .time, ns, target: target, property: "time", unit: "h",
                    fallbackOld: a.location, fallbackNew: b.location) { .number($0) }
            compare(a.waitSetting, b.waitSetting, .wait, ns, target: target, property: "wait", unit: "d",
                    fallbackOld: a.location, fallbackNew: b.location) { .number($0) }
            compare(a.shareSetting, b.shareSetting, .share, ns, target: target, property: "share", unit: "%",
                    fallbackOld: a.location, fallbackNew: b.location) { .number($0 * 100) }
            if a.mediaBreak != b.mediaBreak {
                add(.mediaBreak, ns, target: target, property: "media_break", old: .flag(a.mediaBreak), new: .flag(b.mediaBreak),
                    oldAt: a.location, newAt: b.location, statements: false)
            }
            let oc = a.call.flatMap { om.processes.element(at: $0)?.name }, nc = b.call.flatMap { nm.processes.element(at: $0)?.name }
            if oc != nc {
                add(.call, ns, target: target, property: "call", old: oc.map { .text($0) } ?? .none, new: nc.map { .text($0) } ?? .none,
                    oldAt: a.callSetting.location ?? a.location, newAt: b.callSetting.location ?? (nc == nil ? nil : b.location),
                    statements: false, oldStatement: a.callSetting.location, newStatement: b.callSetting.location)
            }
            if a.isDecision {
                compareBranches(p, a, q, b, target: target, scope: ns)
            } else {
                let ot = targetName(p, p.successors(i).first?.target), nt = targetName(q, q.successors(j).first?.target)
                // An implicit `next` that moved only because a step was inserted after this
                // one, or the step after it removed, is part of that addition or removal.
                let implicit = !a.nextGiven && !b.nextGiven
                let explained = implicit && (nt.map { addedNodes.contains($0) } ?? false || ot.map { removedNodes.contains($0) } ?? false)
                if ot != nt && !explained {
                    add(.flow, ns, target: target, property: "next", old: ot.map { .text($0) } ?? .none, new: nt.map { .text($0) } ?? .none,
                        oldAt: a.nextSetting.location ?? a.location, newAt: b.nextSetting.location ?? b.location, flow: true,
                        statements: false, oldStatement: a.nextSetting.location, newStatement: b.nextSetting.location)
                }
            }
        }
        for (j, b) in q.nodes.enumerated() where !sameOrder && nn[b.name] == j && addedNodes.contains(b.name) {
            add(.added, .node(p.name, b.name), target: p.name + "." + b.name, property: kw(b), old: .none, new: .text(b.name),
                oldAt: nil, newAt: b.location, flow: true, statements: false)
        }
    }

    private mutating func compareBranches(_ p: Process, _ a: FlowNode, _ q: Process, _ b: FlowNode, target: String, scope: Scope) {
        func label(_ br: Branch, _ k: Int) -> String { br.title.map { "branch \"\($0)\"" } ?? "branch \(k + 1)" }
        let n = max(a.branches.count, b.branches.count)
        for k in 0..<n {
            let x = k < a.branches.count ? a.branches[k] : nil
            let y = k < b.branches.count ? b.branches[k] : nil
            let prop = y.map { label($0, k) } ?? x.map { label($0, k) } ?? "branch"
            let xs = x?.shareSetting.value, ys = y?.shareSetting.value
            let xt = x.flatMap { targetName(p, $0.target) }, yt = y.flatMap { targetName(q, $0.target) }
            if x == nil || y == nil || xs != ys {
                add(.branch, scope, target: target, property: prop, old: xs.map { .number($0 * 100) } ?? .none,
                    new: ys.map { .number($0 * 100) } ?? .none, unit: "%", oldAt: x?.location, newAt: y?.location, flow: true)
            } else if xt != yt {
                add(.flow, scope, target: target, property: prop, old: xt.map { .text($0) } ?? .none, new: yt.map { .text($0) } ?? .none,
                    oldAt: x?.location, newAt: y?.location, flow: true)
            }
        }
    }
}

extension Array {
    /// The element at `i`, nil when out of range (indices from a model with errors).
    func element(at i: Int) -> Element? { indices.contains(i) ? self[i] : nil }
}
