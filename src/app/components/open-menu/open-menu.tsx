// Open: a file picker, the shipped samples and a URL; paste and drop work anywhere on the page.
import { useRef, useState } from "react";
import { openFile, openUrl } from "../../services/open-input";
import { sampleUrl } from "../../services/samples";
import { useSamples } from "./use-samples";

export function OpenMenu() {
  const input = useRef<HTMLInputElement>(null);
  const [open, setOpen] = useState(false);
  const samples = useSamples();
  return (
    <div className="menu">
      <button type="button" className="btn btn-primary" data-testid="open-file" onClick={() => input.current?.click()} title="Open a .llb, base64 or dump-llb JSON file">
        Open…
      </button>
      <input
        ref={input}
        type="file"
        hidden
        data-testid="file-input"
        onChange={(e) => {
          const f = e.target.files?.[0];
          if (f) void openFile(f);
          e.target.value = "";
        }}
      />
      <button type="button" className="btn" data-testid="samples-button" aria-expanded={open} onClick={() => setOpen(!open)}>
        Samples ▾
      </button>
      {open && (
        <div className="menu-popover" data-testid="samples-menu" onMouseLeave={() => setOpen(false)}>
          {samples.map((s) => (
            <button
              type="button"
              key={s.file}
              className="menu-item"
              data-testid="sample-item"
              data-file={s.file}
              onClick={() => {
                setOpen(false);
                void openUrl(sampleUrl(s.file), s.title);
              }}
            >
              <span className="menu-item-title">{s.title}</span>
              <span className="menu-item-sub">{s.description}</span>
            </button>
          ))}
          {samples.length === 0 && <div className="menu-item muted">no samples found</div>}
        </div>
      )}
    </div>
  );
}
