#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a log time without a zone becomes Unix seconds. Exim writes local time unless
/// `log_timezone` adds the offset, so the machine's zone (`TZ`, `/etc/localtime`) decides.
public enum LocalTimeConversion: Sendable, Equatable {
    /// The process's local time zone, daylight saving time included (mktime(3)).
    case system
    /// A fixed offset east of UTC in seconds (0 for UTC); for tests and for logs from elsewhere.
    case fixedOffset(seconds: Int)

    func unixTime(of timestamp: EximTimestamp) -> Int64 {
        switch self {
        case .fixedOffset(let seconds):
            return timestamp.wallClockAsUTC - Int64(seconds)
        case .system:
            var fields = tm()
            fields.tm_year = Int32(timestamp.year - 1900)
            fields.tm_mon = Int32(timestamp.month - 1)
            fields.tm_mday = Int32(timestamp.day)
            fields.tm_hour = Int32(timestamp.hour)
            fields.tm_min = Int32(timestamp.minute)
            fields.tm_sec = Int32(timestamp.second)
            fields.tm_isdst = -1
            let seconds = mktime(&fields)
            return seconds == -1 ? timestamp.wallClockAsUTC : Int64(seconds)
        }
    }
}
