import EximLog
import Foundation

/// What a main log time without a zone means. Exim writes local time unless `log_timezone`
/// adds the offset; a logged offset always wins over this setting.
public enum SessionTimeZone: Sendable, Equatable {
    /// The machine's zone (`TZ`, `/etc/localtime`).
    case system
    /// A fixed offset east of UTC in seconds (0: the log is in UTC).
    case fixedOffset(seconds: Int)
    /// An IANA zone such as `Europe/Berlin` (daylight saving time included).
    case named(String)

    /// Parses a configured `timezone`: `system`/`local`, `UTC`, `+hh:mm`/`-hhmm`, or an IANA name.
    public init?(configured text: String) {
        let value = text.trimmingSpaces()
        switch value.lowercased() {
        case "", "system", "local": self = .system; return
        case "utc", "z", "gmt": self = .fixedOffset(seconds: 0); return
        default: break
        }
        if let sign = value.first, sign == "+" || sign == "-" {
            let digits = value.dropFirst().filter { $0 != ":" }
            guard digits.count == 4, digits.allSatisfy(\.isASCII), let number = Int(digits),
                  number / 100 < 24, number % 100 < 60 else { return nil }
            let seconds = (number / 100) * 3_600 + (number % 100) * 60
            self = .fixedOffset(seconds: sign == "-" ? -seconds : seconds)
            return
        }
        guard TimeZone(identifier: value) != nil else { return nil }
        self = .named(value)
    }

    /// Unix seconds of a log timestamp.
    public func unixTime(of timestamp: EximTimestamp) -> Int64 {
        if timestamp.utcOffsetSeconds != nil { return timestamp.unixTime() }
        switch self {
        case .system: return timestamp.unixTime(localTime: .system)
        case .fixedOffset(let seconds): return timestamp.unixTime(localTime: .fixedOffset(seconds: seconds))
        case .named(let identifier):
            guard let zone = TimeZone(identifier: identifier) else { return timestamp.unixTime(localTime: .fixedOffset(seconds: 0)) }
            let wallClock = timestamp.unixTime(localTime: .fixedOffset(seconds: 0))
            // The offset at the guessed instant, then once more at the corrected one (DST edges).
            var offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(wallClock)))
            offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(wallClock - Int64(offset))))
            return wallClock - Int64(offset)
        }
    }
}
