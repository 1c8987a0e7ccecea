import ArgumentParser
import Discovery
import JSONText
import PolicyStore

/// `mtasts migrate --from PATH`: copies the domains of a Perl-script cache into this cache.
struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Copy the domains of an existing Perl-script LMDB cache (directory or file) into the cache.",
        discussion: "Entries that do not validate are skipped and listed; the source is only read.")

    @Option(name: .long, help: ArgumentHelp("The old cache: a directory holding data.mdb, or an LMDB file.", valueName: "path"))
    var from: String

    @OptionGroup var options: GlobalOptions

    @OptionGroup var writer: WriterOptions

    @OptionGroup var rebuildOptions: RebuildOptions

    func run() throws {
        try writer.begin(command: "migrate")
        let configuration = try options.loadConfiguration()
        let target = try Services(configuration: configuration).store(.readWrite, rebuild: rebuildOptions.rebuild)
        let report: MigrationReport
        do {
            report = try CacheMigration.migrate(from: from, into: target, now: SystemWallClock().now())
        } catch {
            throw CommandFailure("\(error)", status: ExitStatus.usage)
        }
        if options.json {
            writeStandardOutput(JSONValue.object([
                ("from", .string(from)),
                ("to", .string(configuration.cache.path)),
                ("migrated", .array(report.migrated.map { .string($0.value) })),
                ("skipped", .array(report.skipped.map { .object([("key", .string($0.key)), ("reason", .string($0.reason))]) })),
            ]).rendered)
        } else {
            writeStandardOutput("migrated \(report.migrated.count) domain(s) from \(from) into \(configuration.cache.path)")
            for skipped in report.skipped { writeStandardOutput("  skipped \(skipped.key): \(skipped.reason)") }
        }
    }
}
