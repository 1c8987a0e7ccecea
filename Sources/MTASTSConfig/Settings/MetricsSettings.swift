/// The `metrics` section: Prometheus text-format metrics for node_exporter's textfile collector.
///
///     metrics:
///       file: /var/lib/prometheus/node-exporter/mtasts.prom
public struct MetricsSettings: Sendable, Equatable {
    /// `metrics.file`: an absolute path the metrics are written to (atomically: a temporary
    /// file beside it, then a rename) after each learn, prewarm and report run. nil (the
    /// default) writes no metrics.
    public var file: String?

    /// Settings with every default (metrics off).
    public init(file: String? = nil) {
        self.file = file
    }
}

extension MetricsSettings {
    static var schema: Schema<MetricsSettings> {
        Schema(
            .value("file", \.file, .absoluteFilePath)
        )
    }
}
