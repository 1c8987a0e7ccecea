#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A process-local readers-writer lock (POSIX `pthread_rwlock_t`), the only pthread code in
/// this module.
///
/// LMDB lets many transactions run at once in one process, but `mdb_env_set_mapsize` may only
/// be called while none is active: transactions hold the lock shared, map resizes exclusive.
final class ReadWriteLock: @unchecked Sendable {
    private let handle: UnsafeMutablePointer<pthread_rwlock_t>

    init() {
        handle = UnsafeMutablePointer<pthread_rwlock_t>.allocate(capacity: 1)
        handle.initialize(to: pthread_rwlock_t())
        let rc = pthread_rwlock_init(handle, nil)
        precondition(rc == 0, "pthread_rwlock_init failed with \(rc)")
    }

    deinit {
        pthread_rwlock_destroy(handle)
        handle.deinitialize(count: 1)
        handle.deallocate()
    }

    /// Runs `body` while holding the lock shared (many holders at once).
    func withShared<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        pthread_rwlock_rdlock(handle)
        defer { pthread_rwlock_unlock(handle) }
        return try body()
    }

    /// Runs `body` while holding the lock exclusively.
    func withExclusive<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        pthread_rwlock_wrlock(handle)
        defer { pthread_rwlock_unlock(handle) }
        return try body()
    }
}
