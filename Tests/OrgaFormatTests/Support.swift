import Foundation
import OrgaTestSupport

/// Where the formatter's golden cases are.
enum Support {
    static let casesDirectory = TestPaths.tests("OrgaFormatTests").appendingPathComponent("cases")

    /// Golden inputs: `cases/NAME.orga` without the `.formatted.orga` outputs.
    static func caseInputs() -> [URL] {
        ModelFiles.orgaFiles(under: casesDirectory).filter { !$0.lastPathComponent.hasSuffix(".formatted.orga") }
    }
}
