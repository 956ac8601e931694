// Search by digest prefix, command text, identifier or customname. ↑/↓ move, Enter selects and
// zooms, Esc leaves the box.
import { useState } from "react";
import { shortDigest } from "../../core/format";
import { explorerActions, useExplorer } from "../../store/use-explorer";
import { useSearch } from "./use-search";

export function SearchBox() {
  const { query, hits, total, active, setActive } = useSearch();
  const byDigest = useExplorer((s) => s.doc?.graph.byDigest);
  const [open, setOpen] = useState(false);
  const pick = (i: number) => {
    const hit = hits[i];
    if (hit) explorerActions().select(hit.digest, true);
  };
  const onKey = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "ArrowDown") setActive(Math.min(active + 1, hits.length - 1));
    else if (e.key === "ArrowUp") setActive(Math.max(active - 1, 0));
    else if (e.key === "Enter") pick(active);
    else if (e.key === "Escape") {
      setOpen(false);
      e.currentTarget.blur();
    } else return;
    e.preventDefault();
  };
  const show = open && query.trim() !== "";
  return (
    <div className="search" role="search">
      <input
        className="search-input"
        data-testid="search-input"
        placeholder="Search digest, command, image…  /"
        value={query}
        spellCheck={false}
        onChange={(e) => {
          explorerActions().setQuery(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={onKey}
        aria-controls="search-results"
      />
      {show && (
        <ul className="search-results" id="search-results" data-testid="search-results" role="listbox">
          {hits.length === 0 && <li className="search-empty">no op matches</li>}
          {total > 0 && (
            <li className="search-empty" data-testid="search-total">
              {total} {total === 1 ? "op matches" : "ops match"}
              {total > hits.length ? `, first ${hits.length} shown` : ""} · ↑↓ Enter
            </li>
          )}
          {hits.map((h, i) => {
            const node = byDigest?.get(h.digest);
            return (
              <li
                key={h.digest}
                role="option"
                aria-selected={i === active}
                className={i === active ? "search-hit active" : "search-hit"}
                data-testid="search-hit"
                data-digest={h.digest}
                onMouseDown={(e) => {
                  e.preventDefault();
                  setActive(i);
                  pick(i);
                }}
              >
                <code>{shortDigest(h.digest)}</code>
                <span className="search-hit-text">{node?.label ?? h.text}</span>
                <span className="search-hit-field">{h.field}</span>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
