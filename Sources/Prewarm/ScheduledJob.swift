import MTASTSConfig

/// The jobs `mtasts tick` and `mtasts run` schedule, in the order they run when due together.
public enum ScheduledJob: String, Sendable, CaseIterable, Comparable {
    case learn
    case prewarm
    case report

    public static func < (lhs: ScheduledJob, rhs: ScheduledJob) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// The job's schedule in the configuration.
    public func schedule(in settings: ScheduleSettings) -> JobSchedule {
        switch self {
        case .learn: return settings.learn
        case .prewarm: return settings.prewarm
        case .report: return settings.report
        }
    }
}

/// Which jobs are due, and when the next one is: pure functions of the schedule, the recorded
/// runs and `now`.
public enum JobScheduler {
    /// The jobs due at `now`, in running order.
    public static func due(_ settings: ScheduleSettings, runs: ScheduleState, now: Int64) -> [ScheduledJob] {
        ScheduledJob.allCases.filter { job in
            guard let due = job.schedule(in: settings).nextDue(lastRun: runs.lastRun[job], now: now) else { return false }
            return due <= now
        }
    }

    /// The earliest time any job is due; nil when every job is `off`.
    public static func nextDue(_ settings: ScheduleSettings, runs: ScheduleState, now: Int64) -> Int64? {
        ScheduledJob.allCases.compactMap { job in
            job.schedule(in: settings).nextDue(lastRun: runs.lastRun[job], now: now)
        }.min()
    }
}
