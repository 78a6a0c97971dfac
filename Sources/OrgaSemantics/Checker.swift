import Foundation
import OrgaSyntax

/// Whole-model checks that need every declaration resolved: the unit tree, process
/// flow, required staffing inputs and the Prozess-DNA.
struct Checker {
    var model: Model
    /// The symbol of each declaration of a position, grade or criterion, by its location
    /// (one lookup per declaration instead of a search of all symbols).
    private var declarationSymbols: [Location: Int] = [:]
    /// Findings stored per file, and where the first one beyond the bound was dropped.
    private var storedPerFile: [Int] = []
    private var droppedAt: [Int: ByteRange] = [:]

    init(model: Model) { self.model = model }

    mutating func run() -> Model {
        storedPerFile = [Int](repeating: 0, count: model.trees.count)
        for (i, sym) in model.symbols.enumerated() where sym.kind == .position || sym.kind == .grade || sym.kind == .criterion {
            if declarationSymbols[sym.location] == nil { declarationSymbols[sym.location] = i }
        }
        checkUnitTree()
        checkHeads()
        checkPositions()
        checkGrades()
        for p in model.processes.indices { checkFlow(p) }
        checkCallCycles()
        checkProcessInputs()
        checkWorktime()
        checkDNA()
        if !droppedAt.isEmpty {
            let noted = Set(model.diagnostics.lazy.filter { $0.code == .tooManyErrors }.map(\.path))
            for (f, r) in droppedAt.sorted(by: { $0.key < $1.key }) where !noted.contains(model.trees[f].path) {
                model.diagnostics.append(ModelBuilder.tooMany(path: model.trees[f].path, at: r))
            }
        }
        return model
    }

    private mutating func report(_ code: DiagnosticCode, _ l: Location, _ message: String, fixes: [Fix] = []) {
        if l.file >= 0 && l.file < storedPerFile.count {
            guard storedPerFile[l.file] < ModelBuilder.maxStoredDiagnostics else {
                if droppedAt[l.file] == nil { droppedAt[l.file] = l.range }
                return
            }
            storedPerFile[l.file] += 1
        }
        model.diagnostics.append(Diagnostic(code, path: model.trees[l.file].path, range: l.range, message, fixes: fixes))
    }

    // MARK: Units

    private mutating func checkUnitTree() {
        // Cycles through `in`: walk up from each unit not yet seen, marking the walk; a
        // walk that meets itself has found a cycle, one that meets an earlier walk or a
        // root has not. Linear in the number of units, however deep the tree. Each cycle
        // is reported once, at its unit declared first, listed from there.
        let n = model.units.count
        var state = [UInt8](repeating: 0, count: n)   // 0 unseen, 1 on this walk, 2 done
        var cycleStarts: [Int] = []
        for start in 0..<n where state[start] == 0 {
            var path: [Int] = []
            var cur: Int? = start
            while let c = cur, c >= 0, c < n, state[c] == 0 {
                state[c] = 1
                path.append(c)
                cur = model.units[c].parent
            }
            if let c = cur, c >= 0, c < n, state[c] == 1, let at = path.firstIndex(of: c) {
                let cycle = path[at...]
                let first = cycle.min() ?? c
                var names = [model.units[first].name]
                var u = model.units[first].parent
                while let x = u, x != first, names.count <= cycle.count { names.append(model.units[x].name); u = model.units[x].parent }
                names.append(model.units[first].name)
                report(.unitCycle, model.units[first].location, "the unit hierarchy has a cycle: \(names.joined(separator: " → "))")
                cycleStarts.append(first)
            }
            for p in path { state[p] = 2 }
        }
        // Break cycles so that later walks terminate: cut the parent link of the first unit of each cycle
        // (every cycle, not only the first one found).
        for u in cycleStarts { model.units[u].parent = nil }
        for u in model.units.indices {
            model.units[u].subunits.removeAll()
        }
        for (i, u) in model.units.enumerated() { if let p = u.parent { model.units[p].subunits.append(i) } }
    }

