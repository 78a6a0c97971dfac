import OrgaSyntax
import OrgaSupport

/// Reads `measure`, `scenario` and `target` blocks into `Model.measures`,
/// `Model.scenarios` and `Model.targets`, and types every `change` statement. The
/// second reader of syntax in the semantic layer besides `ModelBuilder`: it runs on the
/// built model (every name declared and resolved) before the `Checker`, in a full and
/// in an incremental check alike, so it keeps no state between checks. It adds the
/// references of `change` targets and values (`Process.Step`, `by X`, `grade G`) and
/// reports what one statement shows (E701–E704, E709 for a set value out of range).
struct WhatIfReader {
    var model: Model
    let sources: SourceMap
    let trees: [SyntaxTree]
    private var findings = CappedFindings()

    init(model: Model, sources: SourceMap, trees: [SyntaxTree]) {
        self.model = model
        self.sources = sources
        self.trees = trees
    }

    mutating func run() -> Model {
        // Entities in declaration order, so that the symbols' indices are dense.
        // By id: iterating `enumerated()` while writing `symbols[i]` copied the whole
        // array (20 MB on the 1M-line model, heaptrack 2026-12-01). Not at all without a
        // measure, scenario or target: the loop's uniqueness check, hoisted out of it,
        // copied the symbols (shared with the incremental analyzer's builder) anyway —
        // 3.5 % of a language-server edit on the 100k-line model (perf, 2026-12-01).
        if model.symbols.anyKind({ $0 == .measure || $0 == .scenario || $0 == .target }) {
            for i in model.symbols.ids {
                let s = model.symbols[i]
                switch s.kind {
                case .measure:
                    model.symbols[i].index = model.measures.nextID.index
                    model.measures.append(Measure(name: s.name, title: nil, doc: nil, symbol: i, location: s.location))
                case .scenario:
                    model.symbols[i].index = model.scenarios.nextID.index
                    model.scenarios.append(Scenario(name: s.name, title: nil, doc: nil, symbol: i, location: s.location))
                case .target:
                    model.symbols[i].index = model.targets.nextID.index
                    model.targets.append(Target(name: s.name, title: nil, doc: nil, symbol: i, location: s.location))
                default: continue
                }
            }
        }
        for m in model.measures.ids { readMeasure(m) }
        for s in model.scenarios.ids { readScenario(s) }
        for t in model.targets.ids { readTarget(t) }
        model.diagnostics.append(contentsOf: findings.diagnostics)
        return model
    }

    // MARK: Helpers

    private func statement(_ symbol: SymbolID) -> (SyntaxTree, Int, Int32)? {
        sources.declaringStatement(symbol, in: trees)
    }

    private mutating func report(_ code: DiagnosticCode, _ l: Location, _ message: String, fixes: [Fix] = []) {
        findings.report(code, l, message, fixes: fixes, sources: sources)
    }

    /// The symbol a name refers to when it has one of `kinds` (no diagnostic: the model
    /// builder reported unknown names of `requires`, `apply`, `across`, `owner`, `potential`).
    private func lookup(_ name: String, _ kinds: DeclKinds) -> Symbol? {
        guard let s = model.globalNames[name], model.symbols.contains(s) else { return nil }
        let sym = model.symbols[s]
        return sym.kind.asKinds.isDisjoint(with: kinds) ? nil : sym
    }

    /// The names of a list argument (`requires A, B`): the bound argument and the
    /// comma-continued ones after it.
    private func listNames(_ tree: SyntaxTree, _ c: Int32, _ role: ArgRole) -> [(String, ByteRange)] {
        guard let first = tree.arg(c, role) else { return [] }
        var out: [(String, ByteRange)] = []
        var started = false
        for aid in tree.argumentIDs(c) {
            let arg = tree.argument(aid)
            if !started { started = arg.firstToken == first.firstToken; if !started { continue } }
            else if !arg.afterComma { break }
            if arg.kind == .name { out.append((tree.name(arg), tree.nameRange(arg))) }
        }
        return out
    }

