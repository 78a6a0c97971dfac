import OrgaSemantics
import OrgaSupport

/// Writes a process `Drawing` as BPMN 2.0 XML: one `collaboration` with one
/// participant, a `laneSet` with one lane per performing unit, actor or system,
/// typed tasks, exclusive gateways, call activities, start and end events, and
/// complete diagram interchange (`bpmndi`) from orgc's own layout.
///
/// Mapping (see docs/graphs.md):
/// - staff step (position or unit) → `userTask`; system → `serviceTask`; actor →
///   `manualTask`; no performer → `task`; `call P` → `callActivity calledElement=…`
/// - `decide` → `exclusiveGateway` named by its question; each branch is a named
///   `sequenceFlow` ("ja (80 %)") whose share is in `documentation` and in the
///   extension attribute `orgc:share` (0…1). The branch with the largest share is the
///   gateway's `default` flow and has no condition; every other branch carries a
///   `conditionExpression` `branch == "<title>"`, because BPMN engines require a
///   condition on every non-default flow out of an exclusive gateway.
public enum BPMNWriter {
    public static let orgcNamespace = "https://orgc.dev/bpmn/1.0"

    /// The BPMN process id of a model process (ASCII, stable, unique per name).
    public static func processID(_ name: String) -> String {
        "Process_" + Escape.asciiIdentifier(name)
    }

