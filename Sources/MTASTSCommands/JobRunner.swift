import Discovery
import Foundation
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
            let clock = ContinuousClock.now
            let result: JobOutput
            do {
                result = try run(job, stop: stop)
            } catch {
                let seconds = Log.elapsed(since: clock)
                JobMetrics(configuration: context.configuration)
                    .record(JobRun(job: job.rawValue, succeeded: false, started: started, seconds: seconds), now: context.clock.now())
                if state.lastRun[job] != nil {
                    state.results[job] = ScheduleState.JobResult(succeeded: false, line: "\(job.rawValue): \(error)")
                    try? state.save(directory: directory)
                }
                Log.shared.error("job failed", metadata: ["job": .string(job.rawValue), "error": .string("\(error)")])
                throw error
            }
            if stop.isRaised && job == .prewarm { break } // an interrupted pass is not a finished run
            state.lastRun[job] = started
            state.results[job] = ScheduleState.JobResult(succeeded: result.succeeded, line: result.line)
            JobMetrics(configuration: context.configuration).record(
                JobRun(job: job.rawValue, succeeded: result.succeeded, started: started,
                       seconds: Log.elapsed(since: clock), counts: result.counts, failureTypes: result.failureTypes),
                now: context.clock.now())
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
    /// What a job's run says: its summary line (also written to `output`), success, counts.
    struct JobOutput {
        var succeeded: Bool
        var line: String
        var counts: [(String, Int)]
        var failureTypes: [(String, Int)] = []
    }

    private func learn() throws -> JobOutput {
        let store = try Services(configuration: context.configuration).store(.readWrite)
        let report: LearnReport
        do {
            report = try LogLearner(configuration: context.configuration, store: store).learn(now: context.clock.now())
        } catch {
            throw CommandFailure("\(error)", status: ExitStatus.usage)
        }
        for problem in report.problems {
            output("learn: \(problem)")
            Log.shared.warning("learn: log not read", metadata: ["reason": .string(problem)])
        }
        LearnCommand.logNewDomains(report)
        let line = "learn: \(report.linesRead) new log line(s), \(report.domainsLearned.count) domain(s) seen, "
            + "\(report.newDomains.count) new, \(report.forgottenDomains.count) forgotten"
        output(line)
        return JobOutput(succeeded: report.problems.isEmpty, line: line, counts: LearnCommand.counts(report))
    }

    /// `mtasts report` for the catch-up days: sends what is due, exactly once. Without
    /// `report.organization` and `report.contact` there is nothing to send, and it says so.
    private func report() throws -> JobOutput {
        let configuration = context.configuration
        guard ReportJob.isConfigured(configuration) else {
            let line = "report: skipped (report.organization and report.contact are not set)"
            output(line)
            return JobOutput(succeeded: true, line: line, counts: [])
        }
        let now = context.clock.now()
        let actions = try ReportJob(configuration: configuration)
            .run(days: ReportRun.days(now: now, catchUpDays: configuration.report.catchUpDays), now: now, force: false)
        ReportCommand.log(actions)
        let sent = actions.filter { $0.kind == .sent }.count
        let failed = actions.filter { ReportJob.anyFailed([$0]) }.count
        let line = "report: \(actions.count) action(s), \(sent) sent, \(failed) to retry or given up"
        output(line)
        return JobOutput(succeeded: failed == 0, line: line, counts: ReportCommand.counts(actions))
    }

    private func run(_ job: ScheduledJob, stop: StopSignal) throws -> JobOutput {
        switch job {
        case .learn:
            return try learn()
        case .prewarm:
            let tally = FailureTally()
            let summary = try context.runPass(selection: .due, explicit: [], stop: stop, showProgress: false, failureTypes: tally)
            output(summary.line)
            if let message = summary.firstCacheError { throw CommandFailure(message, status: ExitStatus.usage) }
            return JobOutput(succeeded: true, line: summary.line, counts: PrewarmCommand.counts(summary),
                             failureTypes: tally.sorted)
        case .report:
            return try report()
        }
    }
}
