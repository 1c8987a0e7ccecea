#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension StoreError {
    /// Maps a failed LMDB call on the cache at `path` to the error a user can act on.
    init(_ error: LMDBError, path: String, readOnly: Bool, mapSize: Int? = nil) {
        switch error.kind {
        case .invalid: self = .notACache(path, code: "MDB_INVALID")
        case .versionMismatch: self = .notACache(path, code: "MDB_VERSION_MISMATCH")
        case .corrupted: self = .notACache(path, code: "MDB_CORRUPTED")
        case .mapFull:
            let size = mapSize.map { " at \($0 / 1024) KiB" } ?? ""
            self.init(.mapFull, path: path,
                      "the cache \(path) is full\(size) even after growing its map \(LMDBEnvironment.maximumRetries) times; open it with a larger map size")
        case .system(ENOENT) where readOnly: self = .missing(path)
        case .system(ENOENT), .system(ENOTDIR): self = .directoryMissing(path)
        case .system(EACCES), .system(EPERM):
            let need = readOnly ? "read it and write its lock file \(path)-lock" : "read and write it and its lock file \(path)-lock"
            self.init(.permissionDenied, path: path, "permission denied on the cache \(path); run as a user who may \(need)")
        case .system(EROFS):
            self.init(.readOnlyFileSystem, path: path,
                      "cannot write the cache \(path) or its lock file: the file system is read-only")
        case .system(EISDIR):
            self = .isDirectory(path)
        default:
            self.init(.io, path: path,
                      "LMDB failed on the cache \(path) in \(error.operation): \(error.message) (code \(error.code))")
        }
    }

    static func directoryMissing(_ path: String) -> StoreError {
        StoreError(.directoryMissing, path: path,
                   "cannot create the cache \(path): the directory \(FileProbe.directory(of: path)) does not exist (it is not created automatically)")
    }

    static func isDirectory(_ path: String) -> StoreError {
        StoreError(.notACache, path: path,
                   "\(path) is a directory, not a cache file; a Perl-style directory cache can be imported with `mtasts migrate --from \(path)`")
    }
}
