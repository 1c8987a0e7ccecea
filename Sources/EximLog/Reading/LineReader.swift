/// Splits a ``LogFile`` into lines with fixed-size buffers: memory stays flat whatever the
/// file's size. A line longer than the limit is dropped (counted); a final line without its
/// newline is left for the next run unless the file is finished (rotated away).
struct LineReader {
    /// Bytes read from the file at a time, into one buffer reused for the whole read.
    static let chunkSize = 256 * 1024

    let maximumLineLength: Int

    struct Outcome: Equatable {
        /// The offset just after the last line consumed.
        var endOffset: UInt64
        /// Complete lines handed out.
        var lines: Int = 0
        /// Lines dropped for being longer than the limit.
        var overlongLines: Int = 0
    }

    /// Hands every complete line after `offset` (without its `\n`) to `handle`. With
    /// `finishing`, a final line without `\n` counts as complete (the file will not grow).
    func read(_ file: LogFile, from offset: UInt64, finishing: Bool,
              _ handle: (ArraySlice<UInt8>) -> Void) throws(EximLogError) -> Outcome {
        let start = try file.skip(to: offset)
        var outcome = Outcome(endOffset: start)
        var position = start          // file offset of the next chunk's first byte
        var pending: [UInt8] = []     // the current line so far (not when discarding)
        var discarding = false        // inside a line already known to be too long
        pending.reserveCapacity(maximumLineLength)
        var buffer = [UInt8](repeating: 0, count: Self.chunkSize)

        while true {
            let count = try file.read(into: &buffer)
            if count == 0 { break }
            let chunk = buffer[..<count]
            var lineStart = 0
            while let newline = ByteSearch.firstIndex(of: 0x0A, in: chunk[lineStart...]) {
                if discarding || pending.count + (newline - lineStart) > maximumLineLength {
                    outcome.overlongLines += 1
                } else if pending.isEmpty {
                    handle(chunk[lineStart..<newline])
                    outcome.lines += 1
                } else {
                    pending += chunk[lineStart..<newline]
                    handle(pending[...])
                    outcome.lines += 1
                }
                pending.removeAll(keepingCapacity: true)
                discarding = false
                lineStart = newline + 1
                outcome.endOffset = position + UInt64(lineStart)
            }
            if !discarding {
                if pending.count + (chunk.count - lineStart) > maximumLineLength {
                    discarding = true
                    pending.removeAll(keepingCapacity: true)
                } else {
                    pending += chunk[lineStart...]
                }
            }
            position += UInt64(count)
        }

        if finishing && position > outcome.endOffset {
            if discarding {
                outcome.overlongLines += 1
            } else {
                handle(pending[...])
                outcome.lines += 1
            }
            outcome.endOffset = position
        }
        return outcome
    }
}
