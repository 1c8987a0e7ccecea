/// The one-line progress shown on a terminal during a pass: done/total, rate and ETA.
public enum ProgressLine {
    /// e.g. `prewarm: 1200/10000 (12%) 410/s ETA 21s`.
    public static func render(_ summary: PassSummary) -> String {
        let done = summary.done
        let total = max(summary.total, 1)
        let rate = summary.seconds > 0 ? Double(done) / summary.seconds : 0
        let percent = done * 100 / total
        var line = "prewarm: \(done)/\(summary.total) (\(percent)%) \(Int(rate.rounded()))/s"
        if rate > 0, done < summary.total {
            line += " ETA \(duration(Int((Double(summary.total - done) / rate).rounded(.up))))"
        }
        return line
    }

    /// `42s`, `3m05s`, `1h02m`.
    static func duration(_ seconds: Int) -> String {
        if seconds < 60 { return "\(seconds)s" }
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        if seconds < 3_600 { return "\(seconds / 60)m\(two(seconds % 60))s" }
        return "\(seconds / 3_600)h\(two(seconds % 3_600 / 60))m"
    }
}
