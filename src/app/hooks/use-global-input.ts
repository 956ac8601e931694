// Page-wide ways in: paste anywhere (outside text fields), drag-and-drop of a file (a graph) or a
// folder (the build context), and whatever the URL carries (#llb= share fragment, ?url=) on first
// load.
import { useEffect, useState } from "react";
import { droppedFolder, loadContextFolder } from "../services/context-files";
import { openFile, openFromLocation, openInput } from "../services/open-input";

function isTextField(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || target.tagName === "INPUT" || target.tagName === "TEXTAREA");
}

/** Returns whether a file is being dragged over the page. */
export function useGlobalInput(): boolean {
  const [dragging, setDragging] = useState(false);

  useEffect(() => {
    void openFromLocation(window.location);
    const onPaste = (e: ClipboardEvent) => {
      if (isTextField(e.target)) return;
      const file = e.clipboardData?.files[0];
      const text = e.clipboardData?.getData("text/plain") ?? "";
      if (!file && text.trim() === "") return;
      e.preventDefault();
      void (file ? openFile(file) : openInput(text, "pasted text"));
    };
    let depth = 0;
    const hasFiles = (e: DragEvent) => [...(e.dataTransfer?.types ?? [])].includes("Files");
    const onEnter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth++;
      setDragging(true);
    };
    const onLeave = () => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const onOver = (e: DragEvent) => {
      if (hasFiles(e)) e.preventDefault();
    };
    const onDrop = (e: DragEvent) => {
      depth = 0;
      setDragging(false);
      // A folder is a build context; a file is a graph to open.
      const folder = droppedFolder(e.dataTransfer);
      if (folder) {
        e.preventDefault();
        void loadContextFolder(folder);
        return;
      }
      const file = e.dataTransfer?.files[0];
      if (!file) return;
      e.preventDefault();
      void openFile(file);
    };
    const onHash = () => void openFromLocation(window.location);
    document.addEventListener("paste", onPaste);
    window.addEventListener("dragenter", onEnter);
    window.addEventListener("dragleave", onLeave);
    window.addEventListener("dragover", onOver);
    window.addEventListener("drop", onDrop);
    window.addEventListener("hashchange", onHash);
    return () => {
      document.removeEventListener("paste", onPaste);
      window.removeEventListener("dragenter", onEnter);
      window.removeEventListener("dragleave", onLeave);
      window.removeEventListener("dragover", onOver);
      window.removeEventListener("drop", onDrop);
      window.removeEventListener("hashchange", onHash);
    };
  }, []);

  return dragging;
}
