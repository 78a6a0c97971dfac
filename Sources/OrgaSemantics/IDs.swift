import OrgaSyntax

/// Typed indices into the arrays of a `Model` (and the `SourceMap`): a `PositionID` can
/// not be used where a `UnitID` is meant, and "none" is `nil`, never -1.
///
/// Each id stores its index as an `Int32`: ids sit in every record that refers to another
/// (millions on a large model), and half the width is half the memory. `init(_:)` from
/// an `Int` truncates instead of trapping, and it can never have to: an index comes from
/// the count of an entity array, every entity is declared by a statement of several bytes
/// of source and takes far more than 100 bytes in memory, so 2³¹ entities would need
/// hundreds of gigabytes before an index could reach `Int32.max`.
public protocol EntityID: Hashable, Comparable, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The index, as stored.
    var raw: Int32 { get set }
    init(raw: Int32)
    /// For `description`: "unit", "position" ….
    static var label: String { get }
}

extension EntityID {
    /// The id of entry `index` (see the type's note on why this cannot overflow).
    @inlinable public init(_ index: Int) { self.init(raw: Int32(truncatingIfNeeded: index)) }
    /// The index as an `Int`, for arithmetic and for output that needs a number.
    @inlinable public var index: Int {
        get { Int(raw) }
        set { raw = Int32(truncatingIfNeeded: newValue) }
    }
    /// Ids sort as their indices do: declaration order.
    @inlinable public static func < (a: Self, b: Self) -> Bool { a.raw < b.raw }
    /// Prints as its index, as the `Int` it replaced did, so that no message or output
    /// changes where an id is interpolated (output that needs the number says `.index`).
    public var description: String { String(raw) }
    /// Names the kind: "unit#3".
    public var debugDescription: String { "\(Self.label)#\(raw)" }
}

/// An element of an array indexed by an id: an entity (`OrgUnit` by `UnitID`) or a
/// result kept in an array beside the entities (`UnitStaffing`, also by `UnitID`). Such
/// an array takes only its own id: `model.positions[unitID]` does not compile.
public protocol IndexedByID {
    associatedtype ID: EntityID
}

// One generic mechanism for `Array`, `ContiguousArray` and their slices (an id is an
// absolute index, as an `Int` index of a slice is).
extension MutableCollection where Self: RandomAccessCollection, Index == Int, Element: IndexedByID {
    /// The element `id` indexes. `_modify` lets `units[u].positions.append(p)` work in
    /// place instead of copying the element out and back.
    @inlinable public subscript(id: Element.ID) -> Element {
        get { self[id.index] }
        _modify { yield &self[id.index] }
    }
    /// Whether `id` indexes an element of this array.
    @inlinable public func contains(_ id: Element.ID) -> Bool {
        id.index >= startIndex && id.index < endIndex
    }
    /// The element `id` indexes, nil when it indexes none.
    @inlinable public func element(at id: Element.ID) -> Element? { contains(id) ? self[id.index] : nil }
    /// The ids of the elements, in order: `for u in model.units.ids`.
    @inlinable public var ids: EntityIDs<Element.ID> { EntityIDs(startIndex..<endIndex) }
    /// The id of the first element that satisfies `predicate`.
    @inlinable public func firstID(where predicate: (Element) throws -> Bool) rethrows -> Element.ID? {
        try firstIndex(where: predicate).map { Element.ID($0) }
    }
    /// The id the next appended element gets.
    @inlinable public var nextID: Element.ID { Element.ID(endIndex) }
}

/// The ids of an array, in index order.
public struct EntityIDs<ID: EntityID>: RandomAccessCollection, Sendable {
    public let indices: Range<Int>
    @inlinable public init(_ indices: Range<Int>) { self.indices = indices }
    @inlinable public var startIndex: Int { indices.lowerBound }
    @inlinable public var endIndex: Int { indices.upperBound }
    @inlinable public subscript(position: Int) -> ID { ID(position) }
}

/// A file of the model: its index in `SourceMap.files` (and `Location.file`).
public struct FileID: EntityID {
    public var raw: Int32
    @inlinable public init(raw: Int32) { self.raw = raw }
    public static var label: String { "file" }
}

/// An entry of `Model.symbols` (and `SourceMap.declarations`).
public struct SymbolID: EntityID {
    public var raw: Int32
    @inlinable public init(raw: Int32) { self.raw = raw }
    public static var label: String { "symbol" }
}

/// An entry of `Model.grades`.
public struct GradeID: DeclaredID {
    public static var symbolKind: SymbolKind { .grade }
    public var raw: Int32
    @inlinable public init(raw: Int32) { self.raw = raw }
    public static var label: String { "grade" }
}

/// An entry of `Model.units`.
public struct UnitID: DeclaredID {
    public static var symbolKind: SymbolKind { .unit }
    public var raw: Int32
    @inlinable public init(raw: Int32) { self.raw = raw }
    public static var label: String { "unit" }
}

/// An entry of `Model.positions`.
public struct PositionID: DeclaredID {
    public static var symbolKind: SymbolKind { .position }
    public var raw: Int32
    @inlinable public init(raw: Int32) { self.raw = raw }
    public static var label: String { "position" }
}

/// An entry of `Model.actors`.
public struct ActorID: DeclaredID {
    public static var symbolKind: SymbolKind { .actor }
    public var raw: Int32
    @inlinable public init(raw: Int32) { self.raw = raw }
    public static var label: String { "actor" }
}

