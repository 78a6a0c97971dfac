/// Every diagnostic orgc can report. The raw value is the stable code users see,
/// search for and put in CI logs; never renumber a code, only add new ones.
///
/// Ranges: E1xx/W1xx syntax, E2xx/W2xx quantities and values, E3xx/W3xx names and
/// structure, E4xx/W4xx process flow, E5xx/W5xx staffing inputs, E6xx/W6xx Prozess-DNA,
/// E7xx/W7xx measures, scenarios and targets, E9xx/W9xx ranges (from 901) and
/// assessments (from 940).
public enum DiagnosticCode: String, CaseIterable, Sendable, Hashable {
    // Syntax
    case unexpectedCharacter = "E101"
    case invalidUTF8 = "E102"
    case unterminatedString = "E103"
    case invalidEscape = "E104"
    case unterminatedComment = "E105"
    case invalidNumber = "E106"
    case invalidDate = "E107"
    case expectedKeyword = "E110"
    case unknownKeyword = "E111"
    case unexpectedToken = "E112"
    case missingArgument = "E113"
    case extraArgument = "E114"
    case wrongArgument = "E115"
    case unexpectedBlock = "E116"
    case missingBlock = "E117"
    case unclosedBlock = "E118"
    case unmatchedBrace = "E119"
    case nestingTooDeep = "E120"
    case tooManyErrors = "W121"
    case invalidUTF8InComment = "W122"
    // Quantities and values
    case dimensionMismatch = "E201"
    case missingUnit = "E202"
    case percentOutOfRange = "E203"
    case negativeQuantity = "E204"
    case dayRateWithoutWorkdays = "E205"
    case invalidValue = "E206"
    // Names and structure
    case unknownReference = "E301"
    case wrongKindReference = "E302"
    case duplicateName = "E303"
    case unitCycle = "E304"
    case nestedAndIn = "E305"
    case duplicateSetting = "E306"
    case duplicateModel = "E307"
    case emptyDeclaration = "W308"
    case headOutsideUnit = "W309"
    // Flow
    case branchSharesNot100 = "E401"
    case targetNotInProcess = "E402"
    case caseCannotEnd = "E403"
    case callCycle = "E404"
    case decisionWithoutBranches = "E405"
    case callWithWork = "E406"
    case emptyProcess = "W407"
    case unreachableNode = "W408"
    // Staffing inputs
    case staffStepWithoutTime = "E501"
    case stepWithoutPerformer = "E502"
    case workloadWithoutWorktime = "E503"
    case processWithoutVolume = "E504"
    case allowanceTooLarge = "E505"
    case selfreportWithAllowance = "W506"
    case filledExceedsPlanned = "W507"
    case pastKwStillPlanned = "W508"
    case positionWithoutGrade = "W509"
    case positionWithoutCapacity = "W510"
    case gradeWithoutCost = "W511"
    // Prozess-DNA
    case unknownCriterion = "E601"
    case ratingOutsideScale = "E602"
    case criterionWithoutWeight = "E603"
    case criterionSourceAmbiguous = "E604"
    case missingRating = "W605"
    case ratingForMeasuredCriterion = "E606"
    // Measures, scenarios and targets
    case unknownChangeTarget = "E701"
    case unknownChangeProperty = "E702"
    case wrongChangeValue = "E703"
    case signedPercentProperty = "E704"
    case requiredMeasureNotApplied = "E705"
    case requiresCycle = "E706"
    case measureAppliedTwice = "E707"
    case measureNeverApplied = "W708"
    case invalidChangeResult = "E709"
    case changeBreaksStatement = "E710"
    case targetShortfall = "W711"
    case targetOverlap = "E712"
    case targetIncomplete = "E713"
    // Time: dated values and ramp-up
    case datedSameDate = "E801"
    case twoUndatedValues = "E802"
    case datedVolumeWithoutUndated = "E803"
    case rampOutOfRange = "E804"
    case datedWithoutYear = "E805"
    case filledDuringFreeze = "W801"
    // KPIs, pools and deployments (from 820)
    case kpiWithoutPlan = "E820"
    case kpiActualTwice = "E821"
    case kpiPlanDateTwice = "E822"
    case kpiWithoutDirection = "E823"
    case kpiYearWithoutPlan = "E824"
    case kpiStaleVolume = "W820"
    case kpiAchievementUndefined = "W821"
    case kpiToleranceWithoutProcess = "W822"
    case deployOutsidePool = "E830"
    case deploymentIncomplete = "E831"
    case deploymentFteAndHours = "E832"
    case poolOverCommitted = "E833"
    case deploymentHoursWithoutWorktime = "E834"
    case deploymentToOwnPool = "W830"
    // Ranges (uncertain estimates)
    case rangeOutOfOrder = "E901"
    case rangeUnitInside = "E902"
    case rangeNotAllowed = "E903"
    // Assessments: maturity matrices and responsibility charts (from 940)
    case matrixWithoutScale = "E940"
    case matrixValueOutsideScale = "E941"
    case matrixValueCount = "E942"
    case unknownMatrixArea = "E943"
    case matrixCellMissing = "W944"
    case matrixTargetTwice = "E945"
    case matrixRaterTwice = "E946"
    case raciAccountableNotOne = "E947"
    case raciWithoutResponsible = "E948"
    case raciStepPerformerNotResponsible = "W949"
    case raciUnknownStep = "E950"
    case matrixTooLarge = "E951"
    // Programmes, projects and milestones (850–889)
    case milestoneWithoutDate = "E850"
    case dependsCycle = "E851"
    case unknownField = "E852"
    case projectWithoutProgramme = "E853"
    case projectWithoutPeriod = "E854"
    case projectWithoutStatus = "E855"
    case projectWithoutOwner = "E856"
    case projectOutsideProgramme = "W850"
    case milestoneOutsideProject = "W851"
    case dependencyEndsLate = "W852"
    case budgetAboveProgramme = "W853"
    case doneWithOpenMilestones = "W854"
    case measureDeliveredTwice = "W855"
    case stoppedMeasureApplied = "W856"
    case milestoneOverdue = "W857"
    case projectOverdue = "W858"
    case projectWithoutBudget = "W859"

