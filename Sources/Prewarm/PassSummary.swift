/// What a pass did: how many domains ended in each outcome.
public struct PassSummary: Sendable, Equatable {
    /// Domains the pass was given.
    public var total = 0
    /// A policy fetched over HTTPS and stored.
    public var fetched = 0
    /// The TXT id was unchanged: the cached policy stays, no HTTPS (RFC 8461 §5.1).
    public var unchanged = 0
    /// No policy published.
    public var noPolicy = 0
    /// Discovery failed (the cached policy, if any, was kept).
    public var failed = 0
    /// Of the failures and no-policy answers, those where a valid cached policy stayed in force.
    public var keptCachedPolicy = 0
    /// The cache could not be read or written for the domain.
    public var cacheErrors = 0
    /// Domains not started because the pass was asked to stop.
    public var skipped = 0
    /// The first cache error's sentence, if any.
    public var firstCacheError: String?
    /// Wall-clock seconds the pass took.
    public var seconds: Double = 0

    public init() {}

    /// Domains finished (in any outcome).
    public var done: Int { fetched + unchanged + noPolicy + failed + cacheErrors }

    /// `outcome=count` pairs in a fixed order, for the summary line and JSON.
    public var counts: [(String, Int)] {
        [("total", total), ("fetched", fetched), ("unchanged", unchanged), ("no_policy", noPolicy),
         ("failed", failed), ("kept_cached_policy", keptCachedPolicy), ("cache_errors", cacheErrors),
         ("skipped", skipped)]
    }

    /// One line: `prewarm: 120 domains in 3.2s: 100 fetched, 15 unchanged, …`.
    public var line: String {
        let rate = seconds > 0 ? Double(done) / seconds : 0
        var parts = ["\(fetched) fetched", "\(unchanged) unchanged", "\(noPolicy) no policy", "\(failed) failed"]
        if keptCachedPolicy > 0 { parts.append("\(keptCachedPolicy) kept a cached policy") }
        if cacheErrors > 0 { parts.append("\(cacheErrors) cache errors") }
        if skipped > 0 { parts.append("\(skipped) skipped (stopping)") }
        return "prewarm: \(total) domain\(total == 1 ? "" : "s") in \(Self.format(seconds))s "
            + "(\(Self.format(rate))/s): " + parts.joined(separator: ", ")
    }

    public static func format(_ value: Double) -> String {
        let tenths = (value * 10).rounded() / 10
        return tenths == tenths.rounded() ? "\(Int(tenths))" : "\(tenths)"
    }
}
