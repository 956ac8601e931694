// Image configs for FROM: an interface, not a network call. The CLI loads fixtures from a file, the
// page works offline with the default config, and the bridge can plug in a registry later.
import type { PlatformSpec } from "../../llb/index";

/** The parts of an OCI image config the frontend reads. */
export interface ImageConfig {
  architecture?: string;
  os?: string;
  variant?: string;
  "os.version"?: string;
  config?: {
    Env?: string[];
    WorkingDir?: string;
    User?: string;
    OnBuild?: string[];
    Shell?: string[];
    Cmd?: string[];
    Entrypoint?: string[];
    Labels?: Record<string, string>;
  };
  rootfs?: { type?: string; diff_ids?: string[] };
  history?: { empty_layer?: boolean }[];
}

export interface ResolvedImage {
  /** The reference to pin to (normally the one asked for). */
  ref: string;
  /** Manifest digest to pin with, or "" to leave the reference unpinned. */
  digest: string;
  config: ImageConfig;
}

export interface ImageConfigResolver {
  /** `ref` is normalized (docker.io/library/alpine:3.20). Throws when the image cannot be resolved. */
  resolve(ref: string, platform: PlatformSpec): ResolvedImage;
}

/** The config used when no registry is reachable: linux/amd64, default PATH, one layer (not scratch). */
export function defaultImageConfig(): ImageConfig {
  return {
    architecture: "amd64",
    os: "linux",
    config: { Env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"] },
    rootfs: { type: "layers", diff_ids: ["sha256:0000000000000000000000000000000000000000000000000000000000000000"] },
  };
}

/**
 * Offline resolution: references stay tags, every image has the default config, reported for the
 * platform asked for (a registry would have picked that platform's manifest), so that
 * InvalidBaseImagePlatform does not fire on guesswork.
 */
export const unpinnedResolver: ImageConfigResolver = {
  resolve: (ref, platform) => {
    const config = defaultImageConfig();
    if (platform.os) config.os = platform.os;
    if (platform.architecture) config.architecture = platform.architecture;
    if (platform.variant) config.variant = platform.variant;
    return { ref, digest: "", config };
  },
};

export type ImageFixtures = Record<string, { digest: string; config: ImageConfig }>;

export class ImageResolveError extends Error {
  override readonly name = "ImageResolveError";
}

/** Resolves from an image-config file: `{ "docker.io/library/golang:1.22": { digest, config } }`. */
export function fixturesResolver(fixtures: ImageFixtures): ImageConfigResolver {
  return {
    resolve(ref) {
      const f = fixtures[ref] ?? fixtures[ref.replace(/@sha256:[0-9a-f]+$/, "")];
      if (!f) throw new ImageResolveError(`${ref}: not found in the image-config file`);
      return { ref, digest: ref.includes("@") ? "" : f.digest, config: f.config };
    },
  };
}

/** Checks the shape of a parsed image-config file. */
export function isImageFixtures(v: unknown): v is ImageFixtures {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  return Object.values(v as Record<string, unknown>).every(
    (e) => typeof e === "object" && e !== null && typeof (e as { digest?: unknown }).digest === "string" && typeof (e as { config?: unknown }).config === "object",
  );
}
