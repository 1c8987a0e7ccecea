/// What a lookup says: an answer for Exim, or why it cannot answer.
///
/// "Cannot answer" is for a lookup that is itself broken (cache missing or unreadable, bad
/// settings): the helper prints `error:<reason>` and exits 75, the module returns ERROR with
/// the reason, so the Exim snippets can defer the mail naming the cause (fail closed).
public enum LookupAnswer: Sendable, Equatable {
    /// The text Exim receives (possibly empty).
    case answer(String)
    /// One sentence saying why no answer is possible.
    case cannotAnswer(String)

    /// `error:` + the reason on one line: what the helper prints when it cannot answer.
    public static let errorPrefix = "error:"

    /// The helper's output: the answer, or `error:<reason>`; never a trailing newline.
    public var output: String {
        switch self {
        case .answer(let text): text
        case .cannotAnswer(let reason): Self.errorPrefix + LookupLog.singleLine(reason)
        }
    }
}

/// The answers' fixed texts (the Perl original's strings).
public enum AnswerText {
    public static let enforce = "enforce"
    public static let testing = "testing"
    public static let none = "none"
    public static let dane = "dane"
    /// `policy` when discovery failed, nothing valid is cached and `on_failure` is `defer`.
    public static let fail = "fail"
    /// `valid-mx`: the host matches none of an enforce policy's mx patterns (RFC 8461 §4.1).
    public static let noMatch = "do_not_connect:no_match"
    /// `valid-mx`: the host argument is not a host name, so it cannot match an enforce policy.
    public static let invalidHost = "do_not_connect:invalid_host"
}
