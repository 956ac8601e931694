// Reading a folder the user picked (<input webkitdirectory>) or dropped (DataTransfer entries)
// into the files a build context is made of. Browsers give contents, sizes and times, not modes,
// owners or links: files become 0644, folders 0755, and a link is whatever the browser made of it.
import { buildPickedContext, dockerignoreName, type PickedContext, type PickedFile } from "../build/context";
import { buildInputsStore } from "../build/inputs-store";

export interface RawFolder {
  name: string;
  files: PickedFile[];
  dirs: string[];
}

const picked = (path: string, file: File): PickedFile => ({ path, size: file.size, blob: file, lastModified: file.lastModified });

/** The files of an <input webkitdirectory> (each `webkitRelativePath` starts with the folder's name). */
export function folderFromFileList(list: FileList | readonly File[]): RawFolder | null {
  const all = Array.from(list);
  if (all.length === 0) return null;
  const first = all[0]!.webkitRelativePath || all[0]!.name;
  const name = first.split("/")[0] ?? "context";
  const files = all.map((f) => {
    const rel = f.webkitRelativePath || f.name;
    return picked(rel.slice(rel.indexOf("/") + 1), f);
  });
  return { name, files, dirs: [] };
}

function readAllEntries(dir: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = dir.createReader();
  const out: FileSystemEntry[] = [];
  return new Promise((resolve, reject) => {
    // readEntries hands out batches (100 in Chromium) until it returns an empty one.
    const next = () =>
      reader.readEntries((batch) => {
        if (batch.length === 0) resolve(out);
        else {
          out.push(...batch);
          next();
        }
      }, reject);
    next();
  });
}

const fileOf = (e: FileSystemFileEntry): Promise<File> => new Promise((resolve, reject) => e.file(resolve, reject));

/** A dropped folder (the first folder among the dropped items), walked recursively; null when none. */
export async function folderFromDrop(items: DataTransferItemList): Promise<RawFolder | null> {
  let root: FileSystemDirectoryEntry | null = null;
  for (const item of Array.from(items)) {
    const entry = item.kind === "file" ? item.webkitGetAsEntry() : null;
    if (entry?.isDirectory) {
      root = entry as FileSystemDirectoryEntry;
      break;
    }
  }
  if (!root) return null;
  const files: PickedFile[] = [];
  const dirs: string[] = [];
  const walk = async (dir: FileSystemDirectoryEntry, prefix: string): Promise<void> => {
    for (const e of await readAllEntries(dir)) {
      const path = prefix + e.name;
      if (e.isDirectory) {
        dirs.push(path);
        await walk(e as FileSystemDirectoryEntry, `${path}/`);
      } else if (e.isFile) files.push(picked(path, await fileOf(e as FileSystemFileEntry)));
    }
  };
  await walk(root, "");
  return { name: root.name, files, dirs };
}

/** Applies the folder's .dockerignore (`<Dockerfile>.dockerignore` first). */
export async function pickedContextOf(folder: RawFolder, dockerfileName = "Dockerfile"): Promise<PickedContext> {
  const ignoreName = dockerignoreName(folder.files, dockerfileName);
  const ignoreFile = ignoreName ? folder.files.find((f) => f.path === ignoreName) : undefined;
  const text = ignoreFile ? await ignoreFile.blob.text() : null;
  return buildPickedContext(folder.name, folder.files, folder.dirs, ignoreName && text !== null ? { file: ignoreName, text } : null);
}

/** Reads a folder into the next build's context; problems land in the inputs store, never thrown. */
export async function loadContextFolder(folder: RawFolder | null | Promise<RawFolder | null>, dockerfileName = "Dockerfile"): Promise<void> {
  const inputs = buildInputsStore.getState();
  inputs.startReading();
  try {
    const raw = await folder;
    if (!raw || (raw.files.length === 0 && raw.dirs.length === 0)) {
      inputs.setError("that folder is empty (or the browser gave none of its files)");
      return;
    }
    inputs.setContext(await pickedContextOf(raw, dockerfileName));
  } catch (e) {
    inputs.setError(`could not read the folder: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * The folder among dropped items, if any: must be called during the drop event (the entries are
 * gone after it). Returns null when no folder was dropped, so the caller can open files instead.
 */
export function droppedFolder(data: DataTransfer | null): Promise<RawFolder | null> | null {
  if (!data) return null;
  const hasFolder = Array.from(data.items).some((i) => i.kind === "file" && i.webkitGetAsEntry()?.isDirectory);
  return hasFolder ? folderFromDrop(data.items) : null;
}
