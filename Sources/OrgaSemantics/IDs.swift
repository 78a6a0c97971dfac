import OrgaSyntax

/// Typed indices into the arrays of a `Model` (and the `SourceMap`): a `SymbolID` can
/// not be used where a node index is meant, and "none" is `nil`, never -1.

/// A file of the model: its index in `SourceMap.files` (and `Location.file`).
public struct FileID: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var index: Int
    public init(_ index: Int) { self.index = index }
    public static func < (a: Self, b: Self) -> Bool { a.index < b.index }
    public var description: String { "file#\(index)" }
}

/// An entry of `Model.symbols` (and `SourceMap.declarations`).
public struct SymbolID: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var index: Int
    public init(_ index: Int) { self.index = index }
    public static func < (a: Self, b: Self) -> Bool { a.index < b.index }
    public var description: String { "symbol#\(index)" }
}

/// A step or decision: its process and its index among the process's nodes.
public struct NodeID: Hashable, Sendable, CustomStringConvertible {
    public var process: Int
    public var index: Int
    public init(process: Int, index: Int) {
        self.process = process
        self.index = index
    }
    public var description: String { "node#\(process).\(index)" }
}

extension Array where Element == Symbol {
    public subscript(id: SymbolID) -> Symbol { self[id.index] }
    public func contains(_ id: SymbolID) -> Bool { id.index >= 0 && id.index < count }
}

/// What a symbol declares: exactly one kind (`DeclKinds` is the set of kinds a
/// reference may name).
public enum SymbolKind: UInt8, Sendable, Hashable, CaseIterable {
    case unit, position, actor, system, grade, process, measure, scenario, kpi, target, node, criterion, deployment
    case programme, project

    public init?(_ kinds: DeclKinds) {
        guard let k = Self.allCases.first(where: { $0.asKinds == kinds }) else { return nil }
        self = k
    }

    /// As a one-element `DeclKinds`.
    public var asKinds: DeclKinds {
        switch self {
        case .unit: .unit
        case .position: .position
        case .actor: .actor
        case .system: .system
        case .grade: .grade
        case .process: .process
        case .measure: .measure
        case .scenario: .scenario
        case .kpi: .kpi
        case .target: .target
        case .node: .node
        case .criterion: .criterion
        case .deployment: .deployment
        case .programme: .programme
        case .project: .project
        }
    }

    /// "a unit", "a step or decision".
    public var phrase: String { asKinds.phrase }

    /// Whether a reference that may name `kinds` may name this kind.
    public func isDisjoint(with kinds: DeclKinds) -> Bool { asKinds.isDisjoint(with: kinds) }
}
