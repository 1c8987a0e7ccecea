/// The macros a test configuration sets before including the shipped snippets.
struct EximSettings: Sendable {
    var form: LookupForm = .run
    var helperPath: String = EximPrerequisites.helper
    var modulePath: String = EximPrerequisites.module
    /// Lookup options after `--cache` (`MTASTS_LOOKUP_SETTINGS`): a miss answers at once and a
    /// failed discovery defers, unless a test says otherwise.
    var lookupOptions: [String] = ["--on-miss", "none", "--on-failure", "defer"]
    /// The world's CA file, so `valid` certificates verify (`MTASTS_CA_FILE`).
    var caFile: String? = nil
    /// `MTASTS_EXEMPT_SENDERS`.
    var exemptSenders: String? = nil
    /// `MTASTS_FAIL_OPEN`.
    var failOpen = false
}
