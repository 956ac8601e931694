// Errors and lint warnings under the editor (the same as the editor's markers); a click reveals the line.
import { useWorkbench, workbenchActions } from "../../store/use-workbench";

const revealLine = (line: number) => workbenchActions().revealLines({ start: line, end: line });

export function ProblemsList() {
  const markers = useWorkbench((s) => s.markers);
  if (markers.length === 0) return null;
  return (
    <ul className="wb-problems" data-testid="wb-problems">
      {markers.map((m, i) => (
        <li key={i} className={`wb-problem wb-problem-${m.severity}`} data-testid="wb-problem" data-severity={m.severity} data-line={m.startLine}>
          <button type="button" onClick={() => revealLine(m.startLine)}>
            <span className="wb-problem-where">line {m.startLine}</span>
            <span className="wb-problem-message">{m.message}</span>
            <span className="wb-problem-source">{m.source}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
