// The Workbench's compile client, created once (lazily) for the page.
import { createCompileClient, type CompileClient } from "../../../workers/compile.client";

let compiler: CompileClient | null = null;

export function compileClient(): CompileClient {
  compiler ??= createCompileClient();
  return compiler;
}