    // MARK: Measures

    private mutating func readMeasure(_ m: MeasureID) {
        guard let (tree, file, id) = statement(model.measures[m].symbol) else { return }
        model.measures[m].title = tree.declaredTitle(id)
        model.measures[m].doc = tree.docComment(id)
        for c in tree.childIDs(id) {
            guard let spec = tree.spec(c) else { continue }
            let l = Location(file: file, range: tree.range(c))
            switch spec.keyword {
            case .owner:
                if let a = tree.arg(c, .value), let s = lookup(tree.name(a), [.unit, .position]), let owner = s.performer {
                    model.measures[m].owner = owner
                }
            case .requires:
                for (name, range) in listNames(tree, c, .value) {
                    if let s = lookup(name, .measure), let i = s.id(MeasureID.self) {
                        model.measures[m].requires.append(Located(i, Location(file: file, range: range)))
                    }
                }
            case .cost: model.measures[m].costSetting.write(tree.arg(c, .value)?.value, at: l)
            case .running: model.measures[m].runningSetting.write(tree.arg(c, .value)?.value, at: l)
            case .change:
                if let change = readChange(tree, file, c) { model.measures[m].changes.append(change) }
            default: break
            }
        }
    }

    // MARK: Scenarios

    private mutating func readScenario(_ s: ScenarioID) {
        guard let (tree, file, id) = statement(model.scenarios[s].symbol) else { return }
        model.scenarios[s].title = tree.declaredTitle(id)
        model.scenarios[s].doc = tree.docComment(id)
        var run: [Change] = []
        var runStart: Location? = nil
        func flush(_ scenario: inout Scenario) {
            if let start = runStart { scenario.entries.append(.changes(run, location: start)) }
            run = []
            runStart = nil
        }
        for c in tree.childIDs(id) {
            guard let spec = tree.spec(c) else { continue }
            switch spec.keyword {
            case .change:
                // A run of consecutive `change` lines is one entry (also when one of them is unreadable).
                if runStart == nil { runStart = Location(file: file, range: tree.range(c)) }
                if let change = readChange(tree, file, c) { run.append(change) }
            case .apply:
                flush(&model.scenarios[s])
                for (name, range) in listNames(tree, c, .value) {
                    let measure = lookup(name, .measure)?.id(MeasureID.self)
                    model.scenarios[s].entries.append(.apply(measure: measure, location: Location(file: file, range: range)))
                }
            default: break
            }
        }
        flush(&model.scenarios[s])
    }

    // MARK: Targets

    private mutating func readTarget(_ t: TargetID) {
        guard let (tree, file, id) = statement(model.targets[t].symbol) else { return }
        model.targets[t].title = tree.declaredTitle(id)
        model.targets[t].doc = tree.docComment(id)
        for c in tree.childIDs(id) {
            guard let spec = tree.spec(c) else { continue }
            let l = Location(file: file, range: tree.range(c))
            switch spec.keyword {
            case .save:
                let amount = tree.arg(c, .value).map { a -> SaveAmount in a.unit == .fte ? .fte(a.value) : .eurPerYear(a.value) }
                model.targets[t].saveSetting.write(amount, at: l)
            case .across:
                for (name, range) in listNames(tree, c, .value) {
                    if let s = lookup(name, .unit), let i = s.id(UnitID.self) {
                        model.targets[t].across.append(Located(i, Location(file: file, range: range)))
                    }
                }
            case .potential:
                if let a = tree.arg(c, .value), let s = lookup(tree.name(a), .scenario), let i = s.id(ScenarioID.self) {
                    model.targets[t].potential = Located(i, Location(file: file, range: tree.nameRange(a)))
                }
            default: break
            }
        }
    }

    // MARK: change TARGET PROPERTY [VALUE]

