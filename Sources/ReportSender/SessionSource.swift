import MTASTSPolicy
import TLSSessions

/// Where a report run gets the sessions of a day. The Exim log reader implements this; tests
/// and `mtasts report --sessions FILE` use ``SessionsFile``.
public protocol SessionSource: Sendable {
    func sessions(for day: UTCDay) throws -> DailySessions
}
