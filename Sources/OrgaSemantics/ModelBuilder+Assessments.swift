import OrgaSyntax

/// Pass 2 of the model builder for assessments (`matrix`, `raci`): what only the
/// statements of one matrix or chart show is reported here (unknown areas, a `rate`
/// given twice, unknown raters, parties and steps); the checks of values, counts and
/// roles run in the `Checker` on the model.
extension ModelBuilder {
    private static let raterKinds: DeclKinds = [.unit, .position, .actor]
    /// Up to this many areas an unknown area name gets a "did you mean" (bounded work).
    private static let suggestAmongAreas = 64

    private func party(_ s: Symbol) -> Party? { s.performer }

    mutating func readMatrix(_ tree: SyntaxTree, _ file: Int, _ id: Int32) -> Matrix {
        let declared = tree.declaredName(id)
        var m = Matrix(name: declared?.name ?? "", title: tree.declaredTitle(id), doc: tree.docComment(id),
                       location: loc(file, declared?.range ?? tree.tokenRange(tree.statement(id).keywordToken)))
        checkUnique(tree, file, id)
        // Areas and aspects first: a rating may stand before them.
        var areaIndex: [String: Int] = [:]
        var aspectIndex: [String: Int] = [:]
        for c in tree.childIDs(id) {
            guard let kw = tree.knownKeyword(c) else { continue }
            switch kw {
            case .scale:
                let l = loc(file, tree.range(c))
                m.scaleSetting.write(tree.arg(c, .value).map { CriterionScale(lower: $0.value, upper: $0.upper) }, at: l)
            case .area, .aspect:
                guard let (name, range) = tree.declaredName(c) else { continue }
                let label = MatrixLabel(name: name, title: tree.declaredTitle(c), location: loc(file, range))
                let isArea = kw == .area
                if let first = isArea ? areaIndex[name] : aspectIndex[name] {
                    let earlier = isArea ? m.areas[first].location : m.aspects[first].location
                    report(.duplicateName, label.location,
                           "matrix `\(m.name)` already has \(isArea ? "an area" : "an aspect") `\(name)` at \(describe(earlier))")
                    continue
                }
                if isArea { areaIndex[name] = m.areas.count; m.areas.append(label) }
                else { aspectIndex[name] = m.aspects.count; m.aspects.append(label) }
            default: break
            }
        }
        for c in tree.childIDs(id) where tree.isKeyword(c, .matrixRating) {
            m.ratings.append(readMatrixRating(tree, file, c, areas: m.areas, areaIndex: areaIndex))
        }
        if tree.statement(id).hasBlock, tree.statement(id).childCount == 0 {
            report(.emptyDeclaration, m.location, "matrix `\(m.name)` declares nothing; remove it or fill it in")
        }
        return m
    }

    private mutating func readMatrixRating(_ tree: SyntaxTree, _ file: Int, _ id: Int32, areas: [MatrixLabel], areaIndex: [String: Int]) -> MatrixRating {
        checkUnique(tree, file, id)
        let nameArg = tree.arg(id, .name)
        let name = nameArg.map { tree.name($0) } ?? ""
        let location = loc(file, nameArg.map { tree.range(of: $0) } ?? tree.tokenRange(tree.statement(id).keywordToken))
        let isTarget = tree.hasChild(id, .target)
        var rating = MatrixRating(name: name, location: location, isTarget: isTarget)
        if !isTarget, let nameArg, let s = resolveRef(tree, file, nameArg, Self.raterKinds, what: "a rating") {
            rating.rater = party(s)
        }
        var firstRate: [Int: Location] = [:]
        for c in tree.childIDs(id) where tree.isKeyword(c, .rate) {
            let ids = tree.argumentIDs(c)
            var valueIDs = ids
            var area: Int? = nil
            var areaLocation = loc(file, tree.tokenRange(tree.statement(c).keywordToken))
            if let first = ids.first, tree.argument(first).kind == .name {
                let a = tree.argument(first)
                let areaName = tree.name(a)
                areaLocation = loc(file, tree.range(of: a))
                valueIDs = ids.dropFirst()
                if let i = areaIndex[areaName] {
                    area = i
                    if let earlier = firstRate[i] {
                        report(.duplicateSetting, areaLocation, "`rate \(areaName)` is already given in this rating at \(describe(earlier)); remove one")
                    } else {
                        firstRate[i] = areaLocation
                    }
                } else {
                    let suggestion = areas.count <= Self.suggestAmongAreas ? Suggestions.best(for: areaName, among: areas.map(\.name)) : nil
                    let known = areas.isEmpty ? "it declares no areas" : "its areas are " + areas.prefix(8).map { "`\($0.name)`" }.joined(separator: ", ") + (areas.count > 8 ? ", …" : "")
                    report(.unknownMatrixArea, areaLocation, "the matrix has no area `\(areaName)`" + (suggestion.map { "; did you mean `\($0)`?" } ?? "; \(known)"),
                           fixes: suggestion.map { [Fix(title: "Change to `\($0)`", edits: [TextEdit(path: tree.path, range: areaLocation.range, newText: $0)])] } ?? [])
                }
            }
            var values: [MatrixValue] = []
            var places: [Location] = []
            for v in valueIDs {
                let a = tree.argument(v)
                switch a.kind {
                case .dash: values.append(.notGiven)
                case .quantity where a.unit == nil && a.per == nil && !a.isMalformed: values.append(.given(a.signedValue))
                default: values.append(.rejected)
                }
                places.append(loc(file, tree.range(of: a)))
            }
            let keyword = tree.tokenRange(tree.statement(c).keywordToken)
            let end = ids.last.map { tree.range(of: tree.argument($0)).end } ?? keyword.end
            rating.rates.append(MatrixRate(area: area, areaLocation: areaLocation, values: values, valueLocations: places,
                                           location: loc(file, ByteRange(keyword.start, end))))
        }
        return rating
    }

