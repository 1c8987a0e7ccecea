import Gzip
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Which file a read position belongs to: its device and inode (stable across renames).
public struct FileIdentity: Sendable, Hashable {
    public var device: UInt64
    public var inode: UInt64

    public init(device: UInt64, inode: UInt64) {
        self.device = device
        self.inode = inode
    }
}

/// One log file opened for reading, plain or gzip-compressed (a name ending in `.gz`);
/// offsets are always in uncompressed bytes.
final class LogFile {
    let path: String
    let identity: FileIdentity
    /// The size on disk (compressed size for `.gz`).
    let sizeOnDisk: UInt64
    let isCompressed: Bool
    private let plain: FileHandle?
    /// The plain file's descriptor (owned by `plain`), for reads into a caller's buffer.
    private let descriptor: Int32
    private let gzip: GzipFileReader?

    /// Opens `path`; nil when it does not exist.
    static func open(_ path: String) throws(EximLogError) -> LogFile? {
        let descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        if descriptor < 0 {
            if errno == ENOENT { return nil }
            throw EximLogError(path: path, .cannotRead(reason: String(cString: strerror(errno))))
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw EximLogError(path: path, .cannotRead(reason: reason))
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            close(descriptor)
            throw EximLogError(path: path, .cannotRead(reason: "not a regular file"))
        }
        return try LogFile(path: path, descriptor: descriptor, status: status)
    }

    private init(path: String, descriptor: Int32, status: stat) throws(EximLogError) {
        self.path = path
        identity = FileIdentity(device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
        sizeOnDisk = UInt64(max(status.st_size, 0))
        isCompressed = path.hasSuffix(".gz")
        self.descriptor = descriptor
        if isCompressed {
            do throws(GzipError) {
                gzip = try GzipFileReader(fileDescriptor: descriptor, path: path)
            } catch {
                throw EximLogError(path: path, .cannotRead(reason: error.reason))
            }
            plain = nil
        } else {
            plain = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
            gzip = nil
        }
    }

    /// Up to `maximum` bytes; empty at the end.
    func read(maximum: Int) throws(EximLogError) -> [UInt8] {
        if let gzip {
            do throws(GzipError) { return try gzip.read(maximum: maximum) } catch {
                throw EximLogError(path: path, .cannotRead(reason: error.reason))
            }
        }
        do {
            return try [UInt8](plain?.read(upToCount: maximum) ?? Data())
        } catch {
            throw EximLogError(path: path, .cannotRead(reason: "\(error.localizedDescription)"))
        }
    }

    /// Fills `buffer` from its start with up to `buffer.count` bytes, without allocating;
    /// returns how many were read (0 at the end). For whole-file scans.
    func read(into buffer: inout [UInt8]) throws(EximLogError) -> Int {
        if let gzip {
            do throws(GzipError) { return try gzip.read(into: &buffer) } catch {
                throw EximLogError(path: path, .cannotRead(reason: error.reason))
            }
        }
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count >= 0 { return count }
            if errno != EINTR { throw EximLogError(path: path, .cannotRead(reason: String(cString: strerror(errno)))) }
        }
    }

    /// Moves to `offset` (plain: a seek; compressed: reading and dropping). Returns the offset
    /// reached, less than `offset` when the file is shorter.
    func skip(to offset: UInt64) throws(EximLogError) -> UInt64 {
        if let plain {
            let end: UInt64
            do {
                end = try plain.seekToEnd()
                try plain.seek(toOffset: min(offset, end))
            } catch {
                throw EximLogError(path: path, .cannotRead(reason: "\(error.localizedDescription)"))
            }
            return min(offset, end)
        }
        var reached: UInt64 = 0
        while reached < offset {
            let chunk = try read(maximum: Int(min(offset - reached, 64 * 1024)))
            if chunk.isEmpty { break }
            reached += UInt64(chunk.count)
        }
        return reached
    }

    /// The first `count` bytes of this open file (fewer when it is shorter). Moves the read
    /// position: call it when done reading.
    func leadingBytes(_ count: Int) throws(EximLogError) -> [UInt8] {
        if let gzip {
            do throws(GzipError) { try gzip.rewind() } catch {
                throw EximLogError(path: path, .cannotRead(reason: error.reason))
            }
        } else {
            do {
                try plain?.seek(toOffset: 0)
            } catch {
                throw EximLogError(path: path, .cannotRead(reason: "\(error.localizedDescription)"))
            }
        }
        var bytes: [UInt8] = []
        while bytes.count < count {
            let chunk = try read(maximum: count - bytes.count)
            if chunk.isEmpty { break }
            bytes += chunk
        }
        return bytes
    }

    /// The first `count` bytes (fewer when the file is shorter), read through a fresh handle.
    static func prefix(of path: String, count: Int) throws(EximLogError) -> [UInt8]? {
        try open(path)?.leadingBytes(count)
    }
}
