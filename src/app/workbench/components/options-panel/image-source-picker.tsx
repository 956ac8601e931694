// Base-image configs: offline (unpinned references, default config) or a loaded image-config JSON
// file (`{"ref": {"digest", "config"}}`, as `llbx compile --image-fixtures` takes).
import { useRef, useState } from "react";
import { parseImageFixtures } from "../../services/open-text";
import { useWorkbench, workbenchActions } from "../../store/use-workbench";

export function ImageSourcePicker() {
  const images = useWorkbench((s) => s.options.images);
  const input = useRef<HTMLInputElement | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    const result = parseImageFixtures(await file.text(), file.name);
    if (!result.ok) {
      setProblem(result.message);
      return;
    }
    setProblem(null);
    workbenchActions().setOptions({ images: { kind: "fixtures", name: result.name, fixtures: result.value } });
  };

  return (
    <div className="wb-field">
      <span>Image configs</span>
      <div className="wb-inline">
        <select
          data-testid="wb-images"
          value={images.kind}
          onChange={(e) => {
            if (e.target.value === "unpinned") workbenchActions().setOptions({ images: { kind: "unpinned" } });
            else input.current?.click();
          }}
        >
          <option value="unpinned">offline (unpinned)</option>
          <option value="fixtures">{images.kind === "fixtures" ? images.name : "load JSON file…"}</option>
        </select>
        <input ref={input} type="file" accept=".json,application/json" hidden data-testid="wb-images-file" onChange={(e) => void onFile(e.target.files?.[0])} />
      </div>
      {problem && (
        <span className="wb-field-error" role="alert">
          {problem}
        </span>
      )}
    </div>
  );
}
