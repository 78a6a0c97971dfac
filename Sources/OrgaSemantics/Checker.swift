import Foundation
import OrgaSyntax
import OrgaSupport

/// Whole-model checks that need every declaration resolved: the unit tree, process
/// flow, required staffing inputs and the Prozess-DNA. It reads the model only; the
/// source map gives paths for diagnostics and the places for quick fixes.
struct Checker {
    var model: Model
    let sources: SourceMap
    /// Findings stored per file, and where the first one beyond the bound was dropped.
    private var storedPerFile: [Int] = []
    private var droppedAt: [Int: ByteRange] = [:]
    /// Flow graphs known from an earlier check of the same processes (nil: compute). A
    /// flow graph reads its process alone, so the language server keeps those of the
    /// files an edit left alone: building all 2,000 on the 100k-line model was 28 % of an
    /// edit's worker time (perf, 2026-12-01).
    let knownFlows: [FlowGraph?]
    /// The files' trees (index = `Location.file`), for the insertion points of quick fixes.
    let trees: [SyntaxTree]

    init(model: Model, sources: SourceMap, trees: [SyntaxTree], knownFlows: [FlowGraph?] = []) {
        self.model = model
        self.sources = sources
        self.trees = trees
        self.knownFlows = knownFlows
    }

    mutating func run() -> Model {
        storedPerFile = [Int](repeating: 0, count: sources.files.count)
        if knownFlows.count == model.processes.count {
            model.flows = model.processes.indices.map { p in knownFlows[p] ?? FlowGraph(model.processes[p]) }
        } else {
            model.flows = model.processes.map(FlowGraph.init)
        }
        checkUnitTree()
        checkHeads()
        checkPositions()
        checkDatedValuesHaveAPeriod()
        checkGrades()
        for p in model.processes.ids { checkFlow(p) }
        checkCallCycles()
        checkProcessInputs()
        checkWorktime()
        checkDNA()
        checkAssessments()
        checkKpisAndPools()
        checkPortfolio()
        if !droppedAt.isEmpty {
            let noted = Set(model.diagnostics.lazy.filter { $0.code == .tooManyErrors }.map(\.path))
            for (f, r) in droppedAt.sorted(by: { $0.key < $1.key }) where !noted.contains(sources.path(file: f)) {
                model.diagnostics.append(ModelBuilder.tooMany(path: sources.path(file: f), at: r))
            }
        }
        return model
    }

    mutating func report(_ code: DiagnosticCode, _ l: Location, _ message: String, fixes: [Fix] = []) {
        if l.file >= 0 && l.file < storedPerFile.count {
            guard storedPerFile[l.file] < ModelBuilder.maxStoredDiagnostics else {
                if droppedAt[l.file] == nil { droppedAt[l.file] = l.range }
                return
            }
            storedPerFile[l.file] += 1
        }
        model.diagnostics.append(Diagnostic(code, path: sources.path(l), range: l.range, message, fixes: fixes))
    }

    // MARK: Units

    private mutating func checkUnitTree() {
        // Cycles through `in`: walk up from each unit not yet seen, marking the walk; a
        // walk that meets itself has found a cycle, one that meets an earlier walk or a
        // root has not. Linear in the number of units, however deep the tree. Each cycle
        // is reported once, at its unit declared first, listed from there.
        let n = model.units.count
        var state = [UInt8](repeating: 0, count: n)   // per unit index: 0 unseen, 1 on this walk, 2 done
        var cycleStarts: [UnitID] = []
        for start in model.units.ids where state[start.index] == 0 {
            var path: [UnitID] = []
            var cur: UnitID? = start
            while let c = cur, model.units.contains(c), state[c.index] == 0 {
                state[c.index] = 1
                path.append(c)
                cur = model.units[c].parent
            }
            if let c = cur, model.units.contains(c), state[c.index] == 1, let at = path.firstIndex(of: c) {
                let cycle = path[at...]
                let first = cycle.min() ?? c
                var names = [model.units[first].name]
                var u = model.units[first].parent
                while let x = u, x != first, names.count <= cycle.count { names.append(model.units[x].name); u = model.units[x].parent }
                names.append(model.units[first].name)
                report(.unitCycle, model.units[first].location, "the unit hierarchy has a cycle: \(names.joined(separator: " → "))")
                cycleStarts.append(first)
            }
            for p in path { state[p.index] = 2 }
        }
        // Break cycles so that later walks terminate: cut the parent link of the first unit of each cycle
        // (every cycle, not only the first one found).
        for u in cycleStarts { model.units[u].parent = nil }
        for u in model.units.ids {
            model.units[u].subunits.removeAll()
        }
        for u in model.units.ids { if let p = model.units[u].parent { model.units[p].subunits.append(u) } }
    }

