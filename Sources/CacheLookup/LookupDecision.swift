import MTASTSPolicy
import PolicyStore

/// The answers as a pure function of the entry's state and the settings.
///
/// | state                    | policy              | valid-mx HOST                       | mx-list  |
/// |--------------------------|---------------------|-------------------------------------|----------|
/// | DANE (RFC 8461 §2)       | `dane`              | `` (Exim's DANE checks the host)    | ``       |
/// | valid enforce policy     | `enforce`           | `` if HOST matches, else no_match   | patterns |
/// | valid testing policy     | `testing`           | ``                                  | patterns |
/// | valid none policy        | `none`              | ``                                  | ``       |
/// | no policy                | `none`              | ``                                  | ``       |
/// | failed, on_failure none  | `none`              | ``                                  | ``       |
/// | failed, on_failure defer | `fail`              | ``                                  | ``       |
/// | miss (after on_miss)     | `none`              | ``                                  | ``       |
public enum LookupDecision {
    /// The answer to `question` for a domain in `state`. `host` is the validated host of a
    /// `valid-mx` question, nil when the argument was not a host name.
    public static func answer(_ question: LookupQuestion, state: EntryState, host: DomainName?,
                              settings: LookupSettings) -> String {
        switch question {
        case .policy: policy(state, settings)
        case .validMX: validMX(state, host: host)
        case .mxList: mxList(state)
        }
    }

    static func policy(_ state: EntryState, _ settings: LookupSettings) -> String {
        switch state {
        case .dane: AnswerText.dane
        case .policy(let policy): policy.mode.rawValue
        case .noPolicy, .miss: AnswerText.none
        // RFC 8461 §5.1: no valid policy and a failed fetch means "no MTA-STS" by default.
        case .failed: settings.onFailure == .defer ? AnswerText.fail : AnswerText.none
        }
    }

    /// RFC 8461 §4.1 and §5: only an enforce policy refuses a host that matches no pattern;
    /// testing and none policies never refuse (§5.2: testing only reports).
    static func validMX(_ state: EntryState, host: DomainName?) -> String {
        guard case .policy(let policy) = state, policy.mode == .enforce else { return "" }
        guard let host else { return AnswerText.invalidHost }
        return policy.patterns.contains { $0.matches(host) } ? "" : AnswerText.noMatch
    }

    /// The patterns of a valid enforce or testing policy, joined with `:` (an Exim list; host
    /// names and `*.` patterns never contain a colon, so no doubling is needed).
    static func mxList(_ state: EntryState) -> String {
        guard case .policy(let policy) = state, policy.mode != .none else { return "" }
        return policy.patterns.map(\.description).joined(separator: ":")
    }
}
