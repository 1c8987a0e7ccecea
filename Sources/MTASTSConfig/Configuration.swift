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
                state: StateSettings = StateSettings()) {
        self.cache = cache
        self.resolver = resolver
        self.https = https
        self.state = state
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
            .section("schedule", \.schedule, ScheduleSettings.schema)
        )
    }
}
