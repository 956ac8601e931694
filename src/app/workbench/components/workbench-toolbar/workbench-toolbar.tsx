// Ways in (examples, file picker), the share link, and what the last compile produced.
import { useRef, useState } from "react";
import { WORKBENCH_EXAMPLES, findExample } from "../../core/examples";
import { shareUrlOf } from "../../services/persistence";
import { readDockerfile } from "../../services/open-text";
import { selectErrorCount, selectOpCount, selectWarningCount } from "../../store/selectors";
import { useWorkbench, workbenchActions } from "../../store/use-workbench";
import { workbenchStore } from "../../store/workbench-store";

function loadExample(id: string) {
  const example = findExample(id);
  if (!example) return;
  workbenchActions().load({ text: example.text, options: { ...workbenchStore.getState().options, target: "", buildArgs: {}, platform: "", ...example.options } });
}

export async function openDockerfileFile(file: File): Promise<string | null> {
  const result = await readDockerfile(file);
  if (!result.ok) return result.message;
  workbenchActions().setText(result.value);
  return null;
}

function Status() {
  const ops = useWorkbench(selectOpCount);
  const errors = useWorkbench(selectErrorCount);
  const warnings = useWorkbench(selectWarningCount);
  const compiling = useWorkbench((s) => s.compiling);
  const ms = useWorkbench((s) => s.timings.roundTripMs);
  const compileMs = useWorkbench((s) => s.timings.compileMs);
  const capsNote = useWorkbench((s) => s.output?.capsNote ?? null);
  return (
    <span
      className="wb-status"
      data-testid="wb-status"
      data-compiling={compiling ? "true" : "false"}
      data-op-count={ops}
      data-compile-ms={compileMs?.toFixed(1)}
      data-round-trip-ms={ms?.toFixed(1)}
    >
      {ops} ops · {errors} {errors === 1 ? "error" : "errors"} · {warnings} {warnings === 1 ? "warning" : "warnings"}
      {ms !== undefined && ` · compiled in ${Math.round(ms)} ms`}
      {compiling && " · compiling…"}
      {capsNote && (
        <span
          className={capsNote.differs ? "wb-caps wb-caps--differs" : "wb-caps"}
          data-testid="wb-caps-note"
          data-differs={capsNote.differs ? "true" : "false"}
          title="the graph is compiled for the LLB capabilities of the daemon the bridge is connected to, as BuildKit's own frontend would be"
        >
          {" · "}for {capsNote.label}
          {capsNote.differs ? ": some ops differ from a current BuildKit's" : ""}
        </span>
      )}
    </span>
  );
}

export function WorkbenchToolbar() {
  const picker = useRef<HTMLInputElement | null>(null);
  const [note, setNote] = useState<string | null>(null);

  const share = async () => {
    const url = shareUrlOf(workbenchStore, window.location);
    window.history.replaceState(null, "", url);
    try {
      await navigator.clipboard.writeText(url);
      setNote("link copied");
    } catch {
      setNote("link in the address bar");
    }
  };

  return (
    <div className="wb-toolbar" data-testid="wb-toolbar">
      <select data-testid="wb-examples" value="" onChange={(e) => loadExample(e.target.value)} aria-label="Examples">
        <option value="" disabled>
          Examples…
        </option>
        {WORKBENCH_EXAMPLES.map((e) => (
          <option key={e.id} value={e.id}>
            {e.title}
          </option>
        ))}
      </select>
      <button type="button" onClick={() => picker.current?.click()}>
        Open Dockerfile…
      </button>
      <input ref={picker} type="file" hidden data-testid="wb-open-file" onChange={(e) => e.target.files?.[0] && void openDockerfileFile(e.target.files[0]).then(setNote)} />
      <button type="button" data-testid="wb-share" onClick={() => void share()}>
        Share link
      </button>
      {note && <span className="wb-note">{note}</span>}
      <Status />
    </div>
  );
}