    /// A `head` should be a position of the unit it leads (docs/language.md, Staffing).
    private mutating func checkHeads() {
        for u in model.units.ids {
            guard let h = model.units[u].head, model.positions.contains(h), model.positions[h].unit != u,
                  let at = model.units[u].headSetting.location else { continue }
            let unit = model.units[u], head = model.positions[h]
            let place = head.unit.flatMap { model.units.contains($0) ? "sits in unit `\(model.units[$0].name)`" : nil }
                ?? "is in no unit"
            report(.headOutsideUnit, at,
                   "`\(head.name)` heads unit `\(unit.name)` but \(place); put the position in `\(unit.name)` or name one of its positions as `head`")
        }
    }

    // MARK: Positions and grades

    private mutating func checkPositions() {
        let year = model.settings.year
        for p in model.positions {
            // A misspelt `planned`/`filled` has its own diagnostic (E111).
            if !p.plannedSetting.isWrittenOrMeant && !p.filledSetting.isWrittenOrMeant {
                report(.positionWithoutCapacity, p.location, "position `\(p.name)` has neither `planned` nor `filled`; both count as 0 fte")
            }
            // Dated values compare as the model year's averages (the figures reports show).
            let span = year.flatMap { DateSpan(year: $0) }
            let filled = span.map { p.filledSeries.isConstant ? p.filled : p.filledSeries.average(over: $0) } ?? p.filled
            let planned = span.map { p.plannedSeries.isConstant ? p.planned : p.plannedSeries.average(over: $0) } ?? p.planned
            if filled > planned + 1e-9 {
                // An average over a year is a long fraction: three decimals, as reports show it.
                let dated = !p.filledSeries.isConstant || !p.plannedSeries.isConstant
                let shown = { (v: Double) in NumberFormat.shortest(dated ? (v * 1000).rounded() / 1000 : v) }
                report(.filledExceedsPlanned, p.location,
                       "position `\(p.name)` has \(shown(filled)) fte filled but only \(shown(planned)) fte planned")
            }
            if let kw = p.kw, let y = year, kw <= y, p.planned > 0 {
                report(.pastKwStillPlanned, p.location,
                       "position `\(p.name)` is kw from \(kw) but still has \(NumberFormat.shortest(p.planned)) fte planned in the model year \(y)")
            }
            // A `grade` written but rejected, or misspelt, has its own diagnostic. Reported also
            // when the model has no grade at all: the reports then say "† cost incomplete".
            if !p.gradeSetting.isWrittenOrMeant {
                report(.positionWithoutGrade, p.location, "position `\(p.name)` has no `grade`, so it has no cost in reports")
            }
        }
    }

    /// E805: dated values need the period they are averaged over (`year`).
    private mutating func checkDatedValuesHaveAPeriod() {
        guard model.settings.year == nil, !model.settings.yearSetting.isWritten else { return }
        for p in model.positions {
            for (series, setting) in [(p.plannedSeries, p.plannedSetting), (p.filledSeries, p.filledSetting)] where !series.isConstant {
                if let l = setting.location {
                    report(.datedWithoutYear, l, "position `\(p.name)` has values from dates but the model has no `year` to average them over; add `year YYYY` to the `model` block")
                    return
                }
            }
        }
        for p in model.processes where !p.volumeSeries.isConstant {
            if let l = p.volumeSetting.location {
                report(.datedWithoutYear, l, "process `\(p.name)` has volumes from dates but the model has no `year` to average them over; add `year YYYY` to the `model` block")
                return
            }
        }
    }

