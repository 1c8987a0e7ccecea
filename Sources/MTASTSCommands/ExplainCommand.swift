import ArgumentParser
import DNSClient
import Discovery
import HTTPSFetch
import MTASTSPolicy

/// `mtasts explain DOMAIN [--json]`: runs discovery live and shows every step (RFC 8461 §3,
/// §4.1; RFC 8460 §3; DANE per RFC 8461 §2). Reads no cache and writes nothing.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Run discovery live for a domain and explain each step and the verdict.",
        discussion: """
            Shows the _mta-sts TXT answer (records kept and discarded, and why), the policy \
            host's addresses, the HTTPS answer (status, content type, certificate subject and \
            issuer), the policy lines, each MX host checked against the policy's patterns \
            (RFC 8461 §4.1), the _smtp._tls record, DANE (TLSA validated with DNSSEC), and a \
            verdict: ok, mx-not-covered, no-policy, invalid-policy or failure. Nothing is cached. \
            Exit 0: ok or mx-not-covered; 1: invalid policy; 3: no policy; 4: discovery failure; \
            2: usage or configuration error.
            """)

    @Argument(help: ArgumentHelp("The recipient domain.", valueName: "domain"))
    var domain: String

    @OptionGroup var options: GlobalOptions

    func run() throws {
        let name = try domainArgument(domain)
        let discoverer = try Services(configuration: try options.loadConfiguration()).discoverer()
        let explanation = Explainer(discoverer: discoverer).explain(name)
        writeStandardOutput(options.json ? explanation.json.rendered : explanation.text(style: .forStandardOutput()))
        switch explanation.verdict {
        case .ok, .mxNotCovered: return
        case .invalidPolicy: throw ExitCode(ExitStatus.invalid)
        case .noPolicy: throw ExitCode(ExitStatus.noPolicy)
        case .failure: throw ExitCode(ExitStatus.failure)
        }
    }
}
