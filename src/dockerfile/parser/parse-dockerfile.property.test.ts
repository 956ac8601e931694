import { describe, expect, it } from "vitest";
import { isDockerfileError } from "../errors";
import { parseStages } from "../instructions/parse-stages";
import { expandWord, expandWords } from "../shell/lex";
import { envFromList } from "../shell/shell-env";
import { dumpDockerfileAst } from "./dump-ast";
import { parseDockerfile } from "./parse-dockerfile";

const SEEDS = [
  "# syntax=docker/dockerfile:1\n# escape=\\\nARG BASE=alpine\nFROM ${BASE}:3.20 AS build\nRUN --mount=type=cache,target=/c \\\n    echo \"a b\" && \\\n    echo 'c'\nCOPY --from=build --chmod=755 <<EOF /x\nhello $X\nEOF\n",
  'FROM a\nENV A=1 B="2 3"\nLABEL k v\nHEALTHCHECK --interval=5s CMD ["curl", "-f"]\nONBUILD RUN <<-X\n\tz\n\tX\nSHELL ["/bin/sh", "-c"]\n',
  "# escape=`\nFROM windows\nRUN dir `\n  c:\\\nEXPOSE 80 443/udp\nVOLUME [\"/d\"]\nUSER a\nWORKDIR /w\nSTOPSIGNAL 9\nMAINTAINER me\n",
];

const env = envFromList(["X=1", "BASE=alpine", "EMPTY="]);

const ALPHABET = ["\\", "`", "\n", " ", "\t", '"', "'", "$", "{", "}", "<", "<<", "-", "=", "[", "]", ",", "#", "a", "E", "\r", "é", "--", "EOF"];

/** Small deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let x = t;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

function mutate(src: string, rand: () => number): string {
  let s = src;
  const edits = 1 + Math.floor(rand() * 6);
  for (let i = 0; i < edits; i++) {
    const pos = Math.floor(rand() * (s.length + 1));
    const pick = ALPHABET[Math.floor(rand() * ALPHABET.length)] ?? "";
    const op = Math.floor(rand() * 5);
    if (op === 0) s = s.slice(0, pos) + pick + s.slice(pos);
    else if (op === 1) s = s.slice(0, pos) + s.slice(pos + 1 + Math.floor(rand() * 4));
    else if (op === 2) s = s.slice(0, pos) + pick + s.slice(pos + 1);
    else if (op === 3) {
      const lines = s.split("\n");
      const a = Math.floor(rand() * lines.length);
      lines.splice(a, 1);
      s = lines.join("\n");
    } else {
      const lines = s.split("\n");
      const a = Math.floor(rand() * lines.length);
      lines.splice(Math.floor(rand() * lines.length), 0, lines[a] ?? "");
      s = lines.join("\n");
    }
  }
  return s;
}

describe("parser robustness", () => {
  it.each(SEEDS.map((seed, i) => ({ name: `seed ${i}`, seed, i })))(
    "random edits of $name only throw DockerfileError",
    ({ seed, i }) => {
      const rand = rng(1234 + i);
      for (let iter = 0; iter < 400; iter++) {
        const input = mutate(seed, rand);
        try {
          const ast = parseDockerfile(input);
          dumpDockerfileAst(ast);
          for (const node of ast.instructions) {
            for (const arg of node.args) {
              for (const escapeToken of ["\\", "`"]) {
                try {
                  expandWord(arg, env, { escapeToken });
                  expandWords(arg, env, { escapeToken, rawQuotes: true, skipUnsetEnv: true });
                } catch (e) {
                  if (!isDockerfileError(e)) throw e;
                }
              }
            }
          }
          parseStages(ast);
        } catch (e) {
          if (!isDockerfileError(e)) {
            throw new Error(`non-typed error for input ${JSON.stringify(input)}: ${String(e)}`);
          }
          expect(e.ranges.length).toBeGreaterThan(0);
        }
      }
    },
  );
});
