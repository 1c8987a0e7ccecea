import JSONText

/// What `mtasts explain` found, step by step, and its verdict.
struct Explanation {
    /// How a step ended.
    enum Result: String {
        case pass, fail, info, skipped
    }

    struct Step {
        var name: String
        var result: Result
        var details: [String]
    }

    /// The final verdict in a word: `ok`, `mx-not-covered`, `no-policy`, `invalid-policy`, `failure`.
    enum Verdict: String {
        case ok
        case mxNotCovered = "mx-not-covered"
        case noPolicy = "no-policy"
        case invalidPolicy = "invalid-policy"
        case failure
    }

    var domain: String
    var steps: [Step] = []
    var verdict: Verdict = .ok
    var summary = ""

    mutating func add(_ name: String, _ result: Result, _ details: [String]) {
        steps.append(Step(name: name, result: result, details: details))
    }

    func text(style: TerminalStyle) -> String {
        var lines: [String] = []
        for step in steps {
            let mark: String
            switch step.result {
            case .pass: mark = style.good("PASS")
            case .fail: mark = style.bad("FAIL")
            case .info: mark = "INFO"
            case .skipped: mark = "SKIP"
            }
            lines.append("[\(mark)] " + style.bold(step.name))
            lines += step.details.map { "       " + $0 }
        }
        let verdictText = verdict == .ok ? style.good(verdict.rawValue) : style.bad(verdict.rawValue)
        lines.append("verdict: \(verdictText): \(summary)")
        return lines.joined(separator: "\n")
    }

    var json: JSONValue {
        .object([
            ("domain", .string(domain)),
            ("steps", .array(steps.map { step in
                .object([("step", .string(step.name)), ("result", .string(step.result.rawValue)),
                         ("details", .array(step.details.map(JSONValue.string)))])
            })),
            ("verdict", .string(verdict.rawValue)),
            ("summary", .string(summary)),
        ])
    }
}
