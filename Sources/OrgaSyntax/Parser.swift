/// Builds a `SyntaxTree` from a source file. Parsing never fails: every mistake
/// becomes a diagnostic and the parser resynchronises at the next statement or block
/// boundary, so one broken line never hides the rest of the file.
public struct Parser {
    /// Deepest nesting of blocks accepted; deeper blocks are skipped with a diagnostic
    /// (bounds the recursion, so no input can overflow the stack).
    public static let maxDepth = 256
    /// Diagnostics kept per file before the rest are summarised as one.
    public static let maxDiagnostics = 500

    private var tree: SyntaxTree
    // The tree's tokens and bytes, read directly: reading them through `tree` in the
    // parser's mutating methods copied the whole tree struct (memcpy, 32 M instructions
    // on the 100k model).
    private let tokens: TokenList
    private let bytes: [UInt8]
    private var i: Int32 = 0
    private var diagnostics: [Diagnostic] = []
    private var parserErrors = 0
    // Doc comment lines seen since the last statement.
    private var docFirst: Int32 = -1
    private var docLast: Int32 = -1
    private var newlinesSinceDoc = 0
    /// Set when the statement at the cursor ends the enclosing block by its indentation
    /// (see `endsEnclosingBlock`); the block's loop then closes without consuming it.
    private var blockEndedByIndentation = false
    /// Blocks in which, after children indented deeper than the block's statement, a
    /// child stands at or left of the statement's own indentation: there a `}` was most
    /// likely left out. Collected once a `{` turns out never to be closed.
    private var dedentedBlocks: [(block: Int32, child: Int32)] = []
    private var dedentsCollected = false

    public static func parse(_ file: SourceFile) -> SyntaxTree {
        let (tokens, lexDiagnostics) = Lexer.lex(file)
        var parser = Parser(tree: SyntaxTree(file: file, tokens: tokens))
        parser.diagnostics = lexDiagnostics
        parser.parseFile()
        var diags = parser.diagnostics
        diags.sort()
        if diags.count > maxDiagnostics {
            let cut = diags[maxDiagnostics]
            diags.removeLast(diags.count - maxDiagnostics)
            diags.append(Diagnostic(.tooManyErrors, path: file.path, range: cut.range,
                                    "too many errors in this file; \(maxDiagnostics) are shown"))
        }
        parser.tree.diagnostics = diags
        return parser.tree
    }

    public static func parse(path: String, text: String) -> SyntaxTree {
        parse(SourceFile(path: path, text: text))
    }

    private init(tree: SyntaxTree) {
        self.tree = tree
        self.tokens = tree.tokens
        self.bytes = tree.file.bytes
        // Upper bounds, so the arrays never grow by copying (a statement takes at least two
        // tokens, its keyword and a separator; an argument at least one, and in practice
        // a third of them are arguments): capacity never used is never touched.
        let estimate = tokens.count / 2 + 1
        self.tree.statements.reserveCapacity(estimate)
        self.tree.arguments.reserveCapacity(estimate)
        self.tree.slots.reserveCapacity(estimate)
    }

    // MARK: Token cursor

    private var kind: TokenKind { tokens.kind(Int(i)) }
    private func kind(at t: Int32) -> TokenKind { t >= 0 && Int(t) < tokens.count ? tokens.kind(Int(t)) : .eof }
    private var atEnd: Bool { kind == .eof }

    private mutating func advance() { if !atEnd { i += 1 } }

    /// Skips comments (not newlines), noting doc comments that stand first on their line.
    private mutating func skipComments() {
        while kind.isComment {
            if kind == .docComment && startsLine(i) {
                if docFirst < 0 || newlinesSinceDoc > 1 { docFirst = i }
                docLast = i
                newlinesSinceDoc = 0
            } else if docFirst >= 0 {
                docFirst = -1
            }
            advance()
        }
    }

    private func startsLine(_ t: Int32) -> Bool {
        var p = t - 1
        while p >= 0 && kind(at: p) == .blockComment { p -= 1 }
        return p < 0 || [.newline, .lbrace, .semicolon].contains(kind(at: p))
    }

    /// Skips comments, newlines and `;` between statements.
    private mutating func skipSeparators() {
        while true {
            skipComments()
            if kind == .newline { newlinesSinceDoc += 1; advance(); continue }
            if kind == .semicolon { docFirst = -1; advance(); continue }
            return
        }
    }

    /// Next significant token on this statement (skips comments only).
    private mutating func current() -> TokenKind {
        while kind.isComment { advance() }
        return kind
    }

    private mutating func error(_ code: DiagnosticCode, _ range: ByteRange, _ message: String, fixes: [Fix] = []) {
        // Bounded like the lexer's (see `Lexer.maxStoredDiagnostics`): `unit A , , , …`
        // must not make millions of diagnostics.
        parserErrors += 1
        guard parserErrors <= Lexer.maxStoredDiagnostics else { return }
        diagnostics.append(Diagnostic(code, path: tree.path, range: range, message, fixes: fixes))
    }

    private func tokenRange(_ t: Int32) -> ByteRange { tokens[Int(t)].range }

    private func text(_ t: Int32) -> String {
        let tok = tokens[Int(t)]
        let lo = min(Int(tok.start), bytes.count), hi = max(lo, min(Int(tok.end), bytes.count))
        return String(decoding: bytes[lo..<hi], as: UTF8.self)
    }

    private func rangeOf(_ a: Argument) -> ByteRange {
        ByteRange(Int(tokens[Int(a.firstToken)].start), Int(tokens[Int(a.lastToken)].end))
    }

    /// Whether token `t` is spelled `word`, comparing bytes (no String made: the words of
    /// slots and units are compared for most arguments).
    private func spelled(_ t: Int32, _ word: String) -> Bool {
        let tok = tokens[Int(t)]
        // Most comparisons fail on the length, which a native String knows without a scan.
        guard word.utf8.count == Int(tok.end) - Int(tok.start) else { return false }
        var k = Int(tok.start)
        let end = min(Int(tok.end), bytes.count)
        for b in word.utf8 {
            guard k < end, bytes[k] == b else { return false }
            k += 1
        }
        return k == Int(tok.end)
    }

