import OrgaSyntax
import OrgaSemantics
import OrgaAnalysis

/// `--scenario S` of `report`, `rank` and `graph`: the scenario, or a clear
/// message and exit 2 for a name the model does not declare.
enum ScenarioOption {
    enum Choice {
        case base
        case scenario(ScenarioID)
        case unknown
    }

    static func choose(_ name: String?, in model: Model, command: String, io: CommandIO) -> Choice {
        guard let name else { return .base }
        if let s = ScenarioEvaluator.scenario(named: name, in: model) { return .scenario(s) }
        let names = model.scenarios.map(\.name)
        let hint = Suggestions.best(for: name, among: names).map { "; did you mean `\($0)`?" } ?? ""
        io.err("orgc \(command): no scenario `\(name)` in the model\(hint)\n")
        if hint.isEmpty {
            io.err(names.isEmpty ? "the model declares no scenario\n"
                   : "scenarios: " + names.prefix(20).joined(separator: ", ") + (names.count > 20 ? " …" : "") + "\n")
        }
        return .unknown
    }

    static let helpLine = "  --scenario S      describe scenario S: the model with S's changes and measures applied"
}
