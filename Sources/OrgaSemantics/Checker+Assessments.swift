import OrgaSyntax
import OrgaSupport

/// Whole-model checks of assessments (docs/language.md, Assessments): a matrix's
/// scale, its values and their count per `rate`, missing cells, the target profile and
/// raters rating twice; a chart's roles per task and the step a task links to.
extension Checker {
    mutating func checkAssessments() {
        checkAssessmentNames()
        for m in model.matrices.indices { checkMatrix(m) }
        for c in model.raciCharts.indices { checkRaciChart(c) }
    }

    /// Matrices and charts are looked up by name (`orgc graph --matrix NAME`): one of each name.
    private mutating func checkAssessmentNames() {
        var first: [String: Location] = [:]
        for m in model.matrices where !m.name.isEmpty {
            if let f = first["m:" + m.name] {
                report(.duplicateName, m.location, "a matrix `\(m.name)` is already declared at \(sources.describe(f))")
            } else { first["m:" + m.name] = m.location }
        }
        for c in model.raciCharts where !c.name.isEmpty {
            if let f = first["r:" + c.name] {
                report(.duplicateName, c.location, "a chart `\(c.name)` is already declared at \(sources.describe(f))")
            } else { first["r:" + c.name] = c.location }
        }
    }

    private mutating func checkMatrix(_ mi: Int) {
        let m = model.matrices[mi]
        if !m.scaleSetting.isWritten {
            report(.matrixWithoutScale, m.location, "matrix `\(m.name)` has no `scale`: add one, e.g. `scale 1..4`")
        }
        let scale = m.scale
        let aspects = m.aspects.count
        if m.areas.count * aspects > Matrix.maxCells {
            report(.matrixTooLarge, m.location,
                   "matrix `\(m.name)` has \(m.areas.count) areas × \(aspects) aspects = \(m.areas.count * aspects) cells; at most \(Matrix.maxCells) are laid out")
        }
        var targetSeen: Location? = nil
        var raterSeen: [Party: Location] = [:]
        for r in m.ratings {
            if r.isTarget {
                if let t = targetSeen {
                    report(.matrixTargetTwice, r.location, "matrix `\(m.name)` already has a target profile at \(sources.describe(t)); keep one")
                } else { targetSeen = r.location }
            } else if let p = r.rater {
                if let earlier = raterSeen[p] {
                    report(.matrixRaterTwice, r.location, "`\(r.name)` already rates matrix `\(m.name)` at \(sources.describe(earlier)); merge the two ratings")
                } else { raterSeen[p] = r.location }
            }
            // A set, not an array per rating: linear however many ratings and areas.
            var rated = Set<Int>()
            for rate in r.rates {
                if let a = rate.area { rated.insert(a) }
                if !rate.values.isEmpty, rate.values.count != aspects {
                    let areaName = rate.area.map { m.areas[$0].name } ?? ""
                    report(.matrixValueCount, rate.location,
                           "`rate \(areaName)` gives \(rate.values.count) value\(rate.values.count == 1 ? "" : "s"), but matrix `\(m.name)` declares \(aspects) aspect\(aspects == 1 ? "" : "s"): one value per aspect, `-` for one not given")
                    continue
                }
                guard let area = rate.area else { continue }
                for (k, v) in rate.values.enumerated() where k < rate.valueLocations.count {
                    switch v {
                    case .given(let x):
                        if let scale, x < scale.lower || x > scale.upper {
                            report(.matrixValueOutsideScale, rate.valueLocations[k],
                                   "\(NumberFormat.shortest(x)) is outside the scale \(NumberFormat.shortest(scale.lower))..\(NumberFormat.shortest(scale.upper)) of matrix `\(m.name)`")
                        }
                    case .notGiven:
                        report(.matrixCellMissing, rate.valueLocations[k],
                               "`\(r.name)` gives no value for \(m.areas[area].name) × \(m.aspects[k].name); the cell's mean leaves it out")
                    case .rejected: break
                    }
                }
            }
            let leftCount = m.areas.count - rated.count
            if aspects > 0, leftCount > 0 {
                // One finding per rating, naming the first areas it leaves out (the scan
                // stops after five: it passes at most the areas this rating rated).
                var first: [Int] = []
                for a in m.areas.indices where !rated.contains(a) {
                    first.append(a)
                    if first.count == 5 { break }
                }
                let left = first
                let names = left.map { "`\(m.areas[$0].name)`" }.joined(separator: ", ") + (leftCount > 5 ? ", … (\(leftCount) areas)" : "")
                report(.matrixCellMissing, r.location,
                       "`\(r.name)` rates no value for area\(leftCount == 1 ? "" : "s") \(names); the cells' means leave \(leftCount == 1 ? "it" : "them") out")
            }
        }
        if m.scaleSetting.isWritten, m.areas.isEmpty || m.aspects.isEmpty || m.ratings.isEmpty {
            let what = m.areas.isEmpty ? "no `area`" : m.aspects.isEmpty ? "no `aspect`" : "no `rating`"
            report(.emptyDeclaration, m.location, "matrix `\(m.name)` has \(what); it shows nothing")
        }
    }

    private mutating func checkRaciChart(_ ci: Int) {
        let chart = model.raciCharts[ci]
        for t in chart.tasks {
            let a = t.accountable.count
            if a != 1 {
                report(.raciAccountableNotOne, t.location,
                       a == 0 ? "task `\(t.name)` has no accountable party: add exactly one `A`"
                              : "task `\(t.name)` has \(a) accountable parties (\(t.accountable.map { "`\($0.name)`" }.joined(separator: ", "))): exactly one `A`")
            }
            if t.responsible.isEmpty {
                report(.raciWithoutResponsible, t.location, "task `\(t.name)` has no responsible party: add at least one `R`")
            }
            if let step = t.step, let node = model.node(step), let performer = node.performer,
               !t.responsible.isEmpty, t.responsible.allSatisfy({ $0.party != nil }),
               !t.responsible.contains(where: { $0.party == performer }), let l = t.stepLocation {
                report(.raciStepPerformerNotResponsible, l,
                       "step `\(t.stepText ?? "")` is done by `\(model.performerName(performer))`, who is not among the task's R (\(t.responsible.map { "`\($0.name)`" }.joined(separator: ", ")))")
            }
        }
    }
}
