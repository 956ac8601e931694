// `llbx serve` (what `npm start` runs): serves the built app and the bridge to BuildKit on one
// origin, 127.0.0.1 only, and prints the URL with this launch's token.
import { createReadStream, existsSync, statSync } from "node:fs";
import type http from "node:http";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { newBridgeToken, startBridge, type SessionSpec } from "../solver-client/bridge/index";
import { dockerignoreFor } from "./session-flags";
import { flag, flagList, parseArgs } from "./args";
import { CliError } from "./cli-error";
import { tlsFilesFromArgs, tlsFlagHelp, tlsFlagSpec } from "./tls-flags";

const help = `usage: llbx serve [options]

Serves the LLB Explorer app and the local bridge to a BuildKit daemon on 127.0.0.1, and prints the
URL to open (it carries this launch's token; the bridge refuses requests without it).

options:
  --port N                port (default 8585; 0 picks a free one)
  --host H                127.0.0.1 (default), localhost or ::1
  --addr A                daemon address (default: $BUILDKIT_HOST, buildkitd sockets, $DOCKER_HOST,
                          /var/run/docker.sock); see 'llbx build --help'
${tlsFlagHelp}
  --context DIR           serve DIR as the build context (local://context and local://dockerfile)
                          to builds started from the page, through a BuildKit session
  --local NAME=DIR        serve DIR as local://NAME (repeatable)
  --app-dir DIR           the built app (default: dist/app of this package)
  --allow-origin O        another page origin allowed to use the bridge, e.g. the Vite dev
                          server http://localhost:5173 (repeatable)
`;

const MIME: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".wasm": "application/wasm",
  ".llb": "application/octet-stream",
  ".txt": "text/plain; charset=utf-8",
  ".map": "application/json",
  ".ttf": "font/ttf",
  ".woff2": "font/woff2",
};

/** Serves files under `root`; never outside it. Unknown paths without an extension get index.html. */
export function staticFiles(root: string): http.RequestListener {
  const base = resolve(root);
  return (req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD" }).end();
      return;
    }
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    let file = normalize(join(base, pathname));
    if (file !== base && !file.startsWith(base + sep)) {
      res.writeHead(403).end();
      return;
    }
    if (!existsSync(file) || statSync(file).isDirectory()) {
      const index = join(file, "index.html");
      if (existsSync(index)) file = index;
      else if (extname(pathname) === "") file = join(base, "index.html");
      else {
        res.writeHead(404, { "content-type": "text/plain" }).end("not found");
        return;
      }
    }
    res.writeHead(200, {
      "content-type": MIME[extname(file)] ?? "application/octet-stream",
      "x-content-type-options": "nosniff",
      "cache-control": "no-cache",
    });
    if (req.method === "HEAD") res.end();
    else createReadStream(file).pipe(res);
  };
}

export async function runServe(argv: string[]): Promise<number> {
  const args = parseArgs(
    argv,
    {
      port: { value: true },
      host: { value: true },
      addr: { value: true },
      ...tlsFlagSpec,
      "app-dir": { value: true },
      context: { value: true },
      local: { value: true, repeat: true },
      "allow-origin": { value: true, repeat: true },
      help: {},
      h: {},
    },
    "serve",
  );
  if (args.flags.has("help") || args.flags.has("h")) {
    process.stdout.write(help);
    return 0;
  }
  const port = Number(flag(args, "port") ?? "8585");
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError("serve: --port must be a number from 0 to 65535", 2);
  const host = flag(args, "host") ?? "127.0.0.1";
  if (!["127.0.0.1", "localhost", "::1"].includes(host)) throw new CliError("serve: the bridge can run commands on this machine, so it listens on loopback only (127.0.0.1, localhost or ::1)", 2);
  const appDir = flag(args, "app-dir") ?? fileURLToPath(new URL("../app", import.meta.url));
  if (!existsSync(join(appDir, "index.html"))) throw new CliError(`serve: no built app in ${appDir} (run 'npm run build' first)`);
  const addr = flag(args, "addr");
  const tls = tlsFilesFromArgs(args);
  const locals: SessionSpec["locals"] = {};
  const notes: string[] = [];
  const context = flag(args, "context");
  if (context) {
    if (!existsSync(context) || !statSync(context).isDirectory()) throw new CliError(`serve: --context ${context}: not a directory`, 2);
    const dir = resolve(context);
    // The folder's .dockerignore filters what builds get, as `docker build DIR` would.
    const ignore = dockerignoreFor(null, dir);
    locals.context = ignore && ignore.patterns.length > 0 ? { dir, excludes: ignore.patterns } : dir;
    locals.dockerfile = dir;
    if (ignore) notes.push(`(${ignore.file}: ${ignore.patterns.length} patterns leave files out of local://context)`);
  }
  for (const kv of flagList(args, "local")) {
    const i = kv.indexOf("=");
    const dir = kv.slice(i + 1);
    if (i <= 0 || !existsSync(dir) || !statSync(dir).isDirectory()) throw new CliError(`serve: --local ${kv}: expected NAME=DIR with an existing directory`, 2);
    locals[kv.slice(0, i)] = resolve(dir);
  }
  const token = newBridgeToken();
  const bridge = await startBridge({
    port,
    host,
    token,
    ...(addr ? { addr } : {}),
    ...(tls ? { tls } : {}),
    allowedOrigins: flagList(args, "allow-origin"),
    requestListener: staticFiles(appDir),
    locals,
  });
  const shownHost = host === "::1" ? "[::1]" : host;
  process.stdout.write(`LLB Explorer is running: http://${shownHost}:${bridge.port}/?token=${bridge.token}\n`);
  for (const [name, spec] of Object.entries(locals)) process.stdout.write(`serving local://${name} from ${typeof spec === "string" ? spec : spec.dir} to builds started in the page\n`);
  for (const note of notes) process.stdout.write(`${note}\n`);
  process.stdout.write(`(the bridge to BuildKit accepts only this page and token; Ctrl+C stops it)\n`);
  await new Promise<void>((done) => {
    const stop = () => {
      void bridge.close().then(done);
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  return 0;
}
