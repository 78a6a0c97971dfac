/// Figures the drawings can show, taken from the staffing engine. Kept apart from
/// the engine's own result types so that graphs can be drawn (and tested) with or
/// without an analysis: every field is optional and nil means "not shown".
public struct GraphMetrics: Sendable {
    public struct ProcessFigures: Sendable {
        /// Cases per year (own volume + calls).
        public var cases: Double?
        /// fte bound by the process's own staff steps.
        public var fte: Double?
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
        public init(planned: Double, filled: Double, need: Double?) {
            self.planned = planned
            self.filled = filled
            self.need = need
        }
    }

    /// Index like `Model.processes`, `Model.units`, `Model.positions`.
    public var processes: [ProcessFigures] = []
    public var units: [StaffFigures] = []
    public var positions: [StaffFigures] = []
    public init() {}

    func process(_ p: Int) -> ProcessFigures? {
        p >= 0 && p < processes.count ? processes[p] : nil
    }

    func unit(_ u: Int) -> StaffFigures? {
        u >= 0 && u < units.count ? units[u] : nil
    }

    func position(_ i: Int) -> StaffFigures? {
        i >= 0 && i < positions.count ? positions[i] : nil
    }
}
