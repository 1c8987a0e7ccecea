import MTASTSConfig
import MTASTSPolicy
import PolicyStore

/// Builds the ``DomainSet``: the union of the configuration's `domains`, the `domain_files`, the
/// cache's learned domains (`D:learned`, seen within `learn.forget_after`) and missed domains
/// (`D:missed`), minus `ignore_domains`. Reads only; never writes the cache.
public enum DomainSetBuilder {
    /// The domain set at `now` (Unix seconds). Throws when a domain file or the cache cannot be
    /// read; invalid lines of domain files are skipped and reported in ``DomainSet/warnings``.
    public static func build(configuration: Configuration, store: any PolicyStore,
                             now: Int64) throws(DomainSetError) -> DomainSet {
        var tracked: [DomainName: TrackedDomain] = [:]
        func add(_ domain: DomainName, _ source: DomainSource) {
            tracked[domain, default: TrackedDomain(domain: domain, sources: [])].sources.insert(source)
        }
        for domain in configuration.domains { add(domain, .config) }
        let files = try DomainFiles.read(patterns: configuration.domainFiles)
        for domain in files.domains { add(domain, .file) }

        let forgetAfter = seconds(configuration.learn.forgetAfter)
        do throws(StoreError) {
            // One read pass over the cache (fast with 100,000 domains).
            try store.forEachEntry { entry in
                guard let tracking = entry.tracking else { return }
                let domain = entry.domain
                if let learnedAt = tracking.learnedAt, now - learnedAt <= forgetAfter {
                    add(domain, .learned)
                    tracked[domain]?.lastSeen = learnedAt
                }
                if let missedAt = tracking.missedAt {
                    add(domain, .miss)
                    tracked[domain]?.missedAt = missedAt
                }
            }
        } catch {
            throw DomainSetError.store(error)
        }

        let ignore = configuration.ignoreDomains
        let domains = tracked.values
            .filter { !ignore.matches($0.domain) }
            .sorted { $0.domain < $1.domain }
        return DomainSet(domains: domains, warnings: files.warnings)
    }

    /// Whole seconds of a configuration duration.
    static func seconds(_ duration: Duration) -> Int64 { duration.components.seconds }
}
