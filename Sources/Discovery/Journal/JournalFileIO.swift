#if canImport(Glibc)
import Glibc
#endif

/// The journal's file system calls (Glibc), behind a small safe API.
enum JournalFileIO {
    static func errorText() -> String { String(cString: strerror(errno)) }

    /// Appends `bytes` with one `write(2)` on an `O_APPEND` descriptor (concurrent writers'
    /// lines do not interleave). False (nothing written) when the file would grow past `maximumSize`.
    static func append(_ bytes: [UInt8], to path: String, maximumSize: Int) throws(JournalError) -> Bool {
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o640)
        guard descriptor >= 0 else { throw JournalError(path: path, reason: errorText()) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw JournalError(path: path, reason: errorText()) }
        guard Int(status.st_size) + bytes.count <= maximumSize else { return false }
        let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count else { throw JournalError(path: path, reason: written < 0 ? errorText() : "short write") }
        return true
    }

    /// The file's bytes, at most `maximumSize`; nil when it does not exist.
    static func read(_ path: String, maximumSize: Int) throws(JournalError) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT { return nil }
            throw JournalError(path: path, reason: errorText())
        }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while bytes.count < maximumSize {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 { throw JournalError(path: path, reason: errorText()) }
            if count == 0 { break }
            bytes += buffer[0..<count]
        }
        return bytes
    }

    static func makeDirectory(_ path: String) throws(JournalError) {
        if mkdir(path, 0o750) != 0 && errno != EEXIST { throw JournalError(path: path, reason: errorText()) }
    }

    /// Names of the directory's entries.
    static func entries(of path: String) -> [String] {
        guard let directory = opendir(path) else { return [] }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            names.append(name)
        }
        return names
    }

    static func remove(_ path: String) { unlink(path) }
}
