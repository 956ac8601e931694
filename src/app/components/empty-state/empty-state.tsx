// What the Explorer shows before anything is open: the ways in, and the samples.
import { openUrl } from "../../services/open-input";
import { sampleUrl } from "../../services/samples";
import { useSamples } from "../open-menu/use-samples";

export function EmptyState() {
  const samples = useSamples();
  return (
    <div className="empty-state" data-testid="empty-state">
      <h1>LLB Explorer</h1>
      <p>See BuildKit's LLB: the graph of ops a build solves.</p>
      <ul className="empty-ways">
        <li>
          <kbd>Ctrl</kbd>+<kbd>V</kbd> paste <code>buildctl debug dump-llb</code> JSON, base64 or protobuf JSON
        </li>
        <li>drop a <code>.llb</code> file (e.g. <code>docker buildx build --print=llb</code> / <code>dockerfile2llb</code> output) anywhere</li>
        <li>
          open <code>?url=…</code> to fetch one
        </li>
      </ul>
      <div className="empty-samples">
        {samples.map((s) => (
          <button type="button" key={s.file} className="sample-card" data-testid="sample-card" onClick={() => void openUrl(sampleUrl(s.file), s.title)}>
            <span className="menu-item-title">{s.title}</span>
            <span className="menu-item-sub">{s.description}</span>
          </button>
        ))}
      </div>
    </div>
  );
}
