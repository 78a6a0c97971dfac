import OrgaCLI

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// A closed pipe must not kill orgc (report | head, an editor that went away).
signal(SIGPIPE, SIG_IGN)
exit(Orgc.run(Array(CommandLine.arguments.dropFirst())))
