/// The `schedule` section: what `mtasts tick` and `mtasts run` do, and how often.
///
///     schedule:
///       learn: every 5m
///       prewarm: every 15m
///       report: daily 02:30 UTC
public struct ScheduleSettings: Sendable, Equatable {
    /// `schedule.learn`: reading Exim's logs for new recipient domains. Default: every 5m.
    public var learn: JobSchedule
    /// `schedule.prewarm`: a pass over the domains that are due. Default: every 15m.
    public var prewarm: JobSchedule
    /// `schedule.report`: sending the daily TLS reports (RFC 8460). Default: daily 02:30 UTC.
    public var report: JobSchedule

    public static let defaultLearn = JobSchedule.every(.seconds(300))
    public static let defaultPrewarm = JobSchedule.every(.seconds(900))
    public static let defaultReport = JobSchedule.daily(minuteOfDay: 150)

    /// Settings with every default.
    public init(learn: JobSchedule = ScheduleSettings.defaultLearn,
                prewarm: JobSchedule = ScheduleSettings.defaultPrewarm,
                report: JobSchedule = ScheduleSettings.defaultReport) {
        self.learn = learn
        self.prewarm = prewarm
        self.report = report
    }
}

extension ScheduleSettings {
    static var schema: Schema<ScheduleSettings> {
        Schema(
            .value("learn", \.learn, .jobSchedule),
            .value("prewarm", \.prewarm, .jobSchedule),
            .value("report", \.report, .jobSchedule)
        )
    }
}

extension ValueType where Value == JobSchedule {
    /// `every 15m`, `daily 02:30 UTC` or `off`.
    static var jobSchedule: ValueType<JobSchedule> {
        ValueType { (node, context) throws(ConfigError) in
            let text = try ValueType<String>.string.decode(node, context)
            switch JobSchedule.parse(text) {
            case .success(let schedule): return schedule
            case .failure(let failure): throw context.invalid(ConfigError.quoted(text), failure.problem, at: node)
            }
        }
    }
}