    /// The unit word token `t` spells, if any, found by comparing one integer per unit
    /// (`UnitWord(rawValue:)` on a new String after each number was 13 M instructions on
    /// the 100k model, comparing the bytes of each unit 14 M).
    private func unitWord(_ t: Int32) -> UnitWord? {
        guard let key = wordKey(t) else { return nil }
        for (k, u) in Parser.unitKeys where k == key { return u }
        return nil
    }

    private func rateWord(_ t: Int32) -> RateWord? {
        guard let key = wordKey(t) else { return nil }
        for (k, r) in Parser.rateKeys where k == key { return r }
        return nil
    }

    /// Token `t` as a `Parser.wordKey`, nil when it is longer than 7 bytes.
    private func wordKey(_ t: Int32) -> UInt64? {
        let tok = tokens[Int(t)]
        let start = Int(tok.start), end = Int(tok.end)
        guard start >= 0, end <= bytes.count, start < end else { return nil }
        return Parser.wordKey(bytes[start..<end])
    }

    /// A word of up to 7 bytes as one integer: its bytes, and its length in the top byte.
    private static func wordKey<C: Collection<UInt8>>(_ word: C) -> UInt64? {
        guard word.count <= 7 else { return nil }
        var key = UInt64(word.count) << 56
        var shift: UInt64 = 0
        for b in word {
            key |= UInt64(b) << shift
            shift += 8
        }
        return key
    }

    // Every unit and rate word has at most 7 bytes (`wordKey` would leave a longer one out;
    // ParserTests read every unit and rate).
    private static let unitKeys = UnitWord.allCases.compactMap { u in wordKey(Array(u.rawValue.utf8)).map { ($0, u) } }
    private static let rateKeys = RateWord.allCases.compactMap { r in wordKey(Array(r.rawValue.utf8)).map { ($0, r) } }

    // MARK: Statements

    private mutating func parseFile() {
        var roots: [Int32] = []
        while true {
            skipSeparators()
            if atEnd { break }
            if kind == .rbrace {
                error(.unmatchedBrace, tokenRange(i), "this `}` closes no block; remove it")
                advance()
                continue
            }
            if let s = parseStatement(context: .file, parent: -1, depth: 0) { roots.append(s) }
        }
        tree.roots = roots
    }

    /// Parses one statement; the cursor stands on its first token (not a separator).
    private mutating func parseStatement(context: BlockContext, parent: Int32, depth: Int) -> Int32? {
        let first = i
        guard kind == .identifier else {
            docFirst = -1
            let message = kind == .lbrace
                ? "a block must follow its statement on the same line, e.g. `unit A {`"
                : "expected a keyword at the start of a statement, found \(kind.spelling)"
            // Bytes that form no token were reported by the lexer already: one mistake, one error.
            if kind != .invalid { error(.expectedKeyword, tokenRange(i), message) }
            skipStatement()
            return nil
        }
        // The keyword as a String only where a message or an indentation check needs it.
        let keywordToken = tokens[Int(i)]
        func keywordText() -> String { text(first) }
        var spec: KeywordID = -1
        // Ratings take any word and an unknown block checks none: there a keyword of an
        // enclosing block may end the block too.
        let takesAnyWord = context == .dnaRatings || context == .unknown
        if takesAnyWord && parent >= 0 && endsEnclosingBlock(keywordText(), parent: parent) {
            blockEndedByIndentation = true
            return nil
        }
        if context != .unknown {
            if let id = Keywords.lookup(bytes, Int(keywordToken.start), Int(keywordToken.end), in: context) {
                spec = id
            } else if parent >= 0 && endsEnclosingBlock(keywordText(), parent: parent) {
                blockEndedByIndentation = true
                return nil
            } else {
                reportUnknownKeyword(keywordText(), at: i, context: context)
            }
        }
        let doc = (docFirst >= 0 && newlinesSinceDoc <= 1) ? (docFirst, docLast) : (Int32(-1), Int32(-1))
        docFirst = -1
        let id = Int32(tree.statements.count)
        tree.statements.append(keywordToken: i, spec: spec, context: context, parent: parent, docFirst: doc.0, docLast: doc.1)
        advance()
        var last = first
        parseArguments(&last, guessUnits: spec >= 0 && Keywords.takesQuantity(spec))

        var closedByIndentation = false
        if current() == .lbrace {
            let lbrace = i
            tree.statements.setBraces(id, lbrace: lbrace)
            let specEntry = spec >= 0 ? Keywords.spec(spec) : nil
            let childContext: BlockContext
            if let opens = specEntry?.opens {
                childContext = opens
            } else {
                if let s = specEntry { error(.unexpectedBlock, tokenRange(lbrace), "`\(s.word)` takes no block") }
                childContext = .unknown
            }
            advance()
            if depth + 1 > Parser.maxDepth {
                error(.nestingTooDeep, tokenRange(lbrace), "blocks nested more than \(Parser.maxDepth) levels deep; the rest of this block is skipped")
                last = skipBalancedBlock()
                if kind(at: last) == .rbrace { tree.statements.setClosingBrace(id, last) }
            } else {
                var kids: [Int32] = []
                while true {
                    skipSeparators()
                    if atEnd {
                        reportUnclosedAtEnd(id)
                        last = max(last, i - 1)
                        break
                    }
                    if kind == .rbrace {
                        tree.statements.setClosingBrace(id, i)
                        last = i
                        advance()
                        break
                    }
                    if let c = parseStatement(context: childContext, parent: id, depth: depth + 1) {
                        kids.append(c)
                    } else if blockEndedByIndentation {
                        blockEndedByIndentation = false
                        reportUnclosed(id, before: i)
                        last = kids.last.map { tree.statements.records[Int($0)].lastToken } ?? lbrace
                        closedByIndentation = true
                        break
                    }
                }
                tree.statements.setChildren(id, start: Int32(tree.children.count), count: Int32(kids.count))
                tree.children.append(contentsOf: kids)
            }
            // After the block the statement must end.
            let k = current()
            if !closedByIndentation && k != .newline && k != .semicolon && k != .rbrace && k != .eof {
                error(.unexpectedToken, tokenRange(i), "expected the end of the statement after its block, found \(k.spelling)")
                skipStatement()
            }
        } else if spec >= 0 && Keywords.spec(spec).requiresBlock {
            error(.missingBlock, tokens[Int(first)].range, "`\(keywordText())` needs a block `{ … }` on the same line")
        }
        tree.statements.setLastToken(id, max(last, first))
        bindSlots(id)
        return id
    }

