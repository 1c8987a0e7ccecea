import MTASTSConfig

/// Fits the resolver and HTTPS timeouts inside `prewarm.domain_deadline`, so that one domain can
/// never hold a worker longer than the deadline (discovery is blocking and cannot be cancelled).
///
/// One domain's worst case is four DNS questions (`_mta-sts` TXT, A, AAAA, `_smtp._tls` TXT),
/// each `timeout × attempts × nameservers`, doubled for a truncated UDP answer retried over TCP,
/// plus one HTTPS fetch. DNS gets at most half of the deadline: the per-try timeout is shortened
/// (not below 200 ms), then the attempts are reduced (not below 1); HTTPS gets what remains (not
/// below 1 s), and the connect timeout never exceeds the whole fetch's.
public struct DeadlineBudget: Sendable, Equatable {
    /// Questions one discovery may ask.
    public static let questionsPerDomain: Int64 = 4
    public static let minimumDNSTry: Duration = .milliseconds(200)
    public static let minimumHTTPS: Duration = .seconds(1)

    public var resolverTimeout: Duration
    public var resolverAttempts: Int
    public var httpsConnectTimeout: Duration
    public var httpsTimeout: Duration

    /// The budget for `configuration`; `nameserverCount` is the number of servers asked (the
    /// configured list, else those of resolv.conf; 3 when unknown).
    public init(configuration: Configuration, nameserverCount: Int) {
        let deadline = configuration.prewarm.domainDeadline
        let servers = Int64(max(1, nameserverCount))
        var attempts = Int64(max(1, configuration.resolver.attempts))
        let dnsShare = deadline / 2
        func perTry(_ attempts: Int64) -> Duration {
            dnsShare / Int(Self.questionsPerDomain * 2 * attempts * servers)
        }
        while attempts > 1 && perTry(attempts) < Self.minimumDNSTry { attempts -= 1 }
        let dnsTimeout = max(Self.minimumDNSTry, min(configuration.resolver.timeout, perTry(attempts)))
        let dnsWorst = dnsTimeout * Int(Self.questionsPerDomain * 2 * attempts * servers)
        let https = max(Self.minimumHTTPS, min(configuration.https.timeout, deadline - dnsWorst))
        resolverTimeout = dnsTimeout
        resolverAttempts = Int(attempts)
        httpsTimeout = https
        httpsConnectTimeout = min(configuration.https.connectTimeout, https)
    }

    /// The longest one domain can take with these timeouts.
    public func worstCase(nameserverCount: Int) -> Duration {
        resolverTimeout * Int(Self.questionsPerDomain * 2 * Int64(resolverAttempts) * Int64(max(1, nameserverCount)))
            + httpsTimeout
    }
}
