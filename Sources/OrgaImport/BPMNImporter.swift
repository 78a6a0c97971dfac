/// `orgc import bpmn`: BPMN 2.0 files → one `.orga` file per process, plus one file of
/// the declarations the import needs (lanes as units or systems, stub processes for
/// callees that were not imported). Mapping and limits: docs/import.md.
public enum BPMNImporter {
    /// Largest input read (bytes).
    public static let maxInputSize = 64 * 1024 * 1024
    /// Name of the file with the new declarations.
    public static let declarationsFile = "declarations.orga"

    public static func run(_ inputs: [(path: String, bytes: [UInt8])], into existing: ExistingModel? = nil) -> ImportResult {
        var result = ImportResult()
        var docs: [(path: String, doc: BPMNDocument)] = []
        for input in inputs {
            switch read(input.path, input.bytes) {
            case .success(let d): docs.append((input.path, d))
            case .failure(let m):
                result.messages.append(m)
                result.unreadable = true
            }
        }
        guard !result.unreadable else { return result }
        var session = Session(docs: docs, existing: existing)
        session.run(&result)
        // An inconsistent input gives messages, never a partial import.
        if result.hasErrors { result.files = [] }
        return result
    }

    static func read(_ path: String, _ bytes: [UInt8]) -> Result<BPMNDocument, ImportMessage> {
        if bytes.isEmpty { return .failure(ImportMessage(.error, file: path, "the file is empty; expected BPMN 2.0 XML")) }
        if bytes.count > maxInputSize {
            return .failure(ImportMessage(.error, file: path, "the file has \(bytes.count) bytes; orgc reads BPMN files up to \(maxInputSize / 1024 / 1024) MiB"))
        }
        let utf16 = bytes.count >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF))
        if !utf16, bytes.prefix(8192).contains(0) {
            return .failure(ImportMessage(.error, file: path, "a binary file (it contains NUL bytes), not BPMN 2.0 XML"))
        }
        switch XMLTree.parse(bytes) {
        case .failure(let e):
            return .failure(ImportMessage(.error, file: path, line: e.line, e.limit ? e.reason : "not well-formed XML: \(e.reason)"))
        case .success(let tree):
            switch BPMNDocument.read(tree) {
            case .success(let d): return .success(d)
            case .failure(.notBPMN(let why)): return .failure(ImportMessage(.error, file: path, line: 1, why))
            case .failure(.noProcess):
                return .failure(ImportMessage(.error, file: path, line: 1, "the BPMN file has no <process>: nothing to import"))
            }
        }
    }
}

/// A performer a lane stands for.
private struct LanePerformer {
    var name: String
    var kind: ExistingModel.Kind
    var isNew: Bool
    var title: String
}

private struct Session {
    let docs: [(path: String, doc: BPMNDocument)]
    let existing: ExistingModel?
    var globals: Namer
    /// Identifier of each container, per document.
    var processName: [[String]] = []
    /// Process id → (document, container) over all documents (callActivity targets).
    var processByID: [String: (Int, Int)] = [:]
    /// Performer of each lane, per document (index like `doc.lanes`).
    var lanePerformer: [[LanePerformer?]] = []
    var declarations: [String] = []
    var stubs: [String: String] = [:]
    var automationSystem: String?
    var newDeclarationsPending: [String] = []
    var called: Set<String> = []

    init(docs: [(path: String, doc: BPMNDocument)], existing: ExistingModel?) {
        self.docs = docs
        self.existing = existing
        self.globals = Namer(taken: existing?.takenNames ?? [])
    }

    mutating func run(_ result: inout ImportResult) {
        nameProcesses(&result)
        nameLanes(&result)
        var outputs: [(file: String, text: String)] = []
        for (d, entry) in docs.enumerated() {
            for (ci, c) in entry.doc.containers.enumerated() where c.parent == nil {
                // A top-level process and its sub-processes share one file.
                var text = ""
                var stack = [ci]
                var first = true
                while let k = stack.popLast() {
                    if !first { text += "\n" }
                    first = false
                    text += convert(document: d, container: k, result: &result)
                    let subs = entry.doc.containers[k].nodes.compactMap { n -> Int? in
                        if case .subProcess(let s) = n.kind, s >= 0, s < entry.doc.containers.count { return s }
                        return nil
                    }
                    stack.append(contentsOf: subs.reversed())
                }
                outputs.append((processName[d][ci] + ".orga", text))
            }
        }
        // Gaps: a process that the import calls needs no volume of its own.
        for i in result.gaps.indices where called.contains(result.gaps[i].process) { result.gaps[i].needsVolume = false }
        for (name, text) in outputs { result.files.append(ImportedFile(name: name, text: text)) }
        result.newDeclarations += newDeclarationsPending
        if !declarations.isEmpty {
            var text = "// Declarations added by `orgc import bpmn`: lanes that matched nothing in the model,\n"
            text += "// systems for automated tasks, and processes that were called but not imported.\n"
            text += declarations.joined()
            result.files.append(ImportedFile(name: BPMNImporter.declarationsFile, text: text))
        }
    }

