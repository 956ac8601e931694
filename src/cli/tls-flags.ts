// TLS options for tcp:// daemon addresses, named as buildctl names them, shared by `llbx build`
// and `llbx serve`.
import { join } from "node:path";
import type { TlsFiles } from "../solver-client/bridge/address";
import { flag, type FlagSpec, type ParsedArgs } from "./args";

export const tlsFlagSpec: Record<string, FlagSpec> = {
  tlscacert: { value: true },
  tlscert: { value: true },
  tlskey: { value: true },
  tlsservername: { value: true },
  tlsdir: { value: true },
};

export const tlsFlagHelp = `  --tlscacert F --tlscert F --tlskey F --tlsservername N    TLS for tcp:// addresses
  --tlsdir DIR            ca.pem, cert.pem and key.pem in DIR (the single flags win)`;

/** The TLS files the flags name, or undefined when none is given. */
export function tlsFilesFromArgs(args: ParsedArgs): TlsFiles | undefined {
  const dir = flag(args, "tlsdir");
  const inDir = (name: string) => (dir ? join(dir, name) : undefined);
  const caCert = flag(args, "tlscacert") ?? inDir("ca.pem");
  const cert = flag(args, "tlscert") ?? inDir("cert.pem");
  const key = flag(args, "tlskey") ?? inDir("key.pem");
  const serverName = flag(args, "tlsservername");
  if (!caCert && !cert && !key && !serverName) return undefined;
  return { ...(caCert ? { caCert } : {}), ...(cert ? { cert } : {}), ...(key ? { key } : {}), ...(serverName ? { serverName } : {}) };
}
