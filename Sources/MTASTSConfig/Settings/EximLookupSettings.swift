/// The `lookup` section: how Exim's cache-only lookups (the `mtasts-lookup` helper and the
/// `libmtasts_exim.so` module) answer what the cache cannot settle. The lookups never read
/// this file; `mtasts exim-macros` turns it into Exim macros.
///
///     lookup:
///       on_failure: none
///       on_miss: fetch
///       miss_deadline: 10s
///       mtasts_path: /usr/bin/mtasts
public struct EximLookupSettings: Sendable, Equatable {
    /// `lookup.on_failure`: what `policy` answers for a domain whose discovery failed while no
    /// valid policy is cached.
    public enum FailureAnswer: String, Sendable, CaseIterable {
        /// `none`: deliver as if the domain had no MTA-STS (RFC 8461 §5.1). The default.
        case none
        /// `defer`: answer `fail`, so Exim defers the mail (the Perl original's behaviour).
        case `defer`
    }

    /// `lookup.on_miss`: what a lookup does when the cache knows nothing usable.
    public enum MissAction: String, Sendable, CaseIterable {
        /// `fetch`: run `mtasts fetch --store` now, within `miss_deadline`. The default.
        case fetch
        /// `none`: answer at once as if the domain had no policy; the prewarmer fetches it later.
        case none
    }

    public var onFailure: FailureAnswer
    public var onMiss: MissAction
    /// `lookup.miss_deadline`: the longest a miss may block a lookup, 1s to 5m. Default 10s.
    public var missDeadline: Duration
    /// `lookup.mtasts_path`: the `mtasts` executable a miss runs. Default `/usr/bin/mtasts`.
    public var mtastsPath: String

    public static let defaultMissDeadline: Duration = .seconds(10)
    public static let missDeadlineRange: ClosedRange<Duration> = .seconds(1)...(.seconds(300))
    public static let defaultMtastsPath = "/usr/bin/mtasts"

    public init(onFailure: FailureAnswer = .none, onMiss: MissAction = .fetch,
                missDeadline: Duration = EximLookupSettings.defaultMissDeadline,
                mtastsPath: String = EximLookupSettings.defaultMtastsPath) {
        self.onFailure = onFailure
        self.onMiss = onMiss
        self.missDeadline = missDeadline
        self.mtastsPath = mtastsPath
    }
}

extension EximLookupSettings {
    static var schema: Schema<EximLookupSettings> {
        Schema(
            .value("on_failure", \.onFailure, .choice(of: FailureAnswer.self)),
            .value("on_miss", \.onMiss, .choice(of: MissAction.self)),
            .value("miss_deadline", \.missDeadline, .duration(in: missDeadlineRange)),
            .value("mtasts_path", \.mtastsPath, .absoluteFilePath)
        )
    }
}

extension ValueType where Value: RawRepresentable & CaseIterable, Value.RawValue == String {
    /// One of an enumeration's raw values, e.g. `none` or `defer`.
    static func choice(of type: Value.Type) -> ValueType<Value> {
        let names = Value.allCases.map(\.rawValue)
        let expected = names.dropLast().joined(separator: ", ") + " or " + (names.last ?? "")
        return ValueType { (node, context) throws(ConfigError) in
            guard let text = node.stringValue else {
                throw context.wrongType(expected: expected, at: node)
            }
            guard let choice = Value(rawValue: text) else {
                throw context.invalid(ConfigError.quoted(text), "is not one of \(expected)", at: node)
            }
            return choice
        }
    }
}
