import ArgumentParser
import Foundation
import ProbationModel
import SimulationCore
import ProbationRules

/// `probsim regimes` and `probsim regimes show NAME`.
struct RegimesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "regimes",
        abstract: "List the built-in regimes, or explain one regime's rules.",
        subcommands: [List.self, Show.self],
        defaultSubcommand: List.self
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the built-in regimes.")
        func run() throws {
            for name in RegimeLoader.builtInNames {
                let r = try RegimeLoader.load(name)
                print("\(name.padding(toLength: 10, withPad: " ", startingAt: 0))  \(r.description)")
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Print a regime's rules in plain English, with the source document and paragraph of each.")

        @Argument(help: "A built-in regime name (see `probsim regimes list`) or a regime file path.")
        var name: String

        func run() throws {
            let regime: Regime
            do { regime = try RegimeLoader.load(name) } catch let e as InputProblems {
                FileHandle.standardError.write(Data("probsim: invalid regime:\n\(e)\n".utf8))
                throw ExitCode(65)
            }
            print(RegimeDescription.text(regime))
        }
    }
}

/// Plain-English descriptions of regimes for `probsim regimes show`.
enum RegimeDescription {
    static func text(_ regime: Regime) -> String {
        var out = "\(regime.name): \(regime.description)\n"
        if let base = regime.base { out += "Extends \(base).\n" }
        for rule in regime.rules {
            out += "\n- \(rule.id)"
            if rule.standard != rule.id { out += " (standard \(rule.standard))" }
            out += " [\(roleText(rule.role))]\n"
            out += wrap(rule.text, indent: "  ")
            out += "  Applies to: \(scopeText(rule.scope)).\n"
            out += "  Asks: \(requirementText(rule.requirement)).\n"
            if rule.standardIDs != [rule.standard] && !rule.standardIDs.isEmpty { out += "  Scored as: \(rule.standardIDs.joined(separator: ", ")).\n" }
            out += "  Source: \(rule.source)\n"
            if let reading = rule.reading { out += "  Reading: " + wrap(reading, indent: "    ").dropFirst(4) }
        }
        return out
    }

    static func roleText(_ r: RuleRole) -> String {
        switch r {
        case .scored: return "scored standard"
        case .planning: return "planning rule"
        case .both: return "scored standard and planning rule"
        }
    }

    static func scopeText(_ s: RuleScope) -> String {
        var parts: [String] = []
        parts.append(s.phases.isEmpty ? "every phase but custody" : s.phases.map(\.rawValue).sorted().joined(separator: ", "))
        if !s.requirementsAny.isEmpty { parts.append("with \(s.requirementsAny.map(\.rawValue).sorted().joined(separator: " or "))") }
        if !s.flagsAny.isEmpty { parts.append("flagged \(s.flagsAny.map(\.rawValue).sorted().joined(separator: " or "))") }
        if !s.rosh.isEmpty { parts.append("RoSH \(s.rosh.sorted().map(\.rawValue).joined(separator: " or "))") }
        if let m = s.minimumCustodyMonths { parts.append("custodial sentence of at least \(m) months") }
        if s.excludeStandaloneUPW { parts.append("not standalone unpaid work") }
        if s.excludeStandaloneRestrictive { parts.append("not standalone restrictive requirements") }
        return parts.joined(separator: "; ")
    }

    /// A number as written: 10, 7.5.
    static func number(_ x: Double) -> String { x == x.rounded() ? String(Int(x)) : String(x) }

    static func fraction(_ f: Double) -> String {
        if f == 0 { return "0 (the start)" }
        for d in 2...12 { let n = (f * Double(d)).rounded(); if abs(n / Double(d) - f) < 1e-9 { return "\(Int(n))/\(d)" } }
        return String(f)
    }

