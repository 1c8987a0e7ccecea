/// How far one log was read: the file (identity and fingerprint) and the offset just after the
/// last complete line consumed.
public struct LogPosition: Sendable, Equatable {
    public var file: FileIdentity
    /// Uncompressed bytes consumed from the start of the file.
    public var offset: UInt64
    public var fingerprint: Fingerprint

    public init(file: FileIdentity, offset: UInt64, fingerprint: Fingerprint) {
        self.file = file
        self.offset = offset
        self.fingerprint = fingerprint
    }
}
