// The samples index, fetched once.
import { useEffect, useState } from "react";
import { loadSamples, type Sample } from "../../services/samples";

let cache: Promise<Sample[]> | null = null;

export function useSamples(): Sample[] {
  const [samples, setSamples] = useState<Sample[]>([]);
  useEffect(() => {
    let live = true;
    cache ??= loadSamples().catch(() => []);
    void cache.then((s) => live && setSamples(s));
    return () => {
      live = false;
    };
  }, []);
  return samples;
}
