import MTASTSPolicy
import PolicyStore

/// Answers Exim's three questions from the cache, recording misses and, when configured,
/// fetching a missed domain within the deadline.
public struct CacheLookup {
    public let settings: LookupSettings
    let cache: any LookupCache
    let fetcher: any MissFetching
    let clock: () -> Int64
    let log: LookupLog

    /// - Parameters:
    ///   - clock: Unix seconds; read once per lookup and again after a miss fetch.
    public init(settings: LookupSettings, cache: any LookupCache, fetcher: any MissFetching = MTASTSFetchProcess(),
                log: LookupLog = LookupLog(.automatic), clock: @escaping () -> Int64 = CacheLookup.systemClock) {
        self.settings = settings
        self.cache = cache
        self.fetcher = fetcher
        self.log = log
        self.clock = clock
    }

    /// The wall clock, for the entry points.
    public static func systemClock() -> Int64 { SystemCalls.unixSeconds() }

    /// The answer to `question`. Arguments that are not host names never reach the cache,
    /// a child process or a log line unescaped.
    public func answer(_ question: LookupQuestion) -> LookupAnswer {
        let domain: DomainName
        do throws(DomainNameError) {
            domain = try DomainName(validating: question.domainText)
        } catch {
            log.write("\(question.name): refusing domain \(LookupLog.printable(question.domainText)): \(error)")
            // A name that is not a host name cannot publish MTA-STS: answered as "no policy".
            return .answer(LookupDecision.answer(question, state: .noPolicy, host: nil, settings: settings))
        }
        var host: DomainName?
        if case .validMX(_, let hostText) = question {
            do throws(DomainNameError) {
                host = try DomainName(validating: hostText)
            } catch {
                log.write("valid-mx \(domain): refusing host \(LookupLog.printable(hostText)): \(error)")
            }
        }
        do throws(StoreError) {
            let state = try state(of: domain)
            return .answer(LookupDecision.answer(question, state: state, host: host, settings: settings))
        } catch {
            return .cannotAnswer(error.description)
        }
    }

    /// The entry's state, after the miss handling of `lookup.on_miss`.
    func state(of domain: DomainName) throws(StoreError) -> EntryState {
        let now = clock()
        let state = EntryState(try cache.entry(for: domain), now: now)
        guard state == .miss else { return state }
        do throws(StoreError) {
            try cache.recordMiss(domain, at: now)
        } catch {
            log.write("\(domain): could not record the miss: \(error)")
        }
        guard settings.onMiss == .fetch else { return .miss }
        let outcome = fetcher.fetch(domain, settings: settings)
        let after = EntryState(try cache.entry(for: domain), now: clock())
        guard after == .miss else { return after }
        // The bounded discovery did not produce a usable entry: a failed fetch (RFC 8461 §5.1).
        log.write("\(domain): miss fetch by \(settings.mtastsPath) \(outcome) without a usable entry")
        return .failed
    }
}
