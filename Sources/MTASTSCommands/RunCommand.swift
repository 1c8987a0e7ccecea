import ArgumentParser
import Foundation
import MTASTSConfig
import Prewarm

/// `mtasts run`: the scheduler of `mtasts tick` as a long-running service.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the scheduled jobs as a long-running service (SIGHUP reloads, SIGTERM stops).",
        discussion: """
            Sleeps until the next job is due. SIGHUP reloads the configuration (a broken file is \
            reported and the old one kept). SIGTERM or SIGINT: the pass in flight starts no new \
            domain, the domains in flight finish, then exit 0. When `mtasts tick` holds the lock, \
            the round is retried a minute later.
            """)

    /// How long to wait before retrying a round whose lock was busy.
    static let lockRetry: Int64 = 60
    /// The longest sleep, so a changed clock is noticed.
    static let longestSleep: Int64 = 3_600

    @OptionGroup var options: GlobalOptions

    @OptionGroup var writer: WriterOptions

    func run() throws {
        try writer.begin(command: "run")
        let signals = ServiceSignals()
        var context = PrewarmContext(configuration: try options.loadConfiguration())
        let log: (String) -> Void = { FileHandle.standardOutput.write(Data(($0 + "\n").utf8)) }
        log("run: started (learn \(context.configuration.schedule.learn), prewarm \(context.configuration.schedule.prewarm), report \(context.configuration.schedule.report))")
        while !signals.shouldStop {
            if signals.takeReload() {
                do {
                    context = PrewarmContext(configuration: try options.loadConfiguration())
                    log("run: configuration reloaded")
                } catch {
                    log("run: reload failed, keeping the previous configuration: \(error)")
                }
            }
            let runner = JobRunner(context: context, output: log)
            var wakeAt: Int64
            do {
                if try runner.runDueJobs(stop: signals.stop) == .lockBusy {
                    log("run: another mtasts process holds the lock; retrying in \(Self.lockRetry)s")
                    wakeAt = context.clock.now() + Self.lockRetry
                } else {
                    wakeAt = try runner.nextDue()?.at ?? (context.clock.now() + Self.longestSleep)
                }
            } catch {
                log("run: \(error)")
                wakeAt = context.clock.now() + Self.lockRetry
            }
            if signals.shouldStop { break }
            let now = context.clock.now()
            signals.wait(until: min(max(wakeAt, now + 1), now + Self.longestSleep))
        }
        log("run: stopped")
    }
}
