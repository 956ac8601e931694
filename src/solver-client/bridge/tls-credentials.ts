// TLS to a buildkitd on tcp://, as buildctl does it: verify the daemon's certificate against the
// CA given (or the system's), present the client certificate when given, and check the name the
// user gave with --tlsservername, else the host of the address.
//
// grpc-js's own createSsl() always sends the host as the TLS server name (SNI). For an address by
// IP (tcp://127.0.0.1:1234, the usual way to reach a local buildkitd) Node then prints
// "DEP0123 Setting the TLS ServerName to an IP address is not permitted by RFC 6066" on every
// connect. These credentials send SNI only for DNS names and still verify an IP against the
// certificate's IP SANs, as Go's crypto/tls does.
import * as grpc from "@grpc/grpc-js";
import type { SecureConnector, SecureConnectResult } from "@grpc/grpc-js/build/src/channel-credentials";
import { isIP } from "node:net";
import type { Socket } from "node:net";
import * as tls from "node:tls";

export interface TlsMaterial {
  /** PEM: the CA that signed the daemon's certificate; absent: the system's roots. */
  ca?: Buffer;
  /** PEM: client certificate and key for mutual TLS. */
  cert?: Buffer;
  key?: Buffer;
}

/** The name the daemon's certificate must carry, and the SNI to send (none for an IP). */
export function tlsNames(host: string, serverName: string | undefined): { verifyAs: string; sni: string | undefined } {
  const verifyAs = serverName ?? host;
  return { verifyAs, sni: isIP(verifyAs) ? undefined : verifyAs };
}

export class BuildkitTlsCredentials extends grpc.ChannelCredentials {
  private readonly context: tls.SecureContext;

  constructor(
    material: TlsMaterial,
    private readonly host: string,
    private readonly serverName?: string,
  ) {
    super();
    // Throws on a PEM that does not parse or a key that does not match: callers report it.
    this.context = tls.createSecureContext({
      ...(material.ca ? { ca: material.ca } : {}),
      ...(material.cert ? { cert: material.cert } : {}),
      ...(material.key ? { key: material.key } : {}),
    });
  }

  override compose(): grpc.ChannelCredentials {
    throw new Error("BuildkitTlsCredentials cannot be composed with call credentials");
  }

  _isSecure(): boolean {
    return true;
  }

  _equals(other: grpc.ChannelCredentials): boolean {
    return other === this;
  }

  _createSecureConnector(_target: unknown, _options: unknown, callCredentials?: grpc.CallCredentials): SecureConnector {
    const creds = callCredentials ?? grpc.credentials.createEmpty();
    const { verifyAs, sni } = tlsNames(this.host, this.serverName);
    const secureContext = this.context;
    return {
      connect(socket: Socket): Promise<SecureConnectResult> {
        return new Promise((resolve, reject) => {
          const s = tls.connect(
            {
              socket,
              secureContext,
              ALPNProtocols: ["h2"],
              ...(sni ? { servername: sni } : {}),
              checkServerIdentity: (_host, cert) => tls.checkServerIdentity(verifyAs, cert),
            },
            () => {
              if (!s.authorized) {
                reject(s.authorizationError);
                return;
              }
              resolve({ socket: s, secure: true });
            },
          );
          s.on("error", reject);
        });
      },
      waitForReady: () => Promise.resolve(),
      getCallCredentials: () => creds,
      destroy() {},
    };
  }
}
