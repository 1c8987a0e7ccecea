import Foundation
import Metrics
import Testing
import TestWorld

/// `promtool check metrics` (Debian package `prometheus`) on a rendering; skipped without it.
@Suite("promtool")
struct PromtoolTests {
    static let promtool = ["/usr/bin/promtool", "/usr/local/bin/promtool"].first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test("promtool accepts the rendering", .enabled(if: promtool != nil, "promtool is not installed"))
    func promtoolAccepts() throws {
        let text = ExpositionText.render([
            MetricFamily("mtasts_domains", .gauge, help: "Tracked domains by policy state.",
                         samples: [MetricSample(3, "state", "enforce"), MetricSample(0, "state", "testing")]),
            MetricFamily("mtasts_prewarm_domains_total", .counter, help: "Domains prewarmed, by outcome.",
                         samples: [MetricSample(7, "outcome", "fetched")]),
            MetricFamily("mtasts_job_duration_seconds", .gauge, help: "Duration of the last run of each job.",
                         samples: [MetricSample(0.25, "job", "prewarm")]),
        ])
        let check = try ChildProcess(try #require(Self.promtool), ["check", "metrics"], stdin: text).run()
        #expect(check.status == 0, "\(check.output)")
        #expect(check.output.isEmpty, "promtool lint: \(check.output)")
    }
}
