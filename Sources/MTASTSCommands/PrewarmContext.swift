import Discovery
import DomainSet
import Foundation
import Logging
import Synchronization
import MTASTSConfig
import MTASTSPolicy
import PolicyStore
import Prewarm

/// What the prewarm, domains, tick and run commands share: the configuration's services, the
/// tracked domains and the writer lock.
struct PrewarmContext {
    let configuration: Configuration
    var clock: any WallClock = SystemWallClock()
    /// `--rebuild`: move a cache file that is not an LMDB cache aside and start a fresh one.
    var rebuild = false

    var settings: RenewalSettings { RenewalSettings(configuration.prewarm) }
    var stateDirectory: String { configuration.state.directory }

    /// The domains to keep warm: the domain set (configured, listed in files, learned, missed;
    /// minus the ignored), or with explicit domains only those. Domain-file warnings go to stderr.
    func candidates(explicit: [DomainName], store: any PolicyStore) throws -> [DomainCandidate] {
        if !explicit.isEmpty {
            return explicit.map { DomainCandidate(domain: $0, sources: ["command line"]) }
        }
        let set: DomainSet
        do {
            set = try DomainSetBuilder.build(configuration: configuration, store: store, now: clock.now())
        } catch {
            throw CommandFailure("\(error)", status: ExitStatus.usage)
        }
        for warning in set.warnings { writeStandardError("mtasts: warning: \(warning)\n") }
        return set.domains.map(DomainCandidate.init)
    }

    /// The pass over the read-write cache, with timeouts fitted to the domain deadline.
    func pass(store: any PolicyStore) throws -> PrewarmPass {
        let discoverer: PolicyDiscoverer
        do {
            discoverer = try DiscovererFactory.make(configuration, userAgent: "mtasts/\(MTASTSCommand.configuration.version)")
        } catch {
            throw CommandFailure("\(error)", status: ExitStatus.usage)
        }
        return PrewarmPass(store: store, discoverer: discoverer, settings: settings,
                           concurrency: configuration.prewarm.concurrency, clock: clock,
                           journal: FileDiscoveryFailureJournal(directory: configuration.state.directory))
    }

    /// Checks that `state.directory` exists (it is never created: systemd's StateDirectory= or
    /// the package makes it with the right owner).
    func checkStateDirectory() throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: stateDirectory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CommandFailure("state.directory \(stateDirectory) does not exist; create it, writable by the Exim user",
                                 status: ExitStatus.usage)
        }
    }

    /// Runs one pass, showing progress on a terminal; a configuration or cache problem throws (exit 2).
    /// `failureTypes`, when given, counts the pass's failures by TLSRPT result type (for the metrics).
    func runPass(selection: PassSelection, explicit: [DomainName], stop: StopSignal = StopSignal(),
                 showProgress: Bool, failureTypes: FailureTally? = nil) throws -> PassSummary {
        let store = try Services(configuration: configuration).store(.readWrite, rebuild: rebuild)
        let pass = try pass(store: store)
        let candidates = try self.candidates(explicit: explicit, store: store)
        let progress = showProgress ? TerminalProgress() : nil
        let summary: PassSummary
        do {
            summary = try pass.run(candidates: candidates, includeCache: false, selection: selection, stop: stop,
                                   progress: progress.map { terminal in { terminal.show($0) } },
                                   observe: Self.logDomain(Log.shared, tally: failureTypes))
        } catch {
            throw CommandFailure("\(error)", status: ExitStatus.usage)
        }
        progress?.finish()
        return summary
    }
}

extension PrewarmContext {
    /// Logs each domain of a pass: failures at warning (shown by default), the rest at debug (--verbose).
    static func logDomain(_ logger: Logger, tally: FailureTally? = nil) -> @Sendable (DomainEvent) -> Void {
        { event in
            if event.isFailure { tally?.add(event.resultType ?? event.outcome) }
            var metadata: Logger.Metadata = ["domain": .string(event.domain.value), "outcome": .string(event.outcome),
                                             "duration": Log.seconds(event.seconds)]
            if let type = event.resultType { metadata["result_type"] = .string(type) }
            if let detail = event.detail { metadata["reason"] = .string(detail) }
            if event.isFailure {
                logger.warning("prewarm: domain failed", metadata: metadata)
            } else {
                logger.debug("prewarm: domain done", metadata: metadata)
            }
        }
    }
}

/// Failures of a pass by TLSRPT result type, counted from the worker threads.
final class FailureTally: Sendable {
    private let counts = Mutex<[String: Int]>([:])

    func add(_ type: String) { counts.withLock { $0[type, default: 0] += 1 } }

    /// `(type, count)` sorted by type.
    var sorted: [(String, Int)] { counts.withLock { $0 }.sorted { $0.key < $1.key } }
}

/// The progress line redrawn on standard error while a pass runs on a terminal.
final class TerminalProgress {
    static var isTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    func show(_ summary: PassSummary) {
        writeStandardError("\r" + ProgressLine.render(summary) + "\u{1B}[K")
    }

    func finish() {
        writeStandardError("\r\u{1B}[K")
    }
}
