// ANSI SGR escape sequences -> styled spans, for build logs. Colours (16, 256 and 24-bit), bold,
// dim, italic, underline, inverse; every other escape sequence (cursor moves, erase, OSC titles) is
// dropped. A carriage return inside a line keeps only what was written after it (progress bars).

export interface AnsiStyle {
  fg: string | null;
  bg: string | null;
  bold: boolean;
  dim: boolean;
  italic: boolean;
  underline: boolean;
  inverse: boolean;
}

export interface AnsiSpan {
  text: string;
  style: AnsiStyle;
}

export const PLAIN_STYLE: AnsiStyle = { fg: null, bg: null, bold: false, dim: false, italic: false, underline: false, inverse: false };

/** The 16 base colours, tuned for a dark background. */
export const ANSI_PALETTE = [
  "#3b4048", "#f0736a", "#8fd16b", "#e6c068", "#6aa9f0", "#c98ef0", "#5cc8d0", "#c8ccd4",
  "#6b7280", "#ff8f86", "#a8e58a", "#f3d78a", "#8cbcff", "#dcaaff", "#7fe0e6", "#f4f6f8",
] as const;

function color256(n: number): string {
  if (n < 16) return ANSI_PALETTE[n] as string;
  if (n < 232) {
    const i = n - 16;
    const c = (v: number) => (v === 0 ? 0 : 55 + v * 40);
    return `rgb(${c(Math.floor(i / 36))},${c(Math.floor(i / 6) % 6)},${c(i % 6)})`;
  }
  const g = 8 + (n - 232) * 10;
  return `rgb(${g},${g},${g})`;
}

/** Applies one SGR parameter list to a style (returns a new style). */
export function applySgr(style: AnsiStyle, params: readonly number[]): AnsiStyle {
  const s = { ...style };
  const p = params.length === 0 ? [0] : params;
  for (let i = 0; i < p.length; i++) {
    const c = p[i] as number;
    if (c === 0) Object.assign(s, PLAIN_STYLE);
    else if (c === 1) s.bold = true;
    else if (c === 2) s.dim = true;
    else if (c === 3) s.italic = true;
    else if (c === 4) s.underline = true;
    else if (c === 7) s.inverse = true;
    else if (c === 22) s.bold = s.dim = false;
    else if (c === 23) s.italic = false;
    else if (c === 24) s.underline = false;
    else if (c === 27) s.inverse = false;
    else if (c >= 30 && c <= 37) s.fg = ANSI_PALETTE[c - 30] as string;
    else if (c >= 90 && c <= 97) s.fg = ANSI_PALETTE[c - 90 + 8] as string;
    else if (c === 39) s.fg = null;
    else if (c >= 40 && c <= 47) s.bg = ANSI_PALETTE[c - 40] as string;
    else if (c >= 100 && c <= 107) s.bg = ANSI_PALETTE[c - 100 + 8] as string;
    else if (c === 49) s.bg = null;
    else if (c === 38 || c === 48) {
      let col: string | null = null;
      if (p[i + 1] === 5 && p[i + 2] !== undefined) {
        col = color256((p[i + 2] as number) & 255);
        i += 2;
      } else if (p[i + 1] === 2 && p[i + 4] !== undefined) {
        col = `rgb(${(p[i + 2] as number) & 255},${(p[i + 3] as number) & 255},${(p[i + 4] as number) & 255})`;
        i += 4;
      }
      if (col !== null) {
        if (c === 38) s.fg = col;
        else s.bg = col;
      }
    }
  }
  return s;
}

// CSI (ESC [ params final), OSC (ESC ] ... BEL or ESC \), and two-character escapes.
// biome-ignore lint: control characters are the point here
const ESCAPE = /\u001b\[([0-9;:?]*)([@-~])|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-Z\\-_]?/g;

/** Keeps what a terminal would show after carriage returns: the text after the last `\r`. */
export function collapseCarriageReturns(line: string): string {
  const trimmed = line.endsWith("\r") ? line.slice(0, -1) : line;
  const i = trimmed.lastIndexOf("\r");
  return i < 0 ? trimmed : trimmed.slice(i + 1);
}

/**
 * Splits text into lines of styled spans. `start` is the style in effect at the beginning (to
 * continue a stream); the style at the end is returned with the lines.
 */
export function ansiLines(text: string, start: AnsiStyle = PLAIN_STYLE): { lines: AnsiSpan[][]; end: AnsiStyle } {
  let style = start;
  const lines: AnsiSpan[][] = [];
  const raw = text.split("\n");
  if (raw.length > 1 && raw[raw.length - 1] === "") raw.pop();
  for (const rawLine of raw) {
    const line = collapseCarriageReturns(rawLine);
    const spans: AnsiSpan[] = [];
    let last = 0;
    ESCAPE.lastIndex = 0;
    for (let m = ESCAPE.exec(line); m !== null; m = ESCAPE.exec(line)) {
      if (m.index > last) spans.push({ text: line.slice(last, m.index), style });
      last = ESCAPE.lastIndex;
      if (m[2] === "m") {
        const params = (m[1] ?? "")
          .split(/[;:]/)
          .filter((x) => x !== "")
          .map((x) => Number.parseInt(x, 10) || 0);
        style = applySgr(style, params);
      }
    }
    if (last < line.length) spans.push({ text: line.slice(last), style });
    lines.push(spans);
  }
  return { lines, end: style };
}

/** The text with every escape sequence removed. */
export function stripAnsi(text: string): string {
  return text.replace(ESCAPE, "");
}