    mutating func readRaciChart(_ tree: SyntaxTree, _ file: Int, _ id: Int32) -> RaciChart {
        let declared = tree.declaredName(id)
        var chart = RaciChart(name: declared?.name ?? "", title: tree.declaredTitle(id), doc: tree.docComment(id),
                              location: loc(file, declared?.range ?? tree.tokenRange(tree.statement(id).keywordToken)))
        var taskIndex: [String: Int] = [:]
        for c in tree.childIDs(id) where tree.isKeyword(c, .task) {
            guard let (name, range) = tree.declaredName(c) else { continue }
            let l = loc(file, range)
            if let first = taskIndex[name] {
                report(.duplicateName, l, "chart `\(chart.name)` already has a task `\(name)` at \(describe(chart.tasks[first].location))")
            } else {
                taskIndex[name] = chart.tasks.count
            }
            chart.tasks.append(readRaciTask(tree, file, c, name: name, location: l))
        }
        if tree.statement(id).hasBlock, chart.tasks.isEmpty {
            report(.emptyDeclaration, chart.location, "chart `\(chart.name)` has no tasks; remove it or fill it in")
        }
        return chart
    }

    private mutating func readRaciTask(_ tree: SyntaxTree, _ file: Int, _ id: Int32, name: String, location: Location) -> RaciTask {
        checkUnique(tree, file, id)
        var task = RaciTask(name: name, title: tree.declaredTitle(id), location: location)
        for c in tree.childIDs(id) {
            guard let kw = tree.knownKeyword(c) else { continue }
            if kw == .step {
                readTaskStep(tree, file, c, into: &task)
                continue
            }
            let role: RaciRole
            switch kw {
            case .responsible: role = .responsible
            case .accountable: role = .accountable
            case .consulted: role = .consulted
            case .informed: role = .informed
            default: continue
            }
            for aid in tree.argumentIDs(c) {
                let a = tree.argument(aid)
                guard a.kind == .name else { continue }   // the parser reported other forms
                let s = resolveRef(tree, file, a, .performer, what: "`\(role.rawValue)`")
                let p = RaciParty(name: tree.name(a), party: s.flatMap { party($0) }, location: loc(file, tree.range(of: a)))
                switch role {
                case .responsible: task.responsible.append(p)
                case .accountable: task.accountable.append(p)
                case .consulted: task.consulted.append(p)
                case .informed: task.informed.append(p)
                }
            }
        }
        return task
    }

    /// `step P.S`: resolves the process and its step and records both references.
    private mutating func readTaskStep(_ tree: SyntaxTree, _ file: Int, _ c: Int32, into task: inout RaciTask) {
        guard let a = tree.arg(c, .value), a.kind == .path else { return }
        task.stepText = tree.name(a)
        task.stepLocation = loc(file, tree.range(of: a))
        let pName = tree.text(a.firstToken), sName = tree.text(a.lastToken)
        let pLoc = loc(file, tree.tokenRange(a.firstToken)), sLoc = loc(file, tree.tokenRange(a.lastToken))
        guard let ps = model.globalNames[pName] else {
            let suggestion = suggester.best(for: pName, kinds: .process, in: model)
            report(.unknownReference, pLoc, "no process named `\(pName)`" + (suggestion.map { "; did you mean `\($0)`?" } ?? ""),
                   fixes: suggestion.map { [Fix(title: "Change to `\($0)`", edits: [TextEdit(path: tree.path, range: pLoc.range, newText: $0)])] } ?? [])
            model.references.append(Reference(location: pLoc, symbol: nil))
            return
        }
        model.references.append(Reference(location: pLoc, symbol: ps))
        let sym = model.symbols[ps]
        guard let p = sym.id(ProcessID.self), model.processes.contains(p) else {
            report(.wrongKindReference, pLoc, "`\(pName)` is \(article(sym.kind.phrase)), but `step` needs a process")
            return
        }
        guard let n = node(named: sName, in: p) else {
            let suggestion = suggester.best(for: sName, amongNodesOf: p, in: model)
            report(.raciUnknownStep, sLoc, "process `\(pName)` has no step `\(sName)`" + (suggestion.map { "; did you mean `\($0)`?" } ?? ""),
                   fixes: suggestion.map { [Fix(title: "Change to `\($0)`", edits: [TextEdit(path: tree.path, range: sLoc.range, newText: $0)])] } ?? [])
            model.references.append(Reference(location: sLoc, symbol: nil))
            return
        }
        let node = model.processes[p].nodes[n]
        model.references.append(Reference(location: sLoc, symbol: node.symbol))
        if node.isDecision {
            report(.raciUnknownStep, sLoc, "`\(sName)` is a decision of process `\(pName)`, but a task links to a step (decisions do no work)")
            return
        }
        task.step = NodeID(process: p, index: n)
    }
}
