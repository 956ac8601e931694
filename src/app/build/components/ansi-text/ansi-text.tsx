// Renders ANSI-styled spans (from ../../ansi.ts) as React spans.
import type { CSSProperties } from "react";
import type { AnsiSpan, AnsiStyle } from "../../ansi";

export function ansiCss(s: AnsiStyle): CSSProperties | undefined {
  if (!s.fg && !s.bg && !s.bold && !s.dim && !s.italic && !s.underline && !s.inverse) return undefined;
  const fg = s.inverse ? (s.bg ?? "var(--bg, #0d1117)") : s.fg;
  const bg = s.inverse ? (s.fg ?? "var(--text, #e6edf3)") : s.bg;
  return {
    ...(fg ? { color: fg } : {}),
    ...(bg ? { background: bg } : {}),
    ...(s.bold ? { fontWeight: 600 } : {}),
    ...(s.dim ? { opacity: 0.7 } : {}),
    ...(s.italic ? { fontStyle: "italic" } : {}),
    ...(s.underline ? { textDecoration: "underline" } : {}),
  };
}

export function AnsiText({ spans }: { spans: readonly AnsiSpan[] }) {
  return (
    <>
      {spans.map((s, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: spans of a line never reorder
        <span key={i} style={ansiCss(s.style)}>
          {s.text}
        </span>
      ))}
    </>
  );
}
