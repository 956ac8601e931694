// The Dockerfile lines that produced the op (its source locations), with line numbers and a line of
// context around each range.
import type { LlbGraph, OpNode } from "../../../llb/index";

interface Snippet {
  filename: string;
  lines: { n: number; text: string; hit: boolean }[];
}

function snippets(graph: LlbGraph, node: OpNode): Snippet[] {
  const out: Snippet[] = [];
  for (const loc of node.locations) {
    const src = graph.sources[loc.sourceIndex];
    if (!src) continue;
    const all = src.text.split("\n");
    for (const r of loc.ranges) {
      const start = Math.max(1, r.start.line);
      const end = Math.max(start, r.end.line);
      const lines = [];
      for (let n = Math.max(1, start - 1); n <= Math.min(all.length, end + 1); n++) lines.push({ n, text: all[n - 1] ?? "", hit: n >= start && n <= end });
      out.push({ filename: src.filename, lines });
    }
  }
  return out;
}

export function DockerfileLines({ graph, node }: { graph: LlbGraph; node: OpNode }) {
  const list = snippets(graph, node);
  return (
    <section className="insp-section" data-testid="inspector-dockerfile">
      <h3>
        Dockerfile lines <span className="count">{list.length}</span>
      </h3>
      {list.length === 0 && <p className="muted">no source location recorded for this op</p>}
      {list.map((s, i) => (
        <div key={i} className="code-snippet">
          <div className="code-file">{s.filename}</div>
          <pre>
            {s.lines.map((l) => (
              <div key={l.n} className={l.hit ? "code-line hit" : "code-line"} data-testid={l.hit ? "dockerfile-line" : undefined}>
                <span className="ln">{l.n}</span>
                <span>{l.text || " "}</span>
              </div>
            ))}
          </pre>
        </div>
      ))}
    </section>
  );
}
