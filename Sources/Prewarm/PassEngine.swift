import Discovery
import Foundation
import MTASTSPolicy
import PolicyStore
import Synchronization

/// Runs `PolicyRefresher.refresh` over a pass's domains on a bounded pool of worker threads.
///
/// Discovery is synchronous and blocking (DNS and HTTPS wait on sockets), so it runs on N
/// dedicated threads pulling from one shared queue, never on the Swift concurrency pool. Each
/// domain is written in one LMDB write transaction by the refresher; LMDB serialises writers.
/// At most `concurrency` domains are in flight at any moment.
public struct PassEngine: Sendable {
    public let refresher: PolicyRefresher
    public let concurrency: Int
    public let clock: any WallClock

    public init(refresher: PolicyRefresher, concurrency: Int, clock: any WallClock) {
        self.refresher = refresher
        self.concurrency = max(1, concurrency)
        self.clock = clock
    }

    /// Works through `items`, calling `progress` on the calling thread about five times a second
    /// (and once at the end) with the summary so far. Stops starting domains once `stop` is raised.
    /// `observe`, when given, hears of each finished domain on the worker thread that did it.
    public func run(_ items: [PassItem], stop: StopSignal = StopSignal(),
                    progress: ((PassSummary) -> Void)? = nil,
                    observe: (@Sendable (DomainEvent) -> Void)? = nil) -> PassSummary {
        let started = ContinuousClock.now
        let state = PassState(total: items.count)
        let workers = min(concurrency, items.count)
        let group = DispatchGroup()
        for _ in 0..<workers {
            group.enter()
            let thread = Thread { [refresher, clock] in
                defer { group.leave() }
                while !stop.isRaised, let item = state.next(items) {
                    let domainStarted = ContinuousClock.now
                    let outcome = Self.refresh(item, refresher: refresher, now: clock.now())
                    state.record(outcome)
                    observe?(DomainEvent.of(outcome, domain: item.domain, seconds: Self.seconds(since: domainStarted)))
                }
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        while group.wait(timeout: .now() + .milliseconds(200)) == .timedOut {
            progress?(state.snapshot(seconds: Self.seconds(since: started)))
        }
        var summary = state.snapshot(seconds: Self.seconds(since: started))
        summary.skipped = summary.total - summary.done
        progress?(summary)
        return summary
    }

    /// What happened to one domain.
    enum Outcome {
        case report(RefreshReport)
        case cacheError(String)
    }

    static func refresh(_ item: PassItem, refresher: PolicyRefresher, now: Int64) -> Outcome {
        do throws(StoreError) {
            return .report(try refresher.refresh(item.domain, now: now, force: item.force))
        } catch {
            return .cacheError(error.description)
        }
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}

/// The queue position and the counts, shared by the workers.
private final class PassState: Sendable {
    private let next = Atomic<Int>(0)
    private let summary: Mutex<PassSummary>

    init(total: Int) {
        var initial = PassSummary()
        initial.total = total
        summary = Mutex(initial)
    }

    func next(_ items: [PassItem]) -> PassItem? {
        let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
        return index < items.count ? items[index] : nil
    }

    func record(_ outcome: PassEngine.Outcome) {
        summary.withLock { summary in
            switch outcome {
            case .cacheError(let message):
                summary.cacheErrors += 1
                if summary.firstCacheError == nil { summary.firstCacheError = message }
            case .report(let report):
                switch report.result.outcome {
                case .fetched: summary.fetched += 1
                case .unchanged: summary.unchanged += 1
                case .noPolicy: summary.noPolicy += 1
                case .failure: summary.failed += 1
                }
                if report.keptCachedPolicy { summary.keptCachedPolicy += 1 }
            }
        }
    }

    func snapshot(seconds: Double) -> PassSummary {
        var copy = summary.withLock { $0 }
        copy.seconds = seconds
        return copy
    }
}
