import EximLog
import MTASTSPolicy

/// Reads one UTC day's TLS sessions from Exim's main logs, for a TLSRPT report (RFC 8460 §4).
///
///     let reader = SessionReader(logs: ["/var/log/exim4/mainlog"], timezone: .system,
///                                ignoreSenders: ["tlsrpt-noreply@example.org"],
///                                hadPolicy: { domain, day in cache.hadPolicy(domain, day) })
///     let sessions = try reader.read(day: UTCDay("2026-11-24")!)
///
/// Each configured log is read whole, together with its rotated generations (`mainlog.1`,
/// `mainlog.2.gz`, ...) that can hold lines of the day or of the day before (the day before
/// only for the arrival lines of `ignoreSenders`); files are streamed, never loaded whole.
/// Times are converted to UTC: a zone offset in the line (`log_timezone = true`) wins, else
/// `timezone` says what the local times mean.
public struct SessionReader: Sendable {
    public let logs: [String]
    public let timezone: SessionTimeZone
    /// Senders whose messages are not counted (the report and DMARC addresses), lower case.
    public let ignoreSenders: Set<String>
    /// Whether `domain` had an MTA-STS policy (enforce or testing) valid during `day`: then a
    /// `CV=no` or cleartext delivery is a failure (RFC 8461 §5), else not.
    public let hadPolicy: @Sendable (DomainName, UTCDay) -> Bool
    public let maximumLineLength: Int
    /// Whether lines go through the byte-level pre-filter and ``DeliveryLineScanner`` before the
    /// full parse (always, but for tests that compare both paths on the same logs).
    var usesFastPaths = true

    public init(logs: [String], timezone: SessionTimeZone = .system, ignoreSenders: [String] = [],
                maximumLineLength: Int = 64 * 1024,
                hadPolicy: @escaping @Sendable (DomainName, UTCDay) -> Bool) {
        self.logs = logs
        self.timezone = timezone
        self.ignoreSenders = Set(ignoreSenders.map { $0.lowercased() })
        self.maximumLineLength = maximumLineLength
        self.hadPolicy = hadPolicy
    }

    /// The sessions of `day`. Lines that are not main log lines are counted in `skippedLines`.
    public func read(day: UTCDay) throws(SessionReaderError) -> DailySessions {
        var counter = SessionCounter(day: day, hadPolicy: hadPolicy)
        var ignored = IgnoredMessages(senders: ignoreSenders)
        var skipped = 0
        let prefilter = LinePrefilter(ignoredSenders: ignoreSenders)
        var clock = LogClock(timezone: timezone)
        let windowStart = day.start - 86_400
        for file in try files(from: windowStart, to: day.end) {
            do {
                skipped += try LogScan.readLines(of: file, maximumLineLength: maximumLineLength) { bytes in
                    guard LinePrefilter.looksLikeLogLine(bytes) else {
                        if !bytes.isEmpty { skipped += 1 }
                        return
                    }
                    guard !usesFastPaths || prefilter.mayMatter(bytes) else { return }
                    if usesFastPaths, let scanned = DeliveryLineScanner.read(bytes) { // the common delivery lines, without the full parse
                        let time = clock.unixTime(of: scanned.timestamp)
                        guard day.contains(time) else { return }
                        let messageID = PackedText(bytes[scanned.messageID])
                        if !ignored.contains(messageID: messageID) {
                            counter.consume(scanned, in: bytes, messageID: messageID, time: time)
                        }
                        return
                    }
                    guard let line = try? EximLogLine(parsing: bytes) else {
                        skipped += 1
                        return
                    }
                    let time = clock.unixTime(of: line.timestamp)
                    guard time >= windowStart, time <= day.end else { return }
                    if ignored.consume(line) { return }
                    guard time >= day.start else { return }
                    counter.consume(line, time: time)
                }
            } catch {
                throw SessionReaderError(path: file, reason: error.description)
            }
        }
        var sessions = counter.sessions
        sessions.skippedLines = skipped
        return sessions
    }

    /// The files that can hold lines between `start` and `end`, oldest first. A rotated file
    /// holds the lines from its first line's time up to the next newer file's first line.
    func files(from start: Int64, to end: Int64) throws(SessionReaderError) -> [String] {
        var chosen: [String] = []
        for log in logs {
            let generations = LogScan.generations(of: log)
            var firstTimes: [Int64?] = []
            for file in generations {
                do {
                    firstTimes.append(try LogScan.firstLine(of: file) { bytes in
                        (try? EximLogLine(parsing: bytes)).map { timezone.unixTime(of: $0.timestamp) }
                    })
                } catch {
                    throw SessionReaderError(path: file, reason: error.description)
                }
            }
            for (index, file) in generations.enumerated() {
                let begins = firstTimes[index]
                let nextBegins = firstTimes[(index + 1)...].lazy.compactMap { $0 }.first
                if let begins, begins > end { continue }
                if let nextBegins, nextBegins < start { continue }
                chosen.append(file)
            }
        }
        return chosen
    }
}

/// Why the logs could not be read, as one sentence.
public struct SessionReaderError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var reason: String

    public var description: String { "cannot read the Exim log \(path) for the TLS report: \(reason)" }
}
