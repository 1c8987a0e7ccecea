import EximLog
import Testing
@testable import TLSSessions

/// Remembering the last local time converted gives the zone's answer, also across DST edges.
@Suite("Log clock")
struct LogClockTests {
    @Test(arguments: [SessionTimeZone.fixedOffset(seconds: -18_000), .named("Europe/Berlin"), .named("America/New_York"), .system])
    func remembersWithoutChangingTheAnswer(_ timezone: SessionTimeZone) {
        var clock = LogClock(timezone: timezone)
        // Around the 2026 DST changes (Europe 29 Mar / 25 Oct, US 8 Mar / 1 Nov), each second twice.
        for (month, day) in [(3, 8), (3, 29), (10, 25), (11, 1), (11, 25)] {
            for minute in stride(from: 0, to: 240, by: 7) {
                for second in [0, 0, 59, 60] {
                    var stamp = EximTimestamp(year: 2026, month: month, day: day, hour: minute / 60, minute: minute % 60, second: second)
                    #expect(clock.unixTime(of: stamp) == timezone.unixTime(of: stamp))
                    stamp.millisecond = 250
                    #expect(clock.unixTime(of: stamp) == timezone.unixTime(of: stamp))
                    stamp.utcOffsetSeconds = 3_600
                    #expect(clock.unixTime(of: stamp) == timezone.unixTime(of: stamp))
                }
            }
        }
    }
}
