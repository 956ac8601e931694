// Shown over the graph while the text does not compile: the graph is the last one that did.
import { useWorkbench } from "../../store/use-workbench";

export function StaleBanner() {
  const stale = useWorkbench((s) => s.output?.stale ?? false);
  const message = useWorkbench((s) => s.error?.message ?? null);
  if (!stale) return null;
  return (
    <div className="wb-stale" data-testid="stale-banner" role="status">
      <strong>STALE</strong> the graph is from the last Dockerfile that compiled{message ? `: ${message}` : ""}
    </div>
  );
}
