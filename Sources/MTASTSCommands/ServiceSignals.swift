import Foundation
import Prewarm

/// The long-running service's signals and its timed wait.
///
/// SIGTERM and SIGINT ask the service to stop (the pass in flight stops starting domains, the
/// domains in flight finish and are stored); SIGHUP asks it to reload the configuration.
/// Signals arrive through `DispatchSource` (their default actions are ignored), and wake the
/// main loop's timed wait on a condition: no polling.
final class ServiceSignals: @unchecked Sendable {
    let stop = StopSignal()
    private let condition = NSCondition()
    private var reloadRequested = false
    private var stopRequested = false
    private var sources: [DispatchSourceSignal] = []
    private let queue = DispatchQueue(label: "mtasts.signals")

    init() {
        for (number, isReload) in [(SIGTERM, false), (SIGINT, false), (SIGHUP, true)] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { [weak self] in self?.received(reload: isReload) }
            source.resume()
            sources.append(source)
        }
    }

    private func received(reload: Bool) {
        condition.lock()
        if reload { reloadRequested = true } else { stopRequested = true; stop.raise() }
        condition.broadcast()
        condition.unlock()
    }

    var shouldStop: Bool {
        condition.lock()
        defer { condition.unlock() }
        return stopRequested
    }

    /// Whether a reload was asked for since the last call.
    func takeReload() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        let requested = reloadRequested
        reloadRequested = false
        return requested
    }

    /// Sleeps until `deadline` (Unix seconds) or until a signal arrives.
    func wait(until deadline: Int64) {
        let date = Date(timeIntervalSince1970: TimeInterval(deadline))
        condition.lock()
        while !stopRequested && !reloadRequested {
            if !condition.wait(until: date) { break }
        }
        condition.unlock()
    }
}
