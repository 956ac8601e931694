// Keyboard shortcuts of the Explorer (ignored while typing in a field):
//   /  search     Esc  back (leave focus, clear selection)     f  fit view     z  zoom to selection
//   s  focus on the selected op's sub-graph     d  LR/TB     p  parallelism view
//   [  go to the first input     ]  go to the first consumer     ?  shortcuts
import { useEffect } from "react";
import type { Digest } from "../../llb/index";
import { explorerStore } from "../store/explorer-store";

export const SHORTCUTS: readonly [string, string][] = [
  ["/", "search"],
  ["Esc", "leave focus / clear selection"],
  ["f", "fit view"],
  ["z", "zoom to selected op"],
  ["s", "focus on selected op's sub-graph"],
  ["[ / ]", "go to first input / consumer"],
  ["d", "toggle LR / TB"],
  ["p", "parallelism view"],
  ["Ctrl+V", "open pasted LLB"],
];

export function useKeyboard(onHelp: () => void): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target;
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (t instanceof HTMLElement && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.isContentEditable)) return;
      const s = explorerStore.getState();
      const sel = s.selected;
      const go = (digest: Digest | undefined) => digest && s.select(digest, true);
      switch (e.key) {
        case "/":
          document.querySelector<HTMLInputElement>("[data-testid=search-input]")?.focus();
          break;
        case "Escape":
          if (s.focus) s.focusOn(null);
          else s.select(null);
          break;
        case "f":
          window.dispatchEvent(new CustomEvent("llbx:fit"));
          break;
        case "z":
          if (sel) s.select(sel, true);
          break;
        case "s":
          if (sel) s.focusOn(s.focus === sel ? null : sel);
          break;
        case "[":
          go(sel ? s.doc?.graph.byDigest.get(sel)?.inputs[0]?.digest : undefined);
          break;
        case "]":
          go(sel ? s.doc?.analysis.consumers.get(sel)?.[0] : undefined);
          break;
        case "d":
          s.setDirection(s.direction === "LR" ? "TB" : "LR");
          break;
        case "p":
          s.toggleParallelism();
          break;
        case "?":
          onHelp();
          break;
        default:
          return;
      }
      e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onHelp]);
}