    /// A `head` should be a position of the unit it leads (LANGUAGE.md §4.4).
    private mutating func checkHeads() {
        for sym in model.symbols where sym.kind == .unit {
            guard sym.index >= 0, sym.index < model.units.count, model.units[sym.index].location == sym.location,
                  let h = model.units[sym.index].head, h >= 0, h < model.positions.count,
                  model.positions[h].unit != sym.index else { continue }
            let unit = model.units[sym.index], head = model.positions[h]
            let tree = model.trees[sym.file]
            guard let st = tree.childIDs(sym.statement).last(where: { tree.isKeyword($0, .head) }),
                  let arg = tree.arg(st, .value) else { continue }
            let place = head.unit.flatMap { $0 >= 0 && $0 < model.units.count ? "sits in unit `\(model.units[$0].name)`" : nil }
                ?? "is in no unit"
            report(.headOutsideUnit, Location(file: sym.file, range: tree.nameRange(arg)),
                   "`\(head.name)` heads unit `\(unit.name)` but \(place); put the position in `\(unit.name)` or name one of its positions as `head`")
        }
    }

    /// Keywords of the statements in the block of the declaration of `kind` at `location`,
    /// and for an unknown keyword the one it most likely meant (`tiem` → `time`).
    /// A statement whose value was rejected, or whose keyword is misspelt, has its own
    /// diagnostic; checks for a missing setting look here so as not to report it a
    /// second time as absent.
    private func statementKeywords(_ kind: DeclKinds, _ location: Location) -> Set<Keyword> {
        guard let s = declarationSymbols[location], model.symbols[s].kind == kind else { return [] }
        let sym = model.symbols[s]
        let tree = model.trees[sym.file]
        var result = Set<Keyword>()
        for c in tree.childIDs(sym.statement) {
            if let k = tree.knownKeyword(c) { result.insert(k); continue }
            if let meant = Keywords.probableKeyword(for: tree.keywordText(c), in: tree.statement(c).context) { result.insert(meant) }
        }
        return result
    }

    // MARK: Positions and grades

    private var costsInUse: Bool { model.grades.contains { $0.cost != nil } }

    private mutating func checkPositions() {
        let year = model.settings.year
        for p in model.positions {
            if !p.plannedGiven && !p.filledGiven
                && statementKeywords(.position, p.location).isDisjoint(with: [.planned, .filled]) {
                report(.positionWithoutCapacity, p.location, "position `\(p.name)` has neither `planned` nor `filled`; both count as 0 fte")
            }
            if p.filled > p.planned + 1e-9 {
                report(.filledExceedsPlanned, p.location,
                       "position `\(p.name)` has \(fmtNumber(p.filled)) fte filled but only \(fmtNumber(p.planned)) fte planned")
            }
            if let kw = p.kw, let y = year, kw <= y, p.planned > 0 {
                report(.pastKwStillPlanned, p.location,
                       "position `\(p.name)` is kw from \(kw) but still has \(fmtNumber(p.planned)) fte planned in the model year \(y)")
            }
            if p.grade == nil && costsInUse && !statementKeywords(.position, p.location).contains(.grade) {
                report(.positionWithoutGrade, p.location, "position `\(p.name)` has no `grade`, so it has no cost in reports")
            }
        }
    }

    private mutating func checkGrades() {
        var used = Set<Int>()
        for p in model.positions { if let g = p.grade { used.insert(g) } }
        for g in used.sorted() where model.grades[g].cost == nil && !statementKeywords(.grade, model.grades[g].location).contains(.cost) {
            report(.gradeWithoutCost, model.grades[g].location, "grade `\(model.grades[g].name)` has no `cost`; add e.g. `cost 71_600 EUR`")
        }
    }

    // MARK: Flow

