/**
 * Variable expansion of a command's fields, in upstream's order
 * (`SupportsSingleWordExpansion.Expand` / `ExpandRaw` in commands.go). The
 * converter supplies the expander (it owns the ARG/ENV scope and the
 * UndefinedVar reporting); these functions only know which fields expand.
 */
import { DockerfileError } from "../errors";
import type { Command, SourceContent } from "./commands";
import { MountError, parseRunMount, type RunMountSpec } from "./run-mounts";

export type WordExpander = (word: string) => string;

/** Commands upstream expands before dispatch (ARG is expanded by its own dispatch logic). */
export function isExpandableCommand(cmd: Command): boolean {
  switch (cmd.kind) {
    case "env":
    case "label":
    case "add":
    case "copy":
    case "workdir":
    case "user":
    case "volume":
    case "stopsignal":
    case "run":
      return true;
    default:
      return false;
  }
}

function withLocation<T>(cmd: Command, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof MountError) throw new DockerfileError("mount", e.message, cmd.location);
    if (e instanceof DockerfileError && e.ranges.length === 0) {
      throw new DockerfileError(e.kind, e.message, cmd.location, { reason: e.reason });
    }
    throw e;
  }
}

/**
 * Returns a copy of `cmd` with its expandable fields expanded (ENV/LABEL keys
 * and values; ADD chown, chmod, checksum, sources, dest; COPY chown, chmod,
 * sources, dest (not --from); WORKDIR; USER; VOLUME; STOPSIGNAL; RUN mounts).
 * For RUN the expanded mounts are in `mounts`. Other commands are returned
 * unchanged. Errors get the command's location (mount errors become kind "mount").
 */
export function expandCommand<C extends Command>(cmd: C, expand: WordExpander): C {
  return withLocation(cmd, () => {
    const c: Command = cmd;
    switch (c.kind) {
      case "env":
        return { ...c, env: c.env.map((p) => ({ key: expand(p.key), value: expand(p.value), noDelim: p.noDelim })) } as C;
      case "label":
        return { ...c, labels: c.labels.map((p) => ({ key: expand(p.key), value: expand(p.value), noDelim: p.noDelim })) } as C;
      case "add": {
        const chown = expand(c.chown);
        const chmod = expand(c.chmod);
        const checksum = expand(c.checksum);
        const sourcePaths = c.sourcePaths.map(expand);
        const destPath = expand(c.destPath);
        return { ...c, chown, chmod, checksum, sourcePaths, destPath } as C;
      }
      case "copy": {
        const chown = expand(c.chown);
        const chmod = expand(c.chmod);
        const sourcePaths = c.sourcePaths.map(expand);
        const destPath = expand(c.destPath);
        return { ...c, chown, chmod, sourcePaths, destPath } as C;
      }
      case "workdir":
        return { ...c, path: expand(c.path) } as C;
      case "user":
        return { ...c, user: expand(c.user) } as C;
      case "volume":
        return { ...c, volumes: c.volumes.map(expand) } as C;
      case "stopsignal":
        return { ...c, signal: expand(c.signal) } as C;
      case "run": {
        const mounts: RunMountSpec[] = c.mountSpecs.map((spec) => parseRunMount(spec, expand));
        return { ...c, mounts } as C;
      }
      default:
        return cmd;
    }
  });
}

/**
 * ADD/COPY heredoc sources with an unquoted delimiter get their body expanded
 * (upstream `ExpandRaw`: the converter's expander must use a lexer with
 * escape token `\` ALWAYS and `skipProcessQuotes: true`).
 */
export function expandCommandRaw<C extends Command>(cmd: C, expandRaw: WordExpander): C {
  return withLocation(cmd, () => {
    const c: Command = cmd;
    if (c.kind !== "add" && c.kind !== "copy") return cmd;
    const sourceContents: SourceContent[] = c.sourceContents.map((s) => (s.expand ? { ...s, data: expandRaw(s.data) } : s));
    return { ...c, sourceContents } as C;
  });
}
