// What the user chose besides the text: target stage, build-arg overrides, target platform and
// where base-image configs come from. Plain data (persisted, shared, posted to the compile worker).
import type { ImageFixtures } from "../../../dockerfile/index";

export type ImageSource = { kind: "unpinned" } | { kind: "fixtures"; name: string; fixtures: ImageFixtures };

export interface WorkbenchOptions {
  /** Stage to build; "" builds the last stage. */
  target: string;
  /** Overrides only: an ARG without an entry keeps its default. */
  buildArgs: Record<string, string>;
  /** Target platform (`linux/arm64`); "" for the build platform. */
  platform: string;
  images: ImageSource;
  /**
   * The .dockerignore patterns of the build context picked in the page, compiled into the
   * context source as upstream does. Comes with the folder, so it is neither saved nor shared.
   */
  contextExcludes?: string[];
  /**
   * The LLB caps of the daemon the bridge is connected to: the graph is compiled for them, as
   * upstream's frontend compiles for the caps its daemon gives it. Absent: a current BuildKit's.
   * Comes from the connection, so it is neither saved nor shared.
   */
  daemonCaps?: DaemonCapsTarget;
}

export interface DaemonCapsTarget {
  /** Who they are, for the UI: "BuildKit v0.8 (Docker 20.10.24)". */
  label: string;
  caps: string[];
}

export const DEFAULT_WORKBENCH_OPTIONS: Readonly<WorkbenchOptions> = {
  target: "",
  buildArgs: {},
  platform: "",
  images: { kind: "unpinned" },
};

/** Merges a partial over the defaults: the one place where defaults are applied. */
export function resolveWorkbenchOptions(options?: Partial<WorkbenchOptions>): WorkbenchOptions {
  return {
    target: options?.target ?? DEFAULT_WORKBENCH_OPTIONS.target,
    buildArgs: { ...(options?.buildArgs ?? {}) },
    platform: options?.platform ?? DEFAULT_WORKBENCH_OPTIONS.platform,
    images: options?.images ?? DEFAULT_WORKBENCH_OPTIONS.images,
    ...(options?.contextExcludes?.length ? { contextExcludes: [...options.contextExcludes] } : {}),
    ...(options?.daemonCaps ? { daemonCaps: { label: options.daemonCaps.label, caps: [...options.daemonCaps.caps] } } : {}),
  };
}

/** The options as saved and shared: without what belongs to the picked folder. */
export function persistentWorkbenchOptions(options: WorkbenchOptions): WorkbenchOptions {
  const { contextExcludes: _folder, daemonCaps: _daemon, ...rest } = options;
  return rest;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return isRecord(value) && Object.values(value).every((v) => typeof v === "string");
}

export function isImageSource(value: unknown): value is ImageSource {
  if (!isRecord(value)) return false;
  if (value.kind === "unpinned") return true;
  return value.kind === "fixtures" && typeof value.name === "string" && isRecord(value.fixtures);
}

export function isWorkbenchOptions(value: unknown): value is WorkbenchOptions {
  return (
    isRecord(value) &&
    typeof value.target === "string" &&
    isStringRecord(value.buildArgs) &&
    typeof value.platform === "string" &&
    isImageSource(value.images)
  );
}
