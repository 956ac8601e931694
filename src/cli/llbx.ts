// Entry point of the `llbx` bundle. `llbx dump` of a binary Definition is expected to take about as
// long as `buildctl debug dump-llb`, i.e. little more than Node's own start-up, so it is tried here
// with nothing else loaded; every other command, and every dump the fast path declines, loads the CLI.
import { tryFastDump } from "./dump-fast-command";

const argv = process.argv.slice(2);
const fast = argv[0] === "dump" ? tryFastDump(argv.slice(1)) : { done: false as const };
if (fast.done) await fast.flushed;
else await (await import("./main")).runCli(argv, fast.input);
