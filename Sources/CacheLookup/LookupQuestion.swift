import MTASTSPolicy

/// One of the three questions Exim asks, with the Perl original's names.
public enum LookupQuestion: Sendable, Equatable {
    /// `policy DOMAIN`: `enforce`, `testing`, `none`, `dane` or `fail`.
    case policy(domain: String)
    /// `valid-mx DOMAIN HOST`: empty when HOST may be connected to, else `do_not_connect:…`.
    case validMX(domain: String, host: String)
    /// `mx-list DOMAIN`: the policy's mx patterns as an Exim colon-separated list.
    case mxList(domain: String)

    /// The question's words as the helper takes them (`policy example.com`), or nil when the
    /// words are not one of the three questions with the right number of arguments.
    public init?(words: [String]) {
        switch (words.first, words.count) {
        case ("policy", 2): self = .policy(domain: words[1])
        case ("valid-mx", 3): self = .validMX(domain: words[1], host: words[2])
        case ("mx-list", 2): self = .mxList(domain: words[1])
        default: return nil
        }
    }

    /// The domain argument as given (not yet validated).
    public var domainText: String {
        switch self {
        case .policy(let domain), .validMX(let domain, _), .mxList(let domain): domain
        }
    }

    /// The question's name, for log lines.
    public var name: String {
        switch self {
        case .policy: "policy"
        case .validMX: "valid-mx"
        case .mxList: "mx-list"
        }
    }
}
