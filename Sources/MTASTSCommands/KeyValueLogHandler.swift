import Foundation
import Logging
import Synchronization

/// A swift-log handler writing one journald-friendly line per event to standard error:
/// `level=warning msg="fetch failed" domain=example.com outcome=failure duration=0.123s`.
/// Values with spaces, quotes, `=` or control characters are quoted with `"` and escaped;
/// metadata keys are sorted so lines read the same every time.
struct KeyValueLogHandler: LogHandler {
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]
    let write: @Sendable (String) -> Void

    init(level: Logger.Level, write: @escaping @Sendable (String) -> Void = { writeStandardError($0) }) {
        self.logLevel = level
        self.write = write
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var merged = metadata.merging(event.metadata ?? [:]) { $1 }
        if let error = event.error { merged["error"] = .string("\(error)") }
        write(Self.line(level: event.level, message: "\(event.message)", metadata: merged))
    }

    static func line(level: Logger.Level, message: String, metadata: Logger.Metadata) -> String {
        var parts = ["level=\(level.rawValue)", "msg=\(quoted(message))"]
        for key in metadata.keys.sorted() { parts.append("\(key)=\(quoted("\(metadata[key]!)"))") }
        return parts.joined(separator: " ") + "\n"
    }

    /// Bare when safe, else `"…"` with `\`, `"` and control characters escaped.
    static func quoted(_ value: String) -> String {
        let needsQuotes = value.isEmpty || value.unicodeScalars.contains { $0 == " " || $0 == "\"" || $0 == "=" || $0 == "\\" || $0.value < 0x20 || $0.value == 0x7F }
        guard needsQuotes else { return value }
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\x" + String(scalar.value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

/// The process's logger: `--verbose` shows debug (every domain of a pass), `--quiet` only
/// errors; the default (info) shows failures and job summaries.
enum Log {
    private static let threshold = Mutex<Logger.Level>(.info)

    static var level: Logger.Level {
        get { threshold.withLock { $0 } }
        set { threshold.withLock { $0 = newValue } }
    }

    static var shared: Logger {
        let level = self.level
        return Logger(label: "mtasts") { _ in KeyValueLogHandler(level: level) }
    }

    /// Seconds since `start`.
    static func elapsed(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    /// Seconds as `0.123s`.
    static func seconds(_ value: Double) -> Logger.MetadataValue {
        .string(String(format: "%.3fs", value))
    }
}
