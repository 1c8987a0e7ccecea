// mtasts-lookup: Exim's `${run}` helper. See docs/lookups.md.
import CacheLookup
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

exit(HelperCommand.run(Array(CommandLine.arguments.dropFirst())))
