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
        guard start >= 0, end <= bytes.count, length > 0, length + 1 < table.wordsOfLength.count else { return nil }
        let contextBit = table.contextBit(context)
        var w = table.wordsOfLength[length]
        let last = table.wordsOfLength[length + 1]
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
/// in `text`, the words sorted by length (`wordsOfLength[n] ..< wordsOfLength[n + 1]`
/// are those of length n), each word's entries with the blocks they are allowed in as bits.
private struct KeywordByteTable: Sendable {
    struct Word: Sendable {
        var textStart: Int
        var entriesStart: Int
        var entriesEnd: Int
    }
    var text: [UInt8] = []
    var words: [Word] = []
    var wordsOfLength: [Int] = []
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
        let longest = order.map(\.utf8.count).max() ?? 0
        wordsOfLength = [Int](repeating: 0, count: longest + 2)
        for length in 1...max(1, longest) {
            wordsOfLength[length] = words.count
            for word in order where word.utf8.count == length {
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
        wordsOfLength[longest + 1] = words.count
    }

    private func bitFor(_ c: BlockContext) -> UInt64 {
        guard let i = contexts.firstIndex(of: c), i < 64 else { return 0 }
        return 1 << UInt64(i)
    }

    func contextBit(_ c: BlockContext) -> UInt64 { bitFor(c) }
}