    // MARK: Unclosed blocks

    /// The indentation (blank bytes before it) of token `t` when it stands first on its
    /// line. Blanks are no tokens, so that is the gap to the newline token before it.
    private func indentationIfFirstOnLine(_ t: Int32) -> Int? {
        let start = Int(tokens[Int(t)].start)
        guard t > 0 else { return start - tree.file.bomLength }
        let previous = tokens[Int(t) - 1]
        return previous.kind == .newline ? start - Int(previous.end) : nil
    }

    /// The indentation of the line that holds token `t`.
    private func lineIndentation(_ t: Int32) -> Int {
        var first = t
        while first > 0 && tokens[Int(first) - 1].kind != .newline { first -= 1 }
        return indentationIfFirstOnLine(first) ?? 0
    }

    /// Whether the statement at the cursor, which cannot stand in the block of `parent`,
    /// ends that block: it stands first on its line, at or left of the indentation of
    /// `parent`, and it can stand in a block around (as rustc and swiftc read indentation
    /// to find where a `}` was left out). Runs only for statements already out of place.
    private func endsEnclosingBlock(_ word: String, parent: Int32) -> Bool {
        guard let indent = indentationIfFirstOnLine(i),
              indent <= lineIndentation(tree.statements[Int(parent)].firstToken) else { return false }
        var p = parent
        while p >= 0 {
            let st = tree.statements[Int(p)]
            if st.context != .unknown && st.context != .dnaRatings && Keywords.lookup(word, in: st.context) != nil { return true }
            p = st.parent
        }
        return false
    }

    /// Finds, once, the blocks inside the still open top-level statement of `id` in which
    /// a child stands at or left of the block statement's indentation after deeper ones.
    private mutating func collectDedentedBlocks(inside id: Int32) {
        dedentsCollected = true
        var root = id
        while tree.statements[Int(root)].parent >= 0 { root = tree.statements[Int(root)].parent }
        let base = Int(root)
        let count = tree.statements.count - base
        var blockIndent = [Int?](repeating: nil, count: count)
        var deeperChild = [Bool](repeating: false, count: count)
        var noted = [Bool](repeating: false, count: count)
        for s in (base + 1)..<tree.statements.count {
            let st = tree.statements[s]
            let d = Int(st.parent) - base
            guard d >= 0, d < count, let childIndent = indentationIfFirstOnLine(st.firstToken) else { continue }
            let indent = blockIndent[d] ?? lineIndentation(tree.statements[base + d].firstToken)
            blockIndent[d] = indent
            if childIndent > indent {
                deeperChild[d] = true
            } else if deeperChild[d] && !noted[d] {
                noted[d] = true
                dedentedBlocks.append((Int32(base + d), st.firstToken))
            }
        }
    }

    /// `step S1` for a message: the keyword and the name it declares, if any.
    private func statementLabel(_ id: Int32) -> String {
        let st = tree.statements[Int(id)]
        var label = text(st.keywordToken)
        if st.argCount > 0, tree.arguments[Int(st.argStart)].kind == .name {
            label += " " + text(tree.arguments[Int(st.argStart)].firstToken)
        }
        return label
    }

    /// Reports that the block of statement `id` lacks its `}`, which most likely belongs
    /// before statement token `t`; the fix inserts it there, indented like the statement.
    private mutating func reportUnclosed(_ id: Int32, before t: Int32) {
        let st = tree.statements[Int(id)]
        let file = tree.file
        let line = file.line(of: Int(tokens[Int(t)].start))
        let lineStart = file.lineRange(line).lowerBound
        let headerLine = file.lineRange(file.line(of: Int(tokens[Int(st.firstToken)].start)))
        let indent = bytes[headerLine.lowerBound..<min(headerLine.lowerBound + lineIndentation(st.firstToken), headerLine.upperBound)]
        let fix = Fix(title: "Insert `}` before line \(line + 1)",
                      edits: [TextEdit(path: tree.path, range: ByteRange(lineStart, lineStart),
                                       newText: String(decoding: indent, as: UTF8.self) + "}\n")])
        error(.unclosedBlock, tokenRange(st.lbrace),
              "this `{` of `\(statementLabel(id))` is never closed: add `}` before line \(line + 1)", fixes: [fix])
    }

    /// At the end of the file with block `id` still open: names the block inside it that
    /// most likely lost its `}` (a child stands where the `}` should have been), or
    /// else this block.
    private mutating func reportUnclosedAtEnd(_ id: Int32) {
        if !dedentsCollected { collectDedentedBlocks(inside: id) }
        if let k = dedentedBlocks.firstIndex(where: { $0.block >= id }) {
            let suspect = dedentedBlocks.remove(at: k)
            reportUnclosed(suspect.block, before: suspect.child)
            return
        }
        error(.unclosedBlock, tokenRange(tree.statements[Int(id)].lbrace), "this `{` is never closed: add `}`")
    }

