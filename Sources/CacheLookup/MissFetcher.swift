import MTASTSPolicy

/// Refreshes one domain into the cache within a deadline, out of process.
public protocol MissFetching: Sendable {
    /// Runs discovery for `domain`, returning when it ended or the deadline passed.
    func fetch(_ domain: DomainName, settings: LookupSettings) -> ChildOutcome
}

/// Runs `mtasts fetch --store [--config F] DOMAIN` as a child process (posix_spawn, no shell,
/// no network in the lookup's own process) and kills it at `lookup.miss_deadline`.
public struct MTASTSFetchProcess: MissFetching {
    public init() {}

    /// The child's arguments. `domain` is a validated ``DomainName``, so it cannot be an
    /// option; `--` ends the options anyway.
    public static func arguments(for domain: DomainName, settings: LookupSettings) -> [String] {
        var words = ["fetch", "--store"]
        if let config = settings.configPath { words += ["--config", config] }
        return words + ["--", domain.value]
    }

    public func fetch(_ domain: DomainName, settings: LookupSettings) -> ChildOutcome {
        SystemCalls.runBounded(settings.mtastsPath, Self.arguments(for: domain, settings: settings),
                               deadlineMilliseconds: settings.missDeadlineMilliseconds)
    }
}
