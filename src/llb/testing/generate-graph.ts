// Deterministic synthetic LLB for benchmarks and tests: a canonical binary Definition shaped like what
// a large multi-stage Dockerfile build produces. Stages start from a shared pool of images (or from an
// earlier stage), run commands with cache, secret, tmpfs and bind mounts (the bind mounts read other
// stages), copy files from the build context and from other stages, and are merged and diffed. Ops
// carry platform and constraints as BuildKit writes them, metadata carries custom names, caps and
// progress groups, and a Source maps ops to lines of a made-up Dockerfile.
import { encodeDefinition, encodeOp, opDigest, type Digest } from "../codec";
import type { Definition, FileAction, Input, Location, Mount, Op, OpMetadata, Platform } from "../gen/ops_pb";
import { CacheSharingOpt, MountType } from "../gen/ops_pb";
import { encodeUtf8 } from "../wire";

export interface GenerateGraphOptions {
  /** How many ops the Definition has, terminal op included (exact unless very small). */
  ops: number;
  /** Seed of the pseudo-random choices: the same options give the same bytes. */
  seed: number;
}

const defaultOptions: GenerateGraphOptions = { ops: 1000, seed: 1 };

/** A Definition as canonical bytes (what `llb.WriteTo` writes), with `ops` ops. */
export function generateDefinition(options: Partial<GenerateGraphOptions> = {}): Uint8Array {
  return encodeDefinition(generateDefinitionMessage(options));
}

/** The same Definition as a message. */
export function generateDefinitionMessage(options: Partial<GenerateGraphOptions> = {}): Definition {
  const opts = { ...defaultOptions, ...options };
  return new GraphGenerator(opts.seed).run(Math.max(opts.ops, 2));
}

// mulberry32: small, fast and good enough to vary shapes; not for anything secret.
function pseudoRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One output of an op. */
interface OpOutput {
  digest: Digest;
  index: number;
}

interface Stage {
  name: string;
  head: OpOutput;
  steps: number;
}

const IMAGES = [
  "docker.io/library/alpine:3.20",
  "docker.io/library/debian:bookworm-slim",
  "docker.io/library/ubuntu:24.04",
  "docker.io/library/golang:1.23-alpine",
  "docker.io/library/node:22-bookworm",
  "docker.io/library/python:3.12-slim",
  "docker.io/library/rust:1.82",
  "docker.io/tonistiigi/xx:1.5.0",
  "docker.io/library/busybox:1.36",
  "gcr.io/distroless/static-debian12:nonroot",
  "docker.io/moby/buildkit:v0.18.0",
  "docker.io/library/nginx:1.27-alpine",
];

const COMMANDS = [
  "apk add --no-cache git make gcc musl-dev",
  "apt-get update && apt-get install -y --no-install-recommends ca-certificates curl",
  "go mod download",
  "go build -trimpath -ldflags='-s -w' -o /out/app ./cmd/app",
  "npm ci --prefer-offline",
  "npm run build",
  "pip install --no-cache-dir -r requirements.txt",
  "cargo build --release --locked",
  "make -j$(nproc) install DESTDIR=/out",
  "xx-verify /out/app",
  "echo \"build $(date)\" > /out/version.txt",
  "tar -C /out -czf /dist/release.tar.gz .",
];

const CACHES = ["/root/.cache/go-build", "/go/pkg/mod", "/root/.npm", "/root/.cache/pip", "/usr/local/cargo/registry", "/var/cache/apt"];

const PLATFORM: Platform = { Architecture: "amd64", OS: "linux" };
const NO_TIMESTAMP = -1n;

class GraphGenerator {
  private readonly random: () => number;
  private readonly def: Uint8Array[] = [];
  private readonly seen = new Set<string>();
  private readonly metadata: { [digest: string]: OpMetadata } = {};
  private readonly locations: { [digest: string]: { locations: Location[] } } = {};
  private readonly dockerfile: string[] = [];
  private readonly stages: Stage[] = [];
  private context: OpOutput | undefined;

  constructor(seed: number) {
    this.random = pseudoRandom(seed);
  }

  run(ops: number): Definition {
    while (this.def.length < ops - 1) this.step();
    // The terminal op: BuildKit solves its first input.
    const last = this.stages[this.stages.length - 1]!.head;
    this.add({ inputs: [{ digest: last.digest, index: last.index }] });
    const data = encodeUtf8(this.dockerfile.join("\n") + "\n");
    return {
      def: this.def,
      metadata: this.metadata,
      Source: { locations: this.locations, infos: [{ filename: "Dockerfile", data, language: "Dockerfile" }] },
    };
  }

