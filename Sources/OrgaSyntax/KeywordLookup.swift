extension Keywords {
    /// `lookup(_:in:)` for the word at `bytes[start..<end]` of a file, without making a
    /// String: the parser looks up every statement's keyword, and hashing a new String
    /// for each was 6.6 % of `check` on the 100k model (callgrind). Words are found by
    /// length, then by comparing bytes; the same entry as `lookup(_:in:)` results.
    static func lookup(_ bytes: [UInt8], _ start: Int, _ end: Int, in context: BlockContext) -> KeywordID? {
        // A `dna` rating takes any word: the one entry, whatever the word.
        if context == .dnaRatings { return lookup("", in: context) }
        let length = end - start
        guard start >= 0, end <= bytes.count, length > 0, length < wordsByLength.count else { return nil }
        for entry in wordsByLength[length] where entry.word[0] == bytes[start] {
            var same = true
            for k in 1..<length where entry.word[k] != bytes[start + k] { same = false; break }
            guard same else { continue }
            for id in entry.ids where all[Int(id)].contexts.contains(context) { return id }
            return nil
        }
        return nil
    }

    /// Each keyword's bytes and its entries (in table order), by the word's length.
    private static let wordsByLength: [[(word: [UInt8], ids: [KeywordID])]] = {
        var entries: [String: [KeywordID]] = [:]
        var order: [String] = []
        for (i, spec) in all.enumerated() {
            if entries[spec.word] == nil { order.append(spec.word) }
            entries[spec.word, default: []].append(KeywordID(i))
        }
        let longest = order.map(\.utf8.count).max() ?? 0
        var table = [[(word: [UInt8], ids: [KeywordID])]](repeating: [], count: longest + 1)
        for word in order where !word.isEmpty {
            table[word.utf8.count].append((Array(word.utf8), entries[word] ?? []))
        }
        return table
    }()
}
