import Discovery
import MTASTSPolicy
import PolicyStore
import Synchronization
import TLSReport
import TLSSessions

/// The report's discovery failures (RFC 8460 §4.3.2.2) from the prewarmer's dated journal
/// (`discovery-failures-YYYY-MM-DD.jsonl` in `state.directory`); for a day without a journal
/// file, the cache's last check (``LastCheckFailures``). Each day's file is read once.
final class JournalDiscoveryFailures: TLSReport.DiscoveryFailureJournal {
    let journal: FileDiscoveryFailureJournal
    let fallback: LastCheckFailures
    private let days = Mutex<[UTCDay: [DomainName: [DatedDiscoveryFailure]]?]>([:])

    init(journal: FileDiscoveryFailureJournal, store: any PolicyStore) {
        self.journal = journal
        fallback = LastCheckFailures(store: store)
    }

    func failures(of domain: DomainName, on day: UTCDay) throws -> [DatedDiscoveryFailure] {
        guard let byDomain = try recorded(on: day) else { return try fallback.failures(of: domain, on: day) }
        return byDomain[domain] ?? []
    }

    /// The day's journal grouped by domain; nil when the day has no journal file.
    private func recorded(on day: UTCDay) throws -> [DomainName: [DatedDiscoveryFailure]]? {
        if let known = days.withLock({ $0[day] }) { return known }
        var grouped: [DomainName: [DatedDiscoveryFailure]]?
        if journal.hasFile(forDay: day.description) {
            grouped = [:]
            for record in try journal.records(forDay: day.description) {
                guard let type = ResultType(rawValue: record.resultType) else { continue }
                grouped?[record.domain, default: []].append(
                    DatedDiscoveryFailure(resultType: type, at: record.time, reason: record.detail))
            }
        }
        days.withLock { $0[day] = .some(grouped) }
        return grouped
    }
}