    private mutating func checkFlow(_ p: Int) {
        let process = model.processes[p]
        let n = process.nodes.count
        if n == 0 {
            report(.emptyProcess, process.location, "process `\(process.name)` has no steps")
            return
        }
        // A flow with a broken piece (a target that did not resolve, a branch without
        // share or target, a decision without branches) already has its own diagnostic;
        // the whole-flow checks below would only report consequences of it.
        var flowIncomplete = false
        let tree = model.trees[process.file]
        for node in process.nodes {
            if node.nextGiven && node.next == nil { flowIncomplete = true }
            if node.isDecision && (node.branches.isEmpty || node.branches.contains { $0.target == nil }) { flowIncomplete = true }
        }
        for (i, node) in process.nodes.enumerated() where node.isDecision {
            if node.branches.isEmpty {
                report(.decisionWithoutBranches, node.location, "decision `\(node.name)` has no `branch`; add e.g. `branch \"ja\" 100 % -> end`")
                continue
            }
            let sharesComplete = !tree.childIDs(node.statement).contains { tree.isKeyword($0, .branch) && tree.arg($0, .share) == nil }
            if !sharesComplete { flowIncomplete = true }
            let sum = node.branches.reduce(0) { $0 + $1.share }
            if sharesComplete && abs(sum - 1) > 1e-9 {
                let pct = sum * 100
                var fixes: [Fix] = []
                // Quick fix: give the last branch the remainder, when that is possible.
                if let last = node.branches.last, let st = lastBranchShareRange(p, i) {
                    let rest = (1 - (sum - last.share)) * 100
                    if rest >= 0 && rest <= 100 {
                        fixes.append(Fix(title: "Set the last branch to \(fmtNumber(roundPct(rest))) %",
                                         edits: [TextEdit(path: model.trees[process.file].path, range: st, newText: "\(fmtNumber(roundPct(rest))) %")]))
                    }
                }
                report(.branchSharesNot100, node.location,
                       "the branches of `\(node.name)` add up to \(fmtNumber(roundPct(pct))) %, not 100 %", fixes: fixes)
            }
        }
        if flowIncomplete { return }
        // Reachability from the first node.
        var reachable = [Bool](repeating: false, count: n)
        var stack = [0]
        reachable[0] = true
        while let i = stack.popLast() {
            for (t, prob) in process.successors(i) where prob > 0 || true {
                if case .node(let j) = t, !reachable[j] { reachable[j] = true; stack.append(j) }
            }
        }
        for i in 0..<n where !reachable[i] {
            report(.unreachableNode, process.nodes[i].location,
                   "`\(process.nodes[i].name)` cannot be reached from the first node `\(process.nodes[0].name)`; link it with `next` or a `branch`")
        }
        // Can every reachable node reach the end (through edges taken with positive probability)?
        var preds = [[Int]](repeating: [], count: n)
        var toEnd = [Bool](repeating: false, count: n)
        var work: [Int] = []
        for i in 0..<n {
            for (t, prob) in process.successors(i) where prob > 0 {
                switch t {
                case .end: if !toEnd[i] { toEnd[i] = true; work.append(i) }
                case .node(let j): preds[j].append(i)
                }
            }
        }
        while let j = work.popLast() {
            for i in preds[j] where !toEnd[i] { toEnd[i] = true; work.append(i) }
        }
        let trapped = (0..<n).filter { reachable[$0] && !toEnd[$0] }
        if let first = trapped.first {
            let names = trapped.prefix(6).map { "`\(process.nodes[$0].name)`" }.joined(separator: ", ")
            report(.caseCannotEnd, process.nodes[first].location,
                   "a case that reaches \(names)\(trapped.count > 6 ? " …" : "") can never end: give the loop a way out (a `decide` with a branch that leaves it)")
        }
    }

    private func roundPct(_ v: Double) -> Double { (v * 1e6).rounded() / 1e6 }

    private func lastBranchShareRange(_ p: Int, _ i: Int) -> ByteRange? {
        let process = model.processes[p]
        let tree = model.trees[process.file]
        let id = process.nodes[i].statement
        guard let lastBranch = tree.childIDs(id).last(where: { tree.isKeyword($0, .branch) }),
              let share = tree.arg(lastBranch, .share) else { return nil }
        return tree.range(of: share)
    }

    private mutating func checkCallCycles() {
        // Iterative DFS with colours over the call graph.
        let n = model.processes.count
        var colour = [UInt8](repeating: 0, count: n)   // 0 white, 1 grey, 2 black
        var reportedSteps = Set<Location>()
        for root in 0..<n where colour[root] == 0 {
            var stack: [(p: Int, node: Int)] = [(root, 0)]
            colour[root] = 1
            while !stack.isEmpty {
                let (p, k) = stack[stack.count - 1]
                let nodes = model.processes[p].nodes
                if k >= nodes.count {
                    colour[p] = 2
                    stack.removeLast()
                    continue
                }
                stack[stack.count - 1].node += 1
                guard let callee = nodes[k].call else { continue }
                if colour[callee] == 1 {
                    let chain = stack.map(\.p)
                    let from = chain.firstIndex(of: callee) ?? 0
                    let names = (chain[from...] + [callee]).map { model.processes[$0].name }.joined(separator: " → ")
                    let l = nodes[k].location
                    if reportedSteps.insert(l).inserted {
                        report(.callCycle, l, "processes call each other in a cycle: \(names)")
                    }
                } else if colour[callee] == 0 {
                    colour[callee] = 1
                    stack.append((callee, 0))
                }
            }
        }
    }

    // MARK: Staffing inputs

