import { describe, expect, it } from "vitest";
import { ANSI_PALETTE, PLAIN_STYLE, ansiLines, collapseCarriageReturns, stripAnsi } from "./ansi";
import type { AnsiStyle } from "./ansi";

const E = "\u001b";
const st = (o: Partial<AnsiStyle>): AnsiStyle => ({ ...PLAIN_STYLE, ...o });

describe("ansiLines", () => {
  it.each<[string, string, { text: string; style: AnsiStyle }[][]]>([
    ["plain text", "hello", [[{ text: "hello", style: PLAIN_STYLE }]]],
    ["green then reset", `${E}[32mok${E}[0m done`, [[{ text: "ok", style: st({ fg: ANSI_PALETTE[2] }) }, { text: " done", style: PLAIN_STYLE }]]],
    ["bold bright red", `${E}[1;91mERR`, [[{ text: "ERR", style: st({ bold: true, fg: ANSI_PALETTE[9] }) }]]],
    ["256 colour", `${E}[38;5;196mx`, [[{ text: "x", style: st({ fg: "rgb(255,0,0)" }) }]]],
    ["truecolor background", `${E}[48;2;1;2;3mx`, [[{ text: "x", style: st({ bg: "rgb(1,2,3)" }) }]]],
    ["style carries to the next line", `${E}[33ma\nb`, [[{ text: "a", style: st({ fg: ANSI_PALETTE[3] }) }], [{ text: "b", style: st({ fg: ANSI_PALETTE[3] }) }]]],
    ["empty SGR resets", `${E}[4mu${E}[mx`, [[{ text: "u", style: st({ underline: true }) }, { text: "x", style: PLAIN_STYLE }]]],
    ["cursor and erase codes dropped", `a${E}[2K${E}[1Gb`, [[{ text: "a", style: PLAIN_STYLE }, { text: "b", style: PLAIN_STYLE }]]],
    ["OSC title dropped", `${E}]0;title\u0007x`, [[{ text: "x", style: PLAIN_STYLE }]]],
    ["carriage return overwrite", "10%\r50%\r100%", [[{ text: "100%", style: PLAIN_STYLE }]]],
    ["trailing newline adds no line", "a\n", [[{ text: "a", style: PLAIN_STYLE }]]],
    ["empty lines kept", "a\n\nb", [[{ text: "a", style: PLAIN_STYLE }], [], [{ text: "b", style: PLAIN_STYLE }]]],
  ])("%s", (_n, input, want) => {
    expect(ansiLines(input).lines).toEqual(want);
  });

  it("returns the style at the end, to continue a stream", () => {
    const a = ansiLines(`${E}[35mpurple`);
    expect(ansiLines("more", a.end).lines).toEqual([[{ text: "more", style: st({ fg: ANSI_PALETTE[5] }) }]]);
  });
});

describe("helpers", () => {
  it.each([
    ["colours", `${E}[1;32mok${E}[0m`, "ok"],
    ["erase", `x${E}[K`, "x"],
  ])("stripAnsi: %s", (_n, input, want) => {
    expect(stripAnsi(input)).toBe(want);
  });

  it.each([
    ["none", "abc", "abc"],
    ["CRLF", "abc\r", "abc"],
    ["overwrite", "a\rbc", "bc"],
  ])("collapseCarriageReturns: %s", (_n, input, want) => {
    expect(collapseCarriageReturns(input)).toBe(want);
  });
});
