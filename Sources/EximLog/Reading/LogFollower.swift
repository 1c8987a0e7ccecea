#if canImport(Glibc)
import Glibc
#endif

/// Reads what was added to one log since a remembered ``LogPosition``, following logrotate:
///
/// - The remembered file still at `path` and not truncated: read on from the offset.
/// - It was rotated (`path.1`, `path.2`, ...; found by inode, or by fingerprint when it was
///   compressed to `path.N.gz` or copied by copytruncate): finish it from the offset, then
///   read the newer rotated files and `path` from the start.
/// - `path` has the remembered inode but is shorter, or starts differently (copytruncate):
///   finish the copy when one is found, then read `path` from the start.
/// - No position (first run): every rotated file that exists, oldest first, then `path`.
/// - A position whose file is gone from sight: `path` from the start.
///
/// A line is never handed out twice, and a final line without its newline stays for the next
/// run, except in rotated files, which no longer grow.
public struct LogFollower: Sendable {
    /// The log, e.g. `/var/log/exim4/mainlog`.
    public let path: String
    /// Lines longer than this are skipped (counted as overlong).
    public let maximumLineLength: Int
    /// Rotated generations looked at, `path.1` to `path.<maximumGenerations>`.
    public let maximumGenerations: Int

    public init(path: String, maximumLineLength: Int = 64 * 1024, maximumGenerations: Int = 100) {
        self.path = path
        self.maximumLineLength = maximumLineLength
        self.maximumGenerations = maximumGenerations
    }

    /// One file read during a pass.
    public struct FileRead: Sendable, Equatable {
        public var path: String
        public var fromOffset: UInt64
        public var toOffset: UInt64
        public var lines: Int
    }

    /// What a pass did.
    public struct Pass: Sendable, Equatable {
        /// Where the next pass starts; nil when there was nothing to read and no position before.
        public var position: LogPosition?
        public var files: [FileRead] = []
        public var overlongLines = 0
        /// Whether `path` itself does not exist.
        public var logMissing = false
    }

    /// Reads every new complete line, handing each (without `\n`) to `handle`.
    public func read(from position: LogPosition?,
                     _ handle: (ArraySlice<UInt8>) -> Void) throws(EximLogError) -> Pass {
        let rotated = rotatedFiles()
        var pass = Pass(position: position)
        let current = try LogFile.open(path)
        pass.logMissing = current == nil

        // Work out the files to read: (path, start offset, finishing).
        var plan: [(path: String, offset: UInt64)] = []
        if let position {
            if let current, current.identity == position.file, current.sizeOnDisk >= position.offset,
               try position.fingerprint.matches(current) {
                plan = [(path, position.offset)]
            } else if let index = try locate(position, in: rotated, excluding: current?.identity) {
                plan = [(rotated[index], position.offset)] + rotated[..<index].reversed().map { ($0, UInt64(0)) }
                if current != nil { plan.append((path, 0)) }
            } else if current != nil {
                plan = [(path, 0)]
            }
        } else {
            plan = rotated.reversed().map { ($0, UInt64(0)) }
            if current != nil { plan.append((path, 0)) }
        }

        let reader = LineReader(maximumLineLength: maximumLineLength)
        for (filePath, offset) in plan {
            let file: LogFile
            if filePath == path, let current {
                file = current
            } else {
                guard let opened = try LogFile.open(filePath) else { continue } // rotated away meanwhile
                file = opened
            }
            let finishing = filePath != path
            let outcome = try reader.read(file, from: offset, finishing: finishing, handle)
            pass.files.append(FileRead(path: filePath, fromOffset: offset, toOffset: outcome.endOffset, lines: outcome.lines))
            pass.overlongLines += outcome.overlongLines
            let prefix = try file.leadingBytes(Int(min(outcome.endOffset, UInt64(Fingerprint.maximumLength))))
            pass.position = LogPosition(file: file.identity, offset: outcome.endOffset, fingerprint: Fingerprint(of: prefix))
        }
        return pass
    }

    /// The rotated files that exist, newest first: `path.1` (or `path.1.gz`), `path.2`, ...,
    /// stopping at the first generation missing.
    func rotatedFiles() -> [String] {
        var files: [String] = []
        for generation in 1...max(1, maximumGenerations) {
            let plain = "\(path).\(generation)"
            if fileExists(plain) { files.append(plain) } else if fileExists(plain + ".gz") { files.append(plain + ".gz") } else { break }
        }
        return files
    }

    /// The index in `rotated` of the remembered file: by identity first, then by fingerprint.
    private func locate(_ position: LogPosition, in rotated: [String],
                        excluding current: FileIdentity?) throws(EximLogError) -> Int? {
        var opened: [FileIdentity?] = []
        for file in rotated { opened.append(try LogFile.open(file)?.identity) }
        if let index = opened.firstIndex(where: { $0 == position.file && $0 != current }),
           try position.fingerprint.matches(fileAt: rotated[index]) {
            return index
        }
        guard position.fingerprint.length > 0 else { return nil }
        for (index, file) in rotated.enumerated() where opened[index] != current {
            if try position.fingerprint.matches(fileAt: file) { return index }
        }
        return nil
    }

    private func fileExists(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0
    }
}
