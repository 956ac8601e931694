// Entry point of the ES module bundle (dist/cli/llbx.mjs): every command but the fast `llbx dump`,
// which bin/llbx.cjs tries first with nothing of this loaded (dist/cli/dump-fast.cjs).
export { runCli } from "./main";
