/// The `learn` section: which Exim main logs teach the prewarmer recipient domains, and how long
/// a learned domain stays without being seen again.
///
///     learn:
///       exim_logs: [/var/log/exim4/mainlog]
///       forget_after: 30d
public struct LearnSettings: Sendable, Equatable {
    /// `learn.exim_logs`: absolute paths of Exim main logs. Their rotated siblings (`<path>.1`,
    /// `<path>.2.gz`, …) are found next to them. Default: `/var/log/exim4/mainlog`.
    /// An empty list turns learning off.
    public var eximLogs: [String]
    /// `learn.forget_after`: a learned domain not seen in the logs for this long leaves the
    /// domain set (its cached policy stays until it expires). From 1h to 400d. Default: 30d.
    public var forgetAfter: Duration

    /// The default for ``eximLogs``.
    public static let defaultEximLogs = ["/var/log/exim4/mainlog"]
    /// The default for ``forgetAfter``: 30 days.
    public static let defaultForgetAfter: Duration = .seconds(30 * 86_400)

    /// Settings with every default.
    public init(eximLogs: [String] = LearnSettings.defaultEximLogs,
                forgetAfter: Duration = LearnSettings.defaultForgetAfter) {
        self.eximLogs = eximLogs
        self.forgetAfter = forgetAfter
    }
}

extension LearnSettings {
    static var schema: Schema<LearnSettings> {
        Schema(
            .value("exim_logs", \.eximLogs, .list(of: .absoluteFilePath)),
            .value("forget_after", \.forgetAfter, .duration(in: .seconds(3_600)...ConfigDuration.maximum))
        )
    }
}
