import Dispatch

extension Parser {
    /// Parses the files of a model, several at a time: the files are independent until
    /// name resolution, and each gets its own parser, token array and tree. Tree `k` is
    /// the tree of `files[k]` whatever the schedule, so the result is the same as
    /// `files.map(Parser.parse)` byte for byte (tested in ParallelParseTests).
    /// 100k-line model, 50 files, 2 cores: parse phase 157 → see Benchmarks/README.md.
    public static func parseAll(_ files: [SourceFile]) -> [SyntaxTree] {
        // One file (or none) gains nothing from threads.
        if files.count < 2 { return files.map { Parser.parse($0) } }
        return concurrentMap(files.count) { Parser.parse(files[$0]) }
    }
}

/// `(0..<count).map(transform)` with the calls spread over the cores; results in index
/// order. `transform` must be safe to call concurrently (pure on its input).
public func concurrentMap<T>(_ count: Int, _ transform: @Sendable (Int) -> T) -> [T] {
    guard count > 0 else { return [] }
    let slots = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
    slots.initialize(repeating: nil)
    defer {
        slots.deinitialize()
        slots.deallocate()
    }
    // Each iteration writes only its own slot: no two threads touch the same memory.
    let base = SlotWriter(slots)
    DispatchQueue.concurrentPerform(iterations: count) { k in
        base.store(transform(k), at: k)
    }
    // concurrentPerform runs every iteration once, so every slot is filled.
    return slots.compactMap { $0 }
}

/// The result slots of `concurrentMap`, shared by its iterations (each writes one slot).
private struct SlotWriter<T>: @unchecked Sendable {
    let slots: UnsafeMutableBufferPointer<T?>
    init(_ slots: UnsafeMutableBufferPointer<T?>) { self.slots = slots }
    func store(_ value: T, at k: Int) { slots[k] = value }
}
