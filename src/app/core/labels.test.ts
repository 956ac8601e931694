import { describe, expect, it } from "vitest";
import type { OpNode } from "../../llb/index";
import { displayLabel } from "./labels";

const node = (label: string) => ({ label, kind: "exec" }) as OpNode;

describe("displayLabel", () => {
  it.each([
    ["[stage0 4/4] RUN go build", { text: "RUN go build", step: "4/4" }],
    ["[internal] load build context", { text: "load build context", tag: "internal" }],
    ["[linux/arm64 build 2/3] COPY . .", { text: "COPY . .", step: "2/3" }],
    ["[1/4] FROM alpine", { text: "FROM alpine", step: "1/4" }],
    ["/bin/sh -c make", { text: "/bin/sh -c make" }],
    ["", { text: "exec" }],
  ])("%j", (label, expected) => {
    expect(displayLabel(node(label))).toEqual(expected);
  });
});
