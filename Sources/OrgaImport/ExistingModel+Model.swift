import OrgaSemantics

extension ExistingModel {
    /// The positions, units, actors and systems of a checked model, and its taken names.
    public init(_ model: Model) {
        var entries: [Entry] = []
        entries += model.positions.map { Entry(name: $0.name, title: $0.title, kind: .position) }
        entries += model.units.map { Entry(name: $0.name, title: $0.title, kind: .unit) }
        entries += model.actors.map { Entry(name: $0.name, title: $0.title, kind: .actor) }
        entries += model.systems.map { Entry(name: $0.name, title: $0.title, kind: .system) }
        entries += model.grades.map { Entry(name: $0.name, title: $0.title, kind: .grade) }
        var taken = Set(model.globalNames.keys)
        for s in model.symbols where s.process == nil { taken.insert(s.name) }
        self.init(entries: entries, takenNames: taken)
    }
}
