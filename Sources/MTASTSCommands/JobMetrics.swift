import DomainSet
import Foundation
import Metrics
import MTASTSConfig
import PolicyStore

/// One finished run of learn, prewarm or report, as the metrics see it.
struct JobRun {
    var job: String
    var succeeded: Bool
    /// Unix seconds when it started.
    var started: Int64
    var seconds: Double
    /// What it counted (`fetched`, `sent`, …): added to the cumulative counters and kept as
    /// the last run's values.
    var counts: [(String, Int)] = []
    /// Prewarm failures by TLSRPT result type (RFC 8460 §4.3), e.g. `sts-webpki-invalid`.
    var failureTypes: [(String, Int)] = []
}

/// Writes `metrics.file` after each run (Prometheus text format, for node_exporter's textfile
/// collector). Cumulative counters, last durations and timestamps live in
/// `<state.directory>/metrics-state`; the domain gauges come from one pass over the cache.
/// A metrics problem is a warning; it never fails the job.
struct JobMetrics {
    let configuration: Configuration

    static let prefix = "mtasts_"

    /// Records `run` and rewrites the metrics file; nothing at all when `metrics.file` is unset.
    func record(_ run: JobRun, now: Int64) {
        guard let file = configuration.metrics.file else { return }
        do {
            let directory = configuration.state.directory
            var state = MetricsState.load(directory: directory)
            Self.update(&state, with: run)
            try state.save(directory: directory)
            try MetricsFile.write(ExpositionText.render(try families(state: state, now: now)), to: file)
        } catch {
            Log.shared.warning("metrics not written", metadata: ["error": "\(error)"])
        }
    }

    static func update(_ state: inout MetricsState, with run: JobRun) {
        let job = [MetricLabel("job", run.job)]
        state.add(1, to: "mtasts_job_runs_total", job + [MetricLabel("result", run.succeeded ? "success" : "failure")])
        state["mtasts_job_last_run_timestamp_seconds", job] = Double(run.started)
        state["mtasts_job_duration_seconds", job] = run.seconds
        if run.succeeded { state["mtasts_job_last_success_timestamp_seconds", job] = Double(run.started) + run.seconds.rounded(.up) }
        // Every failure type seen so far is reported for the last run, 0 when absent from it.
        for sample in state.samples(of: "mtasts_job_last_failures") where sample.labels.first?.value == run.job {
            state["mtasts_job_last_failures", sample.labels] = 0
        }
        for (type, value) in run.failureTypes {
            let labels = job + [MetricLabel("result_type", type)]
            state.add(Double(value), to: "mtasts_job_failures_total", labels)
            state["mtasts_job_last_failures", labels] = Double(value)
        }
        for (name, value) in run.counts {
            let labels = job + [MetricLabel("outcome", name)]
            state.add(Double(value), to: "mtasts_job_outcomes_total", labels)
            state["mtasts_job_last_outcomes", labels] = Double(value)
        }
    }

    func families(state: MetricsState, now: Int64) throws -> [MetricFamily] {
        let store: any PolicyStore = FileManager.default.fileExists(atPath: configuration.cache.path)
            ? try Services(configuration: configuration).store(.readOnly) : MemoryPolicyStore()
        let lastPrewarm = state["mtasts_job_last_run_timestamp_seconds", [MetricLabel("job", "prewarm")]].map { Int64($0) }
        let census = try CacheCensus.gather(configuration: configuration, store: store, now: now, missesSince: lastPrewarm)
        return Self.families(state: state, census: census)
    }

    static func families(state: MetricsState, census: CacheCensus) -> [MetricFamily] {
        [
            MetricFamily("mtasts_domains", .gauge, help: "Tracked domains by state of their cached policy.",
                         samples: CacheCensus.State.allCases.map { MetricSample(Double(census.byState[$0] ?? 0), "state", $0.rawValue) }),
            MetricFamily("mtasts_domains_by_source", .gauge, help: "Tracked domains by the source that tracks them (a domain may have several).",
                         samples: DomainSource.allCases.map { MetricSample(Double(census.bySource[$0] ?? 0), "source", $0.rawValue) }),
            MetricFamily("mtasts_cache_domains", .gauge, help: "Domains with an entry in the cache.", value: Double(census.cachedDomains)),
            MetricFamily("mtasts_policies_expiring_soon", .gauge, help: "Valid cached policies expiring within 24 hours.",
                         value: Double(census.expiringSoon.count)),
            MetricFamily("mtasts_renewal_lag_seconds", .gauge, help: "How late the most overdue renewal is.",
                         value: Double(census.oldestLag?.seconds ?? 0)),
            MetricFamily("mtasts_lookup_misses", .gauge, help: "Domains a cache-only lookup missed since the last prewarm run started.",
                         value: Double(census.recentMisses)),
            MetricFamily("mtasts_job_runs_total", .counter, help: "Runs of each job by result.", samples: state.samples(of: "mtasts_job_runs_total")),
            MetricFamily("mtasts_job_outcomes_total", .counter,
                         help: "What the runs counted, cumulative: prewarm domains by outcome, learn lines and domains, reports sent and failed.",
                         samples: state.samples(of: "mtasts_job_outcomes_total")),
            MetricFamily("mtasts_job_last_outcomes", .gauge, help: "What the last run of each job counted.",
                         samples: state.samples(of: "mtasts_job_last_outcomes")),
            MetricFamily("mtasts_job_failures_total", .counter, help: "Domains whose discovery failed, by TLSRPT result type, cumulative.",
                         samples: state.samples(of: "mtasts_job_failures_total")),
            MetricFamily("mtasts_job_last_failures", .gauge, help: "Domains whose discovery failed in the last run, by TLSRPT result type.",
                         samples: state.samples(of: "mtasts_job_last_failures")),
            MetricFamily("mtasts_job_duration_seconds", .gauge, help: "Duration of the last run of each job.",
                         samples: state.samples(of: "mtasts_job_duration_seconds")),
            MetricFamily("mtasts_job_last_run_timestamp_seconds", .gauge, help: "Unix time the last run of each job started.",
                         samples: state.samples(of: "mtasts_job_last_run_timestamp_seconds")),
            MetricFamily("mtasts_job_last_success_timestamp_seconds", .gauge, help: "Unix time the last successful run of each job ended.",
                         samples: state.samples(of: "mtasts_job_last_success_timestamp_seconds")),
        ]
    }
}
