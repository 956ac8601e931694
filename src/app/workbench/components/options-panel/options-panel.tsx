// Build options: target stage, build args (detected, with their defaults), target platform and
// where base-image configs come from. Every change recompiles.
import { useMemo } from "react";
import { buildArgFields } from "../../core/outline";
import { useWorkbench, workbenchActions } from "../../store/use-workbench";
import { ImageSourcePicker } from "./image-source-picker";

const PLATFORMS = ["linux/amd64", "linux/arm64", "linux/arm/v7", "linux/386", "linux/ppc64le", "linux/s390x", "linux/riscv64", "windows/amd64"];

function TargetSelect() {
  const stages = useWorkbench((s) => s.outline?.stages);
  const target = useWorkbench((s) => s.options.target);
  const named = (stages ?? []).filter((s) => s.name !== "");
  const known = target === "" || named.some((s) => s.name === target);
  return (
    <label className="wb-field">
      <span>Target</span>
      <select data-testid="wb-target" value={target} onChange={(e) => workbenchActions().setOptions({ target: e.target.value })}>
        <option value="">last stage</option>
        {named.map((s) => (
          <option key={s.index} value={s.name}>
            {s.name} (line {s.startLine})
          </option>
        ))}
        {!known && <option value={target}>{target} (missing)</option>}
      </select>
    </label>
  );
}

function PlatformInput() {
  const platform = useWorkbench((s) => s.options.platform);
  return (
    <label className="wb-field">
      <span>Platform</span>
      <input
        data-testid="wb-platform"
        list="wb-platforms"
        placeholder="linux/amd64 (build platform)"
        value={platform}
        onChange={(e) => workbenchActions().setOptions({ platform: e.target.value })}
      />
      <datalist id="wb-platforms">
        {PLATFORMS.map((p) => (
          <option key={p} value={p} />
        ))}
      </datalist>
    </label>
  );
}

function BuildArgs() {
  const outline = useWorkbench((s) => s.outline);
  const values = useWorkbench((s) => s.options.buildArgs);
  const fields = useMemo(() => (outline ? buildArgFields(outline) : []), [outline]);
  if (fields.length === 0) return <p className="wb-muted">No ARGs declared.</p>;
  return (
    <div className="wb-args" data-testid="wb-build-args">
      {fields.map((f) => (
        <label key={f.name} className="wb-field" title={`${f.scope === "global" ? "global ARG" : `ARG of stage ${f.scope}`}, line ${f.line}`}>
          <span className="wb-arg-name">{f.name}</span>
          <input
            data-testid="wb-build-arg"
            data-arg={f.name}
            placeholder={f.defaultValue === undefined ? "(no default)" : f.defaultValue}
            value={values[f.name] ?? ""}
            onChange={(e) => workbenchActions().setBuildArg(f.name, e.target.value === "" ? undefined : e.target.value)}
          />
        </label>
      ))}
    </div>
  );
}

export function OptionsPanel() {
  return (
    <details className="wb-options" data-testid="wb-options" open>
      <summary>Build options</summary>
      <div className="wb-options-row">
        <TargetSelect />
        <PlatformInput />
        <ImageSourcePicker />
      </div>
      <BuildArgs />
    </details>
  );
}
