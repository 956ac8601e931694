// Whether this page was opened through the local bridge (`llbx serve` prints the URL with ?token=).
export function hasBridgeToken(): boolean {
  return typeof location !== "undefined" && new URLSearchParams(location.search).has("token");
}
