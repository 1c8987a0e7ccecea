/// When a scheduled job runs (`schedule.learn`, `schedule.prewarm`, `schedule.report`).
///
/// Three forms, nothing else:
/// - `every 15m`: at most once per duration (a ``ConfigDuration`` from 1m);
/// - `daily 02:30 UTC`: once a day, at or after that time of day (24-hour clock, always UTC);
/// - `off`: never.
public enum JobSchedule: Sendable, Equatable, CustomStringConvertible {
    case every(Duration)
    /// Minutes after midnight UTC, 0..<1440.
    case daily(minuteOfDay: Int)
    case off

    /// The shortest accepted interval.
    public static let minimumInterval: Duration = .seconds(60)

    /// Parses one of the three forms; on failure, the end of a sentence saying what to write.
    public static func parse(_ text: String) -> Result<JobSchedule, JobScheduleProblem> {
        let hint = "(write \"every 15m\", \"daily 02:30 UTC\" or \"off\")"
        let words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        switch words.first {
        case "off" where words.count == 1:
            return .success(.off)
        case "every" where words.count == 2:
            do throws(ConfigDuration.ParseError) {
                let duration = try ConfigDuration.parse(words[1])
                guard duration >= minimumInterval else {
                    return .failure(JobScheduleProblem(problem: "is too frequent (at least every 1m)"))
                }
                return .success(.every(duration))
            } catch {
                return .failure(JobScheduleProblem(problem: "has an invalid interval \(hint)"))
            }
        case "daily" where words.count == 3:
            guard words[2] == "UTC" else {
                return .failure(JobScheduleProblem(problem: "must name the time zone UTC \(hint)"))
            }
            guard let minute = minuteOfDay(words[1]) else {
                return .failure(JobScheduleProblem(problem: "has an invalid time of day (write HH:MM from 00:00 to 23:59)"))
            }
            return .success(.daily(minuteOfDay: minute))
        default:
            return .failure(JobScheduleProblem(problem: "is not a schedule \(hint)"))
        }
    }

    /// `HH:MM`, two digits each, 00:00...23:59.
    private static func minuteOfDay(_ text: String) -> Int? {
        let bytes = Array(text.utf8)
        guard bytes.count == 5, bytes[2] == UInt8(ascii: ":"),
              [0, 1, 3, 4].allSatisfy({ (48...57).contains(bytes[$0]) }) else { return nil }
        let hour = Int(bytes[0] - 48) * 10 + Int(bytes[1] - 48)
        let minute = Int(bytes[3] - 48) * 10 + Int(bytes[4] - 48)
        guard hour < 24, minute < 60 else { return nil }
        return hour * 60 + minute
    }

    /// When the job is next due (Unix seconds), given when it last ran; nil when never.
    /// A job that never ran is due at once (`now`).
    public func nextDue(lastRun: Int64?, now: Int64) -> Int64? {
        switch self {
        case .off:
            return nil
        case .every(let interval):
            guard let lastRun else { return now }
            return lastRun + interval.components.seconds
        case .daily(let minuteOfDay):
            guard let lastRun else { return now }
            // The first occurrence of the time of day strictly after the last run.
            let day: Int64 = 86_400
            let offset = Int64(minuteOfDay) * 60
            let dayStart = lastRun - ((lastRun % day) + day) % day
            let candidate = dayStart + offset
            return candidate > lastRun ? candidate : candidate + day
        }
    }

    public var description: String {
        switch self {
        case .off: return "off"
        case .every(let interval): return "every \(ConfigDuration.render(interval))"
        case .daily(let minuteOfDay):
            let hour = minuteOfDay / 60, minute = minuteOfDay % 60
            return "daily \(hour < 10 ? "0" : "")\(hour):\(minute < 10 ? "0" : "")\(minute) UTC"
        }
    }
}

/// Why a schedule was refused: the end of a sentence.
public struct JobScheduleProblem: Error, Sendable, Equatable {
    public let problem: String
}
