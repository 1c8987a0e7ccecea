import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The state file remembering how far each log was read (`<state.directory>/exim-log-positions`):
/// one line per log, `offset device inode fingerprint-length fingerprint-hash path`, tab-separated.
/// It is replaced atomically (a temporary file in the same directory, flushed, then renamed),
/// so a crash leaves the old or the new file, never half of one. Deleting it makes the next run
/// start over like a first run.
public struct LogPositionFile: Sendable {
    /// The file's name inside the state directory.
    public static let fileName = "exim-log-positions"

    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// The file in `directory`.
    public init(directory: String) {
        self.init(path: directory + "/" + Self.fileName)
    }

    /// The positions by log path; empty when the file does not exist. Malformed lines are ignored
    /// (that log is then read as on a first run).
    public func load() throws(EximLogError) -> [String: LogPosition] {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch let error as CocoaError where error.code == .fileReadNoSuchFile {
            return [:]
        } catch {
            throw EximLogError(path: path, .cannotRead(reason: "\(error.localizedDescription)"))
        }
        var positions: [String: LogPosition] = [:]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: "\t", maxSplits: 5, omittingEmptySubsequences: false)
            guard parts.count == 6, let offset = UInt64(parts[0]), let device = UInt64(parts[1]),
                  let inode = UInt64(parts[2]), let length = Int(parts[3]),
                  (0...Fingerprint.maximumLength).contains(length), let hash = UInt64(parts[4], radix: 16),
                  !parts[5].isEmpty else { continue }
            positions[String(parts[5])] = LogPosition(file: FileIdentity(device: device, inode: inode), offset: offset,
                                                      fingerprint: Fingerprint(length: length, hash: hash))
        }
        return positions
    }

    /// Replaces the file with `positions`, creating the directory when needed.
    public func save(_ positions: [String: LogPosition]) throws(EximLogError) {
        var text = "# mtasts learn: how far each Exim log was read (offset, device, inode, fingerprint, path).\n"
        for (log, position) in positions.sorted(by: { $0.key < $1.key }) where !log.contains("\n") {
            text += "\(position.offset)\t\(position.file.device)\t\(position.file.inode)\t"
                + "\(position.fingerprint.length)\t\(String(position.fingerprint.hash, radix: 16))\t\(log)\n"
        }
        let directory = (path as NSString).deletingLastPathComponent
        let temporary = directory + "/." + Self.fileName + ".tmp-\(getpid())"
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw EximLogError(path: path, .cannotWriteState(reason: "\(error.localizedDescription)"))
        }
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw EximLogError(path: path, .cannotWriteState(reason: String(cString: strerror(errno))))
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        do {
            try handle.write(contentsOf: Data(text.utf8))
            try handle.synchronize()
            try handle.close()
        } catch {
            unlink(temporary)
            throw EximLogError(path: path, .cannotWriteState(reason: "\(error.localizedDescription)"))
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw EximLogError(path: path, .cannotWriteState(reason: reason))
        }
    }
}
