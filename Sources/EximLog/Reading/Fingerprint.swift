/// A hash of a file's first bytes (up to 256), so a position can be matched to its file after
/// logrotate compressed it (new inode) or copied and truncated it (same inode, new content).
public struct Fingerprint: Sendable, Hashable {
    /// How many leading bytes were hashed.
    public var length: Int
    /// FNV-1a, 64 bits, of those bytes.
    public var hash: UInt64

    /// The number of leading bytes a fingerprint covers at most.
    public static let maximumLength = 256

    public init(length: Int, hash: UInt64) {
        self.length = length
        self.hash = hash
    }

    /// The fingerprint of `bytes` (all of them; callers pass at most ``maximumLength``).
    public init(of bytes: some Collection<UInt8>) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        self.init(length: bytes.count, hash: hash)
    }

    /// Whether the open `file` starts with the bytes this fingerprint was made from.
    func matches(_ file: LogFile) throws(EximLogError) -> Bool {
        let prefix = try file.leadingBytes(length)
        return prefix.count == length && Fingerprint(of: prefix) == self
    }

    /// Whether the file at `path` starts with the bytes this fingerprint was made from.
    func matches(fileAt path: String) throws(EximLogError) -> Bool {
        guard let prefix = try LogFile.prefix(of: path, count: length), prefix.count == length else { return false }
        return Fingerprint(of: prefix) == self
    }
}
