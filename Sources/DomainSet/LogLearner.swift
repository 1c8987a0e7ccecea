import EximLog
import MTASTSConfig
import MTASTSPolicy
import PolicyStore

/// Learns recipient domains from Exim's main logs (`learn.exim_logs`): reads the lines added
/// since the last run (positions in `<state.directory>/exim-log-positions`), takes the domain
/// of every remote delivery, deferral and failure (``EximLogLine/isRemoteDeliveryOutcome``),
/// records it in the cache (`D:learned`) and forgets learned domains not seen for
/// `learn.forget_after`.
///
/// `D:learned` is the time of the newest line naming the domain (the line's own time, never
/// later than `now`), not the time of the run: a first run over weeks of rotated logs must not
/// make a domain last seen a month ago look fresh.
///
/// The domain is that of the address Exim routed and delivered to (the first address of the
/// line); a `<...>` address after it is the original recipient before redirection, usually a
/// local alias, whose domain's policy played no part in the delivery.
///
/// The cache is written before the positions: a crash in between re-reads those lines next
/// time, which is harmless (learning is idempotent); a line is never counted twice otherwise.
public struct LogLearner: Sendable {
    public let configuration: Configuration
    public let store: any PolicyStore
    /// What a log time without a zone means (Exim writes local time unless `log_timezone`).
    public let localTime: LocalTimeConversion

    public init(configuration: Configuration, store: any PolicyStore, localTime: LocalTimeConversion = .system) {
        self.configuration = configuration
        self.store = store
        self.localTime = localTime
    }

    /// Reads the new lines of every configured log and updates the cache; `now` is Unix seconds.
    public func learn(now: Int64) throws(LearnError) -> LearnReport {
        var report = LearnReport()
        let positionFile = LogPositionFile(directory: configuration.state.directory)
        var positions: [String: LogPosition]
        do {
            positions = try positionFile.load()
        } catch {
            throw LearnError(error.description)
        }
        var sightings: [DomainName: Int64] = [:]
        let ignore = configuration.ignoreDomains

        for log in configuration.learn.eximLogs {
            let follower = LogFollower(path: log)
            let pass: LogFollower.Pass
            do {
                pass = try follower.read(from: positions[log]) { bytes in
                    report.linesRead += 1
                    guard let line = try? EximLogLine(parsing: bytes) else {
                        report.linesSkipped += 1
                        return
                    }
                    report.linesParsed += 1
                    guard line.isRemoteDeliveryOutcome, let domain = line.recipientDomain else { return }
                    report.remoteDeliveryLines += 1
                    if ignore.matches(domain) { return }
                    let seenAt = min(line.timestamp.unixTime(localTime: localTime), now)
                    sightings[domain] = max(sightings[domain] ?? seenAt, seenAt)
                }
            } catch {
                report.problems.append(error.description)
                continue
            }
            report.linesRead += pass.overlongLines
            report.linesSkipped += pass.overlongLines
            report.files += pass.files.map { LearnReport.FileRead(path: $0.path, fromOffset: $0.fromOffset,
                                                                 toOffset: $0.toOffset, lines: $0.lines) }
            if pass.logMissing { report.missingLogs.append(log) }
            if let position = pass.position { positions[log] = position }
        }

        // A sighting already older than forget_after (an old rotated log) teaches nothing.
        let forgetAfter = configuration.learn.forgetAfter.components.seconds
        sightings = sightings.filter { now - $0.value <= forgetAfter }
        let learned = LearnedDomains(store: store, ignore: ignore)
        do {
            let recorded = try learned.record(sightings) { now - $0 <= forgetAfter }
            report.domainsLearned = recorded.learned
            report.newDomains = recorded.new
            report.forgottenDomains = try learned.forgetStale(forgetAfter: configuration.learn.forgetAfter, now: now)
        } catch {
            throw LearnError(error.description)
        }
        do {
            try positionFile.save(positions)
        } catch {
            throw LearnError(error.description)
        }
        return report
    }
}

/// Why `learn` could not finish (the cache or the position file), as one sentence.
/// A log that cannot be read is not an error: it is reported in ``LearnReport/problems``.
public struct LearnError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