    public static func write(_ d: Drawing, calledNames: [ProcessID: String] = [:]) -> String {
        let g = d.graph
        let L = d.layout
        let pid = processID(g.name)
        let n = g.nodes.count
        var ids = [String](repeating: "", count: n)
        for i in 0..<n {
            switch g.nodes[i].kind {
            case .start: ids[i] = "StartEvent_\(i)"
            case .end: ids[i] = "EndEvent_\(i)"
            case .decision: ids[i] = "Gateway_\(i)"
            case .call: ids[i] = "CallActivity_\(i)"
            default: ids[i] = "Activity_\(i)"
            }
        }
        let flowIDs = g.edges.indices.map { "Flow_\($0 + 1)" }
        var incoming = [[Int]](repeating: [], count: n)
        var outgoing = [[Int]](repeating: [], count: n)
        for (k, e) in g.edges.enumerated() where e.from >= 0 && e.from < n && e.to >= 0 && e.to < n {
            outgoing[e.from].append(k)
            incoming[e.to].append(k)
        }
        // Default flow of each gateway: the largest share, first on ties.
        var defaultFlow = [Int](repeating: -1, count: n)
        for i in 0..<n where g.nodes[i].kind == .decision {
            var best = -1
            for k in outgoing[i] where best < 0 || (g.edges[k].share ?? 0) > (g.edges[best].share ?? 0) { best = k }
            defaultFlow[i] = best
        }

        var s = ""
        s.reserveCapacity(4096 + n * 700 + g.edges.count * 500)
        s += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        s += "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\""
        s += " xmlns:bpmndi=\"http://www.omg.org/spec/BPMN/20100524/DI\""
        s += " xmlns:dc=\"http://www.omg.org/spec/DD/20100524/DC\""
        s += " xmlns:di=\"http://www.omg.org/spec/DD/20100524/DI\""
        s += " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
        s += " xmlns:orgc=\"\(orgcNamespace)\""
        s += " id=\"Definitions_\(Escape.asciiIdentifier(g.name))\" targetNamespace=\"\(orgcNamespace)/models\""
        s += " exporter=\"orgc\" exporterVersion=\"\(OrgaVersion.string)\">\n"
        s += "  <bpmn:collaboration id=\"Collaboration_1\">\n"
        s += "    <bpmn:participant id=\"Participant_1\" name=\"\(Escape.xmlAttribute(g.title))\" processRef=\"\(pid)\"/>\n"
        s += "  </bpmn:collaboration>\n"
        s += "  <bpmn:process id=\"\(pid)\" name=\"\(Escape.xmlAttribute(g.title))\" isExecutable=\"true\">\n"
        if let doc = g.documentation { s += "    <bpmn:documentation>\(Escape.xmlText(doc))</bpmn:documentation>\n" }
        if !g.lanes.isEmpty {
            var members = [[Int]](repeating: [], count: g.lanes.count)
            for i in 0..<n where g.nodes[i].lane >= 0 && g.nodes[i].lane < g.lanes.count { members[g.nodes[i].lane].append(i) }
            s += "    <bpmn:laneSet id=\"LaneSet_1\">\n"
            for l in g.lanes.indices {
                s += "      <bpmn:lane id=\"Lane_\(l + 1)\" name=\"\(Escape.xmlAttribute(g.lanes[l].title))\">\n"
                for i in members[l] { s += "        <bpmn:flowNodeRef>\(ids[i])</bpmn:flowNodeRef>\n" }
                s += "      </bpmn:lane>\n"
            }
            s += "    </bpmn:laneSet>\n"
        }
        for i in 0..<n {
            let node = g.nodes[i]
            let tag: String
            var extra = ""
            switch node.kind {
            case .start: tag = "startEvent"
            case .end: tag = "endEvent"
            case .decision:
                tag = "exclusiveGateway"
                if defaultFlow[i] >= 0 { extra = " default=\"\(flowIDs[defaultFlow[i]])\"" }
            case .call:
                tag = "callActivity"
                let callee = node.process.flatMap { calledNames[$0] } ?? node.name
                extra = " calledElement=\"\(processID(callee))\""
            case .task(.staff): tag = "userTask"
            case .task(.system): tag = "serviceTask"
            case .task(.actor): tag = "manualTask"
            default: tag = "task"
            }
            if !node.name.isEmpty && node.kind != .start && node.kind != .end {
                extra += " orgc:name=\"\(Escape.xmlAttribute(node.name))\""
            }
            s += "    <bpmn:\(tag) id=\"\(ids[i])\" name=\"\(Escape.xmlAttribute(Escape.singleLine(node.title)))\"\(extra)>\n"
            var docParts: [String] = []
            if let doc = node.documentation { docParts.append(doc) }
            if !node.details.isEmpty { docParts.append(node.details.joined(separator: "\n")) }
            if node.mediaBreak { docParts.append(g.words.mediaBreak) }
            if !docParts.isEmpty { s += "      <bpmn:documentation>\(Escape.xmlText(docParts.joined(separator: "\n")))</bpmn:documentation>\n" }
            for k in incoming[i] { s += "      <bpmn:incoming>\(flowIDs[k])</bpmn:incoming>\n" }
            for k in outgoing[i] { s += "      <bpmn:outgoing>\(flowIDs[k])</bpmn:outgoing>\n" }
            s += "    </bpmn:\(tag)>\n"
        }
        for (k, e) in g.edges.enumerated() where e.from >= 0 && e.from < n && e.to >= 0 && e.to < n {
            var attrs = "id=\"\(flowIDs[k])\""
            if let share = e.share {
                let name = [e.branchTitle, "(" + g.words.numbers.percent(share) + ")"].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
                attrs += " name=\"\(Escape.xmlAttribute(name))\""
            }
            attrs += " sourceRef=\"\(ids[e.from])\" targetRef=\"\(ids[e.to])\""
            if let share = e.share { attrs += " orgc:share=\"\(Num.fmt(share, 6))\"" }
            let isBranch = e.share != nil
            let needsCondition = isBranch && g.nodes[e.from].kind == .decision && defaultFlow[e.from] != k
            if !isBranch {
                s += "    <bpmn:sequenceFlow \(attrs)/>\n"
                continue
            }
            s += "    <bpmn:sequenceFlow \(attrs)>\n"
            s += "      <bpmn:documentation>\(Escape.xmlText(g.words.share + " " + g.words.numbers.percent(e.share ?? 0)))</bpmn:documentation>\n"
            if needsCondition {
                let title = e.branchTitle ?? ""
                s += "      <bpmn:conditionExpression xsi:type=\"bpmn:tFormalExpression\">branch == \(Escape.xmlText(Escape.feelString(title.isEmpty ? flowIDs[k] : title)))</bpmn:conditionExpression>\n"
            }
            s += "    </bpmn:sequenceFlow>\n"
        }
        s += "  </bpmn:process>\n"

        // Diagram interchange.
        s += "  <bpmndi:BPMNDiagram id=\"BPMNDiagram_1\">\n"
        s += "    <bpmndi:BPMNPlane id=\"BPMNPlane_1\" bpmnElement=\"Collaboration_1\">\n"
        let poolTop = L.laneTop.first ?? L.height
        let poolBottom = (L.laneTop.last ?? 0) + (L.laneHeight.last ?? 0)
        s += "      <bpmndi:BPMNShape id=\"Participant_1_di\" bpmnElement=\"Participant_1\" isHorizontal=\"true\">\n"
        s += "        " + bounds(Rect(x: L.lanesLeft, y: poolTop, width: L.lanesWidth, height: max(0, poolBottom - poolTop))) + "\n"
        s += "      </bpmndi:BPMNShape>\n"
        for l in g.lanes.indices where l < L.laneTop.count {
            let r = L.laneRect(l)
            s += "      <bpmndi:BPMNShape id=\"Lane_\(l + 1)_di\" bpmnElement=\"Lane_\(l + 1)\" isHorizontal=\"true\">\n"
            s += "        " + bounds(Rect(x: r.x + 30, y: r.y, width: max(0, r.width - 30), height: r.height)) + "\n"
            s += "      </bpmndi:BPMNShape>\n"
        }
        for i in 0..<n where i < L.x.count {
            let r = L.shape(i)
            let node = g.nodes[i]
            let marker = node.kind == .decision ? " isMarkerVisible=\"true\"" : ""
            s += "      <bpmndi:BPMNShape id=\"\(ids[i])_di\" bpmnElement=\"\(ids[i])\"\(marker)>\n"
            s += "        " + bounds(r) + "\n"
            switch node.kind {
            case .decision:
                let lines = d.titleLines[i]
                let w = lines.map { TextMetrics.width($0, size: 11) }.max() ?? 0
                let h = Double(lines.count) * 14
                s += "        <bpmndi:BPMNLabel>" + bounds(Rect(x: L.x[i] - w / 2, y: r.y - 6 - h, width: w, height: h)) + "</bpmndi:BPMNLabel>\n"
            case .start, .end:
                let lines = d.titleLines[i]
                let w = lines.map { TextMetrics.width($0, size: 10.5) }.max() ?? 0
                let h = Double(lines.count) * 13
                s += "        <bpmndi:BPMNLabel>" + bounds(Rect(x: L.x[i] - w / 2, y: r.maxY + 6, width: w, height: h)) + "</bpmndi:BPMNLabel>\n"
            default: break
            }
            s += "      </bpmndi:BPMNShape>\n"
        }
        for (k, e) in g.edges.enumerated() where e.from >= 0 && e.from < n && e.to >= 0 && e.to < n && k < L.edges.count {
            let pts = L.edges[k]
            guard pts.count >= 2 else { continue }
            s += "      <bpmndi:BPMNEdge id=\"\(flowIDs[k])_di\" bpmnElement=\"\(flowIDs[k])\">\n"
            for p in pts { s += "        <di:waypoint x=\"\(Num.coord(p.x))\" y=\"\(Num.coord(p.y))\"/>\n" }
            if k < d.edgeLabels.count && !d.edgeLabels[k].isEmpty {
                // The box the layout chose beside the edge's own segment.
                let w = TextMetrics.width(d.edgeLabels[k], size: 10.5)
                let p = L.labelAt[k]
                let box = k < L.labelRect.count ? L.labelRect[k] : nil
                s += "        <bpmndi:BPMNLabel>" + bounds(box ?? Rect(x: L.labelEnds[k] ? p.x - w : p.x, y: p.y - 10, width: w, height: 13)) + "</bpmndi:BPMNLabel>\n"
            }
            s += "      </bpmndi:BPMNEdge>\n"
        }
        s += "    </bpmndi:BPMNPlane>\n"
        s += "  </bpmndi:BPMNDiagram>\n"
        s += "</bpmn:definitions>\n"
        return s
    }

    static func bounds(_ r: Rect) -> String {
        "<dc:Bounds x=\"\(Num.coord(r.x))\" y=\"\(Num.coord(r.y))\" width=\"\(Num.coord(r.width))\" height=\"\(Num.coord(r.height))\"/>"
    }
}
