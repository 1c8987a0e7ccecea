import MTASTSPolicy
import TLSSessions

/// RFC 5322 §3.3 `date-time` in UTC, e.g. `Wed, 25 Nov 2026 09:20:11 +0000`.
enum RFC5322Date {
    static let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"] // 1970-01-01 was a Thursday
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static func format(_ seconds: Int64) -> String {
        let day = UTCDay(containing: seconds)
        let daysSinceEpoch = (day.start / 86_400)
        let weekday = weekdays[Int(((daysSinceEpoch % 7) + 7) % 7)]
        let second = seconds - day.start
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(weekday), \(two(Int64(day.day))) \(months[day.month - 1]) \(day.year) "
            + "\(two(second / 3_600)):\(two(second % 3_600 / 60)):\(two(second % 60)) +0000"
    }
}
