/// When, before a cached policy expires, the prewarmer renews it (`prewarm.renew_before`).
///
/// Written either as a percentage of the policy's `max_age` (`25%`, a whole number from 1 to 90)
/// or as a duration (`2d`). Either way the window is at least one day where `max_age` allows it
/// and at most half of `max_age`, so a short-lived policy is not renewed on every pass
/// (see `RenewalPlanner` in the Prewarm module).
public enum RenewBefore: Sendable, Equatable, CustomStringConvertible {
    /// A percentage of `max_age`, 1...90.
    case percent(Int)
    /// A fixed duration before expiry.
    case duration(Duration)

    /// The default: a quarter of `max_age`.
    public static let `default` = RenewBefore.percent(25)
    /// The accepted percentages.
    public static let percentRange: ClosedRange<Int> = 1...90

    /// Parses `25%` or a ``ConfigDuration`` such as `2d`; nil with the end of a sentence otherwise.
    public static func parse(_ text: String) -> Result<RenewBefore, RenewBeforeProblem> {
        if text.hasSuffix("%") {
            let digits = text.dropLast()
            guard !digits.isEmpty, digits.utf8.allSatisfy({ (48...57).contains($0) }), digits.count <= 3,
                  let number = Int(digits) else {
                return .failure(RenewBeforeProblem(problem: "is not a percentage (write a whole number followed by %, e.g. 25%)"))
            }
            guard percentRange.contains(number) else {
                return .failure(RenewBeforeProblem(problem: "is out of range (write a percentage from 1% to 90%)"))
            }
            return .success(.percent(number))
        }
        do throws(ConfigDuration.ParseError) {
            let duration = try ConfigDuration.parse(text)
            if duration <= .zero { return .failure(RenewBeforeProblem(problem: "must be longer than 0s")) }
            return .success(.duration(duration))
        } catch {
            return .failure(RenewBeforeProblem(problem: "is neither a percentage of max_age (25%) nor a duration (2d)"))
        }
    }

    public var description: String {
        switch self {
        case .percent(let number): return "\(number)%"
        case .duration(let duration): return ConfigDuration.render(duration)
        }
    }
}

/// Why a `renew_before` value was refused: the end of a sentence.
public struct RenewBeforeProblem: Error, Sendable, Equatable {
    public let problem: String
}
