#!/usr/bin/env node
// Prints "NAME PASSED FAILED SKIPPED" from a Playwright JSON report (flaky counts as passed after retry,
// skipped counts as neither; a report with no test at all is a failure).
import { existsSync, readFileSync } from "node:fs";

const [file, name] = process.argv.slice(2);
if (!existsSync(file)) {
  console.log(`${name} 0 1 0`);
  process.exit(0);
}
const s = JSON.parse(readFileSync(file, "utf8")).stats ?? {};
const passed = (s.expected ?? 0) + (s.flaky ?? 0);
const failed = (s.unexpected ?? 0) + (passed + (s.unexpected ?? 0) === 0 ? 1 : 0);
console.log(`${name} ${passed} ${failed} ${s.skipped ?? 0}`);