    private mutating func checkGrades() {
        var used = Set<GradeID>()
        for p in model.positions { if let g = p.grade { used.insert(g) } }
        for g in used.sorted() where !model.grades[g].costSetting.isWrittenOrMeant {
            report(.gradeWithoutCost, model.grades[g].location, "grade `\(model.grades[g].name)` has no `cost`; add e.g. `cost 71_600 EUR`")
        }
    }

    // MARK: Flow

    private mutating func checkFlow(_ p: ProcessID) {
        let process = model.processes[p]
        let n = process.nodes.count
        if n == 0 {
            report(.emptyProcess, process.location, "process `\(process.name)` has no steps")
            return
        }
        let flow = model.flows[p]
        for node in process.nodes where node.isDecision {
            if node.branches.isEmpty {
                report(.decisionWithoutBranches, node.location, "decision `\(node.name)` has no `branch`; add e.g. `branch \"ja\" 100 % -> end`")
                continue
            }
            let sharesComplete = node.branches.allSatisfy { $0.shareSetting.isWritten }
            let sum = node.branches.reduce(0) { $0 + $1.share }
            if sharesComplete && abs(sum - 1) > 1e-9 {
                let pct = sum * 100
                var fixes: [Fix] = []
                // Quick fix: give the last branch the remainder, when that is possible.
                if let last = node.branches.last, let share = last.shareSetting.location {
                    let rest = (1 - (sum - last.share)) * 100
                    if rest >= 0 && rest <= 100 {
                        fixes.append(Fix(title: "Set the last branch to \(NumberFormat.shortest(roundPct(rest))) %",
                                         edits: [TextEdit(path: sources.path(share), range: share.range, newText: "\(NumberFormat.shortest(roundPct(rest))) %")]))
                    }
                }
                report(.branchSharesNot100, node.location,
                       "the branches of `\(node.name)` add up to \(NumberFormat.shortest(roundPct(pct))) %, not 100 %", fixes: fixes)
            }
        }
        // A flow with a broken piece already has its own diagnostic; the whole-flow
        // checks below would only report consequences of it.
        if flow.isIncomplete { return }
        for i in 0..<n where !flow.reachable[i] {
            report(.unreachableNode, process.nodes[i].location,
                   "`\(process.nodes[i].name)` cannot be reached from the first node `\(process.nodes[0].name)`; link it with `next` or a `branch`")
        }
        // Can every reachable node reach the end (through edges taken with positive probability)?
        let trapped = flow.trapped
        if let first = trapped.first {
            let names = trapped.prefix(6).map { "`\(process.nodes[$0].name)`" }.joined(separator: ", ")
            report(.caseCannotEnd, process.nodes[first].location,
                   "a case that reaches \(names)\(trapped.count > 6 ? " …" : "") can never end: give the loop a way out (a `decide` with a branch that leaves it)")
        }
    }

    private func roundPct(_ v: Double) -> Double { (v * 1e6).rounded() / 1e6 }

    private mutating func checkCallCycles() {
        // Iterative DFS with colours over the call graph.
        let n = model.processes.count
        var colour = [UInt8](repeating: 0, count: n)   // 0 white, 1 grey, 2 black
        var reportedSteps = Set<Location>()
        for root in model.processes.ids where colour[root.index] == 0 {
            var stack: [(p: ProcessID, node: Int)] = [(root, 0)]
            colour[root.index] = 1
            while !stack.isEmpty {
                let (p, k) = stack[stack.count - 1]
                let nodes = model.processes[p].nodes
                if k >= nodes.count {
                    colour[p.index] = 2
                    stack.removeLast()
                    continue
                }
                stack[stack.count - 1].node += 1
                guard let callee = nodes[k].call else { continue }
                guard model.processes.contains(callee) else { continue }
                if colour[callee.index] == 1 {
                    let chain = stack.map(\.p)
                    let from = chain.firstIndex(of: callee) ?? 0
                    let names = (chain[from...] + [callee]).map { model.processes[$0].name }.joined(separator: " → ")
                    let l = nodes[k].location
                    if reportedSteps.insert(l).inserted {
                        report(.callCycle, l, "processes call each other in a cycle: \(names)")
                    }
                } else if colour[callee.index] == 0 {
                    colour[callee.index] = 1
                    stack.append((callee, 0))
                }
            }
        }
    }

