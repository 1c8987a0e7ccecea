#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Fast searches in a line's bytes, through the C library's `memchr`/`memcmp` (vectorised,
/// several bytes per cycle; a Swift loop over an `ArraySlice` manages about one). This file
/// holds the log code's only pointer code; the API takes and returns `ArraySlice` indices.
public enum ByteSearch {
    /// The index of the first `byte` in `bytes`, or nil.
    @inlinable
    public static func firstIndex(of byte: UInt8, in bytes: ArraySlice<UInt8>) -> Int? {
        bytes.withUnsafeBufferPointer { buffer -> Int? in
            guard let base = buffer.baseAddress, !buffer.isEmpty,
                  let found = memchr(base, Int32(byte), buffer.count) else { return nil }
            return bytes.startIndex + (UnsafeRawPointer(found) - UnsafeRawPointer(base))
        }
    }

    /// The index where the first occurrence of `needle` in `bytes` starts, or nil.
    @inlinable
    public static func firstIndex(of needle: [UInt8], in bytes: ArraySlice<UInt8>) -> Int? {
        guard let first = needle.first, bytes.count >= needle.count else { return nil }
        return bytes.withUnsafeBufferPointer { buffer -> Int? in
            needle.withUnsafeBufferPointer { pattern -> Int? in
                guard let base = buffer.baseAddress, let patternBase = pattern.baseAddress else { return nil }
                var start = 0
                let last = buffer.count - pattern.count   // the last index a match can start at
                while start <= last {
                    guard let found = memchr(base + start, Int32(first), last - start + 1) else { return nil }
                    let offset = UnsafeRawPointer(found) - UnsafeRawPointer(base)
                    if memcmp(base + offset, patternBase, pattern.count) == 0 { return bytes.startIndex + offset }
                    start = offset + 1
                }
                return nil
            }
        }
    }

    /// Whether `needle` occurs in `bytes`.
    @inlinable
    public static func contains(_ needle: [UInt8], in bytes: ArraySlice<UInt8>) -> Bool {
        firstIndex(of: needle, in: bytes) != nil
    }

    /// Whether `bytes` equal `other` byte for byte.
    @inlinable
    public static func equal(_ bytes: ArraySlice<UInt8>, _ other: [UInt8]) -> Bool {
        guard bytes.count == other.count else { return false }
        return bytes.withUnsafeBufferPointer { buffer in
            other.withUnsafeBufferPointer { pattern in
                buffer.isEmpty || memcmp(buffer.baseAddress!, pattern.baseAddress!, buffer.count) == 0
            }
        }
    }
}