    // MARK: Names

    mutating func nameProcesses(_ result: inout ImportResult) {
        for (d, entry) in docs.enumerated() {
            var names: [String] = []
            for c in entry.doc.containers {
                let title = c.parent == nil ? (entry.doc.participantNames[c.id] ?? c.name) : c.name
                let base = OrgaText.identifier(title ?? "")
                names.append(globals.unique(base.isEmpty ? OrgaText.identifier(c.id) : base, fallback: "Process"))
                if c.parent == nil, !c.id.isEmpty {
                    if processByID[c.id] == nil {
                        processByID[c.id] = (d, names.count - 1)
                    } else {
                        result.messages.append(ImportMessage(.warning, file: entry.path, line: c.line,
                            "process id \(c.id) also appears in an earlier file; calls to it go to the first"))
                    }
                }
            }
            processName.append(names)
        }
    }

    mutating func nameLanes(_ result: inout ImportResult) {
        // Lanes with the same name (folded) are one performer, across pools and files.
        var byName: [String: Int] = [:]
        var performers: [LanePerformer] = []
        for (d, entry) in docs.enumerated() {
            let doc = entry.doc
            var staff = [Bool](repeating: false, count: doc.lanes.count)
            var automated = [Bool](repeating: false, count: doc.lanes.count)
            for c in doc.containers {
                for n in c.nodes {
                    guard let l = n.lane, l >= 0, l < doc.lanes.count else { continue }
                    switch n.kind {
                    case .automated: automated[l] = true
                    case .task, .timer: staff[l] = true
                    default: break
                    }
                }
            }
            var row: [LanePerformer?] = []
            for (l, lane) in doc.lanes.enumerated() {
                let title = OrgaText.singleLine(lane.name)
                guard staff[l] || automated[l] else { row.append(nil); continue }
                let key = ExistingModel.fold(title.isEmpty ? lane.id : title)
                if let k = byName[key] {
                    if staff[l], performers[k].kind == .system, performers[k].isNew { performers[k].kind = .unit }
                    row.append(performers[k])
                    continue
                }
                let p: LanePerformer
                if let e = existing?.match(title.isEmpty ? lane.id : title) {
                    p = LanePerformer(name: e.name, kind: e.kind, isNew: false, title: title)
                    result.messages.append(ImportMessage(.note, file: entry.path, line: lane.line,
                        "lane \"\(title)\" is \(e.kind.rawValue) \(e.name) of the model"))
                } else {
                    let base = OrgaText.identifier(title.isEmpty ? lane.id : title)
                    p = LanePerformer(name: globals.unique(base, fallback: "Lane"), kind: staff[l] ? .unit : .system, isNew: true, title: title)
                }
                byName[key] = performers.count
                performers.append(p)
                row.append(p)
            }
            lanePerformer.append(row)
            _ = d
        }
        // Resolve merged kinds (a lane seen first with automated tasks only, later with staff).
        for d in lanePerformer.indices {
            for l in lanePerformer[d].indices {
                guard let p = lanePerformer[d][l], let k = byName[ExistingModel.fold(p.title.isEmpty ? docs[d].doc.lanes[l].id : p.title)] else { continue }
                lanePerformer[d][l] = performers[k]
            }
        }
        for p in performers where p.isNew {
            result.newDeclarations.append("\(p.kind.rawValue) \(p.name)\(p.title.isEmpty ? "" : " (lane \"\(p.title)\")")")
            declarations.append("\(p.kind.rawValue) \(p.name)\(p.title.isEmpty || p.title == p.name ? "" : " \(OrgaText.string(p.title))")\n")
        }
    }

    mutating func automation() -> String {
        if let a = automationSystem { return a }
        let name = globals.unique("Automatisierung", fallback: "System")
        declarations.append("/// Does the automated tasks (serviceTask, scriptTask, businessRuleTask) that lay in no system lane.\n")
        declarations.append("system \(name) \"Automatisierte Aufgaben\"\n")
        automationSystem = name
        newDeclarationsPending.append("system \(name) (automated tasks outside a system lane)")
        return name
    }

    mutating func stub(_ calledElement: String, file: String, line: Int, result: inout ImportResult) -> String {
        if let s = stubs[calledElement] { return s }
        let name = globals.unique(OrgaText.identifier(calledElement), fallback: "CalledProcess")
        stubs[calledElement] = name
        declarations.append("\n/// Called as \(OrgaText.singleLine(calledElement)) in \(file) (line \(line)); its flow was not in the imported files.\n")
        declarations.append("process \(name)\(name == OrgaText.singleLine(calledElement) ? "" : " " + OrgaText.string(calledElement)) {\n}\n")
        result.newDeclarations.append("process \(name) (stub for the callee \(calledElement))")
        return name
    }

    // MARK: One process

    enum Role { case step, decision, pass, end, timerStep }

    mutating func convert(document d: Int, container ci: Int, result: inout ImportResult) -> String {
        let path = docs[d].path
        let doc = docs[d].doc
        let c = doc.containers[ci]
        var nodes = c.nodes
        var flows = c.flows
        var comments: [String] = []
        func warn(_ line: Int?, _ text: String, comment: Bool = false) {
            result.messages.append(ImportMessage(.warning, file: path, line: line, text))
            if comment { comments.append(text + (line.map { " (line \($0))" } ?? "")) }
        }
        var index: [String: Int] = [:]
        for (i, n) in nodes.enumerated() {
            if index[n.id] != nil {
                result.messages.append(ImportMessage(.error, file: path, line: n.line, "duplicate id \(n.id)"))
            } else {
                index[n.id] = i
            }
        }
        // Flows must join two nodes of this process.
        var valid: [Bool] = []
        for f in flows {
            let ok = index[f.source] != nil && index[f.target] != nil
            if !ok {
                // A flow from nowhere changes nothing (some exporters leave them behind);
                // a flow from a node to nowhere would lose where the case goes.
                let fromNowhere = index[f.source] == nil
                let missing = fromNowhere ? f.source : f.target
                result.messages.append(ImportMessage(fromNowhere ? .warning : .error, file: path, line: f.line,
                    "sequence flow \(f.id.isEmpty ? "(no id)" : f.id) \(fromNowhere ? "comes from" : "leads to") \(missing.isEmpty ? "no node" : missing), which is not a flow node of process \(c.id)\(fromNowhere ? "; ignored" : "")"))
            }
            valid.append(ok)
        }
        flows = zip(flows, valid).filter { $0.1 }.map { $0.0 }
        // A task with several outgoing flows: conditional flows become a decision after
        // it, unconditional ones a parallel split.
        var outgoing = [[Int]](repeating: [], count: nodes.count)
        for (k, f) in flows.enumerated() { if let s = index[f.source] { outgoing[s].append(k) } }
        let original = nodes.count
        for i in 0..<original where outgoing[i].count > 1 {
            switch nodes[i].kind {
            case .task, .automated, .callActivity, .subProcess, .timer:
                let conditional = outgoing[i].contains { flows[$0].condition != nil || flows[$0].name != nil }
                var split = BPMNDocument.Node(id: nodes[i].id + "#split", kind: conditional ? .exclusiveGateway : .parallelGateway,
                                              tag: conditional ? "exclusiveGateway" : "parallelGateway", name: nil, line: nodes[i].line)
                split.lane = nodes[i].lane
                split.defaultFlow = nodes[i].defaultFlow
                let s = nodes.count
                nodes.append(split)
                index[split.id] = s
                for k in outgoing[i] { flows[k].source = split.id }
                flows.append(BPMNDocument.Flow(id: split.id + "#in", source: nodes[i].id, target: split.id, line: nodes[i].line))
            default: break
            }
        }
        outgoing = [[Int]](repeating: [], count: nodes.count)
        var incoming = [[Int]](repeating: [], count: nodes.count)
        var source = [Int](repeating: 0, count: flows.count)
        var target = [Int](repeating: 0, count: flows.count)
        for (k, f) in flows.enumerated() {
            guard let s = index[f.source], let t = index[f.target] else { continue }
            source[k] = s; target[k] = t
            outgoing[s].append(k); incoming[t].append(k)
        }

        // Roles.
        var role = [Role](repeating: .pass, count: nodes.count)
        var wait = [String?](repeating: nil, count: nodes.count)
        for (i, n) in nodes.enumerated() {
            switch n.kind {
            case .task, .automated, .callActivity, .subProcess: role[i] = .step
            case .exclusiveGateway, .inclusiveGateway, .complexGateway, .eventBasedGateway:
                role[i] = outgoing[i].count > 1 ? .decision : .pass
                if outgoing[i].count > 1, n.kind != .exclusiveGateway {
                    warn(n.line, "\(n.tag) \(display(n)) imported as a decision: Orga takes exactly one branch per case, so give the branches shares that add up to 100 %")
                }
            case .end: role[i] = .end
            case .start, .parallelGateway: role[i] = .pass
            case .intermediate:
                warn(n.line, "\(n.eventDefinitions.isEmpty ? "" : n.eventDefinitions.joined(separator: "/") + " ")event \(display(n)) is not imported: the flow passes through it (Orga has no events)")
            case .boundary(let host):
                let on = host.flatMap { index[$0] }.map { display(nodes[$0]) } ?? (host ?? "?")
                warn(n.line, "boundary \(n.eventDefinitions.joined(separator: "/")) event \(display(n)) on \(on) is not imported (Orga has no events); the path it starts is imported but cannot be reached")
            case .timer(let duration):
                guard let text = duration, let q = ISODuration.orgaWait(text) else {
                    warn(n.line, "timer event \(display(n)) has no ISO-8601 duration (\(duration ?? "none")); no `wait` imported")
                    continue
                }
                // Waiting right after a task is that task's `wait`.
                if incoming[i].count == 1, let k = incoming[i].first, outgoing[source[k]].count == 1, source[k] < original,
                   case let pk = nodes[source[k]].kind, pk == .task || pk == .automated, wait[source[k]] == nil {
                    wait[source[k]] = q
                } else {
                    role[i] = .timerStep
                    wait[i] = q
                }
            }
        }
        // Parallel splits: the paths one after the other.
        var budget = 20_000_000
        for g in nodes.indices where nodes[g].kind == .parallelGateway && outgoing[g].count > 1 {
            let branches = outgoing[g].map { target[$0] }
            var reach: [Set<Int>] = []
            for b in branches {
                var seen: Set<Int> = [b]
                var queue = [b]
                var qi = 0
                while qi < queue.count, budget > 0 {
                    let x = queue[qi]; qi += 1
                    budget -= 1
                    for k in outgoing[x] where target[k] != g && seen.insert(target[k]).inserted { queue.append(target[k]) }
                }
                reach.append(seen)
            }
            if budget <= 0 {
                warn(nodes[g].line, "parallel gateway \(display(nodes[g])): too large to make sequential; only the first path is imported as reachable", comment: true)
                break
            }
            let join = nodes.indices.first { j in
                nodes[j].kind == .parallelGateway && incoming[j].count > 1 && j != g && reach.allSatisfy { $0.contains(j) }
            }
            for i in 0..<(branches.count - 1) {
                budget -= flows.count * max(1, branches.count)
                guard budget > 0 else { break }
                for k in flows.indices where source[k] < nodes.count {
                    let t = target[k]
                    let intoJoin = join.map { t == $0 } ?? (role[t] == .end)
                    guard intoJoin, reach[i].contains(source[k]) || source[k] == branches[i],
                          !reach.enumerated().contains(where: { $0.offset != i && $0.element.contains(source[k]) }) else { continue }
                    target[k] = branches[i + 1]
                }
            }
            let names = branches.map { display(nodes[$0]) }
            warn(nodes[g].line, "parallel gateway \(display(nodes[g])): the \(branches.count) parallel paths are made sequential (\(names.joined(separator: ", then "))); Orga has no parallel flow", comment: true)
        }
        // Resolve a BPMN node to the Orga node it leads to (or the end).
        func resolve(_ start: Int) -> Int? {
            var cur = start
            var steps = 0
            while steps <= nodes.count {
                switch role[cur] {
                case .step, .decision, .timerStep: return cur
                case .end: return nil
                case .pass:
                    guard let k = outgoing[cur].first else { return nil }
                    cur = target[k]
                }
                steps += 1
            }
            warn(nodes[start].line, "the flow from \(display(nodes[start])) runs in a circle of gateways and events without a task; it ends there")
            return nil
        }
        func successors(_ i: Int) -> [Int?] {
            role[i] == .decision ? outgoing[i].map { resolve(target[$0]) } : [outgoing[i].first.flatMap { resolve(target[$0]) }]
        }
        // Entry: the first start event, else the first node nothing leads to.
        let starts = nodes.indices.filter { nodes[$0].kind == .start && role[$0] == .pass }
        if starts.count > 1 { warn(nodes[starts[1]].line, "\(starts.count) start events; the flow starts at the first, \(display(nodes[starts[0]]))") }
        let entryNode = starts.first ?? nodes.indices.first { incoming[$0].isEmpty && role[$0] != .end } ?? nodes.indices.first
        let entry = entryNode.flatMap(resolve)
        // Order: depth first along the flow, so that most successors fall through.
        var order: [Int] = []
        var placed = [Bool](repeating: false, count: nodes.count)
        var stack: [Int] = entry.map { [$0] } ?? []
        while let x = stack.popLast() {
            guard !placed[x] else { continue }
            placed[x] = true
            order.append(x)
            for s in successors(x).reversed() { if let s, !placed[s] { stack.append(s) } }
        }
        let unreached = nodes.indices.filter { !placed[$0] && (role[$0] == .step || role[$0] == .decision || role[$0] == .timerStep) }
        if !unreached.isEmpty {
            warn(nodes[unreached[0]].line, "\(unreached.count) node\(unreached.count == 1 ? "" : "s") cannot be reached from the start (\(unreached.prefix(3).map { display(nodes[$0]) }.joined(separator: ", "))\(unreached.count > 3 ? ", …" : "")); imported after the rest")
            order += unreached
        }
        // Identifiers of the nodes.
        var local = Namer()
        var nodeName = [String](repeating: "", count: nodes.count)
        for i in order {
            let n = nodes[i]
            let fromOrgc = n.orgcName.flatMap { OrgaText.isIdentifier($0) ? $0 : nil }
            var base = fromOrgc ?? OrgaText.identifier(n.name ?? "")
            if base.isEmpty { base = OrgaText.identifier(n.id.hasSuffix("#split") ? String(n.id.dropLast(6)) + "_decision" : n.id) }
            nodeName[i] = local.unique(base, fallback: role[i] == .decision ? "Decision" : "Step")
        }
        // The text.
        var gaps = ProcessGaps(process: processName[d][ci], file: "")
        var body = ""
        for line in comments { body += OrgaText.comment(line, indent: "  ") }
        for (pos, i) in order.enumerated() {
            let n = nodes[i]
            let fallsTo: Int? = pos + 1 < order.count ? order[pos + 1] : nil
            if let doc = n.documentation { body += OrgaText.docComment(doc, indent: "  ") }
            let title = n.name.map(OrgaText.singleLine).flatMap { $0.isEmpty || $0 == nodeName[i] ? nil : $0 }
            let head = "\(nodeName[i])\(title.map { " " + OrgaText.string($0) } ?? "")"
            if role[i] == .decision {
                gaps.decisions += 1
                body += "  decide \(head) {\n"
                var missingShare = false
                for (b, k) in outgoing[i].enumerated() {
                    let f = flows[k]
                    var label = f.name.map(OrgaText.singleLine) ?? ""
                    if f.orgcShare != nil, label.hasSuffix("%)"), let open = label.range(of: " (", options: .backwards) ?? (label.hasPrefix("(") ? label.range(of: "(") : nil) {
                        label = String(label[..<open.lowerBound])
                    }
                    if label.isEmpty { label = f.condition ?? "" }
                    if label.isEmpty { label = n.defaultFlow == f.id ? "otherwise" : (nodes[target[k]].name.map(OrgaText.singleLine) ?? "branch \(b + 1)") }
                    let share = f.orgcShare.flatMap { $0.isFinite && $0 >= 0 && $0 <= 1 ? " \(OrgaText.number($0 * 100, decimals: 4)) %" : nil } ?? ""
                    if share.isEmpty { missingShare = true }
                    let to = resolve(target[k]).map { nodeName[$0] } ?? "end"
                    body += "    branch \(OrgaText.string(label))\(share) -> \(to)\n"
                }
                if missingShare { gaps.decisionsWithoutShares += 1 }
                body += "  }\n"
                continue
            }
            gaps.steps += 1
            var parts: [String] = []
            switch n.kind {
            case .task:
                if let p = performer(d, ci, i, nodes: nodes) {
                    parts.append("by \(p.name)")
                    if p.kind == .unit || p.kind == .position { gaps.stepsWithoutTime += 1 }
                } else {
                    gaps.stepsWithoutPerformer += 1
                }
            case .automated:
                if let p = performer(d, ci, i, nodes: nodes), p.kind == .system || p.kind == .actor {
                    parts.append("by \(p.name)")
                } else {
                    parts.append("by \(automation())")
                }
            case .callActivity(let callee):
                let calleeName: String
                let id = callee.map(OrgaText.singleLine).flatMap { $0.isEmpty ? nil : $0 }
                if let id, let (cd, cc) = processByID[id] {
                    calleeName = processName[cd][cc]
                } else {
                    let named = n.name.map(OrgaText.singleLine).flatMap { $0.isEmpty ? nil : $0 }
                    calleeName = stub(id ?? named ?? n.id, file: path, line: n.line, result: &result)
                }
                called.insert(calleeName)
                parts.append("call \(calleeName)")
            case .subProcess(let s):
                if s >= 0, s < processName[d].count {
                    parts.append("call \(processName[d][s])")
                    called.insert(processName[d][s])
                }
            default:
                gaps.stepsWithoutPerformer += 1   // a waiting step: who waits is not in BPMN
            }
            if let w = wait[i] { parts.append("wait \(w)") }
            let next = successors(i).first ?? nil
            if let next {
                if next != fallsTo { parts.append("next \(nodeName[next])") }
            } else if fallsTo != nil {
                parts.append("next end")
            }
            body += "  step \(head)\(parts.isEmpty ? "" : " { " + parts.joined(separator: "; ") + " }")\n"
        }
        for u in c.unsupported { warn(u.line, "not imported: \(u.text)") }
        let title = (c.parent == nil ? (doc.participantNames[c.id] ?? c.name) : c.name).map(OrgaText.singleLine)
        var text = "// Imported from \(OrgaText.singleLine(path)) (BPMN \(c.parent == nil ? "process" : "sub-process") \(OrgaText.singleLine(c.id)), line \(c.line)) by orgc import bpmn.\n"
        if let doc = c.documentation { text += OrgaText.docComment(doc, indent: "") }
        text += "process \(processName[d][ci])\(title.flatMap { $0.isEmpty || $0 == processName[d][ci] ? nil : " " + OrgaText.string($0) } ?? "") {\n"
        text += body
        text += "}\n"
        gaps.file = processName[d][topLevel(d, ci)] + ".orga"
        if c.parent != nil { called.insert(processName[d][ci]) }
        result.gaps.append(gaps)
        return text
    }

    func topLevel(_ d: Int, _ ci: Int) -> Int {
        var cur = ci
        var steps = 0
        while let p = docs[d].doc.containers[cur].parent, steps < docs[d].doc.containers.count { cur = p.container; steps += 1 }
        return cur
    }

    /// The lane performer of node `i`; a node of a sub-process without a lane takes the
    /// lane of the sub-process in its parent.
    func performer(_ d: Int, _ ci: Int, _ i: Int, nodes: [BPMNDocument.Node]) -> LanePerformer? {
        var lane = i < nodes.count ? nodes[i].lane : nil
        var cur = ci
        var steps = 0
        while lane == nil, let p = docs[d].doc.containers[cur].parent, steps < docs[d].doc.containers.count {
            let pn = docs[d].doc.containers[p.container].nodes
            lane = p.node < pn.count ? pn[p.node].lane : nil
            cur = p.container
            steps += 1
        }
        guard let l = lane, l >= 0, l < lanePerformer[d].count else { return nil }
        return lanePerformer[d][l]
    }

    func display(_ n: BPMNDocument.Node) -> String {
        if n.id.hasSuffix("#split") { return "after \(n.id.dropLast(6))" }
        if let name = n.name.map(OrgaText.singleLine), !name.isEmpty { return "\"\(name)\"" }
        return n.id.isEmpty ? "(no id)" : n.id
    }
}
