import OrgaSyntax

/// Whole-model checks of measures, scenarios and targets, after the `Checker` (flows
/// are known): `requires` order (E705, with a quick fix inserting the `apply`) and
/// cycles (E706), measures applied twice (E707) or never (W708), each scenario's
/// changes applied in order to a copy of the model (E709/E710 at the change, naming
/// the resulting value), and targets (E712 overlap, E713 incomplete). Linear in the
/// size of the scenarios; no recursion.
struct WhatIfChecker {
    var model: Model
    let sources: SourceMap
    private var storedPerFile: [Int: Int] = [:]

    init(model: Model, sources: SourceMap) {
        self.model = model
        self.sources = sources
    }

    mutating func run() -> Model {
        guard !model.measures.isEmpty || !model.scenarios.isEmpty || !model.targets.isEmpty else { return model }
        checkCycles()
        var applied = [Bool](repeating: false, count: model.measures.count)
        for s in model.scenarios.ids { checkScenario(s, applied: &applied) }
        for (m, measure) in model.measures.enumerated() where !applied[m] {
            report(.measureNeverApplied, measure.location, "measure `\(measure.name)` is applied in no scenario, so its effect is not computed; add `apply \(measure.name)` to a scenario")
        }
        for t in model.targets.ids { checkTarget(t) }
        return model
    }

    private mutating func report(_ code: DiagnosticCode, _ l: Location, _ message: String, fixes: [Fix] = []) {
        let n = storedPerFile[l.file, default: 0]
        guard n < ModelBuilder.maxStoredDiagnostics else { return }
        storedPerFile[l.file] = n + 1
        model.diagnostics.append(Diagnostic(code, path: sources.path(l), range: l.range, message, fixes: fixes))
    }

    /// Whether a finding at `l` is still stored (checked before building a costly fix).
    private func canReport(_ l: Location) -> Bool { storedPerFile[l.file, default: 0] < ModelBuilder.maxStoredDiagnostics }

    // MARK: requires

    /// Each cycle once, at the `requires` that closes it, listed along the cycle.
    /// Iterative depth-first search (a chain of 100,000 measures is fine).
    private mutating func checkCycles() {
        let n = model.measures.count
        var state = [UInt8](repeating: 0, count: n)   // per measure index: 0 unseen, 1 on the path, 2 done
        for root in model.measures.ids where state[root.index] == 0 {
            var stack: [(m: MeasureID, next: Int)] = [(root, 0)]
            state[root.index] = 1
            while let top = stack.last {
                let reqs = model.measures[top.m].requires
                if top.next >= reqs.count {
                    state[top.m.index] = 2
                    stack.removeLast()
                    continue
                }
                stack[stack.count - 1].next += 1
                let r = reqs[top.next]
                guard model.measures.contains(r.value) else { continue }
                switch state[r.value.index] {
                case 0:
                    state[r.value.index] = 1
                    stack.append((r.value, 0))
                case 1:
                    guard canReport(r.location) else { continue }
                    let from = stack.firstIndex { $0.m == r.value } ?? 0
                    var names = stack[from...].map { "`\(model.measures[$0.m].name)`" } + ["`\(model.measures[r.value].name)`"]
                    if names.count > 12 { names = Array(names.prefix(5)) + ["… (\(names.count - 10) more)"] + Array(names.suffix(5)) }
                    report(.requiresCycle, r.location, "measures require each other in a cycle: " + names.joined(separator: " → "))
                default: break
                }
            }
        }
    }

    // MARK: Scenarios

    private mutating func checkScenario(_ s: ScenarioID, applied everApplied: inout [Bool]) {
        let scenario = model.scenarios[s]
        let context = " (in scenario `\(scenario.name)`)"
        var state = model
        var applied = [Bool](repeating: false, count: model.measures.count)
        var footprint = ChangeFootprint()
        for entry in scenario.entries {
            switch entry {
            case .changes(let changes, _):
                for p in ChangeApplier.applyEntry(changes, to: &state, context: context, footprint: &footprint) {
                    report(p.code, p.location, p.message)
                }
            case .apply(let measure, let l):
                guard let m = measure, model.measures.contains(m) else { continue }
                everApplied[m.index] = true
                if applied[m.index] {
                    report(.measureAppliedTwice, l, "measure `\(model.measures[m].name)` is already applied in scenario `\(scenario.name)`; each measure is applied at most once")
                    continue
                }
                for r in model.measures[m].requires where model.measures.contains(r.value) && !applied[r.value.index] && canReport(l) {
                    let name = model.measures[r.value].name
                    report(.requiredMeasureNotApplied, l,
                           "measure `\(model.measures[m].name)` requires `\(name)`, which scenario `\(scenario.name)` does not apply before it",
                           fixes: insertApply(name, before: l).map { [Fix(title: "Apply `\(name)` before", edits: [$0])] } ?? [])
                }
                applied[m.index] = true
                for p in ChangeApplier.applyEntry(model.measures[m].changes, to: &state, context: context, footprint: &footprint) {
                    report(p.code, p.location, p.message)
                }
            }
        }
    }

    /// An edit inserting `apply NAME` on its own line before the line of `l`, indented like it.
    private func insertApply(_ name: String, before l: Location) -> TextEdit? {
        guard let file = sources.file(l.file) else { return nil }
        let bytes = file.bytes
        var start = min(l.range.start, bytes.count)
        while start > 0 && bytes[start - 1] != UInt8(ascii: "\n") { start -= 1 }
        var end = start
        while end < bytes.count && (bytes[end] == UInt8(ascii: " ") || bytes[end] == UInt8(ascii: "\t")) { end += 1 }
        let indent = String(decoding: bytes[start..<end], as: UTF8.self)
        return TextEdit(path: file.path, range: ByteRange(start, start), newText: indent + "apply \(name)\n")
    }

    // MARK: Targets

    private mutating func checkTarget(_ t: TargetID) {
        let target = model.targets[t]
        if !target.saveSetting.isWritten || target.across.isEmpty {
            let missing = !target.saveSetting.isWritten ? "`save` (e.g. `save 5 fte` or `save 300_000 EUR /year`)" : "`across` (the units to distribute it across)"
            report(.targetIncomplete, target.location, "target `\(target.name)` needs \(missing)")
        }
        // Overlap: a listed unit inside another listed unit's sub-tree (or listed twice).
        var listed: [UnitID: Location] = [:]
        for a in target.across {
            if listed[a.value] != nil {
                report(.targetOverlap, a.location, "unit `\(model.units[a.value].name)` is listed twice in `across`")
                continue
            }
            listed[a.value] = a.location
        }
        for a in target.across {
            var cur = model.units.contains(a.value) ? model.units[a.value].parent : nil
            var steps = 0
            while let c = cur, steps <= model.units.count {
                if listed[c] != nil {
                    report(.targetOverlap, a.location, "unit `\(model.units[a.value].name)` lies in the sub-tree of `\(model.units[c].name)`, also listed in `across`; its positions would count twice")
                    break
                }
                cur = model.units.contains(c) ? model.units[c].parent : nil
                steps += 1
            }
        }
    }
}
