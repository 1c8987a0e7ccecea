/// Property checks inside fuzz targets: a violated property stops the process with a message,
/// which libFuzzer reports as a crash and saves the input for.
public enum FuzzCheck {
    /// Stops the fuzzer when `condition` is false.
    public static func require(_ condition: Bool, _ message: @autoclosure () -> String,
                               file: StaticString = #fileID, line: UInt = #line) {
        if !condition { fatalError("property violated: \(message())", file: file, line: line) }
    }

    /// The input as an array.
    public static func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
        guard let data, size > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: size))
    }

    /// The input as text, invalid UTF-8 repaired (the parsers' `String` entry points).
    public static func text(_ data: UnsafePointer<UInt8>?, _ size: Int) -> String {
        String(decoding: bytes(data, size), as: UTF8.self)
    }

    /// The input split at `separator` bytes, as texts.
    public static func texts(_ data: UnsafePointer<UInt8>?, _ size: Int, separator: UInt8) -> [String] {
        bytes(data, size).split(separator: separator, omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
    }
}