    // MARK: Staffing inputs

    private mutating func checkProcessInputs() {
        var called = Set<ProcessID>()
        for p in model.processes { for node in p.nodes { if let c = node.call { called.insert(c) } } }
        for (pi, process) in zip(model.processes.ids, model.processes) {
            var hasStaffWork = false
            var callsOthers = false
            for node in process.nodes where !node.isDecision {
                // A setting written but rejected has its own diagnostic: it is not missing.
                let hasCall = node.callSetting.isWritten
                let hasBy = node.performerSetting.isWritten
                let hasTime = node.timeSetting.isWritten
                if hasCall {
                    callsOthers = true
                    if hasBy || hasTime {
                        report(.callWithWork, node.location, "step `\(node.name)` calls a process, so it has no `by` or `time` of its own; move that work to a separate step")
                    }
                    continue
                }
                if !hasBy {
                    // An unknown keyword that most likely meant `by` or `call` is the cause (E111).
                    if node.performerSetting.isWrittenOrMeant || node.callSetting.isWrittenOrMeant { continue }
                    report(.stepWithoutPerformer, node.location, "step `\(node.name)` needs `by` (who does it) or `call` (a process it runs)")
                    continue
                }
                if let perf = node.performer, perf.isStaff {
                    hasStaffWork = true
                    if !node.timeSetting.isWrittenOrMeant {
                        report(.staffStepWithoutTime, node.location,
                               "step `\(node.name)` is done by `\(model.performerName(perf))` but has no `time`; orgc never counts a missing time as zero",
                               fixes: insertFix(node.symbol, "time … min", title: "Insert `time` (fill in the minutes)"))
                    }
                }
            }
            if (hasStaffWork || callsOthers) && !process.volumeSetting.isWrittenOrMeant && !called.contains(pi) {
                let what = hasStaffWork ? "has staff steps" : "calls other processes"
                report(.processWithoutVolume, process.location, "process `\(process.name)` \(what) but no `volume` and no caller; add e.g. `volume 100 /year`",
                       fixes: insertFix(process.symbol, "volume … /year", title: "Insert `volume` (fill in the cases per year)"))
            }
            if process.source == TimeSource.selfreport.rawValue {
                var withAllowance: [String] = []
                for node in process.nodes {
                    switch node.performer {
                    case .position(let i): if model.allowance(position: i).fraction > 0 { withAllowance.append(model.positions[i].name) }
                    case .unit(let i): if model.allowance(unit: i).fraction > 0 { withAllowance.append(model.units[i].name) }
                    default: break
                    }
                }
                if !withAllowance.isEmpty, let src = process.sourceSetting.location {
                    var seen = Set<String>()
                    let names = withAllowance.filter { seen.insert($0).inserted }.prefix(4).map { "`\($0)`" }.joined(separator: ", ")
                    report(.selfreportWithAllowance, src,
                           "times of `\(process.name)` are self-reported and already contain Verteilzeit, yet an allowance applies to \(names); set `allowance 0 %` there or change `source`")
                }
            }
        }
    }

    /// A fix that inserts a statement into the block of a declaration.
    private func insertFix(_ symbol: SymbolID, _ text: String, title: String) -> [Fix] {
        guard let d = sources.declaration(symbol), trees.indices.contains(d.file),
              d.statement >= 0, Int(d.statement) < trees[d.file].statements.count,
              let edit = sources.insertion(text, at: InsertionPoint.of(trees[d.file], d.statement), file: d.file) else { return [] }
        return [Fix(title: title, edits: [edit])]
    }

