/// Name → symbol, for the model's namespaces (`Model.globalNames`, `criterionNames`).
///
/// A `[String: SymbolID]` kept its 20-byte entries in a table at most three quarters
/// full, rounded up to a power of two: 169 MB for the 3.4 million names of a 50 MB line
/// of `unit U<i>;` (heaptrack, 2026-12-02), one eighth of that `check`'s memory. Here the
/// entries are dense arrays in the order they were entered and the hash table holds
/// 4-byte entry indices, at most half full: 102 MB for the same names.
///
/// Removing a name marks its entry dead and leaves it in the probe chain; entering the
/// name again revives that entry. Dead entries go when the table grows.
public struct NameTable: Sendable, Sequence {
    private var names: [String] = []
    /// `raw == -1`: the entry was removed.
    private var ids: [SymbolID] = []
    /// Open addressing, linear probing; -1 is an empty slot, else an index into `names`.
    private var slots: [Int32] = []
    /// Entries not removed.
    public private(set) var count = 0

    public init() {}

    public var isEmpty: Bool { count == 0 }

    public subscript(name: String) -> SymbolID? {
        get {
            guard let e = entry(of: name) else { return nil }
            return ids[e].raw >= 0 ? ids[e] : nil
        }
        set {
            if let newValue { updateValue(newValue, forKey: name) } else { removeValue(forKey: name) }
        }
    }

    /// Enters `id` under `name`; returns the symbol the name had before, if any (as
    /// `Dictionary.updateValue`).
    @discardableResult
    public mutating func updateValue(_ id: SymbolID, forKey name: String) -> SymbolID? {
        if let e = entry(of: name) {
            let old = ids[e]
            ids[e] = id
            if old.raw >= 0 { return old }
            count += 1
            return nil
        }
        if (names.count + 1) * 2 > slots.count { rehash(toHold: Swift.max(names.count + 1, count * 2)) }
        let e = names.count
        names.append(name)
        ids.append(id)
        insertSlot(for: e)
        count += 1
        return nil
    }

    @discardableResult
    public mutating func removeValue(forKey name: String) -> SymbolID? {
        guard let e = entry(of: name), ids[e].raw >= 0 else { return nil }
        let old = ids[e]
        ids[e] = SymbolID(raw: -1)
        count -= 1
        return old
    }

    /// Room for `n` names without growing.
    public mutating func reserveCapacity(_ n: Int) {
        names.reserveCapacity(n)
        ids.reserveCapacity(n)
        if n * 2 > slots.count { rehash(toHold: n) }
    }

    /// The same names with their symbols mapped (dead entries stay dead).
    public func mapValues(_ transform: (SymbolID) throws -> SymbolID) rethrows -> NameTable {
        var copy = self
        for e in copy.ids.indices where copy.ids[e].raw >= 0 { copy.ids[e] = try transform(copy.ids[e]) }
        return copy
    }

    /// The names entered, in the order they were first entered.
    public var keys: [String] { map(\.key) }

    public func makeIterator() -> Iterator { Iterator(table: self) }

    public struct Iterator: IteratorProtocol {
        let table: NameTable
        var position = 0
        public mutating func next() -> (key: String, value: SymbolID)? {
            while position < table.names.count {
                defer { position += 1 }
                if table.ids[position].raw >= 0 { return (table.names[position], table.ids[position]) }
            }
            return nil
        }
    }

    // MARK: The hash table

    private func entry(of name: String) -> Int? {
        guard !slots.isEmpty else { return nil }
        let mask = slots.count - 1
        var s = name.hashValue & mask
        while true {
            let e = Int(slots[s])
            if e < 0 { return nil }
            if names[e] == name { return e }
            s = (s + 1) & mask
        }
    }

    private mutating func insertSlot(for e: Int) {
        let mask = slots.count - 1
        var s = names[e].hashValue & mask
        while slots[s] >= 0 { s = (s + 1) & mask }
        slots[s] = Int32(truncatingIfNeeded: e)
    }

    /// A table at most half full for `n` entries; dead entries are dropped.
    private mutating func rehash(toHold n: Int) {
        if count < names.count {
            var keptNames: [String] = [], keptIDs: [SymbolID] = []
            keptNames.reserveCapacity(Swift.max(n, count))
            keptIDs.reserveCapacity(Swift.max(n, count))
            for e in names.indices where ids[e].raw >= 0 {
                keptNames.append(names[e])
                keptIDs.append(ids[e])
            }
            names = keptNames
            ids = keptIDs
        }
        var size = 16
        while size < Swift.max(n, names.count) * 2 { size <<= 1 }
        slots = [Int32](repeating: -1, count: size)
        for e in names.indices { insertSlot(for: e) }
    }
}
