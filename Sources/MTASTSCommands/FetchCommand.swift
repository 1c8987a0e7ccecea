import ArgumentParser
import Discovery
import MTASTSPolicy
import PolicyStore

/// `mtasts fetch DOMAIN [--json] [--store] [--force]`: runs RFC 8461 discovery live and
/// explains the outcome; with `--store`, applies the §5.1 refresh rule to the cache.
struct FetchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Discover a domain's MTA-STS policy (TXT, then HTTPS) and explain the outcome.",
        discussion: "Exit 0: a policy; 3: no policy; 4: discovery failed; 2: usage or configuration error.")

    @Argument(help: ArgumentHelp("The recipient domain, e.g. gmail.com.", valueName: "domain"))
    var domain: String

    @OptionGroup var options: GlobalOptions

    @OptionGroup var writer: WriterOptions

    @OptionGroup var rebuildOptions: RebuildOptions

    @Flag(name: .long, help: "Write the outcome into the cache (RFC 8461 §5.1: an unchanged id needs no HTTPS fetch; a failure keeps the cached policy).")
    var store = false

    @Flag(name: .long, help: "With --store: fetch over HTTPS even when the TXT id is unchanged.")
    var force = false

    func validate() throws {
        if force && !store { throw ValidationError("--force only makes sense with --store") }
        if rebuildOptions.rebuild && !store { throw ValidationError("--rebuild only makes sense with --store") }
    }

    func run() throws {
        if store { try writer.begin(command: "fetch --store") }
        let name = try domainArgument(domain)
        let configuration = try options.loadConfiguration()
        let services = Services(configuration: configuration)
        let discoverer = try services.discoverer()
        let now = SystemWallClock().now()

        let summary: FetchSummary
        if store {
            let cache = try services.store(.readWrite, rebuild: rebuildOptions.rebuild)
            do {
                let journal = FileDiscoveryFailureJournal(directory: configuration.state.directory)
                let report = try PolicyRefresher(discoverer: discoverer, store: cache, journal: journal)
                    .refresh(name, now: now, force: force)
                summary = FetchSummary(result: report.result, reporting: report.reporting, now: now,
                                       storedAt: configuration.cache.path,
                                       keptPolicy: report.keptCachedPolicy ? report.entry.policy : nil)
            } catch {
                throw CommandFailure("\(error)", status: ExitStatus.usage)
            }
        } else {
            let result = discoverer.discover(name, cachedPolicy: nil, now: now)
            let reporting = PolicyRefresher.reportingLookupNeeded(result.outcome) ? discoverer.lookUpReporting(name) : nil
            summary = FetchSummary(result: result, reporting: reporting, now: now, storedAt: nil, keptPolicy: nil)
        }
        writeStandardOutput(options.json ? summary.json.rendered : summary.text)
        if summary.exitStatus != ExitStatus.success { throw ExitCode(summary.exitStatus) }
    }
}
