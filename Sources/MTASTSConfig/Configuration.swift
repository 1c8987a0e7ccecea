import MTASTSPolicy

/// The settings of every `mtasts` command, read from one YAML file (see `config/mtasts.yaml`).
///
/// Every key is optional; a key left out, or set to null, has its default. Unknown keys,
/// duplicate keys and values of the wrong type are errors naming the line and key path.
///
///     cache:
///       path: /var/spool/exim4/mtasts.lmdb
///     resolver:
///       nameservers: ["127.0.0.1:53", "[::1]:53"]
///       timeout: 5s
///       attempts: 2
///     https:
///       ca_file: /etc/ssl/certs/ca-certificates.crt
///       connect_timeout: 10s
///       timeout: 30s
///     domains: [example.com]
///     domain_files: [/etc/mtasts/domains.d/*.txt]
///     ignore_domains: [example.net, "*.internal.example"]
///     learn:
///       exim_logs: [/var/log/exim4/mainlog]
///       forget_after: 30d
///     lookup:
///       on_failure: none
///       on_miss: fetch
///       miss_deadline: 10s
public struct Configuration: Sendable, Equatable {
    /// `cache`: where the policy cache lives.
    public var cache: CacheSettings
    /// `resolver`: how DNS questions are asked.
    public var resolver: ResolverSettings
    /// `https`: how policies are fetched.
    public var https: HTTPSSettings
    /// `state`: the prewarmer's bookkeeping directory.
    public var state: StateSettings
    /// `prewarm`: when domains are re-checked, renewed and retried; how many at once.
    public var prewarm: PrewarmSettings = PrewarmSettings()
    /// `schedule`: what `mtasts tick` and `mtasts run` do, and how often.
    public var schedule: ScheduleSettings = ScheduleSettings()
    /// `domains`: recipient domains the prewarmer always keeps warm. Default: none.
    public var domains: [DomainName]
    /// `domain_files`: absolute paths or glob patterns (`*`, `?`, `[...]`) of files listing
    /// domains, one per line, `#` starting a comment. Default: none.
    public var domainFiles: [String]
    /// `ignore_domains`: names (`example.com`) and suffix patterns (`*.example.com`) that are
    /// never tracked, whatever the source. Default: none.
    public var ignoreDomains: [DomainPattern]
    /// `learn`: learning recipient domains from Exim's main logs.
    public var learn: LearnSettings
    /// `report`: daily TLS reports (RFC 8460).
    public var report: ReportSettings
    /// `lookup`: how Exim's cache-only lookups answer misses and failures.
    public var lookup: EximLookupSettings
    /// `metrics`: Prometheus metrics for the node_exporter textfile collector (off by default).
    public var metrics: MetricsSettings = MetricsSettings()

    /// The configuration file read when neither `--config` nor `MTASTS_CONFIG` names one.
    public static let defaultPath = "/etc/mtasts/mtasts.yaml"
    /// The environment variable naming the configuration file when `--config` is not given.
    public static let environmentVariable = "MTASTS_CONFIG"
    /// Files bigger than this (1 MiB) are refused.
    public static let maximumFileSize = 1024 * 1024

    /// Every setting at its default.
    public init() {
        self.init(cache: CacheSettings(), resolver: ResolverSettings(), https: HTTPSSettings())
    }

    /// A configuration from its sections; sections not given have their defaults.
    public init(cache: CacheSettings, resolver: ResolverSettings, https: HTTPSSettings,
                state: StateSettings = StateSettings(), domains: [DomainName] = [],
                domainFiles: [String] = [], ignoreDomains: [DomainPattern] = [],
                learn: LearnSettings = LearnSettings(), report: ReportSettings = ReportSettings(),
                lookup: EximLookupSettings = EximLookupSettings()) {
        self.cache = cache
        self.resolver = resolver
        self.https = https
        self.state = state
        self.domains = domains
        self.domainFiles = domainFiles
        self.ignoreDomains = ignoreDomains
        self.learn = learn
        self.report = report
        self.lookup = lookup
    }
}

extension Configuration {
    /// The whole file's schema: one line per top-level key.
    static var schema: Schema<Configuration> {
        Schema(
            .section("cache", \.cache, CacheSettings.schema),
            .section("resolver", \.resolver, ResolverSettings.schema),
            .section("https", \.https, HTTPSSettings.schema),
            .section("state", \.state, StateSettings.schema),
            .section("prewarm", \.prewarm, PrewarmSettings.schema),
            .section("schedule", \.schedule, ScheduleSettings.schema),
            .value("domains", \.domains, .list(of: .domainName)),
            .value("domain_files", \.domainFiles, .list(of: .absoluteFilePath)),
            .value("ignore_domains", \.ignoreDomains, .list(of: .domainPattern)),
            .section("learn", \.learn, LearnSettings.schema),
            .section("report", \.report, ReportSettings.schema),
            .section("lookup", \.lookup, EximLookupSettings.schema),
            .section("metrics", \.metrics, MetricsSettings.schema)
        )
    }
}
