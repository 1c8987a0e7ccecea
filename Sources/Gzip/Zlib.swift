import CZlib
#if canImport(Glibc)
import Glibc
#endif

/// gzip (RFC 1952) compression and decompression through zlib. This file holds all of the
/// project's zlib calls and their pointer code; nothing else imports CZlib.
public enum Gzip {
    /// Compresses `bytes` into one gzip member (RFC 1952), level 9.
    public static func compress(_ bytes: [UInt8]) throws(GzipError) -> [UInt8] {
        var stream = z_stream()
        // windowBits 15 + 16: a gzip header and trailer instead of zlib's.
        guard deflateInit2_(&stream, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY,
                            ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw GzipError("zlib could not start compressing")
        }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(bytes.count))) + 32)
        var input = bytes
        let status: Int32 = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                stream.next_in = inBuffer.baseAddress
                stream.avail_in = uInt(inBuffer.count)
                stream.next_out = outBuffer.baseAddress
                stream.avail_out = uInt(outBuffer.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { throw GzipError("zlib could not compress (status \(status))") }
        output.removeSubrange(Int(stream.total_out)...)
        return output
    }

    /// Decompresses gzip data (every member), refusing output larger than `limit` bytes.
    public static func decompress(_ bytes: [UInt8], limit: Int = 64 << 20) throws(GzipError) -> [UInt8] {
        var stream = z_stream()
        guard inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw GzipError("zlib could not start decompressing")
        }
        defer { inflateEnd(&stream) }
        var input = bytes
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var status: Int32 = Z_OK
        try input.withUnsafeMutableBufferPointer { (inBuffer) throws(GzipError) in
            stream.next_in = inBuffer.baseAddress
            stream.avail_in = uInt(inBuffer.count)
            while true {
                let produced: Int = chunk.withUnsafeMutableBufferPointer { outBuffer in
                    stream.next_out = outBuffer.baseAddress
                    stream.avail_out = uInt(outBuffer.count)
                    status = inflate(&stream, Z_NO_FLUSH)
                    return outBuffer.count - Int(stream.avail_out)
                }
                output.append(contentsOf: chunk[0..<produced])
                guard output.count <= limit else { throw GzipError("the data inflates to more than \(limit) bytes") }
                if status == Z_STREAM_END {
                    if stream.avail_in == 0 { return }
                    guard inflateReset(&stream) == Z_OK else { throw GzipError("zlib could not read the next gzip member") }
                    continue
                }
                guard status == Z_OK else { throw GzipError("the data is not valid gzip (zlib status \(status))") }
                if produced == 0 && stream.avail_in == 0 { throw GzipError("the gzip data ends early") }
            }
        }
        return output
    }
}

/// A gzip-compressed file read as a stream through zlib's gz* functions, so memory stays flat
/// whatever the file's size (Exim's rotated `mainlog.N.gz`).
public final class GzipFileReader {
    private let handle: gzFile
    private let path: String

    /// Takes ownership of `fileDescriptor` (closed with the file).
    public init(fileDescriptor: Int32, path: String) throws(GzipError) {
        guard let handle = gzdopen(fileDescriptor, "rb") else {
            close(fileDescriptor)
            throw GzipError("zlib cannot open \(path)")
        }
        gzbuffer(handle, 64 * 1024)
        self.handle = handle
        self.path = path
    }

    /// Up to `maximum` decompressed bytes; empty at the end of the stream.
    public func read(maximum: Int) throws(GzipError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: maximum)
        let count = try read(into: &bytes)
        bytes.removeSubrange(count...)
        return bytes
    }

    /// Fills `buffer` from its start with up to `buffer.count` decompressed bytes, without
    /// allocating; returns how many (0 at the end of the stream).
    public func read(into buffer: inout [UInt8]) throws(GzipError) -> Int {
        let count = buffer.withUnsafeMutableBytes { bytes in
            gzread(handle, bytes.baseAddress, UInt32(min(bytes.count, Int(Int32.max))))
        }
        // At the end (0) or on an error (-1), zlib says which: a clean end leaves Z_OK; a
        // truncated stream (Z_BUF_ERROR) or corrupt data (Z_DATA_ERROR) is an error.
        if count <= 0 {
            var code: Int32 = 0
            let message = gzerror(handle, &code).map { String(cString: $0) } ?? "unknown error"
            if count < 0 || code != Z_OK {
                throw GzipError("the data of \(path) is corrupt or truncated (\(message))")
            }
        }
        return Int(max(count, 0))
    }

    /// Back to the start of the decompressed stream.
    public func rewind() throws(GzipError) {
        guard gzrewind(handle) == 0 else { throw GzipError("zlib cannot rewind \(path)") }
    }

    deinit {
        gzclose(handle)
    }
}
