import OrgaSupport

/// The two figures reports print most, in the report's `NumberFormat`.
extension NumberFormat {
    /// fte with three decimals (`2,179`).
    public func fte(_ v: Double?) -> String { fixed(v, 3) }
    /// Euro amounts without cents (`189.082`).
    public func eur(_ v: Double?) -> String { fixed(v, 0) }
}
