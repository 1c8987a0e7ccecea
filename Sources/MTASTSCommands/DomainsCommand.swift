import ArgumentParser
import Discovery
import Foundation
import JSONText
import PolicyStore
import Prewarm

/// `mtasts domains [--json]`: every tracked domain with its source, cache state and next action.
struct DomainsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "domains",
        abstract: "List every tracked domain: source, last seen, cache state, expiry, next action and when.",
        discussion: "Read-only. Exit 0; 2 for a configuration or cache error.")

    @OptionGroup var options: GlobalOptions

    func run() throws {
        let context = PrewarmContext(configuration: try options.loadConfiguration())
        let store: any PolicyStore
        do {
            store = try LMDBPolicyStore(path: context.configuration.cache.path, access: .readOnly)
        } catch where error.kind == .missing {
            store = MemoryPolicyStore()  // nothing cached yet: every domain is "never fetched"
        } catch {
            throw CommandFailure("\(error)", status: ExitStatus.usage)
        }
        let now = context.clock.now()
        let candidates = try context.candidates(explicit: [], store: store)
        let statuses: [DomainStatus]
        do {
            statuses = try DomainInventory(store: store, settings: context.settings)
                .statuses(candidates: candidates, includeCache: false, now: now)
        } catch {
            throw CommandFailure("\(error)", status: ExitStatus.usage)
        }
        if options.json {
            writeStandardOutput(JSONValue.object([("domains", .array(statuses.map { Self.json($0, now: now) }))]).rendered)
        } else {
            writeStandardOutput(Self.text(statuses, now: now))
        }
    }

    static func json(_ status: DomainStatus, now: Int64) -> JSONValue {
        let plan = status.plan
        return .object([
            ("domain", .string(status.domain.value)),
            ("sources", .array(status.candidate.sources.map(JSONValue.string))),
            ("last_seen", status.candidate.lastSeen.map { .int($0) } ?? .null),
            ("cache_state", .string(status.cacheState(at: now))),
            ("expire", status.entry?.policy.map { .int($0.expire) } ?? .null),
            ("last_checked", status.entry?.lastCheck.map { .int($0.checkedAt) } ?? .null),
            ("failures", .int(Int64(status.entry?.lastCheck?.consecutiveFailures ?? 0))),
            ("next_action", .string(plan.action.rawValue)),
            ("next_at", .int(max(plan.due, now))),
            ("due", .bool(plan.isDue(at: now))),
            ("force", .bool(plan.force)),
            ("reason", .string(plan.reason)),
        ])
    }

    static func text(_ statuses: [DomainStatus], now: Int64) -> String {
        if statuses.isEmpty { return "no tracked domains" }
        let header = ["DOMAIN", "SOURCES", "LAST SEEN", "CACHE", "EXPIRES", "NEXT", "WHEN"]
        let rows = statuses.map { status -> [String] in
            let plan = status.plan
            return [
                status.domain.value,
                status.candidate.sources.joined(separator: ","),
                status.candidate.lastSeen.map(Rendering.timestamp) ?? "-",
                status.cacheState(at: now),
                status.entry?.policy.map { Rendering.timestamp($0.expire) } ?? "-",
                plan.action.rawValue + (plan.force ? " (fetch)" : ""),
                plan.isDue(at: now) ? "now" : "in " + Rendering.duration(plan.due - now),
            ]
        }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                index == cells.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
        return ([line(header)] + rows.map(line)).joined(separator: "\n")
    }
}
