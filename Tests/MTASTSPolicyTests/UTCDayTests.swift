import Foundation
import Testing
import MTASTSPolicy

@Suite("UTC days for RFC 8460 date ranges")
struct UTCDayTests {
    @Test(arguments: [
        ("1970-01-01", Int64(0)), ("2000-02-29", Int64(951_782_400)), ("2026-11-24", Int64(1_795_478_400)),
        ("2024-12-31", Int64(1_735_603_200)), ("2100-03-01", Int64(4_107_542_400)),
    ])
    func startOfDay(_ text: String, _ start: Int64) throws {
        let day = try #require(UTCDay(text))
        #expect(day.start == start)
        #expect(day.end == start + 86_399)
        #expect(day.description == text)
        #expect(UTCDay(containing: start) == day)
        #expect(UTCDay(containing: start + 86_399) == day)
        #expect(UTCDay(containing: start + 86_400) == day.adding(days: 1))
        #expect(day.startDateTime == text + "T00:00:00Z")
        #expect(day.endDateTime == text + "T23:59:59Z")
    }

    @Test func agreesWithFoundationOverManyDays() throws {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        formatter.timeZone = TimeZone(identifier: "UTC")
        for seconds in stride(from: Int64(-86_400 * 400), to: Int64(86_400 * 365 * 140), by: 86_400 * 13 + 3_607) {
            let expected = formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
            #expect(UTCDay(containing: seconds).description == expected)
        }
    }

    @Test(arguments: ["", "2026-13-01", "2026-02-29", "2026-1-01", "26-01-01", "2026-01-32", "2026-01-0a", "2026/01/01"])
    func rejects(_ text: String) {
        #expect(UTCDay(text) == nil)
    }
}
