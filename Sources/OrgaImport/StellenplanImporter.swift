/// `orgc import stellenplan` (filled in below).
public enum StellenplanImporter {
    public static func parseColumns(_ text: String) throws -> [String: String] { [:] }
    public static func run(_ path: String, _ bytes: [UInt8], outputName: String, into existing: ExistingModel?, columns: [String: String]) -> ImportResult {
        var r = ImportResult()
        r.messages.append(ImportMessage(.error, file: path, "the Stellenplan import is not built yet"))
        r.unreadable = true
        return r
    }
}
