import { describe, expect, it } from "vitest";
import { indentJson } from "./json-indent";

describe("indentJson", () => {
  it.each([
    ["object", '{"a":1,"b":[1,2]}', '{\n  "a": 1,\n  "b": [\n    1,\n    2\n  ]\n}'],
    ["big number kept", '{"t":1700000000000000001}', '{\n  "t": 1700000000000000001\n}'],
    ["strings with brackets", '{"s":"a{,}\\"b"}', '{\n  "s": "a{,}\\"b"\n}'],
    ["empty containers", '{"a":{},"b":[ ]}', '{\n  "a": {},\n  "b": []\n}'],
  ])("%s", (_name, input, expected) => {
    expect(indentJson(input)).toBe(expected);
    expect(JSON.parse(indentJson(input))).toEqual(JSON.parse(input));
  });
});