    private mutating func reportUnknownKeyword(_ word: String, at t: Int32, context: BlockContext) {
        let place = context == .file ? "at the top level" : "in a `\(context.rawValue)` block"
        var message = "unknown keyword `\(word)` \(place)"
        var fixes: [Fix] = []
        let elsewhere = Keywords.contexts(of: word)
        if !elsewhere.isEmpty {
            let names = Array(Set(elsewhere.map { $0 == .file ? "the top level" : "`\($0.rawValue)` blocks" })).sorted()
            message = "`\(word)` does not belong \(place); it belongs in \(names.joined(separator: ", "))"
        } else if let s = Keywords.suggestion(for: word, in: context) {
            message += "; did you mean `\(s)`?"
            fixes.append(Fix(title: "Change to `\(s)`", edits: [TextEdit(path: tree.path, range: tokenRange(t), newText: s)]))
        }
        error(.unknownKeyword, tokenRange(t), message, fixes: fixes)
    }

    /// Skips to the end of a broken statement: the next newline or `;` at this level,
    /// stopping before a `}` that closes the enclosing block. Blocks met on the way
    /// are skipped whole (iteratively, so any nesting is safe).
    private mutating func skipStatement() {
        while true {
            switch kind {
            case .eof, .newline, .semicolon, .rbrace: return
            case .lbrace: advance(); _ = skipBalancedBlock()
            default: advance()
            }
        }
    }

    /// With the cursor just after a `{`, skips to just after its matching `}` (or to
    /// the end of the file). Returns the last token skipped.
    private mutating func skipBalancedBlock() -> Int32 {
        var depth = 1
        var last = i - 1
        while !atEnd {
            if kind == .lbrace { depth += 1 }
            if kind == .rbrace { depth -= 1 }
            last = i
            advance()
            if depth == 0 { break }
        }
        return last
    }

    // MARK: Arguments

    /// `guessUnits`: the keyword takes a quantity, so a word after a number that is no
    /// unit but looks like one (`15 mins`) is taken as a misspelt unit.
    private mutating func parseArguments(_ last: inout Int32, guessUnits: Bool) {
        var afterComma = false
        // Arguments of this statement start here (a leading `,` has nothing before it).
        let argStart = tree.arguments.count
        var lastComma: Int32 = -1
        while true {
            let k = current()
            switch k {
            case .newline, .semicolon, .lbrace, .rbrace, .eof:
                if afterComma && lastComma >= 0 {
                    error(.unexpectedToken, tokenRange(lastComma), "a `,` must be followed by another argument; remove it")
                }
                return
            case .comma:
                if afterComma || tree.arguments.count == argStart {
                    error(.unexpectedToken, tokenRange(i), "unexpected `,`")
                    lastComma = -1
                } else {
                    lastComma = i
                }
                afterComma = true
                last = i
                advance()
                continue
            case .identifier:
                parseNameOrPath(afterComma)
            case .string:
                appendArg(Argument(kind: .string, firstToken: i, lastToken: i, afterComma: afterComma))
                advance()
            case .date:
                parseDateOrPeriod(afterComma)
            case .minus where [.comma, .newline, .semicolon, .rbrace, .eof].contains(kind(at: nextSignificant(i))):
                // A lone `-` in a list: a value not given; the slot check says where it is not allowed.
                appendArg(Argument(kind: .dash, firstToken: i, lastToken: i, afterComma: afterComma))
                advance()
            case .number, .plus, .minus:
                if k != .number && kind(at: nextSignificant(i)) != .number {
                    error(.unexpectedToken, tokenRange(i), "`\(k == .plus ? "+" : "-")` must be followed by a number")
                    advance()
                } else {
                    parseQuantityOrRange(afterComma, guessUnits: guessUnits)
                }
            case .arrow:
                parseArrow(afterComma)
            case .percent, .euro, .slash:
                error(.unexpectedToken, tokenRange(i), "\(k.spelling) must follow a number, as in `10 %` or `1_200 /year`")
                advance()
            default:
                if k != .invalid { error(.unexpectedToken, tokenRange(i), "unexpected \(k.spelling)") }
                advance()
            }
            afterComma = false
            last = max(last, tree.arguments.records.last.map { $0.lastToken } ?? last, i - 1)
        }
    }

    private func nextSignificant(_ t: Int32) -> Int32 {
        var p = t + 1
        while kind(at: p).isComment { p += 1 }
        return p
    }

    private mutating func appendArg(_ a: Argument) { tree.appendArgument(a) }

    private mutating func parseNameOrPath(_ afterComma: Bool) {
        let first = i
        var last = i
        advance()
        // A.B (no spaces needed, but allowed): a qualified reference.
        while current() == .dot && kind(at: nextSignificant(i)) == .identifier {
            advance()
            _ = current()
            last = i
            advance()
        }
        appendArg(Argument(kind: last == first ? .name : .path, firstToken: first, lastToken: last, afterComma: afterComma))
    }

    private mutating func parseArrow(_ afterComma: Bool) {
        let first = i
        advance()
        if current() == .identifier {
            let target = i
            advance()
            appendArg(Argument(kind: .arrow, firstToken: first, lastToken: target, afterComma: afterComma))
        } else {
            error(.missingArgument, tokenRange(first), "`->` must be followed by a step or decision of this process, or `end`")
            appendArg(Argument(kind: .arrow, firstToken: first, lastToken: first, afterComma: afterComma))
        }
    }

    private func numberValue(_ t: Int32) -> (Double, Bool) {
        let tok = tokens[Int(t)]
        // Fast path, exact: up to 15 significant digits fit a Double exactly, and so do
        // the powers of ten up to 10^22, so `digits / 10^fraction` is one correctly
        // rounded division, the same Double as `Double(String)` (Clinger's fast path).
        // The string and its parse were 7 % of parsing (callgrind, 100k model).
        var mantissa: Int64 = 0
        var digitCount = 0
        var fractionDigits = 0
        var isInteger = true
        for b in bytes[Int(tok.start)..<Int(tok.end)] where b != UInt8(ascii: "_") {
            if b == UInt8(ascii: ".") { isInteger = false; continue }
            mantissa = mantissa &* 10 &+ Int64(b &- 0x30)
            digitCount += 1
            if !isInteger { fractionDigits += 1 }
            if digitCount > 15 { return (slowNumberValue(tok), isInteger && !bytes[Int(tok.start)..<Int(tok.end)].contains(UInt8(ascii: "."))) }
        }
        if fractionDigits == 0 { return (Double(mantissa), isInteger) }
        return (Double(mantissa) / Parser.powersOfTen[fractionDigits], isInteger)
    }

