// The app's worker clients, created once (lazily) for the page.
import { createDecodeClient, type DecodeClient } from "../../workers/decode.client";
import { createLayoutClient, type LayoutClient } from "../../workers/layout.client";

let decoder: DecodeClient | null = null;
let layouter: LayoutClient | null = null;

export function decodeClient(): DecodeClient {
  decoder ??= createDecodeClient();
  return decoder;
}

export function layoutClient(): LayoutClient {
  layouter ??= createLayoutClient();
  return layouter;
}
