// Opening inputs: bytes or text from any source go through the decode worker into the store. A
// failure shows the error banner and keeps the graph that was open.
import type { LlbReadError } from "../../llb/index";
import { decodeShareFragment } from "../core/share-link";
import { explorerStore } from "../store/explorer-store";
import { decodeClient } from "./clients";

const SHARED = "shared link";

/** A share fragment in the address bar names the open graph only while that graph is open. */
function dropStaleShareFragment(name: string): void {
  if (name !== SHARED && decodeShareFragment(location.hash).ok) history.replaceState(null, "", `${location.pathname}${location.search}`);
}

export async function openInput(input: Uint8Array | string, name: string): Promise<boolean> {
  const store = explorerStore.getState();
  store.setLoading(name);
  const started = performance.now();
  const { result, analysis } = await decodeClient().decode(input);
  if (result.ok) {
    store.setTimings({ decodeMs: Math.round(performance.now() - started) });
    const canvas = document.querySelector(".canvas-area");
    store.open(result.graph, name, canvas ? { width: canvas.clientWidth, height: canvas.clientHeight } : undefined, analysis);
    dropStaleShareFragment(name);
    return true;
  }
  store.fail(name, result.error);
  return false;
}

export async function openFile(file: File): Promise<boolean> {
  return openInput(new Uint8Array(await file.arrayBuffer()), file.name);
}

function failWith(source: string, error: LlbReadError): false {
  explorerStore.getState().fail(source, error);
  return false;
}

export async function openUrl(url: string, name = url): Promise<boolean> {
  explorerStore.getState().setLoading(name);
  try {
    const response = await fetch(url);
    if (!response.ok) return failWith(name, { kind: "format", message: `could not fetch ${url}: HTTP ${response.status}` });
    return await openInput(new Uint8Array(await response.arrayBuffer()), name);
  } catch (e) {
    return failWith(name, { kind: "format", message: `could not fetch ${url}: ${e instanceof Error ? e.message : String(e)}` });
  }
}

/** Opens what the page URL carries: a `#llb=` share fragment, or a `?url=` to fetch. */
export async function openFromLocation(location: Location): Promise<boolean> {
  const shared = decodeShareFragment(location.hash);
  if (shared.ok) return openInput(shared.bytes, SHARED);
  if (shared.message !== null) return failWith(SHARED, { kind: "format", message: shared.message });
  const url = new URLSearchParams(location.search).get("url");
  if (url) return openUrl(url, url.split("/").pop() || url);
  return false;
}