    private mutating func checkWorktime() {
        // A `worktime` written but rejected (E201, E202, E206) has its own diagnostic;
        // "no worktime applies" would repeat it.
        if !model.rejectedWorktimes.isEmpty { return }
        // Which positions and units carry workload that is divided by worktime?
        var positionWork = [Bool](repeating: false, count: model.positions.count)
        var unitWork = [Bool](repeating: false, count: model.units.count)
        // Read in place: `for p in model.processes { for node in p.nodes` copied every
        // process and node, `enumerated()` every position (callgrind, 100k model: checkWorktime 9.0 → 6.0 M
        // instructions, 2026-12-02).
        for p in model.processes.indices {
            for n in model.processes[p].nodes.indices {
                switch model.processes[p].nodes[n].performer {
                case .position(let i): positionWork[i.index] = true
                case .unit(let i): unitWork[i.index] = true
                default: break
                }
            }
        }
        for i in model.positions.indices
        where model.positions[i].efforts.contains(where: { $0.hoursPerYear != nil }) || model.positions[i].coverageHoursPerWeek != nil {
            positionWork[i] = true
        }
        let fix = worktimeFix()
        for i in model.positions.ids where positionWork[i.index] && model.worktime(position: i) == nil {
            report(.workloadWithoutWorktime, model.positions[i].location,
                   "position `\(model.positions[i].name)` has workload but no `worktime` applies; set it in the `model` block (e.g. `worktime 1590 h`)", fixes: fix)
        }
        for i in model.units.ids where unitWork[i.index] && model.worktime(unit: i) == nil {
            report(.workloadWithoutWorktime, model.units[i].location,
                   "unit `\(model.units[i].name)` does work but no `worktime` applies; set it in the `model` block (e.g. `worktime 1590 h`)", fixes: fix)
        }
    }

    private func worktimeFix() -> [Fix] {
        if let block = sources.modelBlock {
            guard let edit = sources.insertion("worktime 1590 h", at: block.insertion, file: block.file) else { return [] }
            return [Fix(title: "Insert `worktime 1590 h` into the model block", edits: [edit])]
        }
        guard let first = sources.files.first else { return [] }
        return [Fix(title: "Add a model block with `worktime 1590 h`",
                    edits: [TextEdit(path: first.path, range: ByteRange(0, 0), newText: "model Model {\n  worktime 1590 h\n}\n\n")])]
    }

    // MARK: Prozess-DNA


    private mutating func checkDNA() {
        for c in model.criteria {
            // Statements present but rejected (e.g. `from bogus`, `scale 4..0`) have their own diagnostics.
            if !c.weightSetting.isWrittenOrMeant {
                report(.criterionWithoutWeight, c.location, "criterion `\(c.name)` needs a `weight`")
            }
            if c.measure == nil && c.scale == nil && (c.measureSetting.isWrittenOrMeant || c.scaleSetting.isWrittenOrMeant) {
                // already reported where the value was rejected
            } else if (c.measure == nil) == (c.scale == nil) {
                report(.criterionSourceAmbiguous, c.location,
                       c.measure == nil ? "criterion `\(c.name)` needs `from MEASURE` (measured) or `scale a..b` (rated)"
                                        : "criterion `\(c.name)` has both `from` and `scale`; keep one")
            }
        }
        let rated = model.criteria.filter { $0.measure == nil && $0.scale != nil }
        for process in model.processes {
            for (name, rating) in process.ratings.sorted(by: { $0.key < $1.key }) {
                guard let k = model.criterionNames[name].flatMap({ model.symbols[$0].id(CriterionID.self) }) else { continue }
                let c = model.criteria[k]
                if c.measure != nil {
                    report(.ratingForMeasuredCriterion, rating.location, "criterion `\(name)` is measured by orgc (`from \(c.measure!)`); remove this rating")
                } else if let s = c.scale, rating.value < s.lower || rating.value > s.upper {
                    report(.ratingOutsideScale, rating.location,
                           "rating \(NumberFormat.shortest(rating.value)) is outside the scale \(NumberFormat.shortest(s.lower))..\(NumberFormat.shortest(s.upper)) of `\(name)`")
                }
            }
            let missing = rated.filter { process.ratings[$0.name] == nil }.map { "`\($0.name)`" }
            if !missing.isEmpty {
                report(.missingRating, process.location,
                       "process `\(process.name)` has no rating for \(missing.joined(separator: ", ")); it is ranked on the other criteria and marked incomplete")
            }
        }
    }
}
