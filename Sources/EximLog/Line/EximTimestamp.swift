/// The time at the start of a main log line: `2026-11-25 09:15:04`, with `.123` under
/// `log_selector = +millisec` and ` +0100` under `log_timezone = true`. Without a zone the
/// time is the Exim host's local time.
public struct EximTimestamp: Sendable, Equatable {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int
    /// Milliseconds, when logged.
    public var millisecond: Int?
    /// The zone offset east of UTC in seconds (`+0100` is 3600), when logged.
    public var utcOffsetSeconds: Int?

    public init(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int,
                millisecond: Int? = nil, utcOffsetSeconds: Int? = nil) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
        self.millisecond = millisecond
        self.utcOffsetSeconds = utcOffsetSeconds
    }

    /// Unix seconds. A logged zone wins; otherwise `localTime` says what the wall-clock time means.
    public func unixTime(localTime: LocalTimeConversion = .system) -> Int64 {
        if let utcOffsetSeconds { return wallClockAsUTC - Int64(utcOffsetSeconds) }
        return localTime.unixTime(of: self)
    }

    /// The wall-clock fields read as if they were UTC.
    var wallClockAsUTC: Int64 {
        Self.daysFromCivil(year: year, month: month, day: day) * 86_400
            + Int64(hour * 3_600 + minute * 60 + second)
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = Int64(month > 2 ? month - 3 : month + 9)
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
