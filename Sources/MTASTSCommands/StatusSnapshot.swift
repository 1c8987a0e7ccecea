import Discovery
import Foundation
import MTASTSConfig
import MTASTSPolicy
import PolicyStore
import Prewarm
import ReportSender
import TLSSessions

/// Everything `mtasts status` shows, read without writing anything.
struct StatusSnapshot {
    var now: Int64
    var cachePath: String
    /// Bytes of the cache file; nil when it does not exist.
    var cacheBytes: Int64?
    var census: CacheCensus
    var schedule: ScheduleState
    /// Failures from the dated discovery-failure journal (today and yesterday, UTC), newest first.
    var journalFailures: [DiscoveryFailureRecord]
    /// Report journal counts per UTC day: (day, sent, pending, failed), newest first.
    var reportDays: [(day: String, sent: Int, pending: Int, failed: Int)]
    /// Problems met while reading (a state file that does not parse, …): shown, never fatal.
    var problems: [String] = []

    static func gather(configuration: Configuration, now: Int64) throws -> StatusSnapshot {
        let path = configuration.cache.path
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value
        var problems: [String] = []
        let directory = configuration.state.directory
        let schedule: ScheduleState
        do {
            schedule = try ScheduleState.load(directory: directory)
        } catch {
            problems.append("\(error)")
            schedule = ScheduleState()
        }
        let census: CacheCensus
        if size != nil {
            let store = try Services(configuration: configuration).store(.readOnly)
            census = try CacheCensus.gather(configuration: configuration, store: store, now: now,
                                            missesSince: schedule.lastRun[.prewarm])
        } else {
            problems.append("the cache \(path) does not exist yet; run `mtasts prewarm`")
            census = try CacheCensus.gather(configuration: configuration, store: MemoryPolicyStore(), now: now, missesSince: nil)
        }
        let journal = FileDiscoveryFailureJournal(directory: directory)
        let today = UTCDay(containing: now)
        var failures: [DiscoveryFailureRecord] = []
        for day in [today, today.adding(days: -1)] {
            do {
                failures += try journal.records(forDay: "\(day)")
            } catch {
                problems.append("\(error)")
            }
        }
        failures.sort { ($0.time, $0.domain) > ($1.time, $1.domain) }
        return StatusSnapshot(now: now, cachePath: path, cacheBytes: size, census: census, schedule: schedule,
                              journalFailures: failures, reportDays: reportDays(directory: directory, problems: &problems),
                              problems: problems)
    }

    /// Reads `<state.directory>/tlsrpt-journal.json` directly (opening a ``ReportJournal`` would
    /// take the report run's lock and could create files).
    static func reportDays(directory: String, problems: inout [String]) -> [(day: String, sent: Int, pending: Int, failed: Int)] {
        let path = directory + "/tlsrpt-journal.json"
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        let entries: [JournalEntry]
        do {
            entries = try JSONDecoder().decode([JournalEntry].self, from: data)
        } catch {
            problems.append("report journal \(path) does not parse: \(error)")
            return []
        }
        var days: [String: (sent: Int, pending: Int, failed: Int)] = [:]
        for entry in entries {
            var counts = days[entry.day] ?? (0, 0, 0)
            switch entry.state {
            case .sent, .handedOver: counts.sent += 1
            case .sending, .retrying: counts.pending += 1
            case .gaveUp: counts.failed += 1
            case .noDestination: break
            }
            days[entry.day] = counts
        }
        return days.keys.sorted(by: >).map { ($0, days[$0]!.sent, days[$0]!.pending, days[$0]!.failed) }
    }
}
