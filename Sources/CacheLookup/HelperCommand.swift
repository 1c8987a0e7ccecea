/// The `mtasts-lookup` command line: `mtasts-lookup [options] policy|valid-mx|mx-list ARGS`.
///
/// Prints the answer with no trailing newline and exits 0; when the lookup cannot answer,
/// prints `error:<reason>` and exits 75 (EX_TEMPFAIL); bad usage prints `error:<reason>`
/// and exits 64 (EX_USAGE).
public enum HelperCommand {
    public static let cannotAnswerStatus: Int32 = 75
    public static let usageStatus: Int32 = 64

    public static let usage = "usage: mtasts-lookup [--cache PATH] [--on-failure none|defer] [--on-miss fetch|none] [--miss-deadline 10] [--mtasts PATH] [--config FILE] policy DOMAIN | valid-mx DOMAIN HOST | mx-list DOMAIN"

    /// Runs the command for `arguments` (without the program name); returns the exit status.
    public static func run(_ arguments: [String]) -> Int32 {
        let log = LookupLog(.automatic)
        let settings: LookupSettings
        let rest: [String]
        do throws(SettingsError) {
            (settings, rest) = try SettingsParser.parse(arguments)
        } catch {
            log.write(error.description)
            SystemCalls.writeStandardOutput(LookupAnswer.cannotAnswer(error.description).output)
            return usageStatus
        }
        guard let question = LookupQuestion(words: rest) else {
            log.write(usage)
            SystemCalls.writeStandardOutput(LookupAnswer.cannotAnswer("bad arguments; " + usage).output)
            return usageStatus
        }
        let lookup = CacheLookup(settings: settings, cache: LMDBLookupCache(path: settings.cachePath, remembering: 0), log: log)
        let answer = lookup.answer(question)
        SystemCalls.writeStandardOutput(answer.output)
        if case .cannotAnswer(let reason) = answer {
            log.write(reason)
            return cannotAnswerStatus
        }
        return 0
    }
}
