// Explorer / Workbench switch in the toolbar.
import { useShell, type ShellMode } from "../../store/shell-store";

const MODES: { mode: ShellMode; label: string; title: string }[] = [
  { mode: "explore", label: "Explore", title: "Open and inspect LLB" },
  { mode: "workbench", label: "Dockerfile", title: "Write a Dockerfile and watch its LLB" },
];

export function ModeSwitch() {
  const mode = useShell((s) => s.mode);
  const setMode = useShell((s) => s.setMode);
  return (
    <div className="seg" role="group" aria-label="Screen">
      {MODES.map((m) => (
        <button
          type="button"
          key={m.mode}
          className={m.mode === mode ? "seg-btn on" : "seg-btn"}
          data-testid={`mode-${m.mode}`}
          aria-pressed={m.mode === mode}
          title={m.title}
          onClick={() => setMode(m.mode)}
        >
          {m.label}
        </button>
      ))}
    </div>
  );
}
