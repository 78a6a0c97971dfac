import Foundation

/// The parts of a BPMN 2.0 file the importer reads, by element: processes and
/// sub-processes (each a `Container` of flow nodes and sequence flows), lanes, and
/// what Orga cannot express (listed, so that the importer can say so).
struct BPMNDocument {
    static let modelNamespace = "http://www.omg.org/spec/BPMN/20100524/MODEL"

    enum NodeKind: Equatable {
        case task                  // task, userTask, manualTask, sendTask, receiveTask
        case automated             // serviceTask, scriptTask, businessRuleTask
        case callActivity(String?) // calledElement
        case subProcess(Int)       // index of its container
        case exclusiveGateway, inclusiveGateway, parallelGateway, complexGateway, eventBasedGateway
        case start, end
        case intermediate          // catch or throw event without a timer
        case timer(String?)        // intermediate timer event: its timeDuration, if any
        case boundary(String?)     // attachedToRef
    }

    struct Node {
        var id: String
        var kind: NodeKind
        var tag: String
        var name: String?
        var documentation: String?
        /// `orgc:name` from orgc's own export: the identifier the node had.
        var orgcName: String?
        var line: Int
        /// Innermost lane (index into `lanes`), if any.
        var lane: Int?
        /// Event definitions other than timer on an event (message, signal …).
        var eventDefinitions: [String] = []
        var defaultFlow: String?
    }

    struct Flow {
        var id: String
        var source: String
        var target: String
        var name: String?
        var condition: String?
        /// `orgc:share` (0…1) from orgc's own export.
        var orgcShare: Double?
        var line: Int
    }

    struct Lane {
        var id: String
        var name: String
        var line: Int
    }

    struct Container {
        var id: String
        var name: String?
        var documentation: String?
        var line: Int
        var nodes: [Node] = []
        var flows: [Flow] = []
        /// Container and node that contain this sub-process (nil for a top-level process).
        var parent: (container: Int, node: Int)?
        /// Things Orga cannot express, with their lines: data objects, annotations …
        var unsupported: [(line: Int, text: String)] = []
    }

    var containers: [Container] = []
    var lanes: [Lane] = []
    /// Process id → participant name (pools of a collaboration).
    var participantNames: [String: String] = [:]

    static let taskTags: Set<String> = ["task", "userTask", "manualTask", "sendTask", "receiveTask"]
    static let automatedTags: Set<String> = ["serviceTask", "scriptTask", "businessRuleTask"]
    static let subProcessTags: Set<String> = ["subProcess", "transaction", "adHocSubProcess"]
    static let ignoredTags: Set<String> = ["documentation", "extensionElements", "laneSet", "ioSpecification", "property",
                                           "incoming", "outgoing", "sequenceFlow"]

    enum ReadError: Error { case notBPMN(String), noProcess }

