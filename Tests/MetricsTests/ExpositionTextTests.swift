import Foundation
@testable import Metrics
import Testing

@Suite("Exposition text")
struct ExpositionTextTests {
    static let numbers: [(Double, String)] = [
        (0, "0"), (42, "42"), (-3, "-3"), (0.125, "0.125"), (1_764_000_000, "1764000000"),
        (.nan, "NaN"), (.infinity, "+Inf"), (-.infinity, "-Inf"), (1e20, "1e+20"),
    ]

    @Test("numbers", arguments: numbers)
    func rendersNumber(_ value: Double, _ text: String) {
        #expect(ExpositionText.number(value) == text)
    }

    static let labels: [(String, String)] = [
        ("plain", #"plain"#), (#"a"b"#, #"a\"b"#), (#"back\slash"#, #"back\\slash"#), ("two\nlines", #"two\nlines"#),
    ]

    @Test("label values are escaped", arguments: labels)
    func labelEscaping(_ value: String, _ escaped: String) {
        #expect(ExpositionText.series("m", [MetricLabel("l", value)]) == "m{l=\"\(escaped)\"}")
    }

    @Test("families render HELP, TYPE and one line per sample")
    func families() {
        let text = ExpositionText.render([
            MetricFamily("mtasts_domains", .gauge, help: "Tracked domains by state.", samples: [
                MetricSample(3, "state", "enforce"), MetricSample(1, "state", "no_policy"),
            ]),
            MetricFamily("mtasts_prewarm_duration_seconds", .gauge, help: "Seconds\nof the pass \\ last.", value: 1.5),
        ])
        #expect(text == """
            # HELP mtasts_domains Tracked domains by state.
            # TYPE mtasts_domains gauge
            mtasts_domains{state="enforce"} 3
            mtasts_domains{state="no_policy"} 1
            # HELP mtasts_prewarm_duration_seconds Seconds\\nof the pass \\\\ last.
            # TYPE mtasts_prewarm_duration_seconds gauge
            mtasts_prewarm_duration_seconds 1.5

            """)
    }

    static let names: [(String, Bool, Bool)] = [
        ("mtasts_up", false, true), ("_x:y", false, true), ("_x:y", true, false), ("9lives", false, false),
        ("", false, false), ("a-b", false, false),
    ]

    @Test("metric and label names", arguments: names)
    func checksName(_ name: String, _ label: Bool, _ valid: Bool) {
        #expect(ExpositionText.isValidName(name, label: label) == valid)
    }
}

@Suite("Metrics files")
struct MetricsFileTests {
    static func scratch() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("mtasts-metrics-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test("the file is replaced whole and no temporary file stays behind")
    func atomicWrite() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/mtasts.prom"
        try MetricsFile.write("a 1\n", to: path)
        try MetricsFile.write("b 2\n", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "b 2\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["mtasts.prom"])
    }

    @Test("a missing directory is one clear sentence")
    func missingDirectory() throws {
        let error = try #require(throws: MetricsError.self) { try MetricsFile.write("x 1\n", to: "/nonexistent-mtasts/m.prom") }
        #expect(error.description.hasPrefix("metrics: /nonexistent-mtasts/m.prom: cannot create"))
    }

    @Test("cumulative state round-trips and adds up")
    func state() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var state = MetricsState.load(directory: directory)
        #expect(state.values.isEmpty)
        state.add(2, to: "mtasts_prewarm_domains_total", [MetricLabel("outcome", "fetched")])
        state.add(3, to: "mtasts_prewarm_domains_total", [MetricLabel("outcome", "fetched")])
        state.add(1, to: "mtasts_runs_total")
        try state.save(directory: directory)
        let loaded = MetricsState.load(directory: directory)
        #expect(loaded == state)
        #expect(loaded.samples(of: "mtasts_prewarm_domains_total") == [MetricSample(5, "outcome", "fetched")])
        #expect(loaded.samples(of: "mtasts_runs_total") == [MetricSample(1)])
        #expect(MetricsState.parse("garbage\nok 2\n").values == ["ok": 2])
    }
}
