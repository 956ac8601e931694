// Test-only helper: where the golden inputs copied from ../shared live inside the project.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));

export function testdataDir(name: string): string {
  return join(here, "testdata", name);
}