    /// The properties of each kind of target, for messages and completion.
    static func properties(of target: ChangeTarget, in model: Model) -> [ChangeWord] {
        switch target {
        case .process: [.volume]
        case .node(let id): (model.node(id)?.isDecision ?? false) ? [.branch] : [.time, .wait, .share, .by, .mediaBreak, .skip]
        case .position: [.planned, .filled, .coverage, .effort, .grade, .worktime, .allowance]
        case .unit: [.worktime, .allowance]
        case .grade: [.cost]
        case .model: [.worktime, .allowance, .overhead, .leadership, .workplace, .rounding]
        }
    }

    private mutating func readChange(_ tree: SyntaxTree, _ file: Int, _ c: Int32) -> Change? {
        let l = Location(file: file, range: tree.range(c))
        let args = tree.argumentIDs(c).map { tree.argument($0) }
        guard let first = args.first else {
            report(.missingArgument, l, "`change` needs a target, a property and a value: `change Meldung.Erfassen time -50 %`")
            return nil
        }
        guard let target = readChangeTarget(tree, file, first) else { return nil }
        let targetWords = Self.properties(of: target, in: model).map(\.rawValue)
        guard args.count >= 2, args[1].kind == .name else {
            let at = args.count >= 2 ? Location(file: file, range: tree.range(of: args[1])) : l
            report(.unknownChangeProperty, at, "`change` needs a property after its target: " + targetWords.map { "`\($0)`" }.joined(separator: ", "))
            return nil
        }
        let word = tree.name(args[1])
        let wordLocation = Location(file: file, range: tree.range(of: args[1]))
        guard let property = ChangeWord(rawValue: word), targetWords.contains(word) else {
            let sug = Suggestions.best(for: word, among: targetWords)
            report(.unknownChangeProperty, wordLocation,
                   "\(describe(target)) has no property `\(word)` to change; it has " + targetWords.map { "`\($0)`" }.joined(separator: ", ")
                   + (sug.map { "; did you mean `\($0)`?" } ?? ""),
                   fixes: sug.map { [Fix(title: "Change to `\($0)`", edits: [TextEdit(path: tree.path, range: wordLocation.range, newText: $0)])] } ?? [])
            return nil
        }
        var rest = Array(args.dropFirst(2))
        // A label for `branch "…"` and `effort "…"`.
        var label: String? = nil
        if property.takesLabel {
            guard let s = rest.first, s.kind == .string else {
                report(.wrongChangeValue, wordLocation, "`change … \(word)` needs the \(word)'s label in quotes: `\(word) \"label\" …`")
                return nil
            }
            label = tree.stringValue(s)
            rest.removeFirst()
        }
        let ctx = ValueContext(tree: tree, file: file, statement: l, word: property, property: wordLocation)
        guard let value = readProperty(property, label: label, rest, target: target, ctx) else { return nil }
        return Change(target: target, property: value, location: l)
    }

    private func describe(_ t: ChangeTarget) -> String {
        switch t {
        case .process(let p): "process `\(model.processes[p].name)`"
        case .node(let id):
            (model.node(id)?.isDecision ?? false)
                ? "decision `\(model.processes[id.process].name).\(model.node(id)?.name ?? "")`"
                : "step `\(model.processes[id.process].name).\(model.node(id)?.name ?? "")`"
        case .position(let i): "position `\(model.positions[i].name)`"
        case .unit(let i): "unit `\(model.units[i].name)`"
        case .grade(let i): "grade `\(model.grades[i].name)`"
        case .model: "`model`"
        }
    }

