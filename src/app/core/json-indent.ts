// Re-indents JSON text without parsing it, so 64-bit numbers keep every digit.
export function indentJson(text: string, indent = "  "): string {
  let out = "";
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      out += c;
      if (c === "\\") out += text[++i] ?? "";
      else if (c === '"') inString = false;
      continue;
    }
    if (c === " " || c === "\n" || c === "\t" || c === "\r") continue;
    const next = text.slice(i + 1).trimStart()[0];
    switch (c) {
      case '"':
        inString = true;
        out += c;
        break;
      case "{":
      case "[":
        if (next === "}" || next === "]") {
          out += c + next;
          i = text.indexOf(next, i + 1);
        } else out += `${c}\n${indent.repeat(++depth)}`;
        break;
      case "}":
      case "]":
        out += `\n${indent.repeat(--depth)}${c}`;
        break;
      case ",":
        out += `,\n${indent.repeat(depth)}`;
        break;
      case ":":
        out += ": ";
        break;
      default:
        out += c;
    }
  }
  return out;
}
