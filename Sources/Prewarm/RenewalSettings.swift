import MTASTSConfig

/// The `prewarm` settings in whole seconds, as the ``RenewalPlanner`` uses them.
public struct RenewalSettings: Sendable, Equatable {
    public var recheckEvery: Int64
    public var renewBefore: RenewBefore
    public var noPolicyRecheck: Int64
    public var failureBackoffMin: Int64
    /// Never below ``failureBackoffMin``.
    public var failureBackoffMax: Int64

    public init(recheckEvery: Int64, renewBefore: RenewBefore, noPolicyRecheck: Int64,
                failureBackoffMin: Int64, failureBackoffMax: Int64) {
        self.recheckEvery = recheckEvery
        self.renewBefore = renewBefore
        self.noPolicyRecheck = noPolicyRecheck
        self.failureBackoffMin = failureBackoffMin
        self.failureBackoffMax = max(failureBackoffMin, failureBackoffMax)
    }

    /// The configuration's `prewarm` section.
    public init(_ settings: PrewarmSettings = PrewarmSettings()) {
        self.init(recheckEvery: settings.recheckEvery.components.seconds,
                  renewBefore: settings.renewBefore,
                  noPolicyRecheck: settings.noPolicyRecheck.components.seconds,
                  failureBackoffMin: settings.failureBackoffMin.components.seconds,
                  failureBackoffMax: settings.failureBackoffMax.components.seconds)
    }
}