    private mutating func readChangeTarget(_ tree: SyntaxTree, _ file: Int, _ a: Argument) -> ChangeTarget? {
        let whole = Location(file: file, range: tree.range(of: a))
        switch a.kind {
        case .name:
            let name = tree.name(a)
            if name == Keyword.model.rawValue { return .model }   // `change model worktime …`
            guard let s = model.globalNames[name], model.symbols.contains(s) else {
                report(.unknownChangeTarget, whole, "no process, position, unit or grade named `\(name)` to change")
                model.references.append(Reference(location: whole, symbol: nil))
                return nil
            }
            model.references.append(Reference(location: whole, symbol: s))
            let sym = model.symbols[s]
            guard let i = sym.index else { return nil }
            switch sym.kind {
            case .process: return .process(ProcessID(i))
            case .position: return .position(PositionID(i))
            case .unit: return .unit(UnitID(i))
            case .grade: return .grade(GradeID(i))
            default:
                report(.unknownChangeTarget, whole,
                       "`\(name)` is \(article(sym.kind.phrase)); a change targets a process, a step or decision (`Process.Step`), a position, a unit, a grade or `model`")
                return nil
            }
        case .path:
            var parts: [(String, ByteRange)] = []
            var t = a.firstToken
            while t <= a.lastToken {
                if tree.tokens[Int(t)].kind == .identifier { parts.append((tree.text(t), tree.tokenRange(t))) }
                t += 1
            }
            guard parts.count == 2 else {
                report(.unknownChangeTarget, whole, "a change targets `Process.Step`; `\(tree.name(a))` has \(parts.count) parts")
                return nil
            }
            let pl = Location(file: file, range: parts[0].1), nl = Location(file: file, range: parts[1].1)
            guard let s = model.globalNames[parts[0].0], model.symbols.contains(s),
                  let p = model.symbols[s].id(ProcessID.self), model.processes.contains(p) else {
                report(.unknownChangeTarget, pl, "no process named `\(parts[0].0)` to change")
                model.references.append(Reference(location: pl, symbol: nil))
                return nil
            }
            model.references.append(Reference(location: pl, symbol: s))
            guard let n = model.processes[p].nodes.firstIndex(where: { $0.name == parts[1].0 }) else {
                let sug = Suggestions.best(for: parts[1].0, among: model.processes[p].nodes.map(\.name))
                report(.unknownChangeTarget, nl, "process `\(parts[0].0)` has no step or decision `\(parts[1].0)`" + (sug.map { "; did you mean `\($0)`?" } ?? ""),
                       fixes: sug.map { [Fix(title: "Change to `\($0)`", edits: [TextEdit(path: tree.path, range: nl.range, newText: $0)])] } ?? [])
                model.references.append(Reference(location: nl, symbol: nil))
                return nil
            }
            model.references.append(Reference(location: nl, symbol: model.processes[p].nodes[n].symbol))
            return .node(NodeID(process: p, index: n))
        default:
            report(.unknownChangeTarget, whole, "`change` starts with what it changes: a name, `Process.Step` or `model`")
            return nil
        }
    }

    private struct ValueContext {
        let tree: SyntaxTree
        let file: Int
        let statement: Location
        let word: ChangeWord
        let property: Location
        func at(_ a: Argument) -> Location { Location(file: file, range: tree.range(of: a)) }
        func written(_ a: Argument) -> String { tree.file.text(tree.range(of: a).start..<tree.range(of: a).end) }
    }

