/// How a lookup answers what the cache cannot settle, mirrored by the helper's options, the
/// dlfunc module's settings argument and the configuration's `lookup:` section.
///
/// Written as options: `[--cache PATH] [--on-failure none|defer] [--on-miss fetch|none]
/// [--miss-deadline SECONDS] [--mtasts PATH] [--config FILE]`.
public struct LookupSettings: Sendable, Equatable {
    /// What a domain whose discovery failed, with no valid cached policy, answers.
    public enum FailureAnswer: String, Sendable, CaseIterable {
        /// `none`: deliver as if the domain had no MTA-STS (RFC 8461 §5.1, the default).
        case none
        /// `fail`: defer the mail (the Perl original's behaviour; opt-in).
        case `defer`
    }

    /// What a lookup does when the cache knows nothing usable about the domain.
    public enum MissAction: String, Sendable, CaseIterable {
        /// Run `mtasts fetch --store` now, bounded by ``missDeadlineMilliseconds``, then answer.
        case fetch
        /// Answer at once, as if the domain had no policy.
        case none
    }

    /// The LMDB cache (`--cache`). Default: `/var/spool/exim4/mtasts.lmdb`.
    public var cachePath: String
    /// `--on-failure`. Default: `none`.
    public var onFailure: FailureAnswer
    /// `--on-miss`. Default: `fetch`.
    public var onMiss: MissAction
    /// `--miss-deadline`: the longest a miss may block, in milliseconds. Default: 10 s.
    public var missDeadlineMilliseconds: Int
    /// `--mtasts`: the `mtasts` executable a miss runs. Default: `/usr/bin/mtasts`.
    public var mtastsPath: String
    /// `--config`: the configuration file passed to `mtasts fetch`; nil lets it choose.
    public var configPath: String?

    public static let defaultCachePath = "/var/spool/exim4/mtasts.lmdb"
    public static let defaultMtastsPath = "/usr/bin/mtasts"
    public static let defaultMissDeadlineMilliseconds = 10_000
    /// The longest deadline accepted (5 minutes): Exim's own timeouts are of that order.
    public static let maximumMissDeadlineMilliseconds = 300_000

    public init(cachePath: String = LookupSettings.defaultCachePath,
                onFailure: FailureAnswer = .none,
                onMiss: MissAction = .fetch,
                missDeadlineMilliseconds: Int = LookupSettings.defaultMissDeadlineMilliseconds,
                mtastsPath: String = LookupSettings.defaultMtastsPath,
                configPath: String? = nil) {
        self.cachePath = cachePath
        self.onFailure = onFailure
        self.onMiss = onMiss
        self.missDeadlineMilliseconds = missDeadlineMilliseconds
        self.mtastsPath = mtastsPath
        self.configPath = configPath
    }

    /// The settings as options, in the form ``parse(options:)`` reads (what `mtasts
    /// exim-macros` prints).
    public var options: [String] {
        var words = ["--cache", cachePath, "--on-failure", onFailure.rawValue, "--on-miss", onMiss.rawValue,
                     "--miss-deadline", Self.render(milliseconds: missDeadlineMilliseconds), "--mtasts", mtastsPath]
        if let configPath { words += ["--config", configPath] }
        return words
    }

    /// Milliseconds as `--miss-deadline` text: whole seconds as `10`, others as `1500ms`.
    public static func render(milliseconds: Int) -> String {
        milliseconds % 1000 == 0 ? String(milliseconds / 1000) : "\(milliseconds)ms"
    }
}
