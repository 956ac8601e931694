// A TLS front for the test daemon: a tcp://127.0.0.1 listener that requires mutual TLS (as a
// buildkitd started with --tlscacert/--tlscert/--tlskey does) and passes each connection through
// to the real daemon (unix socket, tcp:// with or without TLS, or Docker's `POST /grpc` h2c upgrade). The daemon tests use it to
// reach real BuildKit over tcp:// with TLS without building a standalone buildkitd here.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { connect as netConnect, type AddressInfo, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as tls from "node:tls";
import type { DaemonAddress } from "../address";
import { upgradeToH2c } from "../docker-h2c";

export interface TlsFront {
  port: number;
  /** ca.pem, cert.pem, key.pem (a client certificate the front accepts): buildctl's --tlsdir. */
  dir: string;
  /** A CA that did not sign the front's certificate. */
  otherCa: string;
  /** Connections the front accepted and passed on (TLS handshake and client certificate good). */
  accepted(): number;
  close(): Promise<void>;
}

function openssl(cwd: string, args: string[]): void {
  execFileSync("openssl", args, { cwd, stdio: "pipe" });
}

/** A CA, a server certificate for 127.0.0.1 and localhost, a client certificate; and a second CA. */
function makeCertificates(dir: string): void {
  const ca = (name: string) => openssl(dir, ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", `/CN=${name}`, "-keyout", `${name}.key`, "-out", `${name}.pem`]);
  ca("ca");
  ca("other-ca");
  const signed = (name: string, ext: string) => {
    openssl(dir, ["req", "-newkey", "rsa:2048", "-nodes", "-subj", `/CN=${name}`, "-keyout", `${name}.key`, "-out", `${name}.csr`]);
    writeFileSync(join(dir, `${name}.ext`), ext);
    openssl(dir, ["x509", "-req", "-in", `${name}.csr`, "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-days", "2", "-extfile", `${name}.ext`, "-out", `${name}.pem`]);
  };
  signed("server", "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
  signed("client", "extendedKeyUsage=clientAuth\n");
  // buildctl's --tlsdir names.
  writeFileSync(join(dir, "cert.pem"), readFileSync(join(dir, "client.pem")));
  writeFileSync(join(dir, "key.pem"), readFileSync(join(dir, "client.key")));
}

async function dialDaemon(daemon: DaemonAddress): Promise<Socket> {
  if (daemon.kind === "tcp" && daemon.tls) {
    // A buildkitd that itself speaks TLS: the front is then a TLS hop in front of a TLS daemon.
    const t = daemon.tls;
    const s = tls.connect({
      host: daemon.host,
      port: daemon.port,
      ALPNProtocols: ["h2"],
      ...(t.caCert ? { ca: readFileSync(t.caCert) } : {}),
      ...(t.cert ? { cert: readFileSync(t.cert) } : {}),
      ...(t.key ? { key: readFileSync(t.key) } : {}),
      ...(t.serverName ? { servername: t.serverName } : {}),
    });
    await new Promise<void>((resolve, reject) => {
      s.once("secureConnect", resolve);
      s.once("error", reject);
    });
    return s;
  }
  const path = daemon.kind === "unix" ? daemon.path : daemon.kind === "docker" ? daemon.socketPath : null;
  const s = path !== null ? netConnect(path) : daemon.kind === "tcp" ? netConnect(daemon.port, daemon.host) : null;
  if (!s) throw new Error(`the TLS front cannot reach ${daemon.kind} daemons`);
  await new Promise<void>((resolve, reject) => {
    s.once("connect", resolve);
    s.once("error", reject);
  });
  return daemon.kind === "docker" ? upgradeToH2c(s, "/grpc") : s;
}

export async function startTlsFront(daemon: DaemonAddress): Promise<TlsFront> {
  const dir = mkdtempSync(join(tmpdir(), "llbx-tls-"));
  makeCertificates(dir);
  let accepted = 0;
  const open = new Set<Socket>();
  const server = tls.createServer(
    {
      ca: readFileSync(join(dir, "ca.pem")),
      cert: readFileSync(join(dir, "server.pem")),
      key: readFileSync(join(dir, "server.key")),
      requestCert: true,
      rejectUnauthorized: true,
      ALPNProtocols: ["h2"],
    },
    (client) => {
      accepted++;
      open.add(client);
      client.on("close", () => open.delete(client));
      client.on("error", () => client.destroy());
      dialDaemon(daemon).then(
        (upstream) => {
          open.add(upstream);
          upstream.on("close", () => {
            open.delete(upstream);
            client.destroy();
          });
          upstream.on("error", () => upstream.destroy());
          client.on("close", () => upstream.destroy());
          client.pipe(upstream).pipe(client);
        },
        () => client.destroy(),
      );
    },
  );
  // Handshakes the front refuses (no client certificate, unknown CA) are the tests' business.
  server.on("tlsClientError", () => {});
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    dir,
    otherCa: join(dir, "other-ca.pem"),
    accepted: () => accepted,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        });
      }),
  };
}