    private mutating func readProperty(_ property: ChangeWord, label: String?, _ rest: [Argument], target: ChangeTarget, _ ctx: ValueContext) -> ChangeProperty? {
        let word = property.rawValue
        // Properties without a value or with a word.
        switch property {
        case .skip:
            if let extra = rest.first { report(.wrongChangeValue, ctx.at(extra), "`skip` takes no value: the step is no longer done"); return nil }
            return .skip
        case .mediaBreak:
            guard rest.count == 1, rest[0].kind == .name, ["on", "off"].contains(ctx.tree.name(rest[0])) else {
                report(.wrongChangeValue, rest.first.map(ctx.at) ?? ctx.property, "`media_break` is changed to `on` or `off`")
                return nil
            }
            return .mediaBreak(ctx.tree.name(rest[0]) == "on")
        case .by, .grade:
            guard rest.count == 1, rest[0].kind == .name else {
                report(.wrongChangeValue, rest.first.map(ctx.at) ?? ctx.property,
                       property == .by ? "`by` is changed to a position, unit, actor or system" : "`grade` is changed to a grade")
                return nil
            }
            let name = ctx.tree.name(rest[0])
            let l = Location(file: ctx.file, range: ctx.tree.nameRange(rest[0]))
            let kinds: DeclKinds = property == .by ? .performer : .grade
            guard let s = model.globalNames[name], model.symbols.contains(s) else {
                report(.unknownReference, l, "no \(kinds.phrase.dropFirst(2)) named `\(name)`")
                model.references.append(Reference(location: l, symbol: nil))
                return nil
            }
            model.references.append(Reference(location: l, symbol: s))
            let sym = model.symbols[s]
            guard !sym.kind.asKinds.isDisjoint(with: kinds), let i = sym.index else {
                report(.wrongChangeValue, l, "`\(name)` is \(article(sym.kind.phrase)), but `\(word)` needs \(article(kinds.phrase))")
                return nil
            }
            if property == .grade { return .grade(GradeID(i)) }
            return sym.performer.map { .performer($0) }
        default: break
        }
        // Numbers.
        guard let a = rest.first else {
            report(.wrongChangeValue, ctx.property, "`change … \(word)` needs a value")
            return nil
        }
        if a.kind == .range {
            // Reported while parsing (E902 a unit inside, a missing bound).
            guard !a.isMalformed else { return nil }
            return readRange(a, extra: rest.dropFirst(), ctx).map { property == .time ? .time($0) : .volume($0) }
        }
        guard a.kind == .quantity, !a.isMalformed else {
            if !a.isMalformed { report(.wrongChangeValue, ctx.at(a), "`\(word)` is changed to a quantity, not `\(ctx.written(a))`") }
            return nil
        }
        var extra = rest.dropFirst()
        // `allowance 9 % of worktime`.
        var deduction = false
        if property == .allowance, extra.count >= 2, extra[extra.startIndex].kind == .name, ctx.tree.name(extra[extra.startIndex]) == "of",
           ctx.tree.name(extra[extra.startIndex + 1]) == Keyword.worktime.rawValue {
            deduction = true
            extra = extra.dropFirst(2)
        }
        if let e = extra.first {
            report(.wrongChangeValue, ctx.at(e), "`change … \(word)` takes one value; remove `\(ctx.written(e))`")
            return nil
        }
        switch property {
        case .share, .branch, .allowance, .overhead, .leadership:
            guard let f = percentSet(a, ctx) else { return nil }
            switch property {
            case .share: return .share(f)
            case .branch: return .branch(label: label ?? "", share: f)
            case .allowance:
                if deduction && f >= 1 {
                    report(.allowanceTooLarge, ctx.at(a), "`allowance \(NumberFormat.shortest(a.value)) % of worktime` leaves no working time; it must be below 100 %")
                    return nil
                }
                return .allowance(Allowance(fraction: f, convention: deduction ? .deduction : .surcharge))
            case .overhead: return .overhead(f)
            default: return .leadership(f)
            }
        case .workplace, .rounding:
            let d: Dimension = property == .workplace ? .money : .capacity
            guard let v = quantity(a, d, ctx) else { return nil }
            guard case .set(let x) = v else {
                report(.wrongChangeValue, ctx.at(a), "`\(word)` can only be set (as in the `model` block): write the new value without a sign")
                return nil
            }
            return property == .workplace ? .workplace(x) : .rounding(x)
        case .volume: return quantity(a, .caseRate, ctx).map { .volume($0) }
        case .time: return quantity(a, .effortTime, ctx).map { .time($0) }
        case .wait: return quantity(a, .calendarTime, ctx).map { .wait($0) }
        case .planned: return quantity(a, .capacity, ctx).map { .planned($0) }
        case .filled: return quantity(a, .capacity, ctx).map { .filled($0) }
        case .coverage: return quantity(a, .coverage, ctx).map { .coverage($0) }
        case .worktime: return quantity(a, .annualHours, ctx).map { .worktime($0) }
        case .cost: return quantity(a, .money, ctx).map { .cost($0) }
        case .effort:
            guard let v = quantity(a, .capacityOrEffortRate, ctx) else { return nil }
            let inFTE = a.unit == .fte
            // A new effort can only be set.
            if case .position(let p) = target, !model.positions[p].efforts.contains(where: { $0.label == label }) {
                if case .set = v {} else {
                    report(.wrongChangeValue, ctx.at(a),
                           "position `\(model.positions[p].name)` has no effort \"\(label ?? "")\" to change; a new effort can only be set (without a sign)")
                    return nil
                }
            }
            return .effort(label: label ?? "", value: v, inFTE: inFTE)
        case .skip, .mediaBreak, .by, .grade:
            return nil   // read above
        }
    }

