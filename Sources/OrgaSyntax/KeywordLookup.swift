extension Keywords {
    /// `lookup(_:in:)` for the word at `bytes[start..<end]` of a file, without making a
    /// String: the parser looks up every statement's keyword, and hashing a new String
    /// for each was 6.6 % of `check` on the 100k model (callgrind). Words are found by
    /// length, then by comparing bytes; the same entry as `lookup(_:in:)` results.
    /// Flat tables of plain integers (no arrays per word to retain): 50 → 46 M
    /// instructions on the 100k model; the rest is mostly finding the block's bit.
    static func lookup(_ bytes: [UInt8], _ start: Int, _ end: Int, in context: BlockContext) -> KeywordID? {
        // A `dna` rating takes any word: the one entry, whatever the word.
        if context == .dnaRatings { return lookup("", in: context) }
        let length = end - start
        let table = byteTable
        guard start >= 0, end <= bytes.count, length > 0, length <= table.longest else { return nil }
        let contextBit = table.contextBit(context)
        // Only the words of this length and first byte are compared (1–3, where all words of
        // one length were ≈ 20: 42 → see Benchmarks/README.md, 100k model).
        let bucket = KeywordByteTable.bucket(length: length, first: bytes[start])
        var w = table.bucketStart[bucket]
        let last = table.bucketStart[bucket + 1]
        while w < last {
            let word = table.words[w]
            w += 1
            var k = 0
            while k < length && table.text[word.textStart + k] == bytes[start + k] { k += 1 }
            guard k == length else { continue }
            // The word's entries in table order: the first allowed in `context`.
            for e in word.entriesStart..<word.entriesEnd where table.entryContexts[e] & contextBit != 0 {
                return table.entryIDs[e]
            }
            return nil
        }
        return nil
    }

    private static let byteTable = KeywordByteTable(all)
}

/// The keywords' spellings for `Keywords.lookup(_:_:_:in:)`: every distinct word's bytes
/// in `text`, the words sorted by length and first byte (`bucketStart[b] ..< bucketStart[b + 1]`
/// are those of bucket `b`), each word's entries with the blocks they are allowed in as bits.
private struct KeywordByteTable: Sendable {
    struct Word: Sendable {
        var textStart: Int
        var entriesStart: Int
        var entriesEnd: Int
    }
    var text: [UInt8] = []
    var words: [Word] = []
    var bucketStart: [Int] = []
    var longest = 0
    var entryIDs: [KeywordID] = []
    var entryContexts: [UInt64] = []
    /// The blocks in `allCases` order; a block's bit is its index here (compared by
    /// case, not hashed by its raw String).
    let contexts: [BlockContext] = BlockContext.allCases

    init(_ all: [KeywordSpec]) {
        var ids: [String: [KeywordID]] = [:]
        var order: [String] = []
        for (i, spec) in all.enumerated() where !spec.word.isEmpty {
            if ids[spec.word] == nil { order.append(spec.word) }
            ids[spec.word, default: []].append(KeywordID(i))
        }
        longest = order.map(\.utf8.count).max() ?? 0
        let bucketCount = KeywordByteTable.bucket(length: longest + 1, first: 0)
        // Words by bucket, in table order within one (a stable sort of the indices).
        let bucketOfWord = order.map { KeywordByteTable.bucket(length: $0.utf8.count, first: $0.utf8.first ?? 0) }
        let sorted = order.indices.sorted { (bucketOfWord[$0], $0) < (bucketOfWord[$1], $1) }
        bucketStart = [Int](repeating: 0, count: bucketCount + 1)
        var next = 0
        for b in 0..<bucketCount {
            bucketStart[b] = words.count
            while next < sorted.count && bucketOfWord[sorted[next]] == b {
                let word = order[sorted[next]]
                next += 1
                let entriesStart = entryIDs.count
                for id in ids[word] ?? [] {
                    entryIDs.append(id)
                    var bits: UInt64 = 0
                    for c in all[Int(id)].contexts { bits |= bitFor(c) }
                    entryContexts.append(bits)
                }
                words.append(Word(textStart: text.count, entriesStart: entriesStart, entriesEnd: entryIDs.count))
                text.append(contentsOf: word.utf8)
            }
        }
        bucketStart[bucketCount] = words.count
    }

    static func bucket(length: Int, first: UInt8) -> Int { length &* 256 &+ Int(first) }

    private func bitFor(_ c: BlockContext) -> UInt64 {
        guard let i = contexts.firstIndex(of: c), i < 64 else { return 0 }
        return 1 << UInt64(i)
    }

    /// The bit of block `c`: its case index, checked against `contexts` (then no scan). The
    /// scan of `allCases` was most of the lookup's 42 M instructions on the 100k model.
    func contextBit(_ c: BlockContext) -> UInt64 {
        let index = Int(unsafeBitCast(c, to: UInt8.self))
        guard index < contexts.count, index < 64, contexts[index] == c else { return bitFor(c) }
        return 1 << UInt64(index)
    }
}