    /// 10^0 … 10^15, each exact in a Double.
    private static let powersOfTen: [Double] = (0...15).map { k in (0..<k).reduce(1.0) { r, _ in r * 10 } }

    /// A number with more than 15 digits, through the standard library's correctly rounded parse.
    @inline(never)
    private func slowNumberValue(_ tok: Token) -> Double {
        let digits = bytes[Int(tok.start)..<Int(tok.end)].filter { $0 != UInt8(ascii: "_") }
        return Double(String(decoding: digits, as: UTF8.self)) ?? 0
    }

    /// A date, or a period `2025-01-01..2025-06-30` (two dates; the order of its ends is
    /// checked where the period is read).
    private mutating func parseDateOrPeriod(_ afterComma: Bool) {
        var arg = Argument(kind: .date, firstToken: i, lastToken: i, afterComma: afterComma)
        advance()
        if current() == .dotdot {
            let dots = i
            advance()
            arg.kind = .dateRange
            if current() == .date {
                arg.lastToken = i
                advance()
            } else {
                error(.missingArgument, tokenRange(dots), "a period needs its last day, as in `2025-01-01..2025-06-30`")
                arg.isMalformed = true
                arg.lastToken = dots
            }
        }
        appendArg(arg)
    }

    private mutating func parseQuantityOrRange(_ afterComma: Bool, guessUnits: Bool) {
        let first = i
        var arg = Argument(kind: .quantity, firstToken: first, lastToken: first, afterComma: afterComma)
        if kind == .plus || kind == .minus {
            arg.signed = true
            arg.negative = kind == .minus
            advance()
            _ = current()
        }
        let (value, isInteger) = numberValue(i)
        arg.value = value
        arg.isInteger = isInteger
        arg.lastToken = i
        advance()
        // Range a..b or a..m..b; its one unit follows the upper bound (`10..20 min`).
        if current() == .dotdot {
            let dots = i
            advance()
            if current() == .number {
                arg.kind = .range
                arg.upper = numberValue(i).0
                arg.lastToken = i
                advance()
                if current() == .dotdot {
                    let second = i
                    advance()
                    if current() == .number {
                        arg.likely = arg.upper
                        arg.hasLikely = true
                        arg.upper = numberValue(i).0
                        arg.lastToken = i
                        advance()
                    } else {
                        error(.missingArgument, tokenRange(second), "a three-point range needs an upper bound, as in `20..30..60 min`")
                        arg.isMalformed = true
                        arg.lastToken = second
                        appendArg(arg)
                        return
                    }
                }
            } else if current() == .plus || current() == .minus {
                // `-5..+5 min`: never guessed as a range or a shift (docs/language.md, Changes).
                error(.missingArgument, tokenRange(dots),
                      "the upper bound of a range is a number without a sign, as in `10..20 min`; to add to or scale a value write one signed value (`-5 min`, `-10 %`)")
                arg.isMalformed = true
                arg.kind = .range
                arg.upper = arg.value
                arg.lastToken = dots
                appendArg(arg)
                return
            } else {
                error(.missingArgument, tokenRange(dots), "a range needs an upper bound, as in `0..4`")
                arg.isMalformed = true
                arg.kind = .range
                arg.upper = arg.value
                arg.lastToken = dots
                appendArg(arg)
                return
            }
        }
        // Unit word, `%`, `€`
        switch current() {
        case .percent: arg.unit = .percent; arg.lastToken = i; advance()
        case .euro: arg.unit = .euroSign; arg.lastToken = i; advance()
        case .identifier:
            if let u = unitWord(i) {
                arg.unit = u; arg.lastToken = i; advance()
            } else if guessUnits, case let word = text(i), let u = UnitWord.meant(by: word) {
                // One mistake, one diagnostic: the word is this quantity's unit, misspelt
                // (not an extra argument), and the quantity is not used.
                error(.unexpectedToken, tokenRange(i), "unknown unit `\(word)`; did you mean `\(u.rawValue)`?",
                      fixes: [Fix(title: "Change to `\(u.rawValue)`", edits: [TextEdit(path: tree.path, range: tokenRange(i), newText: u.rawValue)])])
                arg.isMalformed = true
                arg.lastToken = i
                advance()
            }
        default: break
        }
        // `10 min..1 h`: a unit inside a range. A range has one unit, after it.
        if current() == .dotdot && arg.unit != nil {
            skipMixedUnitRange(&arg)
        }
        // Rate `/year`
        if current() == .slash {
            let slash = i
            let next = nextSignificant(i)
            if kind(at: next) == .identifier {
                if let r = rateWord(next) {
                    arg.per = r
                } else {
                    let word = text(next)
                    arg.isMalformed = true
                    let s = Suggestions.best(for: word, among: RateWord.allCases.map(\.rawValue))
                    error(.unexpectedToken, tokenRange(next), "unknown rate unit `/\(word)`" + (s.map { "; did you mean `/\($0)`?" } ?? "; use /year, /month, /week or /day"),
                          fixes: s.map { [Fix(title: "Change to `/\($0)`", edits: [TextEdit(path: tree.path, range: tokenRange(next), newText: $0)])] } ?? [])
                }
                i = next
                arg.lastToken = i
                advance()
            } else {
                error(.unexpectedToken, tokenRange(slash), "`/` must be followed by a rate unit: /year, /month, /week or /day")
                arg.isMalformed = true
                arg.lastToken = slash
                advance()
            }
        }
        appendArg(arg)
    }

