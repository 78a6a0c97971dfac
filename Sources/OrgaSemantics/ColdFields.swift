/// The rarely written properties of an entity (title, doc comment, settings most
/// entities leave out), kept out of line: 8 bytes and no allocation for an entity that
/// has none of them, a shared box otherwise, copied on write like an array.
///
/// Why: an `OrgUnit` with all its properties inline was 352 bytes, and a 5 MB line of
/// `unit U<i>;` (360k units) spent 185 MB on them (heaptrack, 2026-12-01). The entity
/// structs keep their accessors (`units[u].title`), which read and write through here.
public struct ColdFields<Fields: ColdFieldSet>: Sendable {
    /// Written only when uniquely referenced (copy on write), so sharing it between
    /// threads is as safe as sharing an array's buffer.
    private final class Box: @unchecked Sendable {
        var fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private var box: Box?

    public init() {}

    /// Whether any field was written (then they live in a box).
    public var isAllocated: Bool { box != nil }

    public var fields: Fields {
        get { box?.fields ?? Fields() }
        _modify {
            if !isKnownUniquelyReferenced(&box) { box = Box(box?.fields ?? Fields()) }
            // `box` is set just above; the fallback only keeps this free of a force unwrap.
            let b = box ?? Box(Fields())
            yield &b.fields
        }
    }

    /// One field (its default when nothing was written).
    public subscript<V>(_ path: KeyPath<Fields, V>) -> V {
        if let box { return box.fields[keyPath: path] }
        return Fields()[keyPath: path]
    }

    /// Writes one field; writing a field's default value to an entity without a box
    /// allocates nothing.
    public mutating func set<V>(_ path: WritableKeyPath<Fields, V>, _ value: V, isDefault: Bool) {
        if isDefault && box == nil { return }
        fields[keyPath: path] = value
    }

    /// An optional field: nil is its default.
    public mutating func set<V>(_ path: WritableKeyPath<Fields, V?>, _ value: V?) {
        set(path, value, isDefault: value == nil)
    }

    /// A setting: absent (or rejected) is its default.
    public mutating func set<V>(_ path: WritableKeyPath<Fields, Setting<V>>, _ value: Setting<V>) {
        set(path, value, isDefault: !value.isWrittenOrMeant)
    }
}

/// The out-of-line fields of one entity kind: all of them have a default.
public protocol ColdFieldSet: Sendable {
    init()
}
