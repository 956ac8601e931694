/** A single CSV line split into fields (tonistiigi/go-csvvalue, strict quotes). */
import { utf8Length } from "../go-text";

export class CsvError extends Error {}

function parseErr(pos: number, what: string): CsvError {
  return new CsvError(`parse error on line 1, column ${pos + 1}: ${what}`);
}

const BARE_QUOTE = 'bare " in non-quoted-field';
const QUOTE = 'extraneous or missing " in quoted-field';

/** Splits `a,"b,c",d`; throws CsvError (message "EOF" for an empty line). */
export function csvFields(input: string): string[] {
  let line = input;
  if (line.endsWith("\r\n")) line = line.slice(0, -2);
  else if (line.endsWith("\n")) line = line.slice(0, -1);
  if (line.length === 0) throw new CsvError("EOF");
  const out: string[] = [];
  let pos = 0; // byte position, for error columns
  parseField: for (;;) {
    if (line.length === 0 || line[0] !== '"') {
      const i = line.indexOf(",");
      const field = i >= 0 ? line.slice(0, i) : line;
      const j = field.indexOf('"');
      if (j >= 0) throw parseErr(pos + utf8Length(field.slice(0, j)), BARE_QUOTE);
      out.push(field);
      if (i >= 0) {
        pos += utf8Length(line.slice(0, i)) + 1;
        line = line.slice(i + 1);
        continue;
      }
      break;
    }
    line = line.slice(1);
    pos += 1;
    let halfOpen = false;
    for (;;) {
      const i = line.indexOf('"');
      if (i < 0) throw parseErr(pos, QUOTE);
      if (!halfOpen) out.push(line.slice(0, i));
      else out[out.length - 1] += line.slice(0, i);
      halfOpen = false;
      pos += utf8Length(line.slice(0, i)) + 1;
      line = line.slice(i + 1);
      if (line[0] === '"') {
        out[out.length - 1] += '"';
        line = line.slice(1);
        pos += 1;
        halfOpen = true;
      } else if (line[0] === ",") {
        line = line.slice(1);
        pos += 1;
        continue parseField;
      } else if (line.length === 0) {
        break parseField;
      } else {
        throw parseErr(pos - 1, QUOTE);
      }
    }
  }
  return out;
}
