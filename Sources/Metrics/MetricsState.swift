import Foundation

/// Values kept between runs (cumulative counters, last durations and timestamps), keyed by
/// series text (`mtasts_prewarm_domains_total{outcome="fetched"}`): the file
/// `<state.directory>/metrics-state`, one `series value` line each, replaced atomically.
public struct MetricsState: Sendable, Equatable {
    public var values: [String: Double]

    public static let fileName = "metrics-state"

    public init(values: [String: Double] = [:]) {
        self.values = values
    }

    public static func path(in directory: String) -> String { directory + "/" + fileName }

    /// The state; a missing file is empty, and an unreadable line is skipped (counters then
    /// restart, which Prometheus' `rate()` tolerates).
    public static func load(directory: String) -> MetricsState {
        guard let data = FileManager.default.contents(atPath: path(in: directory)) else { return MetricsState() }
        return parse(String(decoding: data, as: UTF8.self))
    }

    public static func parse(_ text: String) -> MetricsState {
        var state = MetricsState()
        for line in text.split(separator: "\n") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else { continue }
            state.values[String(line[..<space])] = value
        }
        return state
    }

    public var text: String {
        values.keys.sorted().map { "\($0) \(ExpositionText.number(values[$0]!))\n" }.joined()
    }

    public func save(directory: String) throws(MetricsError) {
        try MetricsFile.write(text, to: Self.path(in: directory))
    }

    public subscript(_ name: String, _ labels: [MetricLabel]) -> Double? {
        get { values[ExpositionText.series(name, labels)] }
        set { values[ExpositionText.series(name, labels)] = newValue }
    }

    /// Adds `amount` to a cumulative counter.
    public mutating func add(_ amount: Double, to name: String, _ labels: [MetricLabel] = []) {
        self[name, labels] = (self[name, labels] ?? 0) + amount
    }

    /// The samples of `name` kept here, label text parsed back, sorted by series.
    public func samples(of name: String) -> [MetricSample] {
        values.keys.sorted().compactMap { series -> MetricSample? in
            if series == name { return MetricSample(values[series]!) }
            guard series.hasPrefix(name + "{"), series.hasSuffix("}") else { return nil }
            let inner = series.dropFirst(name.count + 1).dropLast()
            var labels: [MetricLabel] = []
            for pair in inner.split(separator: ",") {
                guard let equals = pair.firstIndex(of: "=") else { return nil }
                let value = pair[pair.index(after: equals)...]
                guard value.count >= 2, value.first == "\"", value.last == "\"" else { return nil }
                labels.append(MetricLabel(String(pair[..<equals]), String(value.dropFirst().dropLast())))
            }
            return MetricSample(values[series]!, labels: labels)
        }
    }
}
