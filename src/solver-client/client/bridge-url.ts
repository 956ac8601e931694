// Where the bridge is, from the page's own URL: `llbx serve` prints http://127.0.0.1:PORT/?token=T
// and the bridge listens on ws://127.0.0.1:PORT/bridge on the same origin.

export const BRIDGE_PATH = "/bridge";

export interface BridgeLocation {
  /** ws(s)://host:port/bridge (no token). */
  url: string;
  token: string;
}

/** The bridge location for a page URL, or null when the page URL has no `?token=`. */
export function bridgeLocationFromPage(pageUrl: string): BridgeLocation | null {
  let u: URL;
  try {
    u = new URL(pageUrl);
  } catch {
    return null;
  }
  const token = u.searchParams.get("token");
  if (!token) return null;
  const scheme = u.protocol === "https:" ? "wss:" : "ws:";
  return { url: `${scheme}//${u.host}${BRIDGE_PATH}`, token };
}

/** Adds (or replaces) the token query parameter of a bridge URL. */
export function withToken(url: string, token: string): string {
  const u = new URL(url);
  u.searchParams.set("token", token);
  return u.toString();
}
