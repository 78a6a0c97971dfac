import OrgaCLI

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// A closed pipe must not kill orgc (report | head, an editor that went away).
signal(SIGPIPE, SIG_IGN)
// A global: alive when `exit` runs, so that what the command keeps is never freed piecemeal.
let io = CommandIO.standard()
io.keepsUntilExit = true
exit(Orgc.run(Array(CommandLine.arguments.dropFirst()), io: io))
