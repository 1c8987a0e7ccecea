import CZlib
#if canImport(Glibc)
import Glibc
#endif

/// A gzip-compressed file read through zlib's gz* functions. This is the only file that calls
/// zlib or handles its pointers; everything else sees ``read(maximum:)``.
final class GzipFile {
    private let handle: gzFile
    private let path: String

    /// Takes ownership of `fileDescriptor` (closed with the file).
    init(fileDescriptor: Int32, path: String) throws(EximLogError) {
        guard let handle = gzdopen(fileDescriptor, "rb") else {
            close(fileDescriptor)
            throw EximLogError(path: path, .cannotRead(reason: "zlib cannot open it"))
        }
        gzbuffer(handle, 64 * 1024)
        self.handle = handle
        self.path = path
    }

    /// Up to `maximum` decompressed bytes; empty at the end of the stream.
    func read(maximum: Int) throws(EximLogError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: maximum)
        let count = bytes.withUnsafeMutableBytes { buffer in
            gzread(handle, buffer.baseAddress, UInt32(buffer.count))
        }
        // At the end (0) or on an error (-1), zlib says which: a clean end leaves Z_OK; a
        // truncated stream (Z_BUF_ERROR) or corrupt data (Z_DATA_ERROR) is an error.
        if count <= 0 {
            var code: Int32 = 0
            let message = gzerror(handle, &code).map { String(cString: $0) } ?? "unknown error"
            if count < 0 || code != Z_OK {
                throw EximLogError(path: path, .cannotRead(reason: "gzip data is corrupt or truncated (\(message))"))
            }
        }
        bytes.removeSubrange(Int(count)...)
        return bytes
    }

    /// Back to the start of the decompressed stream.
    func rewind() throws(EximLogError) {
        guard gzrewind(handle) == 0 else {
            throw EximLogError(path: path, .cannotRead(reason: "zlib cannot rewind it"))
        }
    }

    deinit {
        gzclose(handle)
    }
}
