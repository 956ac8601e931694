/**
 * Shell wildcard patterns of `${var#pat}`, `${var%pat}`, `${var/pat/repl}`
 * turned into regular expressions with Go RE2 semantics (`?` = one char,
 * `*` = shortest or longest run; no bracket expressions).
 */

export class ShellPatternError extends Error {}

const REGEX_SPECIAL = new Set(["[", "]", "{", "}", ".", "+", "(", ")", "|", "^", "$"]);

/** Builds the regex source; throws ShellPatternError with upstream's message for bad escapes. */
export function shellPatternToRegexSource(pattern: string, greedy: boolean, anchored: boolean): string {
  const chars = Array.from(pattern);
  if (chars[0] === "\ufeff") chars.shift(); // text/scanner drops a leading BOM
  let out = anchored ? "^" : "";
  const star = greedy ? "[^\\n]*" : "[^\\n]*?";
  for (let i = 0; i < chars.length; i++) {
    let tok = chars[i] ?? "";
    if (tok === "*") {
      out += star;
      continue;
    }
    if (tok === "?") {
      out += "[^\\n]";
      continue;
    }
    if (tok === "\\") {
      const peek = chars[i + 1];
      if (peek === "}" || peek === "/") continue;
      out += "\\";
      i++;
      tok = chars[i] ?? "\ufffd";
      if (tok !== "*" && tok !== "?" && tok !== "\\") {
        throw new ShellPatternError(`invalid escape '\\${tok}'`);
      }
    } else if (REGEX_SPECIAL.has(tok)) {
      out += "\\";
    }
    out += tok;
  }
  return out;
}

export function shellPatternToRegex(pattern: string, greedy: boolean, anchored: boolean, global = false): RegExp {
  return new RegExp(shellPatternToRegexSource(pattern, greedy, anchored), global ? "gu" : "u");
}

/** Reverses a pattern keeping `\x` escapes in front of their character. */
export function reversePattern(pattern: string): string {
  const runes = Array.from(pattern);
  const out = new Array<string>(runes.length);
  const last = runes.length - 1;
  for (let i = 0; i <= last; ) {
    const tok = runes[i] ?? "";
    const outIdx = last - i;
    if (tok === "\\" && i !== last) {
      out[outIdx - 1] = tok;
      out[outIdx] = runes[i + 1] ?? "";
      i += 2;
    } else {
      out[outIdx] = tok;
      i++;
    }
  }
  return out.join("");
}

export function reverseString(s: string): string {
  return Array.from(s).reverse().join("");
}

/** `${var#pat}` / `${var##pat}`. */
export function trimPatternPrefix(pattern: string, value: string, greedy: boolean): string {
  let re: RegExp;
  try {
    re = shellPatternToRegex(pattern, greedy, true);
  } catch (e) {
    throw new ShellPatternError(`invalid pattern (${pattern}) in substitution: ${(e as Error).message}`);
  }
  const m = re.exec(value);
  return m ? value.slice(m.index + m[0].length) : value;
}

/** `${var%pat}` / `${var%%pat}`: reverse both and trim the prefix. */
export function trimPatternSuffix(pattern: string, value: string, greedy: boolean): string {
  return reverseString(trimPatternPrefix(reversePattern(pattern), reverseString(value), greedy));
}

/** Go's Regexp.ReplaceAllString template expansion for a regex without groups (`$0`/`${0}` is the match). */
function expandGoTemplate(template: string, match: string): string {
  let out = "";
  let rest = template;
  for (;;) {
    const idx = rest.indexOf("$");
    if (idx < 0) break;
    out += rest.slice(0, idx);
    rest = rest.slice(idx + 1);
    if (rest.startsWith("$")) {
      out += "$";
      rest = rest.slice(1);
      continue;
    }
    const m = /^(?:\{([\p{L}\p{Nd}_]+)\}|([\p{L}\p{Nd}_]+))/u.exec(rest);
    if (!m) {
      out += "$";
      continue;
    }
    const name = m[1] ?? m[2] ?? "";
    rest = rest.slice(m[0].length);
    if (/^[0-9]+$/.test(name) && Number(name) === 0) out += match;
  }
  return out + rest;
}

/** `${var/pat/repl}` and `${var//pat/repl}`. */
export function replacePattern(value: string, pattern: string, replacement: string, all: boolean): string {
  let re: RegExp;
  try {
    re = shellPatternToRegex(pattern, true, false, all);
  } catch (e) {
    throw new ShellPatternError(`invalid pattern (${pattern}) in substitution: ${(e as Error).message}`);
  }
  if (!all) {
    const m = re.exec(value);
    if (!m) return value;
    return value.slice(0, m.index) + replacement + value.slice(m.index + m[0].length);
  }
  let out = "";
  let last = 0;
  let prevEnd = -1;
  for (const m of value.matchAll(re)) {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    // Go skips an empty match directly after the previous match
    if (m[0].length === 0 && start === prevEnd) continue;
    out += value.slice(last, start) + expandGoTemplate(replacement, m[0]);
    last = end;
    prevEnd = end;
  }
  return out + value.slice(last);
}