    /// Reads the rest of `10 min..1 h` (E902) so that it is one malformed argument,
    /// not a cascade of stray tokens.
    @inline(never)
    private mutating func skipMixedUnitRange(_ arg: inout Argument) {
        while current() == .dotdot {
            arg.lastToken = i
            advance()
            guard current() == .number else { break }
            arg.lastToken = i
            advance()
            if current() == .identifier, unitWord(i) != nil { arg.lastToken = i; advance() }
        }
        let range = ByteRange(Int(tokens[Int(arg.firstToken)].start), Int(tokens[Int(arg.lastToken)].end))
        let written = tree.file.text(range.start..<range.end)
        error(.rangeUnitInside, range,
              "a range has one unit, written once after its upper bound: write both bounds in one unit, as in `10..60 min`, not `\(written)`")
        arg.isMalformed = true
        arg.kind = .range
    }

    // MARK: Slots

    /// Matches the statement's arguments against its keyword's argument specs,
    /// reporting missing, extra and mistyped arguments and wrong units, and records
    /// which argument fills which slot.
    private mutating func bindSlots(_ id: Int32) {
        // The statement's record, not the whole `Statement` (6 M instructions on the 100k model).
        let st = tree.statements.records[Int(id)]
        guard st.spec >= 0 else { return }
        let spec = Keywords.spec(KeywordID(st.spec))
        // The statement's arguments and its slots are read and written in place in the
        // tree's arrays: a copy of the arguments and a `bound` array per statement were
        // 2 of its 3 allocations and most of bindSlots' 26 % of `check` (callgrind, 100k model).
        let argumentIDs = tree.argumentIDs(id)
        let args = ArgumentWindow(base: Int(argumentIDs.lowerBound), count: argumentIDs.count)
        let slotStart = tree.slots.count
        // One append per slot into the reserved array (`append(contentsOf: repeatElement…)`
        // was 80 instructions a statement, 10.5 M on the 100k model).
        for _ in 0..<spec.args.count { tree.slots.append(-1) }
        func bind(_ slotIndex: Int, _ k: Int) { tree.slots[slotStart + slotIndex] = st.argStart + Int32(k) }
        var k = 0
        let keywordRange = tokenRange(st.keywordToken)
        let endOfArgs = args.count > 0 ? rangeOf(tree.arguments[args.base + args.count - 1]) : keywordRange
        let insertionPoint = ByteRange(endOfArgs.end, endOfArgs.end)

        func isName(_ a: Argument, _ word: String? = nil) -> Bool {
            a.kind == .name && (word == nil || spelled(a.firstToken, word!))
        }

        for (slotIndex, slot) in spec.args.enumerated() {
            let s = slot.form
            let a: Argument? = k < args.count ? tree.arguments[args.base + k] : nil
            let here = a.map { rangeOf($0) } ?? insertionPoint
            switch s {
            case .title:
                if let a, a.kind == .string { bind(slotIndex, k); k += 1 }
            case .optionalPhrase(let words):
                if let a, isName(a, words[0]) || misspelling(a, of: words[0]) != nil {
                    bind(slotIndex, k)
                    for w in words {
                        if k < args.count && isName(tree.arguments[args.base + k], w) { k += 1; continue }
                        // `of worktme`: one word misspelt; say which, and take it as meant.
                        if k < args.count, let fix = misspelling(tree.arguments[args.base + k], of: w) {
                            error(.missingArgument, rangeOf(tree.arguments[args.base + k]), "expected `\(words.joined(separator: " "))`; did you mean `\(w)`?", fixes: [fix])
                            k += 1
                            continue
                        }
                        error(.missingArgument, k < args.count ? rangeOf(tree.arguments[args.base + k]) : insertionPoint, "expected `\(words.joined(separator: " "))`")
                        break
                    }
                }
            case .datedFrom:
                // `planned 6 fte from 2022-01-01`: the slot holds the date; without `from`
                // the value is undated.
                guard let a, isName(a, "from") || misspelling(a, of: "from") != nil else { break }
                if !isName(a, "from"), let fix = misspelling(a, of: "from") {
                    error(.missingArgument, here, "expected `from DATE`; did you mean `from`?", fixes: [fix])
                }
                k += 1
                guard k < args.count else {
                    error(.missingArgument, ByteRange(here.start, insertionPoint.end), "`from` needs a date (YYYY-MM-DD), as in `from 2022-01-01`")
                    break
                }
                if check(tree.arguments[args.base + k], against: s, of: spec, range: rangeOf(tree.arguments[args.base + k])) { bind(slotIndex, k) }
                k += 1
            case .optionalValue(let word, let dimension):
                // `ramp 6 mo start 20 %`: without the word the slot stays empty.
                guard let a, isName(a, word) || misspelling(a, of: word) != nil else { break }
                if !isName(a, word), let fix = misspelling(a, of: word) {
                    error(.missingArgument, here, "expected `\(word)` and \(dimension.expected); did you mean `\(word)`?", fixes: [fix])
                }
                k += 1
                guard k < args.count else {
                    error(.missingArgument, ByteRange(here.start, insertionPoint.end), "`\(word)` needs \(dimension.expected)")
                    break
                }
                if !tree.arguments[args.base + k].isMalformed, check(tree.arguments[args.base + k], against: .quantity(dimension), of: spec, range: rangeOf(tree.arguments[args.base + k])) { bind(slotIndex, k) }
                k += 1
            case .rest:
                if a != nil { bind(slotIndex, k); k = args.count }
            default:
                guard let a else {
                    error(.missingArgument, ByteRange(keywordRange.start, insertionPoint.end),
                          "`\(spec.word)` needs \(s.expected)", fixes: missingArgumentFixes(s, at: insertionPoint))
                    k = args.count + 1
                    continue
                }
                // `branch "ja" -> X`, `freeze 2022-03-02`: this argument is missing and the
                // one written belongs in the next slot. One mistake, one diagnostic: report
                // the missing one and let the written argument fill its own slot.
                if !fits(a, s), slotIndex + 1 < spec.args.count, fits(a, spec.args[slotIndex + 1].form) {
                    error(.missingArgument, here, "`\(spec.word)` needs \(s.expected) before \(describeShort(a))")
                    continue
                }
                if a.isMalformed { k += 1; continue }
                if check(a, against: s, of: spec, range: here) {
                    bind(slotIndex, k)
                }
                k += 1
                if s.isList {
                    while k < args.count && tree.arguments[args.base + k].afterComma {
                        _ = check(tree.arguments[args.base + k], against: s, of: spec, range: rangeOf(tree.arguments[args.base + k]))
                        k += 1
                    }
                }
            }
            if k > args.count { break }
        }
        if k < args.count {
            let extra = ByteRange(rangeOf(tree.arguments[args.base + k]).start, rangeOf(tree.arguments[args.base + args.count - 1]).end)
            error(.extraArgument, extra, "`\(spec.word)` takes \(describeArity(spec)); remove the extra argument")
        }
        tree.statements.setSlots(id, start: Int32(slotStart), count: spec.args.count)
    }