    public var defaultSeverity: Severity {
        rawValue.hasPrefix("W") ? .warning : .error
    }

    public static func named(_ code: String) -> DiagnosticCode? {
        let upper = code.uppercased()
        return allCases.first { $0.rawValue == upper }
    }

    /// One line: what the code means.
    public var title: String { DiagnosticCode.explanations[self]?.title ?? rawValue }

    /// The long explanation printed by `orgc explain CODE`.
    public var explanation: String { DiagnosticCode.explanations[self]?.text ?? "" }

    private static let explanations: [DiagnosticCode: (title: String, text: String)] = [
        .unexpectedCharacter: ("unexpected character", """
            The file contains a character that cannot start any token of Orga, such as
            `#`, `=` or an emoji outside a string. Identifiers consist of letters, digits
            and `_`; put free text in double quotes:  title "Büro 🏛"
            """),
        .invalidUTF8: ("invalid UTF-8", """
            Orga files are UTF-8. The file contains bytes that are not valid UTF-8,
            often because it was saved as Latin-1 / Windows-1252. Re-save it as UTF-8.
            """),
        .unterminatedString: ("unterminated string", """
            A string starts with `"` but the line ends before the closing `"`. Strings
            cannot span lines; use `\\n` for a line break inside a string.
            """),
        .invalidEscape: ("invalid escape in string", """
            Inside strings only these escapes exist: `\\"`, `\\\\`, `\\n`, `\\t` and
            `\\u{…}` with 1–6 hexadecimal digits naming a Unicode scalar.
            """),
        .unterminatedComment: ("unterminated block comment", """
            A `/*` comment is not closed by `*/` before the end of the file. Block comments
            nest: every `/*` inside needs its own `*/`.
            """),
        .invalidNumber: ("invalid number", """
            Numbers are digits with optional `_` separators between digits and an optional
            decimal point followed by digits: `12`, `1_200`, `0.25`. Exponents and a
            decimal comma are not allowed.
            """),
        .invalidDate: ("invalid date", """
            Dates are written YYYY-MM-DD and must exist in the calendar: `2022-03-02`.
            """),
        .expectedKeyword: ("expected a keyword", """
            Every statement starts with a keyword (`unit`, `step`, `time` …). Something
            else stands at the start of this statement. Statements end at a newline, at
            `;` or at the `}` that closes their block; a `{` must be on the same line as
            its statement.
            """),
        .unknownKeyword: ("unknown keyword in this block", """
            The keyword does not exist, or does not belong in this block (for example
            `time` directly in a `process` instead of in a `step`). The message lists a
            similar keyword where one exists, and `docs/reference.md` lists which keywords
            each block accepts.
            """),
        .unexpectedToken: ("unexpected token", """
            A token stands where the statement cannot use it, for example a stray `->`
            or a `/` that is not followed by a rate unit (`/year`, `/month`, `/week`,
            `/day`), or a word after a number that is no unit (`15 mins`: did you mean
            `min`?).
            """),
        .missingArgument: ("missing argument", """
            The statement needs an argument that is not there, for example `time`
            without a duration or `unit` without a name. The message says what is
            expected.
            """),
        .extraArgument: ("unexpected extra argument", """
            The statement has more arguments than its keyword takes. Put separate
            statements on separate lines or separate them with `;`.
            """),
        .wrongArgument: ("wrong kind of argument", """
            An argument has the wrong form for this keyword: a string where a name is
            expected, a name where a quantity is expected, and so on.
            """),
        .unexpectedBlock: ("this statement takes no block", """
            A `{ … }` block follows a statement whose keyword does not open a block.
            """),
        .missingBlock: ("missing block", """
            The statement needs a `{ … }` block on the same line (for example `dna`).
            """),
        .unclosedBlock: ("unclosed block", """
            A `{` has no matching `}`. orgc reads the indentation to find the block that
            lost its `}`: a statement indented like a block's own statement, which cannot
            stand inside that block (a `step` after an open `step`), ends the block there,
            and the error names that block and the line where its `}` belongs. Without
            such a hint the error is at the `{` still open at the end of the file.
            """),
        .unmatchedBrace: ("unmatched `}`", """
            A `}` closes no open block. Remove it or add the missing `{`.
            """),
        .nestingTooDeep: ("nesting too deep", """
            Blocks are nested more than 256 levels deep. orgc bounds nesting so that no
            input can exhaust the stack; real models need a handful of levels.
            """),
        .tooManyErrors: ("too many errors", """
            A file produced so many errors that orgc stopped reporting more for it. Fix
            the first ones (often a file that is not Orga at all) and check again.
            """),
        .invalidUTF8InComment: ("invalid UTF-8 in a comment", """
            Orga files are UTF-8. A comment contains bytes that are not valid UTF-8,
            often because the file was saved as Latin-1 / Windows-1252. The comment is
            kept byte for byte (`orgc fmt` never changes it), but editors and reports may
            show it garbled. Re-save the file as UTF-8.
            """),
        .dimensionMismatch: ("wrong unit for this property", """
            Every property has a dimension: `time` is an effort time (`min`, `h`),
            `wait` a calendar time (`min`, `h`, `d`, `wk`, `mo`), `volume` a case rate
            (`/year`, `/month`, `/week`, `/day`), `planned` a capacity (`fte`), `cost`
            money (`EUR`), `allowance` a share (`%`) and so on. A unit of another
            dimension is an error: `time 5 fte`.
            """),
        .missingUnit: ("missing unit", """
            A quantity needs its unit: write `time 45 min`, not `time 45`. orgc never
            guesses a unit.
            """),
        .percentOutOfRange: ("percentage outside 0–100", """
            Shares, allowances and branch probabilities are percentages from 0 to 100.
            """),
        .negativeQuantity: ("negative quantity", """
            Times, volumes, capacities and costs cannot be negative.
            """),
        .dayRateWithoutWorkdays: ("/day rate without workdays", """
            A case rate per day is converted to a year with the model's `workdays`
            setting (for example `workdays 228`). The model has none, so the rate has no
            annual value. Add `workdays N` to the `model` block or use `/year`.
            """),
        .invalidValue: ("invalid value", """
            The value is not allowed here: for example a year with a decimal point, a
            `scale` whose upper bound is not above its lower bound, a zero `worktime`,
            or a `rounding` step of zero.
            """),
        .unknownReference: ("unknown name", """
            The name does not refer to any declaration in the model (all `.orga` files
            under the model's directory). Names are case-sensitive. A similar name is
            suggested where one exists. Steps are referred to from outside their
            process as `Process.Step`.
            """),
        .wrongKindReference: ("reference to the wrong kind", """
            The name exists but is of the wrong kind for this place: `grade` needs a
            grade, `in` a unit, `head` a position, `by` a position, unit, actor or
            system, `call` a process.
            """),
        .duplicateName: ("duplicate name", """
            Units, positions, actors, systems, grades, processes, measures, scenarios and
            kpis share one namespace per model; each name may be declared once. Steps and
            decisions need unique names within their process.
            """),
        .unitCycle: ("unit hierarchy has a cycle", """
            Following `in` from unit to parent leads back to the same unit. The units must
            form a tree.
            """),
        .nestedAndIn: ("nested and placed with `in`", """
            A unit or position is placed either by nesting it in a unit's block or by
            `in Parent`, not both.
            """),
        .duplicateSetting: ("setting given twice", """
            A property that takes one value (`time`, `volume`, `planned`, `grade` …)
            appears twice in the same block. Only one can count; remove the other.
            """),
        .duplicateModel: ("more than one model block", """
            A model has at most one `model { }` block with its settings, even when it is
            spread over several files.
            """),
        .emptyDeclaration: ("empty block", """
            A block that declares nothing: a top-level `dna { }` without criteria, or a
            process's `dna { }` without ratings. Remove it or fill it in.
            """),
        .headOutsideUnit: ("head is not a position of the unit it leads", """
            `head` names the position that leads a unit. That position should sit in the
            unit itself (nested in it or placed with `in`). A head that sits in another
            unit, or in none, still gets its leadership share for the unit it leads,
            and it is also counted among the staff of the unit it sits in. Move the
            position into the unit, or name a position of the unit as `head`.
            """),
        .branchSharesNot100: ("branch shares do not add up to 100 %", """
            The `branch` shares of a `decide` are the probabilities of the ways a case
            can continue; together they must be exactly 100 %.
            """),
        .targetNotInProcess: ("target is not a node of this process", """
            `next` and `branch … -> X` name a step or decision of the same process, or
            `end`. To run another process from a step, use `call P`.
            """),
        .caseCannotEnd: ("a case cannot end", """
            From this node no path leads to the end of the process: the case would loop
            forever (for example a `next` back to an earlier step with no decision that
            leads out). Staffing need would be infinite, so this is an error.
            """),
        .callCycle: ("call cycle", """
            Processes call each other in a cycle (`call`), directly or through others.
            The case volume of such processes is not defined.
            """),
        .decisionWithoutBranches: ("decision without branches", """
            A `decide` continues only through its `branch`es; it needs at least one.
            """),
        .callWithWork: ("calling step has its own work", """
            A step with `call P` runs process P; its work is P's steps. It has no `by`
            and no `time` of its own. Move the work to a separate step.
            """),
        .emptyProcess: ("process without steps", """
            The process has no steps or decisions, so it binds no capacity.
            """),
        .unreachableNode: ("node is unreachable", """
            No path from the first node of the process reaches this node, so it is never
            executed and counts zero. Link it with `next` or a `branch`, or remove it.
            """),
        .staffStepWithoutTime: ("staff step without time", """
            A step done by a position or unit must state its processing time
            (`time 15 min`). orgc never counts a missing time as zero, because the
            staffing need would silently be too low.
            """),
        .stepWithoutPerformer: ("step without performer", """
            A step needs `by` (a position, unit, actor or system) unless it runs another
            process with `call`.
            """),
        .workloadWithoutWorktime: ("workload but no worktime", """
            Staffing need is workload divided by the net annual working time of one fte
            (Jahresarbeitszeit). No `worktime` applies here: set it in the `model` block
            (for example `worktime 1590 h`, the KGSt figure for employees), or in the
            unit or position. orgc never assumes a default.
            """),
        .processWithoutVolume: ("process without volume", """
            The process has staff steps but no `volume` and is not called by any other
            process, so its workload is unknown. Add `volume N /year`.
            """),
        .allowanceTooLarge: ("allowance of worktime must be below 100 %", """
            `allowance P % of worktime` deducts P % from the working time; at 100 % or
            more no working time would be left.
            """),
        .selfreportWithAllowance: ("self-reported times with an allowance", """
            Self-reported times (Selbstaufschreibung) already contain Verteilzeit; adding
            the allowance double-counts it. The Orghandbuch allows the surcharge only
            where the times demonstrably contain none. Set `allowance 0 %` for these
            positions or change `source`.
            """),
        .filledExceedsPlanned: ("filled exceeds planned", """
            More fte are filled (Ist) than planned (Soll) for this position.
            """),
        .pastKwStillPlanned: ("kw year passed but still planned", """
            The position carries a kw-Vermerk (künftig wegfallend) for a year before the
            model's `year`, yet still has planned fte.
            """),
        .positionWithoutGrade: ("position without grade", """
            The position has no `grade`, so its cost cannot be computed; reports leave
            its cost empty and mark the totals of its units "† cost incomplete". This is
            reported even when the model declares no grade at all.
            """),
        .positionWithoutCapacity: ("position without planned or filled fte", """
            The position states neither `planned` nor `filled`; both count as 0 fte.
            """),
        .gradeWithoutCost: ("grade without cost", """
            The grade has no `cost`, so positions of this grade have no cost in reports.
            """),
        .unknownCriterion: ("unknown DNA criterion", """
            A `dna { }` block in a process rates a criterion that no `dna { criterion … }`
            declares, or `from` names a measure orgc does not know. Measured criteria are
            `volume`, `hours`, `fte`, `media_breaks`, `handoffs`, `steps`, `leadtime` and
            `digital`.
            """),
        .ratingOutsideScale: ("rating outside the criterion's scale", """
            A rated criterion declares `scale a..b`; every rating must lie within it.
            """),
        .criterionWithoutWeight: ("criterion without weight", """
            Each criterion needs a `weight`: the score is the weighted mean of the
            normalised criteria.
            """),
        .criterionSourceAmbiguous: ("criterion must be measured or rated", """
            A criterion has exactly one of `from MEASURE` (computed by orgc) or
            `scale a..b` (rated by analysts in each process).
            """),
        .missingRating: ("process lacks a rating", """
            A rated DNA criterion has no rating in this process. The process is scored
            on the criteria it has and flagged as incomplete; it is never scored as 0.
            """),
        .ratingForMeasuredCriterion: ("rating for a measured criterion", """
            This criterion is computed by orgc (`from …`); it cannot be rated by hand.
            """),
        .unknownChangeTarget: ("unknown target of a change", """
            `change TARGET PROPERTY [VALUE]` names a declaration (process, step as
            `Process.Step`, decision, position, unit, grade) or the word `model`. The
            target written here does not exist, or a decision has no branch with the
            label given.
              change Meldung.Erfasen time -50 %    // no step `Erfasen` in `Meldung`
            """),
        .unknownChangeProperty: ("property the target does not have", """
            Each kind of target has its own properties: a process `volume`; a step
            `time`, `wait`, `share`, `by`, `media_break`, `skip`; a decision
            `branch "label"`; a position `planned`, `filled`, `coverage`, `effort "label"`,
            `grade`, `worktime`, `allowance`; a unit `worktime`, `allowance`; `model` its
            settings; a grade `cost`.
              change Meldung time -10 %    // a process has no `time`: change a step
            """),
        .wrongChangeValue: ("wrong value for the changed property", """
            A change is checked like the statement it replaces: the value has the
            dimension of the property (`time` an effort time, `volume` a case rate …),
            a performer is a position, unit, actor or system, `media_break` is `on` or
            `off`, `skip` takes no value. An unsigned quantity sets the value, a signed
            one adds to it, a signed percentage scales it. A range (`time 10..20 min`)
            only sets: a signed range (`time -5..5 min`) or a range in per cent would be
            a guess; shift or scale by one signed value (`time -5 min`, `time -10 %`).
              change Meldung.Erfassen time 5 fte    // `time` takes minutes or hours
            """),
        .signedPercentProperty: ("signed value on a percentage property", """
            Properties measured in per cent (`share`, `branch`, `allowance`, `overhead`,
            `leadership`) can only be set: `-5 %` could mean five points or five per
            cent of the value, and orgc never guesses. Write the new value.
              change Meldung.Pruefen share -5 %    // write `share 25 %`
            """),
        .requiredMeasureNotApplied: ("required measure not applied before", """
            A measure that `requires` another can only be applied after it in the same
            scenario. Apply the required measure earlier (the quick fix inserts the
            `apply` line).
              measure EAkte { requires DMS }
              scenario S { apply EAkte }    // DMS is not applied before
            """),
        .requiresCycle: ("cycle of `requires`", """
            Measures require each other in a circle, so none of them can be applied
            first. Remove one of the `requires`.
              measure A { requires B }
              measure B { requires A }
            """),
        .measureAppliedTwice: ("measure applied twice", """
            A scenario applies each measure at most once: applying it again would apply
            its changes twice (a time cut of 50 % twice is 75 %).
              scenario S { apply EAkte; apply EAkte }
            """),
        .measureNeverApplied: ("measure applied in no scenario", """
            The measure is declared but no scenario applies it, so none of its effects
            is computed. Apply it in a scenario, or remove it.
              measure EAkte { change Meldung.Erfassen time -50 % }    // no `apply EAkte`
            """),
        .invalidChangeResult: ("change gives an impossible value", """
            After the change the value is impossible: a time, volume, capacity or cost
            below zero (for a value with a range: its lower bound), a share above
            100 %, or a decision whose branches no longer add up to 100 % at the end of
            the entry (an `apply`, or a run of consecutive `change` lines). The message
            names the value the change results in; orgc never clamps it.
              change Meldung.Erfassen time -50 min    // Erfassen takes 30 min: -20 min
            """),
        .changeBreaksStatement: ("change breaks a rule of the changed statement", """
            The changed model must satisfy the rules the statement itself would: a step
            done `by` a position or unit needs a `time`, a step that `call`s a process
            does no work itself, a changed value needs a value to change (a `+10 %` on
            a volume that was never written).
              change Meldung.Versand by SB    // Versand has no `time`
            """),
        .targetShortfall: ("saving not reachable above need", """
            The units in scope hold less planned capacity above their need than the
            target asks to save, so a potential-based cut cannot reach it without cutting
            below need. The report shows the shortfall; reduce the target or widen
            `across`.
              target T { save 50 fte; across Amt10 }    // Amt10 has 3 fte above need
            """),
        .targetOverlap: ("overlapping units in a target", """
            `across` lists units with their whole sub-trees; one listed unit lies inside
            another's sub-tree, so its positions would be counted twice.
              target T { save 2 fte; across Dez1, Amt10 }    // Amt10 is in Dez1
            """),
        .datedSameDate: ("the same date twice", """
            A dated value (`planned`, `filled`, `volume` with `from DATE`) holds from its
            date to the next one; two values from the same date would leave it open which
            one holds. Give each date once; the first one counts.
              planned 6 fte from 2022-01-01
              planned 7 fte from 2022-01-01    // E801
            """),
        .twoUndatedValues: ("two undated values", """
            `planned`, `filled` and `volume` may be repeated only with `from DATE`: the one
            value without a date holds before the first date. A second undated value is an
            error; give it a date (`from 2023-01-01`) or remove it. The first one counts.
              filled 3 fte
              filled 4 fte                     // E802: add `from DATE`
            """),
        .datedVolumeWithoutUndated: ("dated volume without an undated one", """
            A process's `volume` with `from DATE` needs an undated `volume` for the time
            before its first date: unlike `planned` and `filled` (0 fte before the first
            date) a volume of 0 is never assumed.
              volume 60 /year from 2023-01-01  // E803: add `volume 25 /year`
            """),
        .rampOutOfRange: ("ramp out of range", """
            `ramp DURATION [start P %]` needs a duration of more than 0 days and at most
            10 years (3,650 days; months count 30 days), and a start share below 100 %.
            A ramp of 0 would mean no ramp-up (leave `ramp` out), one of decades is a typo.
              ramp 0 mo                        // E804
            """),
        .datedWithoutYear: ("dated values without a period", """
            Dated values are evaluated over a period, the calendar year `year` of the
            `model` block (or `--year Y`, or one date with `--at DATE`). The model has
            dated values but no `year`: add `year 2022` to the `model` block.
            """),
        .filledDuringFreeze: ("filled increase during a hiring freeze", """
            The position has `freeze until DATE` (Besetzungssperre) but `filled` rises on
            a date before that date: a hire during the freeze. Check the date of the hire
            or of the end of the freeze.
              freeze until 2022-03-02
              filled 4 fte from 2022-02-01     // W801
            """),
        .targetIncomplete: ("target without `save` or `across`", """
            A target needs the saving to reach (`save 5 fte` or `save 300_000 EUR /year`)
            and the units to distribute it across (`across Dez1, Dez2`); orgc does not
            assume either.
              target T { across Dez1 }    // how much to save?
            """),
        .kpiWithoutPlan: ("kpi without plan", """
            A kpi's achievement compares its actuals with its plan; without a `plan`
            there is nothing to compare with, and orgc does not assume one.
              kpi Bewertungen { better higher; actual 2022 80 }    // plan?
            """),
        .kpiActualTwice: ("actual given twice for a year", """
            A kpi has at most one `actual` per year; two would make the year's
            achievement ambiguous. The first one counts.
              actual 2022 80
              actual 2022 85    // which one?
            """),
        .kpiPlanDateTwice: ("plan given twice for the same date", """
            A kpi's plans form a step function: at most one undated `plan` and at most
            one `plan … from DATE` per date. The first one counts.
              plan 25
              plan 30    // a second undated plan: write `plan 30 from 2024-01-01`
            """),
        .kpiWithoutDirection: ("kpi without direction (`better`)", """
            Whether an actual above the plan is good or bad decides the achievement:
            actual ÷ plan with `better higher`, plan ÷ actual with `better lower`.
            orgc does not assume a direction.
              kpi Bearbeitungsdauer { plan 20; actual 2022 25 }    // better lower?
            """),
        .kpiYearWithoutPlan: ("actual in a year without a plan", """
            The kpi has only dated plans, and the first one starts after the year of
            this `actual`: no plan is in force on any day of that year, so there is
            nothing to compare with. Write an undated `plan` or an earlier dated one.
              plan 30 from 2024-01-01
              actual 2022 80    // no plan in 2022
            """),
        .kpiStaleVolume: ("process volume lags the kpi's actual", """
            The kpi counts the work of a process (`process P`) with a `tolerance`. In the
            model year the process's average volume and the kpi's actual differ by more
            than the tolerance × the actual: the staffing need of the process is
            computed from a volume that no longer matches what is done.
              kpi K { plan 25; actual 2022 80; process Stellenbewertung; tolerance 20 % }
              // Stellenbewertung has volume 25 /year in 2022: |25 − 80| > 0.2 × 80
            """),
        .kpiAchievementUndefined: ("achievement cannot be computed", """
            The achievement of a year divides by the plan (`better higher`) or by the
            actual (`better lower`); that figure is 0 in this year, so the year has no
            achievement (reports show it empty, JSON `null`).
              kpi Beschwerden { better lower; plan 10; actual 2022 0 }
            """),
        .kpiToleranceWithoutProcess: ("tolerance without process", """
            `tolerance` compares the kpi's actuals with the volume of the process named
            by `process`; without `process` it compares nothing.
              kpi K { plan 25; actual 2022 80; tolerance 20 % }    // process?
            """),
        .deployOutsidePool: ("deployment outside a pool", """
            Only a pool unit (a unit with `pool`) lends capacity; `deploy` in any other
            unit would move capacity that the unit's own work needs. Add `pool` to the
            unit, or move the deployment into a pool unit.
              unit Amt10 { deploy D { to Amt20; fte 1; period 2025-01-01..2025-06-30 } }
            """),
        .deploymentIncomplete: ("deployment without receiver, amount or period", """
            A deployment needs the unit that receives the capacity (`to`), the amount
            (`fte F` per day or `hours H h` in all) and its `period`; orgc does not
            assume any of them.
              deploy D { to Buergeramt; fte 1.5 }    // period?
            """),
        .deploymentFteAndHours: ("deployment with both `fte` and `hours`", """
            A deployment gives its amount once: `fte F` on each day of the period, or
            `hours H h` over the whole period. With both, the amount would be ambiguous;
            `fte` counts.
              deploy D { to Amt20; fte 1; hours 400 h; period 2025-01-01..2025-06-30 }
            """),
        .poolOverCommitted: ("pool over-committed", """
            On some day the pool's deployments add up to more fte than the pool has
            effective filled fte on that day. The message names the first such date and
            both figures; shorten or reduce a deployment, or staff the pool.
              unit Pool { pool; position P { filled 2 fte }
                deploy A { to X; fte 1.5; period 2025-01-01..2025-06-30 }
                deploy B { to Y; fte 1; period 2025-03-01..2025-12-31 } }    // 2.5 fte from 2025-03-01
            """),
        .deploymentHoursWithoutWorktime: ("hours deployed without worktime", """
            `hours H h` are turned into fte with the pool unit's worktime (the nearest
            `worktime` of the unit, its parents or the model); none applies, so the
            hours cannot be turned into fte.
              deploy D { to Amt20; hours 400 h; period 2025-03-01..2025-12-31 }    // no worktime
            """),
        .deploymentToOwnPool: ("deployment to its own pool", """
            The deployment sends capacity to its own pool unit or to a unit inside it:
            the capacity stays where it is, and the pool counts it as used.
              unit Pool { pool; deploy D { to Pool; fte 1; period 2025-01-01..2025-06-30 } }
            """),
        .rangeOutOfOrder: ("range bounds out of order", """
            A range is written lowest..highest (`time 10..30 min`), a three-point range
            optimistic..likely..pessimistic with the likely value between the other two
            (`time 20..30..60 min`). `time 30..10 min` or `time 20..70..60 min` is
            rejected; equal bounds (`time 15..15 min`) are fine and mean an exact value.
            """),
        .rangeUnitInside: ("unit inside a range", """
            A range has one unit, written once after its upper bound: `time 10..60 min`,
            `volume 2_000..2_600 /year`. Units inside the range (`time 10 min..1 h`) are
            not accepted, also when they are the same (`time 10 min..20 min`): write
            both bounds in one unit.
            """),
        .rangeNotAllowed: ("range where one value is required", """
            Ranges state the uncertainty of an estimate and are allowed only on a
            step's `time` and a process's `volume`. Other quantities — `worktime`,
            `wait`, `planned`, `share`, `allowance`, costs … — take one value:
            `worktime 1590 h`, not `worktime 1500..1600 h`. The same holds for the value
            of a `change`: `change Meldung.Erfassen time 10..20 min` sets a range,
            `change Meldung.Erfassen wait 1..3 d` is rejected.
            """),
    ].merging(assessmentExplanations) { first, _ in first }.merging(portfolioExplanations) { first, _ in first }

