import Discovery
import DomainSet
import MTASTSConfig
import Prewarm
import ReportSender

/// Runs the scheduled jobs that are due, under the writer lock, recording each run in the
/// state file. Shared by `mtasts tick` (once) and `mtasts run` (in a loop).
struct JobRunner {
    let context: PrewarmContext
    /// Where each job's lines go (stdout for tick; the journal for run).
    let output: (String) -> Void

    /// What a round did.
    enum Round: Equatable {
        /// Another process holds the lock: nothing was done.
        case lockBusy
        /// These jobs ran.
        case ran([ScheduledJob])
    }

    /// Runs every due job, in order; the state file is rewritten after each. A configuration
    /// or cache error ends the round (the jobs before it stay recorded).
    func runDueJobs(stop: StopSignal = StopSignal()) throws -> Round {
        let directory = context.stateDirectory
        try context.checkStateDirectory()
        let lock: WriterLock
        do {
            guard let taken = try WriterLock.acquire(directory: directory) else { return .lockBusy }
            lock = taken
        } catch {
            throw CommandFailure("\(error)", status: ExitStatus.usage)
        }
        defer { lock.release() }
        var state = try loadState()
        let due = JobScheduler.due(context.configuration.schedule, runs: state, now: context.clock.now())
        var ran: [ScheduledJob] = []
        for job in due {
            if stop.isRaised { break }
            let started = context.clock.now()
            try run(job, stop: stop)
            if stop.isRaised && job == .prewarm { break } // an interrupted pass is not a finished run
            state.lastRun[job] = started
            do {
                try state.save(directory: directory)
            } catch {
                throw CommandFailure("\(error)", status: ExitStatus.usage)
            }
            ran.append(job)
        }
        return .ran(ran)
    }

    func loadState() throws -> ScheduleState {
        do {
            return try ScheduleState.load(directory: context.stateDirectory)
        } catch {
            throw CommandFailure("\(error)", status: ExitStatus.usage)
        }
    }

    /// When the next job is due, from the state file (for messages and `run`'s wait).
    func nextDue() throws -> (job: ScheduledJob, at: Int64)? {
        let state = try loadState()
        let now = context.clock.now()
        let schedule = context.configuration.schedule
        return ScheduledJob.allCases.compactMap { job in
            job.schedule(in: schedule).nextDue(lastRun: state.lastRun[job], now: now).map { (job, $0) }
        }.min { $0.1 < $1.1 }
    }

    /// `mtasts learn`: new Exim log lines → learned domains. An unreadable log is reported and
    /// does not stop the round (its read position is kept for the next one).
    private func learn() throws {
        let store = try Services(configuration: context.configuration).store(.readWrite)
        let report: LearnReport
        do {
            report = try LogLearner(configuration: context.configuration, store: store).learn(now: context.clock.now())
        } catch {
            throw CommandFailure("\(error)", status: ExitStatus.usage)
        }
        for problem in report.problems { output("learn: \(problem)") }
        output("learn: \(report.linesRead) new log line(s), \(report.domainsLearned.count) domain(s) seen, "
               + "\(report.newDomains.count) new, \(report.forgottenDomains.count) forgotten")
    }

    /// `mtasts report` for the catch-up days: sends what is due, exactly once. Without
    /// `report.organization` and `report.contact` there is nothing to send, and it says so.
    private func report() throws {
        let configuration = context.configuration
        guard ReportJob.isConfigured(configuration) else {
            output("report: skipped (report.organization and report.contact are not set)")
            return
        }
        let now = context.clock.now()
        let actions = try ReportJob(configuration: configuration)
            .run(days: ReportRun.days(now: now, catchUpDays: configuration.report.catchUpDays), now: now, force: false)
        let sent = actions.filter { $0.kind == .sent }.count
        let failed = actions.filter { ReportJob.anyFailed([$0]) }.count
        output("report: \(actions.count) action(s), \(sent) sent, \(failed) to retry or given up")
    }

    private func run(_ job: ScheduledJob, stop: StopSignal) throws {
        switch job {
        case .learn:
            try learn()
        case .prewarm:
            let summary = try context.runPass(selection: .due, explicit: [], stop: stop, showProgress: false)
            output(summary.line)
            if let message = summary.firstCacheError { throw CommandFailure(message, status: ExitStatus.usage) }
        case .report:
            try report()
        }
    }
}
