import MTASTSPolicy
import TLSSessions

/// The Exim log reader as the report run's session source.
extension SessionReader: SessionSource {
    public func sessions(for day: UTCDay) throws -> DailySessions {
        try read(day: day)
    }
}