    /// Where a statement's arguments lie in `tree.arguments`.
    private struct ArgumentWindow {
        let base: Int
        let count: Int
    }

    /// Whether an argument has the form a slot takes (its kind only; values are checked later).
    private func fits(_ a: Argument, _ s: ArgSpec) -> Bool {
        switch s {
        case .declName, .ref, .refList, .target, .choice, .word, .localName: return a.kind == .name
        case .nodePath: return a.kind == .path
        case .refPath: return a.kind == .name || a.kind == .path
        case .scoreList: return a.kind == .quantity || a.kind == .dash
        case .title, .text: return a.kind == .string
        case .quantity: return a.kind == .quantity || a.kind == .range   // a range where none is allowed: E903 in `check`
        case .year, .count, .rating: return a.kind == .quantity
        case .date: return a.kind == .date
        case .dateRange: return a.kind == .dateRange
        case .datedFrom: return a.kind == .name && spelled(a.firstToken, Keyword.from.rawValue)
        case .optionalValue(let w, _): return a.kind == .name && spelled(a.firstToken, w)
        case .range: return a.kind == .range
        case .arrowTarget: return a.kind == .arrow
        case .optionalPhrase(let words): return a.kind == .name && words.first.map { spelled(a.firstToken, $0) } == true
        case .rest: return false
        }
    }

    /// A fix changing name argument `a` to `word` when it looks like a misspelling of it.
    /// Never inlined: it runs only on mistakes, and inlined it slows every slot binding.
    @inline(never)
    private func misspelling(_ a: Argument, of word: String) -> Fix? {
        guard a.kind == .name, Suggestions.best(for: text(a.firstToken), among: [word]) != nil else { return nil }
        return Fix(title: "Change to `\(word)`", edits: [TextEdit(path: tree.path, range: rangeOf(a), newText: word)])
    }

    private func describeShort(_ a: Argument) -> String {
        switch a.kind {
        case .arrow: "`->`"
        case .date: "the date"
        case .dateRange: "the period"
        case .string: "the string"
        case .quantity: "the number"
        case .range: "the range"
        case .name, .path: "`\(tree.name(a))`"
        case .dash: "`-`"
        }
    }

    private func describeArity(_ spec: KeywordSpec) -> String {
        if spec.args.isEmpty { return "no arguments" }
        return spec.args.map { $0.form.expected }.joined(separator: ", then ")
    }

    private func missingArgumentFixes(_ s: ArgSpec, at point: ByteRange) -> [Fix] {
        switch s {
        case .arrowTarget: return [Fix(title: "Insert `-> \(Keywords.endTarget)`", edits: [TextEdit(path: tree.path, range: point, newText: " -> \(Keywords.endTarget)")])]
        default: return []
        }
    }