    /// A range as the new value of a step's `time` or a process's `volume`
    /// (`time 10..20 min`, `time 20..30..60 min`, `volume 2_000..2_600 /year`), with the
    /// checks of a range in a statement (E901 order, E903 where no range is allowed). A
    /// range only sets: a signed or percentage range would be a guess (E703).
    private mutating func readRange(_ a: Argument, extra: ArraySlice<Argument>, _ ctx: ValueContext) -> ChangeValue? {
        guard ctx.word == .time || ctx.word == .volume else {
            report(.rangeNotAllowed, ctx.at(a),
                   "`change … \(ctx.word)` takes one value, not a range; a change sets a range only for a step's `time` and a process's `volume`")
            return nil
        }
        if let e = extra.first {
            report(.wrongChangeValue, ctx.at(e), "`change … \(ctx.word)` takes one value; remove `\(ctx.written(e))`")
            return nil
        }
        let d: Dimension = ctx.word == .time ? .effortTime : .caseRate
        if a.signed {
            report(.wrongChangeValue, ctx.at(a),
                   "a range sets the \(ctx.word) and has no sign: `\(ctx.written(a))` is neither a new range nor one shift; write the new range unsigned (`10..20 min`), or shift or scale the \(ctx.word) and its range by one signed value (`-5 min`, `-10 %`)")
            return nil
        }
        if a.unit == .percent {
            report(.wrongChangeValue, ctx.at(a),
                   "a range sets the \(ctx.word) in \(d.expected), not in %; to scale the \(ctx.word) and its range write one signed percentage (`-10 %`)")
            return nil
        }
        guard a.unit != nil || a.per != nil, d.accepts(unit: a.unit, per: a.per) else {
            report(.wrongChangeValue, ctx.at(a), "`\(ctx.word)` takes \(d.expected), not `\(ctx.written(a))`")
            return nil
        }
        guard a.hasLikely ? a.value <= a.likely && a.likely <= a.upper : a.value <= a.upper else {
            func n(_ v: Double) -> String { NumberFormat.shortest(v) }
            report(.rangeOutOfOrder, ctx.at(a), a.hasLikely
                   ? "a three-point range is written lowest..likeliest..highest; `\(ctx.written(a))` needs \(n(a.value)) ≤ \(n(a.likely)) ≤ \(n(a.upper))"
                   : "a range is written lowest..highest; in `\(ctx.written(a))` the lower bound \(n(a.value)) is above the upper bound \(n(a.upper))")
            return nil
        }
        // The factor to the model's unit: hours, cases per year.
        let k: Double
        if d == .effortTime {
            k = a.unit == .min ? 1.0 / 60 : 1
        } else if let perYear = a.per?.perYear {
            k = perYear
        } else if let wd = model.settings.workdays {
            k = wd
        } else {
            report(.dayRateWithoutWorkdays, ctx.at(a), "a `/day` rate needs `workdays` in the `model` block (e.g. `workdays 228`) to give cases per year")
            return nil
        }
        // Divide minutes as single values are divided, so that `10..10 min` equals `10 min`.
        func convert(_ v: Double) -> Double { d == .effortTime && a.unit == .min ? v / 60 : v * k }
        let low = convert(a.value), high = convert(a.upper)
        guard low.isFinite, high.isFinite else { return nil }
        // Equal bounds are exact, as in a statement.
        guard a.upper > a.value else { return .set(low) }
        return .setRange(RangeEstimate(low: low, likely: a.hasLikely ? convert(a.likely) : nil, high: high))
    }