    private mutating func checkProcessInputs() {
        var called = Set<Int>()
        for p in model.processes { for node in p.nodes { if let c = node.call { called.insert(c) } } }
        for (pi, process) in model.processes.enumerated() {
            let tree = model.trees[process.file]
            var hasStaffWork = false
            var callsOthers = false
            for node in process.nodes where !node.isDecision {
                let hasCall = tree.hasChild(node.statement, .call)
                let hasBy = tree.hasChild(node.statement, .by)
                // A `time` whose value was rejected has its own diagnostic: it is not missing.
                let hasTime = node.timeHours != nil || tree.hasChild(node.statement, .time)
                if hasCall {
                    callsOthers = true
                    if hasBy || hasTime {
                        report(.callWithWork, node.location, "step `\(node.name)` calls a process, so it has no `by` or `time` of its own; move that work to a separate step")
                    }
                    continue
                }
                if !hasBy {
                    // An unknown keyword that most likely meant `by` or `call` is the cause (E111).
                    if tree.hasStatement(.by, orProbably: true, in: node.statement)
                        || tree.hasStatement(.call, orProbably: true, in: node.statement) { continue }
                    report(.stepWithoutPerformer, node.location, "step `\(node.name)` needs `by` (who does it) or `call` (a process it runs)")
                    continue
                }
                if let perf = node.performer, perf.isStaff {
                    hasStaffWork = true
                    if !hasTime && !tree.hasStatement(.time, orProbably: true, in: node.statement) {
                        report(.staffStepWithoutTime, node.location,
                               "step `\(node.name)` is done by `\(model.performerName(perf))` but has no `time`; orgc never counts a missing time as zero",
                               fixes: insertFix(process.file, node.statement, "time … min", title: "Insert `time` (fill in the minutes)"))
                    }
                }
            }
            if (hasStaffWork || callsOthers) && process.volumePerYear == nil && !called.contains(pi) && !hasVolumeStatement(process) {
                let what = hasStaffWork ? "has staff steps" : "calls other processes"
                report(.processWithoutVolume, process.location, "process `\(process.name)` \(what) but no `volume` and no caller; add e.g. `volume 100 /year`",
                       fixes: insertFix(process.file, process.statement, "volume … /year", title: "Insert `volume` (fill in the cases per year)"))
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
                if !withAllowance.isEmpty, let src = sourceRange(process) {
                    var seen = Set<String>()
                    let names = withAllowance.filter { seen.insert($0).inserted }.prefix(4).map { "`\($0)`" }.joined(separator: ", ")
                    report(.selfreportWithAllowance, src,
                           "times of `\(process.name)` are self-reported and already contain Verteilzeit, yet an allowance applies to \(names); set `allowance 0 %` there or change `source`")
                }
            }
        }
    }

    /// Whether the process has a `volume` statement (maybe with a rejected value), or an
    /// unknown keyword that most likely meant it.
    private func hasVolumeStatement(_ process: Process) -> Bool {
        model.trees[process.file].hasStatement(.volume, orProbably: true, in: process.statement)
    }

    private func sourceRange(_ process: Process) -> Location? {
        let tree = model.trees[process.file]
        guard let s = tree.child(process.statement, .source) else { return nil }
        return Location(file: process.file, range: tree.range(s))
    }

    /// A fix that inserts a statement into a block: after `{` for multi-line blocks, before `}` for one-liners.
    private func insertFix(_ file: Int, _ id: Int32, _ text: String, title: String) -> [Fix] {
        let tree = model.trees[file]
        let st = tree.statement(id)
        let path = tree.path
        if st.lbrace >= 0 {
            let lb = tree.tokens[Int(st.lbrace)]
            if st.rbrace >= 0 {
                let rb = tree.tokens[Int(st.rbrace)]
                if tree.file.line(of: Int(lb.start)) == tree.file.line(of: Int(rb.start)) {
                    if st.childCount > 0 {
                        // `{ by SB }` → `{ by SB; time … min }`: right after the last token.
                        let end = Int(tree.tokens[Int(st.rbrace) - 1].end)
                        return [Fix(title: title, edits: [TextEdit(path: path, range: ByteRange(end, end), newText: "; " + text)])]
                    }
                    return [Fix(title: title, edits: [TextEdit(path: path, range: ByteRange(Int(rb.start), Int(rb.start)), newText: text + " ")])]
                }
            }
            // A block over several lines (or one never closed): a new line after `{`.
            let indent = indentation(tree, of: Int(tree.tokens[Int(st.firstToken)].start)) + "  "
            return [Fix(title: title, edits: [TextEdit(path: path, range: ByteRange(Int(lb.end), Int(lb.end)), newText: "\n" + indent + text)])]
        }
        let end = Int(tree.tokens[Int(st.lastToken)].end)
        return [Fix(title: title, edits: [TextEdit(path: path, range: ByteRange(end, end), newText: " { \(text) }")])]
    }

