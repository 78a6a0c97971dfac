import OrgaSemantics

/// Figures the drawings can show, taken from the staffing engine. Kept apart from
/// the engine's own result types so that graphs can be drawn (and tested) with or
/// without an analysis: every field is optional and nil means "not shown".
public struct GraphMetrics: Sendable {
    public struct ProcessFigures: Sendable, IndexedByID {
        public typealias ID = ProcessID
        /// Cases per year (own volume + calls).
        public var cases: Double?
        /// fte bound by the process's own staff steps (nil when the flow cannot be solved).
        public var fte: Double?
        /// False when an input was missing, so `fte` leaves a part out (shown as "≥").
        public var complete = true
        /// Expected lead time per case in days.
        public var leadTimeDays: Double?
        /// Per node (index like `Process.nodes`): visits per case and fte need.
        public var visits: [Double?] = []
        public var nodeFTE: [Double?] = []
        public init() {}
    }

    public struct StaffFigures: Sendable {
        public var planned: Double
        public var filled: Double
        public var need: Double?
        /// False when an input was missing, so `need` leaves a part out (shown as "≥").
        public var complete: Bool
        public init(planned: Double, filled: Double, need: Double?, complete: Bool = true) {
            self.planned = planned
            self.filled = filled
            self.need = need
            self.complete = complete
        }
    }

    /// Index like `Model.processes`, `Model.units`, `Model.positions` (units and
    /// positions share `StaffFigures`, so those two are read by index).
    public var processes: [ProcessFigures] = []
    public var units: [StaffFigures] = []
    public var positions: [StaffFigures] = []
    public init() {}

    func process(_ p: ProcessID) -> ProcessFigures? {
        processes.contains(p) ? processes[p] : nil
    }

    func unit(_ u: UnitID) -> StaffFigures? {
        u.index >= 0 && u.index < units.count ? units[u.index] : nil
    }

    func position(_ i: PositionID) -> StaffFigures? {
        i.index >= 0 && i.index < positions.count ? positions[i.index] : nil
    }
}