    static func requirementText(_ r: RuleRequirement) -> String {
        switch r {
        case .deadline(let t, let wd, let kind, let calendarDays):
            let unit = calendarDays ? "day" : "working day"
            return "\(kind.rawValue.replacingOccurrences(of: "_", with: " ")) within \(wd) \(unit)\(wd == 1 ? "" : "s") of \(t.rawValue.replacingOccurrences(of: "_", with: " ")) (held or offered by then)"
        case .perCalendarMonth(let c):
            return "at least \(c) attended F2F in every calendar month wholly inside the period"
        case .weekly(let c, let f, let w, let every, let vw):
            var s = "at least \(c) contacts, \(f) of them attended F2F, in every 7-day block for \(w) weeks"
            if every > 0 { s += "; a home (resettlement) visit every \(every) days for the first \(vw) weeks" }
            return s
        case .window(let c, let a, let b, let every):
            return "at least \(c) F2F in months \(a)-\(b) of the order, booked every \(every) days"
        case .monthlyFrom(let c, let m):
            return "at least \(c) F2F in every calendar month from month \(m) of the order"
        case .phasePoint(let f, let tol):
            return "one F2F at \(fraction(f)) of the period, within \(tol) working days either side"
        case .suspension(let f, let ex, let reinstate, let resuspend):
            let names = ex.map { e -> String in
                switch e { case .flag(let fl): return fl.rawValue; case .rosh(let r): return "\(r.rawValue) RoSH" }
            }.sorted()
            return "planned contact and frequency standards suspended from \(fraction(f)) of the period to its end, unless \(names.joined(separator: ", "))"
                + (reinstate ? "; a case that becomes exempt is reinstated" : "")
                + (reinstate && resuspend ? ", and suspended again when the exemption lapses" : "")
        case .enforcement(let e):
            var steps: [String] = []
            if let l = e.letter { steps.append("a warning letter within \(l) working days") }
            if let d = e.decision { steps.append("a decision within \(d) working days") }
            var s = "after an unacceptable absence (day 0): " + (steps.isEmpty ? "no letter or decision deadline" : steps.joined(separator: ", "))
            if let b = e.breach {
                s += "; on the \(ordinal(e.breachAfter)) unacceptable absence within \(e.withinMonths) months of the phase, breach action within \(b) working days"
                if let sm = e.summons { s += " and a summons within \(sm) working days" }
                if e.letter != nil && !e.letterWithBreach { s += " (instead of the warning letter)" }
                if e.warningsSpentOnBreach { s += "; earlier warnings are then spent" }
            }
            return s
        case .custody(let c):
            var parts: [String] = []
            if let n = c.pomMonthsToServe, let a = c.allocationMonthsBeforeRelease {
                parts.append("with \(number(n)) months or more to serve, a prison offender manager holds the case until a COM is allocated \(number(a)) months before release")
                if let r = c.responsibleMonthsBeforeRelease { parts.append("the COM is responsible from \(number(r)) months before release") }
                parts.append("otherwise the COM holds it from sentence")
            } else {
                parts.append("probation holds the case from sentence")
            }
            if let m = c.planWithinMonthsOfAllocation { parts.append("a pre-release plan within \(number(m)) months of allocation") }
            if let w = c.planWeeksBeforeRelease { parts.append("a pre-release plan no more than \(w) weeks before release") }
            parts.append("\(c.contactsPerMonth) contact\(c.contactsPerMonth == 1 ? "" : "s") a month from responsibility to release")
            return parts.joined(separator: "; ")
        case .recall(let r):
            var s = "recall action (the recall report) within \(r.actionWorkingDays) working day\(r.actionWorkingDays == 1 ? "" : "s") of the decision to recall"
            if let e = r.emergencyWorkingDays { s += " (\(e == 0 ? "the same working day" : "\(e) working days") for an emergency recall)" }
            if let v = r.reviewWorkingDays { s += "; a review of the assessment and plan within \(v) working days" }
            if let p = r.riskPlanWorkingDays { s += "; after a standard recall, the risk management plan within \(p) working days" }
            return s
        }
    }

    static func ordinal(_ n: Int) -> String {
        let suffix = (11...13).contains(n % 100) ? "th" : (n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th")
        return "\(n)\(suffix)"
    }

    static func wrap(_ text: String, indent: String, width: Int = 96) -> String {
        var lines: [String] = []
        var line = indent
        for word in text.split(whereSeparator: \.isWhitespace) {
            if line.count + word.count + 1 > width && line.count > indent.count {
                lines.append(line)
                line = indent
            }
            line += (line.count > indent.count ? " " : "") + word
        }
        if line.count > indent.count { lines.append(line) }
        return lines.joined(separator: "\n") + "\n"
    }
}
