import Foundation
import MTASTSPolicy
import PolicyStore
import Testing
import TestWorld

/// The LMDB file itself: exact keys as other readers see them, and every way opening can fail.
@Suite struct LMDBFileTests {
    /// What Exim's `lmdb` lookup and the Perl-era configuration read: checked with the real
    /// `mdb_dump`, key by key.
    @Test func storedKeysAreExactlyThePerlCompatibleOnesPlusTheNewOnes() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("mtasts.lmdb")
        let store = try LMDBPolicyStore(path: path, access: .readWrite)
        try store.put(Samples.full)
        try store.put(Samples.modeNone)
        try store.put(Samples.failing)
        let expire = String(Samples.now + 86_400), now = String(Samples.now)
        #expect(try LMDBTools.dump(path) == [
            .init(key: "example.com:checked", value: now),
            .init(key: "example.com:expire", value: expire),
            .init(key: "example.com:failures", value: "0"),
            .init(key: "example.com:fetched", value: now),
            .init(key: "example.com:id", value: "20240101T000000"),
            .init(key: "example.com:learned", value: String(Samples.now - 60)),
            .init(key: "example.com:max_age", value: "86400"),
            .init(key: "example.com:missed", value: String(Samples.now - 120)),
            .init(key: "example.com:mode", value: "enforce"),
            .init(key: "example.com:mx", value: "mx1.example.com:*.mail.example.com"),
            .init(key: "example.com:policy", value: Samples.policyText),
            .init(key: "example.com:report", value: "tlsrpt@example.com"),
            .init(key: "example.com:rua", value: "mailto:tlsrpt@example.com,https://report.example.com/v1"),
            .init(key: "example.com:status", value: "policy"),
            .init(key: "failing.example:checked", value: String(Samples.now + 60)),
            .init(key: "failing.example:error",
                  value: "the HTTPS fetch of https://mta-sts.failing.example/.well-known/mta-sts.txt timed out after 10 seconds"),
            .init(key: "failing.example:error_type", value: "sts-policy-fetch-error"),
            .init(key: "failing.example:expire", value: String(Samples.now + 600)),
            .init(key: "failing.example:failed_at", value: String(Samples.now + 60)),
            .init(key: "failing.example:failures", value: "3"),
            .init(key: "failing.example:id", value: "abc"),
            .init(key: "failing.example:mode", value: "testing"),
            .init(key: "failing.example:mx", value: "mx.failing.example"),
            .init(key: "failing.example:status", value: "failure"),
            .init(key: "none.example:expire", value: String(Samples.now + 3600)),
            .init(key: "none.example:fetched", value: now),
            .init(key: "none.example:id", value: "off"),
            .init(key: "none.example:max_age", value: "3600"),
            .init(key: "none.example:mode", value: "none"),
            .init(key: "none.example:mx", value: ""),
            .init(key: "none.example:policy", value: "version: STSv1\nmode: none\nmax_age: 3600\n"),
        ])
    }

    @Test func newFileIsCreatedWithMode0640AndReadableReadOnly() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("mtasts.lmdb")
        try LMDBPolicyStore(path: path, access: .readWrite).put(Samples.full)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        // 0640 before the umask: owner read-write, group at most read, others nothing.
        let permissions = try #require(attributes[.posixPermissions] as? Int)
        #expect(permissions & 0o600 == 0o600 && permissions & ~0o640 == 0, "permissions \(String(permissions, radix: 8))")
        #expect(fileExists(path + "-lock"))
        let reader = try LMDBPolicyStore(path: path, access: .readOnly)
        #expect(try reader.entry(for: Samples.full.domain) == Samples.full)
        let error = try #require(throws: StoreError.self) { try reader.put(Samples.modeNone) }
        #expect(error.kind == .readOnlyStore)
    }

    @Test func readOnlyOnAMissingFileSaysHowToCreateIt() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("mtasts.lmdb")
        let error = try #require(throws: StoreError.self) { try LMDBPolicyStore(path: path, access: .readOnly) }
        #expect(error.kind == .missing)
        #expect(error.description == "no cache at \(path); run `mtasts prewarm` or `mtasts fetch --store`")
        #expect(!fileExists(path) && !fileExists(path + "-lock"), "nothing is created")
    }

    /// An empty file (LMDB would have to write its first pages): no cache yet for a reader;
    /// a writer turns it into an empty cache.
    @Test func anEmptyFileIsNoCacheYet() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("mtasts.lmdb")
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        let error = try #require(throws: StoreError.self) { try LMDBPolicyStore(path: path, access: .readOnly) }
        #expect(error.kind == .missing)
        #expect(error.description == "the cache \(path) is empty; run `mtasts prewarm` or `mtasts fetch --store`")
        let writer = try LMDBPolicyStore(path: path, access: .readWrite)
        #expect(try writer.domains().isEmpty)
        #expect(try LMDBTools.dump(path).isEmpty)
    }

    @Test func readWriteNeverCreatesTheDirectory() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("absent/mtasts.lmdb")
        let error = try #require(throws: StoreError.self) { try LMDBPolicyStore(path: path, access: .readWrite) }
        #expect(error.kind == .directoryMissing)
        #expect(error.description.contains("\(directory.path)/absent does not exist"), "\(error)")
        #expect(!fileExists(directory.file("absent")))
    }

    static let garbage: [(String, [UInt8])] = [
        ("short text", Array("hello\n".utf8)),
        ("two pages of noise", (0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 7) }),
        ("a PNG header", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + [UInt8](repeating: 0, count: 5000)),
    ]

    @Test(arguments: garbage)
    func aGarbageFileIsRefusedAndLeftUnchanged(name: String, bytes: [UInt8]) throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("mtasts.lmdb")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        for access in [LMDBPolicyStore.AccessMode.readWrite, .readOnly] {
            let error = try #require(throws: StoreError.self) { try LMDBPolicyStore(path: path, access: access) }
            #expect(error.kind == .notACache)
            #expect(error.description == "\(path) is not an LMDB cache (MDB_INVALID); move it away and run `mtasts prewarm` to rebuild, or `mtasts migrate`")
        }
        #expect(fileBytes(path) == Data(bytes))
    }

    @Test func aDirectoryAtThePathIsRefused() throws {
        let directory = try TemporaryDirectory()
        let error = try #require(throws: StoreError.self) {
            try LMDBPolicyStore(path: directory.path, access: .readWrite)
        }
        #expect(error.kind == .notACache)
        #expect(error.description.contains("mtasts migrate --from \(directory.path)"))
    }

    /// As root, permissions do not stop us; sysfs refuses file creation even to root (EACCES).
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/sys/kernel")))
    func permissionDeniedIsNamed() throws {
        let path = "/sys/mtasts-test-\(getpid()).lmdb"
        let error = try #require(throws: StoreError.self) { try LMDBPolicyStore(path: path, access: .readWrite) }
        #expect(error.kind == .permissionDenied)
        #expect(error.description == "permission denied on the cache \(path); run as a user who may read and write it and its lock file \(path)-lock")
    }

    /// A cache on a read-only mount: writing is refused clearly; reading still works, even
    /// without a lock file (LMDB cannot create one there, and no writer can exist).
    @Test(.enabled(if: getuid() == 0, "needs root to mount a tmpfs"))
    func readOnlyFileSystem() throws {
        let directory = try TemporaryDirectory()
        let mountPoint = directory.file("ro")
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: false)
        try ChildProcess("/usr/bin/mount", ["-t", "tmpfs", "-o", "size=4m", "tmpfs", mountPoint]).run().requireSuccess()
        defer { _ = try? ChildProcess("/usr/bin/umount", [mountPoint]).run() }
        let path = mountPoint + "/mtasts.lmdb"
        try LMDBPolicyStore(path: path, access: .readWrite, mapSize: 1 << 20).put(Samples.full)
        try FileManager.default.removeItem(atPath: path + "-lock")
        try ChildProcess("/usr/bin/mount", ["-o", "remount,ro", mountPoint]).run().requireSuccess()

        let error = try #require(throws: StoreError.self) { try LMDBPolicyStore(path: path, access: .readWrite) }
        #expect(error.kind == .readOnlyFileSystem)
        #expect(error.description == "cannot write the cache \(path) or its lock file: the file system is read-only")
        let reader = try LMDBPolicyStore(path: path, access: .readOnly)
        #expect(try reader.entry(for: Samples.full.domain) == Samples.full)
    }
}
