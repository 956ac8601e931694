import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { staticFiles } from "./serve";

const root = mkdtempSync(join(tmpdir(), "llbx-app-"));
mkdirSync(join(root, "assets"));
writeFileSync(join(root, "index.html"), "<!doctype html><title>app</title>");
writeFileSync(join(root, "assets/app.js"), "console.log(1)");
writeFileSync(join(tmpdir(), "llbx-secret.txt"), "secret");
let server: http.Server;
let base = "";

beforeAll(async () => {
  server = http.createServer(staticFiles(root));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

function get(path: string): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    // A raw request, so that "../" reaches the server undecoded and unnormalized.
    const req = http.request({ host: "127.0.0.1", port: Number(new URL(base).port), path, method: "GET" }, (res) => {
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, type: String(res.headers["content-type"] ?? ""), body }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("the app's static file server", () => {
  it.each([
    ["the page at /", "/", 200, "text/html", "<title>app</title>"],
    ["a script with its type", "/assets/app.js", 200, "text/javascript", "console.log(1)"],
    ["a client-side route", "/some/route", 200, "text/html", "<title>app</title>"],
    ["a missing asset", "/assets/missing.js", 404, "text/plain", "not found"],
    ["a path outside the app", "/../llbx-secret.txt", 404, "", ""],
    ["an encoded path outside the app", "/%2e%2e/llbx-secret.txt", 404, "", ""],
    ["an encoded separator outside the app", "/..%2fllbx-secret.txt", 403, "", ""],
  ])("%s", async (_, path, status, type, body) => {
    const r = await get(path);
    expect(r.status).toBe(status);
    if (type) expect(r.type).toContain(type);
    expect(r.body).toContain(body);
    expect(r.body).not.toContain("secret");
  });
});
