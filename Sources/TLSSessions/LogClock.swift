import EximLog

/// Unix seconds of a log's timestamps for one read, remembering the last local time converted:
/// lines come in time order, many in the same second, and converting a local time (mktime(3)
/// or a named zone's rules) costs far more than comparing one. A timestamp with its zone
/// offset is plain arithmetic and is not cached.
struct LogClock {
    let timezone: SessionTimeZone
    private var lastWallClock: Int64?
    private var lastUnixTime: Int64 = 0

    init(timezone: SessionTimeZone) {
        self.timezone = timezone
    }

    mutating func unixTime(of timestamp: EximTimestamp) -> Int64 {
        guard timestamp.utcOffsetSeconds == nil else { return timezone.unixTime(of: timestamp) }
        // The wall-clock fields read as UTC: the same fields give the same key, and back.
        let wallClock = timestamp.unixTime(localTime: .fixedOffset(seconds: 0))
        if wallClock == lastWallClock { return lastUnixTime }
        lastUnixTime = timezone.unixTime(of: timestamp)
        lastWallClock = wallClock
        return lastUnixTime
    }
}