  private pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.random() * list.length)]!;
  }

  private chance(p: number): boolean {
    return this.random() < p;
  }

  private add(op: Op, description?: string, caps?: string[]): OpOutput {
    const bytes = encodeOp(op);
    const digest = opDigest(bytes);
    if (!this.seen.has(digest)) {
      this.seen.add(digest);
      this.def.push(bytes);
      const md: OpMetadata = {};
      if (description) md.description = { "llb.customname": description };
      if (caps) md.caps = Object.fromEntries(caps.sort().map((c) => [c, true]));
      if (md.description || md.caps) this.metadata[digest] = md;
      if (op.op && op.op.case !== "source") {
        this.dockerfile.push(description ?? op.op.case);
        const line = this.dockerfile.length;
        this.locations[digest] = { locations: [{ sourceIndex: 0, ranges: [{ start: { line }, end: { line } }] }] };
      }
    }
    return { digest, index: 0 };
  }

  private image(ref: string): OpOutput {
    return this.add(
      { op: { case: "source", value: { identifier: `docker-image://${ref}` } }, platform: PLATFORM, constraints: {} },
      undefined,
      ["source.image"],
    );
  }

  private buildContext(): OpOutput {
    this.context ??= this.add(
      {
        op: {
          case: "source",
          value: {
            identifier: "local://context",
            attrs: { "local.followpaths": '["go.mod","go.sum","cmd","pkg"]', "local.sharedkeyhint": "context", "local.unique": "s7q1k2x9" },
          },
        },
        constraints: {},
      },
      "[internal] load build context",
      ["source.local", "source.local.followpaths", "source.local.sharedkeyhint", "source.local.unique"],
    );
    return this.context;
  }

  private step(): void {
    const current = this.stages[this.stages.length - 1];
    if (!current || current.steps > 6 + Math.floor(this.random() * 14)) {
      this.startStage();
      return;
    }
    const r = this.random();
    if (r < 0.55) current.head = this.exec(current);
    else if (r < 0.85) current.head = this.copy(current);
    else if (r < 0.93) current.head = this.mkdir(current);
    else if (r < 0.98 && this.stages.length > 2) current.head = this.merge(current);
    else if (this.stages.length > 2) current.head = this.diff(current);
    else current.head = this.exec(current);
    current.steps++;
  }

  private startStage(): void {
    const name = `stage-${this.stages.length}`;
    // Most stages start from an image of the shared pool; some build on an earlier stage.
    const head = this.stages.length > 3 && this.chance(0.25) ? this.pick(this.stages).head : this.image(this.pick(IMAGES));
    this.dockerfile.push(`FROM ${head.digest.slice(7, 19)} AS ${name}`);
    this.stages.push({ name, head, steps: 0 });
  }

  private otherStage(current: Stage): Stage | undefined {
    const others = this.stages.filter((s) => s !== current);
    return others.length > 0 ? this.pick(others) : undefined;
  }

  private exec(stage: Stage): OpOutput {
    const inputs: Input[] = [{ digest: stage.head.digest, index: stage.head.index }];
    const mounts: Mount[] = [{ input: 0, dest: "/", output: 0 }];
    const caps = ["exec.meta.base", "exec.mount.bind"];
    if (this.chance(0.5)) {
      const id = this.pick(CACHES);
      mounts.push({ input: -1, dest: id, output: -1, mountType: MountType.CACHE, cacheOpt: { ID: id, sharing: this.chance(0.7) ? CacheSharingOpt.SHARED : CacheSharingOpt.LOCKED } });
      caps.push("exec.mount.cache", "exec.mount.cache.sharing");
    }
    const other = this.otherStage(stage);
    if (other && this.chance(0.35)) {
      inputs.push({ digest: other.head.digest, index: other.head.index });
      mounts.push({ input: 1, selector: "/out", dest: `/mnt/${other.name}`, output: -1, readonly: true });
      caps.push("exec.mount.selector");
    }
    if (this.chance(0.1)) {
      mounts.push({ input: -1, dest: "/run/secrets/token", output: -1, mountType: MountType.SECRET, secretOpt: { ID: "token", mode: 0o400 } });
      caps.push("exec.mount.secret");
    }
    if (this.chance(0.1)) {
      mounts.push({ input: -1, dest: "/tmp", output: -1, mountType: MountType.TMPFS, TmpfsOpt: {} });
      caps.push("exec.mount.tmpfs");
    }
    const command = `${this.pick(COMMANDS)} # ${stage.steps}`;
    const env = ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", `STAGE=${stage.name}`];
    if (this.chance(0.3)) env.push("CGO_ENABLED=0", "GOFLAGS=-mod=readonly");
    return this.add(
      {
        inputs,
        op: { case: "exec", value: { meta: { args: ["/bin/sh", "-c", command], env, cwd: "/src", removeMountStubsRecursive: true }, mounts } },
        platform: PLATFORM,
        constraints: {},
      },
      `[${stage.name} ${stage.steps + 1}/20] RUN ${command}`,
      caps,
    );
  }

  private copy(stage: Stage): OpOutput {
    const other = this.chance(0.5) ? this.otherStage(stage) : undefined;
    const from = other ? other.head : this.buildContext();
    const src = other ? `/out/${other.name}` : this.pick(["/go.mod", "/go.sum", "/cmd", "/pkg", "/package.json", "/src"]);
    const dest = `/src${src}`;
    const action: FileAction = {
      input: 0,
      secondaryInput: 1,
      output: 0,
      action: {
        case: "copy",
        value: { src, dest, mode: -1, followSymlink: true, dirCopyContents: true, createDestPath: true, allowWildcard: true, allowEmptyWildcard: true, timestamp: NO_TIMESTAMP },
      },
    };
    return this.add(
      {
        inputs: [
          { digest: stage.head.digest, index: stage.head.index },
          { digest: from.digest, index: from.index },
        ],
        op: { case: "file", value: { actions: [action] } },
        constraints: {},
      },
      `[${stage.name} ${stage.steps + 1}/20] COPY ${other ? `--from=${other.name} ` : ""}${src} ${dest}`,
      ["file.base"],
    );
  }

  private mkdir(stage: Stage): OpOutput {
    const path = `/out/${stage.name}/${stage.steps}`;
    // Chained actions: the mkfile works on the mkdir's result (input 1 = the op's one input + action 0).
    const actions: FileAction[] = [
      { input: 0, secondaryInput: -1, output: -1, action: { case: "mkdir", value: { path, mode: 0o755, makeParents: true, timestamp: NO_TIMESTAMP } } },
      {
        input: 1,
        secondaryInput: -1,
        output: 0,
        action: { case: "mkfile", value: { path: `${path}/VERSION`, mode: 0o644, data: encodeUtf8(`${stage.name} ${stage.steps}\n`), timestamp: NO_TIMESTAMP } },
      },
    ];
    return this.add(
      { inputs: [{ digest: stage.head.digest, index: stage.head.index }], op: { case: "file", value: { actions } }, constraints: {} },
      `[${stage.name} ${stage.steps + 1}/20] RUN mkdir -p ${path}`,
      ["file.base"],
    );
  }

  private merge(stage: Stage): OpOutput {
    const parts = [stage.head];
    for (let i = 0, n = 2 + Math.floor(this.random() * 3); i < n; i++) {
      const other = this.otherStage(stage);
      if (other && !parts.some((p) => p.digest === other.head.digest)) parts.push(other.head);
    }
    if (parts.length < 2) return this.exec(stage);
    return this.add(
      {
        inputs: parts.map((p) => ({ digest: p.digest, index: p.index })),
        op: { case: "merge", value: { inputs: parts.map((_, i) => ({ input: i })) } },
        constraints: {},
      },
      `[${stage.name}] merge ${parts.length} stages`,
      ["mergeop"],
    );
  }

  private diff(stage: Stage): OpOutput {
    const other = this.otherStage(stage);
    if (!other || other.head.digest === stage.head.digest) return this.exec(stage);
    return this.add(
      {
        inputs: [
          { digest: other.head.digest, index: other.head.index },
          { digest: stage.head.digest, index: stage.head.index },
        ],
        op: { case: "diff", value: { lower: { input: 0 }, upper: { input: 1 } } },
        constraints: {},
      },
      `[${stage.name}] diff against ${other.name}`,
      ["diffop"],
    );
  }
}
