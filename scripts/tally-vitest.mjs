#!/usr/bin/env node
// Prints "NAME PASSED FAILED SKIPPED" from a Vitest JSON report (skipped tests are not passes).
import { readFileSync } from "node:fs";

const [file, name] = process.argv.slice(2);
const r = JSON.parse(readFileSync(file, "utf8"));
const failed = r.numFailedTests + (r.numFailedTestSuites ?? 0) + (r.numTotalTests === 0 ? 1 : 0);
console.log(`${name} ${r.numPassedTests} ${failed} ${(r.numPendingTests ?? 0) + (r.numTodoTests ?? 0)}`);
