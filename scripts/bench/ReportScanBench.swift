// Driver for scripts/bench-report-scan: reads one UTC day with SessionReader and prints the
// time, throughput and peak RSS. Built by the script against the release TLSSessions module.
#if canImport(Glibc)
import Glibc
#endif
import MTASTSPolicy
import TLSSessions

let arguments = CommandLine.arguments
guard arguments.count == 3, let day = UTCDay(arguments[2]) else {
    fputs("usage: report-scan-bench <log> <YYYY-MM-DD>\n", stderr)
    exit(2)
}
var start = timespec()
clock_gettime(CLOCK_MONOTONIC, &start)
let reader = SessionReader(logs: [arguments[1]], timezone: .fixedOffset(seconds: 0),
                           ignoreSenders: ["tlsrpt-noreply@sender.example"],
                           hadPolicy: { domain, _ in domain.description.hasPrefix("p") })
let sessions = try reader.read(day: day)
var end = timespec()
clock_gettime(CLOCK_MONOTONIC, &end)
let seconds = Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9
var usage = rusage()
getrusage(RUSAGE_SELF.rawValue, &usage)
let successes = sessions.tallies.values.reduce(0) { $0 + $1.successfulSessions }
let failures = sessions.tallies.values.reduce(0) { $0 + $1.totalFailedSessions }
print("seconds=\(seconds) peak_rss_kb=\(usage.ru_maxrss) domains=\(sessions.tallies.count) successes=\(successes) failures=\(failures) skipped=\(sessions.skippedLines)")
