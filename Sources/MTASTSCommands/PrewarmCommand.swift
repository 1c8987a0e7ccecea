import ArgumentParser
import JSONText
import MTASTSPolicy
import Prewarm

/// `mtasts prewarm [--all] [--force] [--domain D ...] [--json]`: one pass over what is due.
struct PrewarmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prewarm",
        abstract: "Fetch or re-check the MTA-STS policies that are due, into the cache.",
        discussion: """
            Without options, the domains whose renewal plan is due (see `mtasts domains`). \
            --all takes every tracked domain now: the TXT id is re-checked and the policy fetched \
            only where RFC 8461 §5.1 or the renewal window says so. --force fetches every policy. \
            --domain restricts the pass to the given domains, taken now (as --all). \
            Waits while another prewarm holds the lock. \
            Exit 0 when the pass ran, even if some domains failed; 2 for a configuration or cache error.
            """)

    @OptionGroup var options: GlobalOptions

    @OptionGroup var writer: WriterOptions

    @OptionGroup var rebuildOptions: RebuildOptions

    @Flag(name: .long, help: "Treat every tracked domain as due now.")
    var all = false

    @Flag(name: .long, help: "Fetch every selected policy over HTTPS, whatever its id.")
    var force = false

    @Option(name: .customLong("domain"), help: ArgumentHelp("Only this domain (repeatable).", valueName: "domain"))
    var domains: [String] = []

    func run() throws {
        try writer.begin(command: "prewarm")
        let explicit = try domains.map(domainArgument)
        var context = PrewarmContext(configuration: try options.loadConfiguration())
        context.rebuild = rebuildOptions.rebuild
        try context.checkStateDirectory()
        let lock = try Self.waitForLock(context)
        defer { lock.release() }
        let selection: PassSelection = force ? .force : (all || !explicit.isEmpty) ? .all : .due
        let started = context.clock.now()
        let tally = FailureTally()
        let summary = try context.runPass(selection: selection, explicit: explicit,
                                          showProgress: !options.json && TerminalProgress.isTerminal, failureTypes: tally)
        JobMetrics(configuration: context.configuration).record(
            JobRun(job: "prewarm", succeeded: summary.firstCacheError == nil, started: started,
                   seconds: summary.seconds, counts: Self.counts(summary), failureTypes: tally.sorted), now: context.clock.now())
        writeStandardOutput(options.json ? Self.json(summary).rendered : summary.line)
        if let message = summary.firstCacheError {
            throw CommandFailure(message, status: ExitStatus.usage)
        }
    }

    static func waitForLock(_ context: PrewarmContext) throws -> WriterLock {
        do {
            if let lock = try WriterLock.acquire(directory: context.stateDirectory) { return lock }
            writeStandardError("mtasts: waiting for another prewarm to finish (lock \(context.stateDirectory)/\(WriterLock.fileName))\n")
            return try WriterLock.acquire(directory: context.stateDirectory, wait: true)!
        } catch {
            throw CommandFailure("\(error)", status: ExitStatus.usage)
        }
    }

    /// The pass's outcome counts for the metrics (without `total`).
    static func counts(_ summary: PassSummary) -> [(String, Int)] {
        summary.counts.filter { $0.0 != "total" }
    }

    static func json(_ summary: PassSummary) -> JSONValue {
        .object(summary.counts.map { ($0.0, .int(Int64($0.1))) } + [("seconds", .string(PassSummary.format(summary.seconds)))])
    }
}
