import ArgumentParser
import Prewarm

/// `mtasts tick`: does whatever the `schedule` section says is due now, records it, and exits.
/// What the systemd timer runs every few minutes; a second tick right after does nothing.
struct TickCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tick",
        abstract: "Run the scheduled jobs (learn, prewarm, report) that are due now, then exit.",
        discussion: """
            When each job last ran is kept in <state.directory>/schedule. When another tick or \
            `mtasts run` holds the lock (<state.directory>/prewarm.lock), this tick skips its \
            round and exits 0. Exit 2 for a configuration, state or cache error.
            """)

    @OptionGroup var options: GlobalOptions

    @OptionGroup var writer: WriterOptions

    func run() throws {
        try writer.begin(command: "tick")
        let context = PrewarmContext(configuration: try options.loadConfiguration())
        let runner = JobRunner(context: context, output: { writeStandardOutput($0) })
        switch try runner.runDueJobs() {
        case .lockBusy:
            writeStandardOutput("tick: another mtasts tick or run holds \(context.stateDirectory)/\(WriterLock.fileName); skipped")
        case .ran(let jobs) where jobs.isEmpty:
            if let next = try runner.nextDue() {
                writeStandardOutput("tick: nothing due; next: \(next.job.rawValue) at \(Rendering.timestamp(next.at))")
            } else {
                writeStandardOutput("tick: nothing due; every job is off")
            }
        case .ran:
            break
        }
    }
}
