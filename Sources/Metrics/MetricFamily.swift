/// One metric of the Prometheus text exposition format: a name, its HELP and TYPE lines, and
/// its samples (one per label set).
public struct MetricFamily: Sendable, Equatable {
    /// The TYPE line's value; only the two kinds mtasts writes.
    public enum Kind: String, Sendable {
        case counter
        case gauge
    }

    /// `mtasts_…`; counters end in `_total`, durations in `_seconds` (Prometheus naming).
    public var name: String
    public var help: String
    public var kind: Kind
    public var samples: [MetricSample]

    public init(_ name: String, _ kind: Kind, help: String, samples: [MetricSample]) {
        self.name = name
        self.kind = kind
        self.help = help
        self.samples = samples
    }

    /// A family with a single unlabelled sample.
    public init(_ name: String, _ kind: Kind, help: String, value: Double) {
        self.init(name, kind, help: help, samples: [MetricSample(value)])
    }
}

/// One sample: label pairs (in the order given) and a value.
public struct MetricSample: Sendable, Equatable {
    public var labels: [MetricLabel]
    public var value: Double

    public init(_ value: Double, labels: [MetricLabel] = []) {
        self.labels = labels
        self.value = value
    }

    /// A sample with one label.
    public init(_ value: Double, _ label: String, _ labelValue: String) {
        self.init(value, labels: [MetricLabel(label, labelValue)])
    }
}

/// A label name and value.
public struct MetricLabel: Sendable, Equatable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}
