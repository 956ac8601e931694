// Reading what the user opens: Dockerfiles (any text file) and image-config JSON files.
import { isImageFixtures, type ImageFixtures } from "../../../dockerfile/index";

export const MAX_DOCKERFILE_BYTES = 1024 * 1024;

export type OpenResult<T> = { ok: true; value: T; name: string } | { ok: false; message: string };

export async function readDockerfile(file: Blob & { name: string }): Promise<OpenResult<string>> {
  if (file.size > MAX_DOCKERFILE_BYTES) return { ok: false, message: `${file.name} is too large for a Dockerfile (${file.size} bytes)` };
  return { ok: true, value: await file.text(), name: file.name };
}

export function parseImageFixtures(text: string, name: string): OpenResult<ImageFixtures> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return { ok: false, message: `${name} is not JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (!isImageFixtures(parsed)) return { ok: false, message: `${name} is not an image-config file ({"ref": {"digest", "config"}})` };
  return { ok: true, value: parsed, name };
}