    /// A percentage property's new value as a fraction: set only, 0…100 %.
    private mutating func percentSet(_ a: Argument, _ ctx: ValueContext) -> Double? {
        guard a.unit == .percent, a.per == nil else {
            report(.wrongChangeValue, ctx.at(a), "`\(ctx.word)` is a percentage (e.g. `30 %`), not `\(ctx.written(a))`")
            return nil
        }
        if a.signed {
            report(.signedPercentProperty, ctx.at(a),
                   "`\(ctx.word)` is measured in %: write its new value (`\(NumberFormat.shortest(a.value)) %`), not a change by `\(ctx.written(a))` (points or per cent would be a guess)",
                   fixes: [Fix(title: "Set to \(NumberFormat.shortest(a.value)) %", edits: [TextEdit(path: ctx.tree.path, range: ctx.at(a).range, newText: "\(NumberFormat.shortest(a.value)) %")])])
            return nil
        }
        if a.value > 100 {
            report(.invalidChangeResult, ctx.at(a), "this change sets `\(ctx.word)` to \(NumberFormat.shortest(a.value)) %, above 100 %")
            return nil
        }
        return a.value / 100
    }

    /// A quantity in the property's dimension (set or add, in model units) or a signed
    /// percentage (scale).
    private mutating func quantity(_ a: Argument, _ d: Dimension, _ ctx: ValueContext) -> ChangeValue? {
        if a.unit == .percent && a.per == nil {
            guard a.signed else {
                report(.wrongChangeValue, ctx.at(a),
                       "`\(ctx.word)` takes \(d.expected), or a signed percentage to scale it (`-50 %`); `\(ctx.written(a))` without a sign would be a guess")
                return nil
            }
            return .scale(1 + a.signedValue / 100)
        }
        guard a.unit != nil || a.per != nil, d.accepts(unit: a.unit, per: a.per) else {
            report(.wrongChangeValue, ctx.at(a), "`\(ctx.word)` takes \(d.expected) or a signed percentage, not `\(ctx.written(a))`")
            return nil
        }
        let v: Double
        switch d {
        case .effortTime, .annualHours: v = a.unit == .min ? a.value / 60 : a.value
        case .calendarTime: v = a.value * (a.unit?.calendarDays ?? 1)
        case .coverage: v = a.unit == .min ? a.value / 60 : a.value
        case .caseRate:
            if let k = a.per?.perYear { v = a.value * k }
            else if let wd = model.settings.workdays { v = a.value * wd }
            else {
                report(.dayRateWithoutWorkdays, ctx.at(a), "a `/day` rate needs `workdays` in the `model` block (e.g. `workdays 228`) to give cases per year")
                return nil
            }
        case .capacityOrEffortRate:
            if a.unit == .fte { v = a.value } else {
                let h = a.unit == .min ? a.value / 60 : a.value
                v = h * (a.per?.perYear ?? 1)
            }
        default: v = a.value
        }
        guard v.isFinite else { return nil }
        return a.signed ? .add(a.negative ? -v : v) : .set(v)
    }
}

/// What completion needs of the reader: the properties of each kind of change target.
public enum WhatIfReaderAccess {
    public static func properties(of target: ChangeTarget, in model: Model) -> [ChangeWord] { WhatIfReader.properties(of: target, in: model) }
}