    /// Checks one argument against its spec; reports and returns false on mismatch.
    private mutating func check(_ a: Argument, against s: ArgSpec, of spec: KeywordSpec, range: ByteRange) -> Bool {
        let keyword = spec.word
        // What was found is described only when it is wrong: built for every argument,
        // this message text was 40 % of `check(_:against:)` (callgrind, 100k model).
        func wrong() -> Bool {
            let found: String
            switch a.kind {
            case .name: found = "the name `\(tree.name(a))`"
            case .path: found = "the path `\(tree.name(a))`"
            case .string: found = "a string"
            case .quantity: found = "a number"
            case .date: found = "a date"
            case .dateRange: found = "a period"
            case .range: found = "a range"
            case .arrow: found = "`->`"
            case .dash: found = "`-`"
            }
            error(.wrongArgument, range, "`\(keyword)` expects \(s.expected), found \(found)")
            return false
        }
        switch s {
        case .declName, .ref, .refList, .target, .localName:
            return a.kind == .name ? true : wrong()
        case .nodePath:
            guard a.kind == .path else { return wrong() }
            if tree.name(a).split(separator: ".").count != 2 {
                error(.wrongArgument, range, "`\(keyword)` expects \(s.expected), found `\(tree.name(a))`")
                return false
            }
            return true
        case .refPath:
            if a.kind == .name { return true }
            guard a.kind == .path else { return wrong() }
            if tree.name(a).split(separator: ".").count != 2 {
                error(.wrongArgument, range, "`\(keyword)` expects \(s.expected), found `\(tree.name(a))`")
                return false
            }
            return true
        case .scoreList:
            if a.kind == .dash { return true }
            guard a.kind == .quantity else { return wrong() }
            if a.unit != nil || a.per != nil {
                error(.dimensionMismatch, range, "`\(keyword)` takes plain numbers without a unit")
                return false
            }
            return true
        case .text:
            return a.kind == .string ? true : wrong()
        case .date:
            return a.kind == .date ? true : wrong()
        case .dateRange:
            guard a.kind == .dateRange else { return wrong() }
            // ISO dates compare as text in calendar order.
            if text(a.lastToken) < text(a.firstToken) {
                error(.invalidValue, range, "a period ends on or after its first day: `\(text(a.lastToken))` is before `\(text(a.firstToken))`")
                return false
            }
            return true
        case .datedFrom:
            return a.kind == .date ? true : wrong()
        case .optionalValue(_, let d):
            return check(a, against: .quantity(d), of: spec, range: range)
        case .range:
            guard a.kind == .range else { return wrong() }
            if a.hasLikely || a.unit != nil || a.per != nil {
                error(.wrongArgument, range, "`\(keyword)` takes a plain range of two numbers, as in `0..4`")
                return false
            }
            if a.upper <= a.value {
                error(.invalidValue, range, "the upper bound of a scale must be above its lower bound")
                return false
            }
            return true
        case .arrowTarget:
            guard a.kind == .arrow else { return wrong() }
            return a.lastToken > a.firstToken
        case .word(let w):
            guard a.kind == .name, spelled(a.firstToken, w) else {
                if let fix = misspelling(a, of: w) {
                    error(.wrongArgument, range, "`\(keyword)` expects \(s.expected), found `\(tree.name(a))`; did you mean `\(w)`?", fixes: [fix])
                    return false
                }
                return wrong()
            }
            return true
        case .choice(let words):
            guard a.kind == .name else { return wrong() }
            let w = text(a.firstToken)
            if words.contains(w) { return true }
            let sug = Suggestions.best(for: w, among: words)
            error(spec.wrongWordCode, range, "`\(keyword)` expects \(s.expected), found `\(w)`" + (sug.map { "; did you mean `\($0)`?" } ?? ""),
                  fixes: sug.map { [Fix(title: "Change to `\($0)`", edits: [TextEdit(path: tree.path, range: range, newText: $0)])] } ?? [])
            return false
        case .year:
            guard a.kind == .quantity, a.unit == nil, a.per == nil else { return wrong() }
            if !a.isInteger || a.negative || a.value < 1000 || a.value > 9999 {
                error(.invalidValue, range, "a year is a four-digit whole number, e.g. `2024`")
                return false
            }
            return true
        case .count, .rating:
            guard a.kind == .quantity else { return wrong() }
            if a.unit != nil || a.per != nil {
                error(.dimensionMismatch, range, "`\(keyword)` takes a plain number without a unit")
                return false
            }
            if case .count = s, a.negative {
                error(.negativeQuantity, range, "`\(keyword)` cannot be negative")
                return false
            }
            return true
        case .quantity(let d):
            if a.kind == .range {
                guard spec.rangeAllowed else {
                    error(.rangeNotAllowed, range, "`\(keyword)` takes one value, not a range; ranges are allowed only on a step's `time` and a process's `volume`")
                    return false
                }
            } else if a.kind != .quantity {
                return wrong()
            }
            if a.unit == nil && a.per == nil {
                error(.missingUnit, range, "`\(keyword)` needs a unit: \(d.expected)", fixes: unitFixes(d, after: range))
                return false
            }
            if !d.accepts(unit: a.unit, per: a.per) {
                error(.dimensionMismatch, range, "`\(keyword)` expects \(d.expected), not `\(tree.file.text(range.start..<range.end))`")
                return false
            }
            if a.negative && d != .signedShare {
                error(.negativeQuantity, range, "`\(keyword)` cannot be negative")
                return false
            }
            if d == .share && a.value > 100 {
                error(.percentOutOfRange, range, "a percentage must lie between 0 and 100 %")
                return false
            }
            if a.kind == .range, !(a.hasLikely ? a.value <= a.likely && a.likely <= a.upper : a.value <= a.upper) {
                rangeOutOfOrder(a, range: range)
                return false
            }
            return true
        case .title, .optionalPhrase, .rest:
            return true
        }
    }

    /// E901: `a..b` with a > b, or `a..m..b` without a ≤ m ≤ b; the message names the values.
    @inline(never)
    private mutating func rangeOutOfOrder(_ a: Argument, range: ByteRange) {
        let written = tree.file.text(range.start..<range.end)
        if a.hasLikely {
            error(.rangeOutOfOrder, range, "a three-point range is written lowest..likeliest..highest; `\(written)` needs \(shortest(a.value)) ≤ \(shortest(a.likely)) ≤ \(shortest(a.upper))")
        } else {
            // Swap the two number tokens when they are written plainly (`30..10`).
            let f = Int(a.firstToken)
            var fixes: [Fix] = []
            if !a.signed, f + 2 < tokens.count, tokens[f + 1].kind == .dotdot, tokens[f + 2].kind == .number {
                let bounds = ByteRange(Int(tokens[f].start), Int(tokens[f + 2].end))
                fixes = [Fix(title: "Swap the bounds", edits: [TextEdit(path: tree.path, range: bounds, newText: text(Int32(f + 2)) + ".." + text(Int32(f)))])]
            }
            error(.rangeOutOfOrder, range, "a range is written lowest..highest; in `\(written)` the lower bound \(shortest(a.value)) is above the upper bound \(shortest(a.upper))",
                  fixes: fixes)
        }
    }

    /// A number as written in messages: no trailing `.0`.
    private func shortest(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return String(v)
    }

    private func unitFixes(_ d: Dimension, after range: ByteRange) -> [Fix] {
        let units: [String]
        switch d {
        case .effortTime: units = ["min", "h"]
        case .calendarTime: units = ["d", "h", "wk"]
        case .annualHours: units = ["h"]
        case .caseRate: units = ["/year", "/month"]
        case .effortRate: units = ["h /year"]
        case .capacity: units = ["fte"]
        case .share, .signedShare: units = ["%"]
        case .money: units = ["EUR"]
        case .coverage: units = ["h /week"]
        case .capacityOrEffortRate: units = ["fte", "h /year"]
        case .moneyRate: units = ["EUR /year"]
        case .capacityOrMoneyRate: units = ["fte", "EUR /year"]
        }
        let at = ByteRange(range.end, range.end)
        return units.map { Fix(title: "Add unit `\($0)`", edits: [TextEdit(path: tree.path, range: at, newText: " " + $0)]) }
    }
}