/// An entry of `Model.systems`.
public struct SystemID: DeclaredID {
    public static var symbolKind: SymbolKind { .system }
    public var raw: Int32
    @inlinable public init(raw: Int32) { self.raw = raw }
    public static var label: String { "system" }
}

/// An entry of `Model.processes` (and `Model.flows`).
public struct ProcessID: DeclaredID {
    public static var symbolKind: SymbolKind { .process }
    public var raw: Int32
    @inlinable public init(raw: Int32) { self.raw = raw }
    public static var label: String { "process" }
}

/// An entry of `Model.criteria`.
public struct CriterionID: DeclaredID {
    public static var symbolKind: SymbolKind { .criterion }
    public var raw: Int32
    @inlinable public init(raw: Int32) { self.raw = raw }
    public static var label: String { "criterion" }
}

/// An entry of `Model.measures`.
public struct MeasureID: DeclaredID {
    public static var symbolKind: SymbolKind { .measure }
    public var raw: Int32
    @inlinable public init(raw: Int32) { self.raw = raw }
    public static var label: String { "measure" }
}

/// An entry of `Model.scenarios`.
public struct ScenarioID: DeclaredID {
    public static var symbolKind: SymbolKind { .scenario }
    public var raw: Int32
    @inlinable public init(raw: Int32) { self.raw = raw }
    public static var label: String { "scenario" }
}

/// An entry of `Model.targets`.
public struct TargetID: DeclaredID {
    public static var symbolKind: SymbolKind { .target }
    public var raw: Int32
    @inlinable public init(raw: Int32) { self.raw = raw }
    public static var label: String { "target" }
}

/// An entry of `Model.kpis`.
public struct KpiID: DeclaredID {
    public static var symbolKind: SymbolKind { .kpi }
    public var raw: Int32
    @inlinable public init(raw: Int32) { self.raw = raw }
    public static var label: String { "kpi" }
}

/// An entry of `Model.deployments`.
public struct DeploymentID: DeclaredID {
    public static var symbolKind: SymbolKind { .deployment }
    public var raw: Int32
    @inlinable public init(raw: Int32) { self.raw = raw }
    public static var label: String { "deployment" }
}

/// An entry of `Model.programmes`.
public struct ProgrammeID: DeclaredID {
    public static var symbolKind: SymbolKind { .programme }
    public var raw: Int32
    @inlinable public init(raw: Int32) { self.raw = raw }
    public static var label: String { "programme" }
}

/// An entry of `Model.projects`.
public struct ProjectID: DeclaredID {
    public static var symbolKind: SymbolKind { .project }
    public var raw: Int32
    @inlinable public init(raw: Int32) { self.raw = raw }
    public static var label: String { "project" }
}

extension SourceFile: IndexedByID { public typealias ID = FileID }
extension Symbol: IndexedByID { public typealias ID = SymbolID }
extension SourceMap.Declaration: IndexedByID { public typealias ID = SymbolID }
extension Grade: IndexedByID { public typealias ID = GradeID }
extension OrgUnit: IndexedByID { public typealias ID = UnitID }
extension Position: IndexedByID { public typealias ID = PositionID }
extension Actor: IndexedByID { public typealias ID = ActorID }
extension OrgSystem: IndexedByID { public typealias ID = SystemID }
extension Process: IndexedByID { public typealias ID = ProcessID }
extension FlowGraph: IndexedByID { public typealias ID = ProcessID }
extension Criterion: IndexedByID { public typealias ID = CriterionID }
extension Measure: IndexedByID { public typealias ID = MeasureID }
extension Scenario: IndexedByID { public typealias ID = ScenarioID }
extension Target: IndexedByID { public typealias ID = TargetID }
extension Kpi: IndexedByID { public typealias ID = KpiID }
extension Deployment: IndexedByID { public typealias ID = DeploymentID }
extension Programme: IndexedByID { public typealias ID = ProgrammeID }
extension Project: IndexedByID { public typealias ID = ProjectID }

/// The id of an entity that a symbol declares (`Symbol.id(_:)`).
public protocol DeclaredID: EntityID {
    static var symbolKind: SymbolKind { get }
}

extension Symbol {
    /// The entity it declares when it is of that kind: `symbol.id(UnitID.self)`.
    @inlinable public func id<ID: DeclaredID>(_: ID.Type) -> ID? {
        guard kind == ID.symbolKind, let index else { return nil }
        return ID(index)
    }
    /// The performer it declares: a position, unit, actor or system.
    public var performer: Performer? {
        guard let index else { return nil }
        switch kind {
        case .position: return .position(PositionID(index))
        case .unit: return .unit(UnitID(index))
        case .actor: return .actor(ActorID(index))
        case .system: return .system(SystemID(index))
        default: return nil
        }
    }
    /// The step or decision it declares.
    public var node: NodeID? {
        guard kind == .node, let index, let process else { return nil }
        return NodeID(process: process, index: index)
    }
}

/// A step or decision: its process and its index among the process's nodes (a node
/// index is local to its process, so it stays a plain index into `Process.nodes`).
public struct NodeID: Hashable, Sendable, CustomStringConvertible {
    public var process: ProcessID
    @usableFromInline var rawIndex: Int32
    @inlinable public init(process: ProcessID, index: Int) {
        self.process = process
        self.rawIndex = Int32(truncatingIfNeeded: index)
    }
    /// The index into `Process.nodes`.
    @inlinable public var index: Int {
        get { Int(rawIndex) }
        set { rawIndex = Int32(truncatingIfNeeded: newValue) }
    }
    public var description: String { "node#\(process.raw).\(rawIndex)" }
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
