import XCTest
import Foundation
import OrgaSyntax
import OrgaIDE
import OrgaTestSupport

/// Hovers of the time figures: a dated value's period average and value on `asof`, a
/// position's filled vs. effective, and completion of the new keyword.
final class TimeFeatureTests: XCTestCase {
    var dir = ""
    var workspace = IDEWorkspace()

    override func setUpWithError() throws {
        dir = try makeTemporaryDirectory().path
        workspace = IDEWorkspace()
    }

    /// The worked example of the language reference (Time), with a process using the position.
    static let text = """
        model Hilden { year 2022; worktime 1590 h; asof 2023-06-30; ramp 6 mo }
        unit SG {
          position SB_Orga {
            planned 4.5 fte
            planned 6 fte from 2022-01-01
            filled 3 fte
            filled 4 fte from 2022-09-01
            freeze until 2022-03-02
          }
          position Neu { planned 1 fte from 2022-07-01 }
        }
        process P { owner SG; volume 25 /year; volume 60 /year from 2023-01-01
          step S { by SB_Orga; time 1 h } }
        """

    func open() throws -> (DocContext, String) {
        return (try workspace.openFile(Self.text, named: "time.orga", in: dir), Self.text)
    }

    func testHoverOnDatedValues() throws {
        let (ctx, text) = try open()
        // filled: 3 + 122/365 = 3.334 over 2022; effective 3 + 7,381/65,700 = 3.112; loss 0.222;
        // on asof 2023-06-30: 4 fte.
        let filled = try XCTUnwrap(workspace.hover(ctx, at: offset(text, "filled 4 fte", 2)))
        XCTAssertTrue(filled.markdown.contains("average **3.334 fte** (day-weighted)"), filled.markdown)
        XCTAssertTrue(filled.markdown.contains("effective **3.112 fte** · ramp-up loss 0.222 fte (`ramp` 180 days, start 0 %)"), filled.markdown)
        XCTAssertTrue(filled.markdown.contains("on `asof` 2023-06-30: **4 fte**"), filled.markdown)
        XCTAssertTrue(filled.markdown.hasPrefix("**filled** — keyword"), filled.markdown)
        // planned: 6 fte all of 2022 (the undated 4.5 holds before 2022-01-01).
        let planned = try XCTUnwrap(workspace.hover(ctx, at: offset(text, "planned 4.5", 3)))
        XCTAssertTrue(planned.markdown.contains("average **6 fte**"), planned.markdown)
        XCTAssertTrue(planned.markdown.contains("steps: 4.5 undated · 6 from 2022-01-01"), planned.markdown)
        // Only dated: 0 fte before the first date; 184 of 365 days at 1 fte = 0.504.
        let neu = try XCTUnwrap(workspace.hover(ctx, at: offset(text, "planned 1 fte from", 2)))
        XCTAssertTrue(neu.markdown.contains("no undated value: 0 fte before 2022-07-01"), neu.markdown)
        XCTAssertTrue(neu.markdown.contains("average **0.504 fte**"), neu.markdown)
        // volume: 25 /year all of 2022, 60 /year on asof.
        let volume = try XCTUnwrap(workspace.hover(ctx, at: offset(text, "volume 60", 2)))
        XCTAssertTrue(volume.markdown.contains("average **25 /year**"), volume.markdown)
        XCTAssertTrue(volume.markdown.contains("on `asof` 2023-06-30: **60 /year**"), volume.markdown)
        XCTAssertFalse(volume.contents.plainText.contains("**"), volume.contents.plainText)
        // An undated value without dated ones: the keyword documentation only.
        let freeze = try XCTUnwrap(workspace.hover(ctx, at: offset(text, "freeze", 2)))
        XCTAssertFalse(freeze.markdown.contains("average"), freeze.markdown)
    }

    func testHoverOnPositionShowsFilledAndEffective() throws {
        let (ctx, text) = try open()
        let hover = try XCTUnwrap(workspace.hover(ctx, at: offset(text, "by SB_Orga", 4)))
        // The staffing figures are the period's: planned 6, filled 3.334.
        XCTAssertTrue(hover.markdown.contains("planned **6 fte** · filled **3.33 fte**"), hover.markdown)
        XCTAssertTrue(hover.markdown.contains("2022: filled **3.334 fte** · effective **3.112 fte** · ramp-up loss 0.222 fte"), hover.markdown)
    }

    func testCompletionOffersRamp() throws {
        let (ctx, text) = try open()
        let items = workspace.completion(ctx, at: offset(text, "    freeze")).items
        XCTAssertTrue(items.contains { $0.label == "ramp" }, items.map(\.label).joined(separator: ", "))
    }
}