    private static let assessmentExplanations: [DiagnosticCode: (title: String, text: String)] = [
        .matrixWithoutScale: ("matrix without scale", """
            A `matrix` needs `scale a..b`: the range its ratings lie on. orgc assumes no
            scale, since the heat map, the spread and the checks of each value depend on it.
              matrix Reife { scale 1..4; area Technik; aspect passt; … }
            """),
        .matrixValueOutsideScale: ("matrix value outside the scale", """
            Every value of a `rate` list lies within the matrix's `scale`. With `scale 1..4`,
            `rate Technik 2, 5, 1, 2` has a 5 outside it. Write `-` for a value not given.
            """),
        .matrixValueCount: ("rate gives the wrong number of values", """
            `rate AREA v1, v2, …` gives exactly one value per declared `aspect`, in the
            order the aspects are declared. With four aspects, `rate Technik 2, 3, 1` has
            one too few: write `-` for a value not given (`rate Technik 2, 3, -, 1`).
            """),
        .unknownMatrixArea: ("rate names no area of the matrix", """
            The first word after `rate` names an `area` declared in the same matrix.
              matrix Reife { area Technik; … rating AL { rate Tecnik 2, 3 } }   // Technik?
            """),
        .matrixCellMissing: ("matrix cell not rated", """
            A rater gives no value for a cell: a `-` in a `rate` list, or an area the
            rating leaves out. The cell's index is the mean of the raters that rated it;
            the missing value is left out, never counted as 0. A cell no rater rated has
            no index at all (reports show it empty, JSON `null`).
            """),
        .matrixTargetTwice: ("more than one target profile", """
            A matrix has at most one `rating … { target; … }`: gaps are measured against
            it, and two target profiles would make the gap ambiguous.
            """),
        .matrixRaterTwice: ("rater rates the matrix twice", """
            Each rater has one `rating` block per matrix; a second one would count the
            rater twice in every mean. Merge the two blocks.
            """),
        .raciAccountableNotOne: ("task needs exactly one accountable party", """
            In a responsibility chart each task has exactly one `A` (accountable: decides
            and answers for the result). The message names how many the task has.
              task Ausschreibung { R SB_Personal; A AL10 }
            """),
        .raciWithoutResponsible: ("task without responsible party", """
            Each task of a responsibility chart has at least one `R` (responsible: does
            the work).
            """),
        .raciStepPerformerNotResponsible: ("linked step's performer is not responsible", """
            `step P.S` links a task to a step of a process. The step's performer (`by`)
            does the work, so it should be among the task's `R`; the chart and the
            process disagree otherwise.
            """),
        .matrixTooLarge: ("matrix too large", """
            A matrix has at most 10,000 cells (areas × aspects); orgc computes no
            figures for a larger one. Maturity matrices have a handful of areas and
            aspects; split a larger assessment into several matrices.
            """),
        .raciUnknownStep: ("task links to no step", """
            `step P.S` names a process `P` and one of its steps `S`. The process exists,
            but it has no step of that name (or `S` is a decision, which does no work).
            """),
    ]
}
