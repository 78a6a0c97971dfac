/// What the source says about one setting or property of a declaration: not written,
/// written but its value rejected (that has its own diagnostic), probably meant by an
/// unknown keyword, or given.
///
/// Checks for a missing setting look at `isWritten` or `isWrittenOrMeant`, so that a
/// rejected value or a misspelt keyword is not reported a second time as absent; the
/// analysis uses `value`.
public enum Setting<T: Sendable>: Sendable {
    case absent
    /// Written at `Location` (the statement), but the value was not usable.
    case rejected(Location)
    /// Not written, but the unknown keyword of the statement at `Location` most likely
    /// meant it (`tiem` for `time`): E111 is the cause, a missing setting its consequence.
    case meant(Location)
    /// The value and the statement that gave it.
    case given(T, Location)

    public var value: T? {
        if case .given(let v, _) = self { return v }
        return nil
    }

    /// The statement that wrote it, given or rejected.
    public var location: Location? {
        switch self {
        case .absent: nil
        case .rejected(let l), .meant(let l): l
        case .given(_, let l): l
        }
    }

    /// A statement with this keyword was written (its value given or rejected).
    public var isWritten: Bool {
        switch self {
        case .absent, .meant: false
        case .rejected, .given: true
        }
    }

    /// Written, or probably meant by an unknown keyword.
    public var isWrittenOrMeant: Bool {
        if case .absent = self { return false }
        return true
    }

    /// The value with its location, for code that reports where a value came from.
    public var located: Located<T>? {
        if case .given(let v, let l) = self { return Located(v, l) }
        return nil
    }

    /// A setting written again in the same block (E303): the later value counts, as the
    /// later statement does; the place of the first one is kept where `keepFirstLocation`.
    /// A statement that writes the setting: its value, or nil when rejected. A rejected
    /// value leaves an earlier one in place (the later statement has its diagnostic).
    mutating func write(_ value: T?, at l: Location, keepFirstLocation: Bool = false) {
        let first: Location? = isWritten ? location : nil
        let at = keepFirstLocation ? (first ?? l) : l
        if let value {
            self = .given(value, at)
        } else if !isWritten {
            self = .rejected(at)
        }
    }

    /// An unknown keyword that most likely meant this setting.
    mutating func markMeant(at l: Location) {
        if case .absent = self { self = .meant(l) }
    }
}

extension Setting: Equatable where T: Equatable {}
