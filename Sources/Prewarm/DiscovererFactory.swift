import DNSClient
import Discovery
import HTTPSFetch
import MTASTSConfig

/// Builds the discoverer a pass uses from the configuration, with the timeouts fitted to
/// `prewarm.domain_deadline` (see ``DeadlineBudget``).
public enum DiscovererFactory {
    /// The glibc resolver's limit on nameservers, assumed when the count is unknown.
    static let assumedNameservers = 3

    public static func make(_ configuration: Configuration, userAgent: String) throws(PrewarmError) -> PolicyDiscoverer {
        let settings = configuration.resolver
        var nameservers: [Nameserver] = []
        do throws(DNSError) {
            if let texts = settings.nameservers {
                for text in texts { nameservers.append(try Nameserver(parsing: text)) }
            } else {
                nameservers = try ResolverConfiguration.system(timeout: settings.timeout, attempts: settings.attempts).nameservers
            }
        } catch {
            throw PrewarmError(.configuration, "resolver: \(error)")
        }
        let budget = DeadlineBudget(configuration: configuration,
                                    nameserverCount: nameservers.isEmpty ? assumedNameservers : nameservers.count)
        let resolver = Resolver(configuration: ResolverConfiguration(
            nameservers: nameservers, timeout: budget.resolverTimeout, attempts: budget.resolverAttempts))
        let fetcher = PolicyFetcher(configuration: PolicyFetchConfiguration(
            caFile: configuration.https.caFile, connectTimeout: budget.httpsConnectTimeout,
            timeout: budget.httpsTimeout, userAgent: userAgent, recordsCertificate: false))
        return PolicyDiscoverer(resolver: resolver, fetcher: fetcher)
    }
}
