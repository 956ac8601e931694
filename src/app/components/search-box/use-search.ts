// Search state: hits for the query (kind filter applied) and the highlighted result.
import { useState } from "react";
import type { SearchHit } from "../../../llb/index";
import { useExplorer } from "../../store/use-explorer";

const SHOWN = 50;

export function useSearch(): { query: string; hits: SearchHit[]; total: number; active: number; setActive: (i: number) => void } {
  const query = useExplorer((s) => s.query);
  const all = useExplorer((s) => s.hits);
  const [active, setActive] = useState(0);
  const hits = all.length > SHOWN ? all.slice(0, SHOWN) : all;
  return { query, hits, total: all.length, active: Math.min(active, Math.max(0, hits.length - 1)), setActive };
}
