// Logs of the build on screen: one op's output (ANSI colours, stderr marked) or the combined
// `--progress=plain` view of the whole build, with follow mode.
import { useMemo, useRef, useState } from "react";
import { ansiLines } from "../../ansi";
import { formatSize } from "../../format";
import { selectOpLogs, selectPlainText } from "../../selectors";
import { useThrottledLiveBuild } from "../../use-live-build";
import { AnsiText } from "../ansi-text/ansi-text";
import { useFollow } from "./use-follow";

export type LogsMode = "op" | "plain";

export interface LogsPanelProps {
  /** The op whose output to show (the graph's selection). */
  digest: string | null;
  /** Initial tab. Default: "op" when a digest is given, else "plain". */
  defaultMode?: LogsMode;
  /** Lines rendered at most (the newest). Default 2000. */
  maxLines?: number;
}

/** The last `n` lines of a text, found from the end (the plain text of a big build is megabytes). */
function tail(text: string, n: number): { text: string; cut: boolean } {
  let at = text.endsWith("\n") ? text.length - 1 : text.length;
  for (let i = 0; i < n; i++) {
    at = text.lastIndexOf("\n", at - 1);
    if (at < 0) return { text, cut: false };
  }
  return { text: text.slice(at + 1), cut: true };
}

function PlainLines({ text, maxLines }: { text: string; maxLines: number }) {
  const lines = useMemo(() => {
    const t = tail(text, maxLines);
    return { cut: t.cut, lines: ansiLines(t.text).lines };
  }, [text, maxLines]);
  return (
    <>
      {lines.cut && <div className="build-log__note">earlier lines not shown (showing the last {maxLines})</div>}
      {lines.lines.map((spans, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: lines are append-only
        <div key={i} className="build-log__line">
          <AnsiText spans={spans} />
        </div>
      ))}
    </>
  );
}

/** How often a streaming log is redrawn (about what a terminal's progress display does). */
const LOG_REFRESH_MS = 150;
const noText = (): string => "";

export function LogsPanel({ digest, defaultMode, maxLines = 2000 }: LogsPanelProps) {
  const [mode, setMode] = useState<LogsMode>(defaultMode ?? (digest ? "op" : "plain"));
  // Logs are read a few times a second, and only the tab on screen is computed.
  const logs = useThrottledLiveBuild(useMemo(() => selectOpLogs(mode === "op" ? digest : null, maxLines), [mode, digest, maxLines]), LOG_REFRESH_MS);
  const plain = useThrottledLiveBuild(mode === "plain" ? selectPlainText : noText, LOG_REFRESH_MS);
  const shown = mode === "plain" ? plain : logs;
  const scroller = useRef<HTMLDivElement>(null);
  const { follow, setFollow, onScroll } = useFollow(scroller, shown);
  return (
    <section className="build-panel logs-panel" data-testid="logs-panel">
      <header className="build-panel__head">
        <div className="build-tabs" role="tablist">
          <button type="button" role="tab" aria-selected={mode === "op"} data-testid="logs-tab-op" className="build-tab" onClick={() => setMode("op")}>
            {logs?.name ? `Op: ${logs.name}` : "Op"}
          </button>
          <button type="button" role="tab" aria-selected={mode === "plain"} data-testid="logs-tab-plain" className="build-tab" onClick={() => setMode("plain")}>
            All (plain)
          </button>
        </div>
        <span className="build-spacer" />
        {mode === "op" && logs && (
          <span className="build-muted" data-testid="logs-bytes">
            out {formatSize(logs.bytes.stdout)} · err {formatSize(logs.bytes.stderr)}
          </span>
        )}
        <label className="build-check">
          <input type="checkbox" data-testid="logs-follow" checked={follow} onChange={(e) => setFollow(e.target.checked)} />
          follow
        </label>
      </header>
      <div className="build-log" ref={scroller} onScroll={onScroll} data-testid="logs-body" data-mode={mode}>
        {mode === "plain" && (plain ? <PlainLines text={plain} maxLines={maxLines} /> : <div className="build-log__note">No build output yet.</div>)}
        {mode === "op" && !digest && <div className="build-log__note">Select an op to see its output.</div>}
        {mode === "op" && digest && !logs && <div className="build-log__note">This op is not part of the build on screen.</div>}
        {mode === "op" && logs && (
          <>
            {logs.droppedBytes > 0 && <div className="build-log__note">{formatSize(logs.droppedBytes)} of earlier output not kept</div>}
            {logs.lines.length === 0 && <div className="build-log__note">No output.</div>}
            {logs.lines.map((l, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: lines are append-only
              <div key={i} className={`build-log__line${l.stream === 2 ? " build-log__line--stderr" : ""}`} data-stream={l.stream === 2 ? "stderr" : "stdout"}>
                <AnsiText spans={l.spans} />
              </div>
            ))}
          </>
        )}
      </div>
    </section>
  );
}
