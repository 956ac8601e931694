// A BridgeClient stand-in for tests and demos: connection state and build events are driven by hand.
import type { BridgeClient, BuildEvent, BuildExtras, ClientBuild, ConnectionState } from "../../../solver-client/client/index";
import type { DaemonInfo, Entitlement } from "../../../solver-client/protocol/index";

export const FAKE_DAEMON_INFO: DaemonInfo = {
  address: "unix:///run/buildkit/buildkitd.sock",
  transport: "buildkitd",
  buildkitVersion: { package: "github.com/moby/buildkit", version: "v0.26.2", revision: "0000000" },
  workers: [{ id: "worker-1", labels: {}, platforms: [{ os: "linux", architecture: "amd64" }, { os: "linux", architecture: "arm64" }] }],
  caps: { buildkit: [0, 26], source: "info", llbCaps: [] },
};

export interface FakeBuild {
  id: string;
  entitlements: readonly Entitlement[];
  /** What the build carried besides its definition (build ID, context upload, secrets). */
  extras: BuildExtras;
  emit: (e: BuildEvent) => void;
  canceled: boolean;
}

/** A BridgeClient stand-in: the test drives connection state and build events by hand. */
export function fakeBridgeClient(): { client: BridgeClient; builds: FakeBuild[]; setState: (s: ConnectionState) => void } {
  let state: ConnectionState = { status: "connecting", attempt: 0, final: false };
  const stateFns = new Set<(s: ConnectionState) => void>();
  const builds: FakeBuild[] = [];
  const client: BridgeClient = {
    state: () => state,
    onState: (fn) => {
      stateFns.add(fn);
      return () => stateFns.delete(fn);
    },
    onMessage: () => () => {},
    connectInfo: async () => ({ ok: true, info: FAKE_DAEMON_INFO }),
    build(_def, entitlements, extras = {}): ClientBuild {
      const id = extras.buildId ?? `b${builds.length + 1}`;
      const fns = new Set<(e: BuildEvent) => void>();
      const rec: FakeBuild = { entitlements, extras, emit: (e: BuildEvent) => fns.forEach((f) => f(e)), canceled: false, id };
      builds.push(rec);
      return {
        buildId: id,
        done: new Promise(() => {}),
        events: {
          subscribe: (fn) => {
            fns.add(fn);
            return () => fns.delete(fn);
          },
        },
        cancel: () => {
          rec.canceled = true;
        },
      };
    },
    reconnect() {},
    close() {},
    invalidFrames: 0,
  };
  const setState = (s: ConnectionState) => {
    state = s;
    for (const f of stateFns) f(s);
  };
  return { client, builds, setState };
}
