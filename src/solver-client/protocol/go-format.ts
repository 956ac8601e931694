// Number formatting of buildctl's plain progress printer, shared by the Node printer and the page's
// combined log view (browser-safe).

/** Go's strconv.FormatFloat(x, 'f', prec, 64) as %.Nf prints it: round half to even at the last digit. */
export function goFixed(x: number, prec: number): string {
  const scaled = x * 10 ** prec;
  const floor = Math.floor(scaled);
  if (scaled - floor === 0.5 && floor % 2 === 0) return (floor / 10 ** prec).toFixed(prec);
  return x.toFixed(prec);
}

/** tonistiigi/units Bytes with %.2f: "498B", "1.23kB", "1.08MB". */
export function formatBytes(n: number): string {
  const units = ["B", "kB", "MB", "GB", "TB", "PB", "EB"];
  let i = 0;
  let base = 1;
  while (Math.abs(n) >= base * 1000 && i < units.length - 1) {
    base *= 1000;
    i++;
  }
  if (i === 0) return `${n}B`;
  return `${goFixed(n / base, 2)}${units[i]}`;
}
