// The build context and secrets of the next build: pick or drop a folder, see what the build will
// send after .dockerignore and how big it is, type the secrets the graph mounts.
import { useState } from "react";
import { useStore } from "zustand";
import type { SessionNeed } from "../../../../solver-client/protocol/index";
import { formatSize } from "../../format";
import { buildInputsStore } from "../../inputs-store";
import { useLiveBuild } from "../../use-live-build";

export interface ContextPanelProps {
  /** What the graph on screen reads from the client (local sources, secrets, ssh). */
  needs: readonly SessionNeed[];
  /** Reads a picked folder (the app's service: browser APIs, .dockerignore). */
  onPickFiles: (files: FileList) => void;
  /** Most files listed. Default 500. */
  maxListed?: number;
}

function NeedsLine({ needs }: { needs: readonly SessionNeed[] }) {
  const locals = needs.filter((n) => n.kind === "local").map((n) => (n.kind === "local" ? `local://${n.name}` : ""));
  return (
    <span className="build-muted" data-testid="context-needs">
      {locals.length > 0 ? `this graph reads ${locals.join(", ")}` : "this graph reads no local files"}
    </span>
  );
}

function SecretFields({ needs }: { needs: readonly SessionNeed[] }) {
  const secrets = useStore(buildInputsStore, (s) => s.secrets);
  const wanted = needs.flatMap((n) => (n.kind === "secret" ? [n] : []));
  if (wanted.length === 0) return null;
  return (
    <div className="context-secrets" data-testid="context-secrets">
      {wanted.map((n) => (
        <label key={n.id} className="build-field">
          <span>
            secret <code>{n.id}</code>
            {n.optional ? " (optional)" : ""}
          </span>
          <input
            type="password"
            autoComplete="off"
            data-testid={`secret-${n.id}`}
            placeholder="for the next build only"
            value={secrets[n.id] ?? ""}
            onChange={(e) => buildInputsStore.getState().setSecret(n.id, e.target.value)}
          />
        </label>
      ))}
    </div>
  );
}

export function ContextPanel({ needs, onPickFiles, maxListed = 500 }: ContextPanelProps) {
  const context = useStore(buildInputsStore, (s) => s.context);
  const reading = useStore(buildInputsStore, (s) => s.reading);
  const error = useStore(buildInputsStore, (s) => s.error);
  const upload = useLiveBuild((s) => s.upload);
  const [listed, setListed] = useState(false);
  return (
    <section className="build-panel context-panel" data-testid="context-panel">
      <header className="build-panel__head">
        <span className="build-panel__title">Build context</span>
        <NeedsLine needs={needs} />
        <span className="build-spacer" />
        <label className="build-btn" title="the folder the build's COPY and ADD read (local://context)">
          Choose folder…
          <input
            type="file"
            data-testid="context-input"
            className="visually-hidden"
            // @ts-expect-error: webkitdirectory is not in React's input attributes
            webkitdirectory=""
            multiple
            onChange={(e) => {
              if (e.target.files && e.target.files.length > 0) onPickFiles(e.target.files);
              e.target.value = "";
            }}
          />
        </label>
        {context && (
          <button type="button" className="build-btn" data-testid="context-clear" onClick={() => buildInputsStore.getState().clearContext()}>
            Clear
          </button>
        )}
      </header>
      {reading && <div className="build-log__note">reading the folder…</div>}
      {error && (
        <div className="build-error" role="alert" data-testid="context-error">
          {error}
        </div>
      )}
      {!context && !reading && <div className="build-log__note">No folder picked: choose one, or drop it anywhere on the page. Files stay in the browser until a build sends them.</div>}
      {context && (
        <>
          <div className="context-summary" data-testid="context-summary" data-files={context.files.length} data-bytes={context.totalBytes}>
            <code>{context.name}</code>: {context.files.length} {context.files.length === 1 ? "file" : "files"}, {formatSize(context.totalBytes)} to send
            {context.dockerignoreFile
              ? ` · ${context.ignoredFiles} ignored by ${context.dockerignoreFile} (${formatSize(context.ignoredBytes)})`
              : " · no .dockerignore"}
          </div>
          {context.dockerignoreError && <div className="build-error">{context.dockerignoreError}: nothing is excluded</div>}
          {upload && (
            <div className="build-muted" data-testid="context-upload">
              sending to the bridge: {formatSize(upload.sent)} / {formatSize(upload.total)}
            </div>
          )}
          <button type="button" className="build-link" data-testid="context-list-toggle" onClick={() => setListed(!listed)} aria-expanded={listed}>
            {listed ? "hide files" : "show files"}
          </button>
          {listed && (
            <ol className="context-files" data-testid="context-files">
              {context.files.slice(0, maxListed).map((f) => (
                <li key={f.path} data-path={f.path}>
                  <span className="build-mono">{f.path}</span>
                  <span className="build-muted">{formatSize(f.size)}</span>
                </li>
              ))}
              {context.files.length > maxListed && <li className="build-muted">… and {context.files.length - maxListed} more</li>}
            </ol>
          )}
        </>
      )}
      <SecretFields needs={needs} />
    </section>
  );
}
