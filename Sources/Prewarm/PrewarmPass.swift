import Discovery
import MTASTSPolicy
import PolicyStore

/// One prewarm pass: plan every tracked domain, take those the selection wants, refresh them
/// on the bounded pool (``PassEngine``).
public struct PrewarmPass: Sendable {
    public let store: any PolicyStore
    public let discoverer: PolicyDiscoverer
    public let settings: RenewalSettings
    public let concurrency: Int
    public let clock: any WallClock
    /// Where failed discoveries are recorded for the day's TLS report (RFC 8460 §4.3.2.2).
    public let journal: (any DiscoveryFailureRecorder)?

    public init(store: any PolicyStore, discoverer: PolicyDiscoverer, settings: RenewalSettings,
                concurrency: Int, clock: any WallClock, journal: (any DiscoveryFailureRecorder)? = nil) {
        self.store = store
        self.discoverer = discoverer
        self.settings = settings
        self.concurrency = concurrency
        self.clock = clock
        self.journal = journal
    }

    /// The pass's items: the `candidates` (plus every cached domain with `includeCache`) chosen by `selection`.
    public func items(candidates: [DomainCandidate], includeCache: Bool,
                      selection: PassSelection) throws(PrewarmError) -> [PassItem] {
        let now = clock.now()
        let statuses = try DomainInventory(store: store, settings: settings)
            .statuses(candidates: candidates, includeCache: includeCache, now: now)
        return selection.items(statuses.map { ($0.domain, $0.plan) }, now: now)
    }

    /// Plans and runs the pass.
    public func run(candidates: [DomainCandidate], includeCache: Bool, selection: PassSelection,
                    stop: StopSignal = StopSignal(),
                    progress: ((PassSummary) -> Void)? = nil,
                    observe: (@Sendable (DomainEvent) -> Void)? = nil) throws(PrewarmError) -> PassSummary {
        let items = try items(candidates: candidates, includeCache: includeCache, selection: selection)
        let engine = PassEngine(refresher: PolicyRefresher(discoverer: discoverer, store: store, journal: journal),
                                concurrency: concurrency, clock: clock)
        return engine.run(items, stop: stop, progress: progress, observe: observe)
    }
}