    /// Reads the processes of a parsed BPMN file.
    static func read(_ x: XMLTree) -> Result<BPMNDocument, ReadError> {
        guard let root = x.root else { return .failure(.notBPMN("no XML element")) }
        let r = x.elements[root]
        guard r.name == "definitions", r.namespace == modelNamespace else {
            return .failure(.notBPMN("the root element is <\(r.name)>\(r.namespace.isEmpty ? "" : " in \(r.namespace)"), not BPMN 2.0 <definitions>"))
        }
        var doc = BPMNDocument()
        for c in x.children(root, "collaboration", ns: modelNamespace) {
            for p in x.children(c, "participant", ns: modelNamespace) {
                if let ref = x.attribute(p, "processRef"), let n = x.attribute(p, "name"), doc.participantNames[ref] == nil {
                    doc.participantNames[ref] = n
                }
            }
        }
        let processes = x.children(root, "process", ns: modelNamespace)
        guard !processes.isEmpty else { return .failure(.noProcess) }
        // Work list of (element, parent): sub-processes become containers of their own.
        var work: [(element: Int, parent: (Int, Int)?)] = processes.map { ($0, nil) }
        var wi = 0
        while wi < work.count {
            let (e, parent) = work[wi]; wi += 1
            var c = Container(id: x.attribute(e, "id") ?? "", name: x.attribute(e, "name"),
                              documentation: documentation(x, e), line: x.elements[e].line)
            c.parent = parent
            let ci = doc.containers.count
            // Lanes: the innermost lane naming a node wins (deeper lanes are read later).
            var laneOf: [String: (lane: Int, depth: Int)] = [:]
            var laneWork: [(Int, Int)] = x.children(e, "laneSet", ns: modelNamespace).flatMap { ls in
                x.children(ls, "lane", ns: modelNamespace).map { ($0, 0) }
            }
            var li = 0
            while li < laneWork.count && li < 100_000 {
                let (l, depth) = laneWork[li]; li += 1
                let lane = doc.lanes.count
                doc.lanes.append(Lane(id: x.attribute(l, "id") ?? "", name: x.attribute(l, "name") ?? "", line: x.elements[l].line))
                for ref in x.children(l, "flowNodeRef", ns: modelNamespace) {
                    let id = x.elements[ref].text.trimmingCharacters(in: .whitespacesAndNewlines)
                    if let old = laneOf[id], old.depth >= depth + 1 { continue }
                    laneOf[id] = (lane, depth + 1)
                }
                for cls in x.children(l, "childLaneSet", ns: modelNamespace) {
                    for child in x.children(cls, "lane", ns: modelNamespace) { laneWork.append((child, depth + 1)) }
                }
            }
            for child in x.elements[e].children {
                let el = x.elements[child]
                guard el.namespace == modelNamespace else { continue }
                let tag = el.name
                let id = el.attributes["id"] ?? ""
                var kind: NodeKind?
                var defs: [String] = []
                switch tag {
                case _ where taskTags.contains(tag): kind = .task
                case _ where automatedTags.contains(tag): kind = .automated
                case "callActivity": kind = .callActivity(el.attributes["calledElement"])
                case _ where subProcessTags.contains(tag):
                    if el.attributes["triggeredByEvent"] == "true" {
                        c.unsupported.append((el.line, "event sub-process \(label(el)) (no place in a sequential flow)"))
                        continue
                    }
                    kind = .subProcess(-1)
                case "exclusiveGateway": kind = .exclusiveGateway
                case "inclusiveGateway": kind = .inclusiveGateway
                case "parallelGateway": kind = .parallelGateway
                case "complexGateway": kind = .complexGateway
                case "eventBasedGateway": kind = .eventBasedGateway
                case "startEvent": kind = .start
                case "endEvent": kind = .end
                case "intermediateCatchEvent", "intermediateThrowEvent", "boundaryEvent":
                    var timer: String?? = nil
                    for d in el.children {
                        let dn = x.elements[d].name
                        guard dn.hasSuffix("EventDefinition") else { continue }
                        if dn == "timerEventDefinition" {
                            let duration = x.children(d, "timeDuration", ns: modelNamespace).first
                                .map { x.elements[$0].text.trimmingCharacters(in: .whitespacesAndNewlines) }
                            timer = .some(duration)
                        } else {
                            defs.append(String(dn.dropLast("EventDefinition".count)))
                        }
                    }
                    if tag == "boundaryEvent" {
                        if case .some = timer { defs.append("timer") }
                        kind = .boundary(el.attributes["attachedToRef"])
                    } else if case .some(let d) = timer, defs.isEmpty {
                        kind = .timer(d)
                    } else {
                        if case .some = timer { defs.append("timer") }
                        kind = .intermediate
                    }
                case "sequenceFlow":
                    let cond = x.children(child, "conditionExpression", ns: modelNamespace).first
                        .map { OrgaText.singleLine(x.elements[$0].text) }
                    c.flows.append(Flow(id: id, source: el.attributes["sourceRef"] ?? "", target: el.attributes["targetRef"] ?? "",
                                        name: el.attributes["name"], condition: cond?.isEmpty == false ? cond : nil,
                                        orgcShare: x.attribute(child, local: "share", prefixed: true).flatMap(Double.init),
                                        line: el.line))
                    continue
                case "dataObject", "dataObjectReference", "dataStoreReference", "dataInput", "dataOutput":
                    c.unsupported.append((el.line, "data \(tag == "dataStoreReference" ? "store" : "object") \(label(el)) (Orga models work, not data)"))
                    continue
                case "textAnnotation":
                    let t = x.children(child, "text", ns: modelNamespace).first.map { OrgaText.singleLine(x.elements[$0].text) } ?? ""
                    c.unsupported.append((el.line, "text annotation \(t.isEmpty ? label(el) : "\"\(t.prefix(60))\"") (write it as a comment if it matters)"))
                    continue
                case "association", "dataInputAssociation", "dataOutputAssociation", "group", "category":
                    continue
                case _ where ignoredTags.contains(tag):
                    continue
                default:
                    c.unsupported.append((el.line, "<\(tag)> \(label(el))"))
                    continue
                }
                guard var k = kind else { continue }
                if case .subProcess = k {
                    // Its index is known once it is read: containers are numbered in work order.
                    k = .subProcess(work.count)
                    work.append((child, (ci, c.nodes.count)))
                }
                var node = Node(id: id, kind: k, tag: tag, name: el.attributes["name"], documentation: documentation(x, child),
                                orgcName: x.attribute(child, local: "name", prefixed: true), line: el.line)
                node.lane = laneOf[id]?.lane
                node.eventDefinitions = defs
                node.defaultFlow = el.attributes["default"]
                c.nodes.append(node)
            }
            doc.containers.append(c)
        }
        return .success(doc)
    }

    static func documentation(_ x: XMLTree, _ e: Int) -> String? {
        let texts = x.children(e, "documentation", ns: modelNamespace).map { x.elements[$0].text }
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        return texts.isEmpty ? nil : texts.joined(separator: "\n")
    }

    static func label(_ el: XMLTree.Element) -> String {
        if let n = el.attributes["name"], !OrgaText.singleLine(n).isEmpty { return "\"\(OrgaText.singleLine(n))\"" }
        return el.attributes["id"] ?? "(no id)"
    }
}