    private func indentation(_ tree: SyntaxTree, of offset: Int) -> String {
        let line = tree.file.line(of: offset)
        let r = tree.file.lineRange(line)
        var s = ""
        var i = r.lowerBound
        while i < r.upperBound, tree.bytes[i] == 0x20 || tree.bytes[i] == 0x09 { s.append(Character(Unicode.Scalar(tree.bytes[i]))); i += 1 }
        return s
    }

    /// Whether some `worktime` statement was written but its value rejected (E201, E202,
    /// E206): that diagnostic says what is wrong; "no worktime applies" would repeat it.
    /// Whether a `worktime` was given but rejected, or an unknown keyword most likely
    /// meant `worktime`: either has its own diagnostic, and a missing worktime would be
    /// its consequence.
    private func hasRejectedWorktime() -> Bool {
        for t in model.trees {
            for (i, st) in t.statements.enumerated() {
                if st.spec >= 0 {
                    guard Keywords.spec(st.spec).keyword == .worktime else { continue }
                    guard let a = t.arg(Int32(i), .value), a.value > 0 else { return true }
                } else if Keywords.probableKeyword(for: t.keywordText(Int32(i)), in: st.context) == .worktime {
                    return true
                }
            }
        }
        return false
    }

    private mutating func checkWorktime() {
        // Which positions and units carry workload that is divided by worktime?
        var positionWork = [Bool](repeating: false, count: model.positions.count)
        var unitWork = [Bool](repeating: false, count: model.units.count)
        for p in model.processes {
            for node in p.nodes {
                switch node.performer {
                case .position(let i): positionWork[i] = true
                case .unit(let i): unitWork[i] = true
                default: break
                }
            }
        }
        for (i, p) in model.positions.enumerated() where p.efforts.contains(where: { $0.hoursPerYear != nil }) || p.coverageHoursPerWeek != nil {
            positionWork[i] = true
        }
        let missing = positionWork.indices.contains { positionWork[$0] && model.worktime(position: $0) == nil }
            || unitWork.indices.contains { unitWork[$0] && model.worktime(unit: $0) == nil }
        if !missing || hasRejectedWorktime() { return }
        let fix = worktimeFix()
        for (i, has) in positionWork.enumerated() where has && model.worktime(position: i) == nil {
            report(.workloadWithoutWorktime, model.positions[i].location,
                   "position `\(model.positions[i].name)` has workload but no `worktime` applies; set it in the `model` block (e.g. `worktime 1590 h`)", fixes: fix)
        }
        for (i, has) in unitWork.enumerated() where has && model.worktime(unit: i) == nil {
            report(.workloadWithoutWorktime, model.units[i].location,
                   "unit `\(model.units[i].name)` does work but no `worktime` applies; set it in the `model` block (e.g. `worktime 1590 h`)", fixes: fix)
        }
    }

    private func worktimeFix() -> [Fix] {
        if let st = model.settings.statement {
            return insertFix(st.file, st.id, "worktime 1590 h", title: "Insert `worktime 1590 h` into the model block")
        }
        guard let first = model.trees.first else { return [] }
        return [Fix(title: "Add a model block with `worktime 1590 h`",
                    edits: [TextEdit(path: first.path, range: ByteRange(0, 0), newText: "model Model {\n  worktime 1590 h\n}\n\n")])]
    }

    // MARK: Prozess-DNA


    private mutating func checkDNA() {
        for c in model.criteria {
            // Statements present but rejected (e.g. `from bogus`, `scale 4..0`) have their own diagnostics.
            let given = statementKeywords(.criterion, c.location)
            if c.weight == nil && !given.contains(.weight) {
                report(.criterionWithoutWeight, c.location, "criterion `\(c.name)` needs a `weight`")
            }
            if c.measure == nil && c.scale == nil && (given.contains(.from) || given.contains(.scale)) {
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
                guard let k = model.criterionNames[name].map({ model.symbols[$0].index }) else { continue }
                let c = model.criteria[k]
                if c.measure != nil {
                    report(.ratingForMeasuredCriterion, rating.location, "criterion `\(name)` is measured by orgc (`from \(c.measure!)`); remove this rating")
                } else if let s = c.scale, rating.value < s.lower || rating.value > s.upper {
                    report(.ratingOutsideScale, rating.location,
                           "rating \(fmtNumber(rating.value)) is outside the scale \(fmtNumber(s.lower))..\(fmtNumber(s.upper)) of `\(name)`")
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
