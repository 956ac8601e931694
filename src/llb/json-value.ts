// A JSON parser for LLB dumps. JSON.parse cannot be used: int64 values (nanosecond timestamps, byte
// sizes) exceed 2^53 and must stay exact, and errors must name the line and column.

export type JsonValue = null | boolean | number | bigint | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

export class JsonSyntaxError extends Error {
  override readonly name = "JsonSyntaxError";
  constructor(
    readonly reason: string,
    readonly offset: number,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${reason} at line ${line}, column ${column}`);
  }
}

export function isJsonObject(v: JsonValue | undefined): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

const MAX_DEPTH = 512;

/** Parses one JSON value starting at `pos`; returns it and the offset just after it. */
export class JsonScanner {
  pos: number;
  private depth = 0;
  constructor(
    readonly text: string,
    pos = 0,
  ) {
    this.pos = pos;
  }

  fail(reason: string, at = this.pos): never {
    const { line, column } = lineColumn(this.text, at);
    throw new JsonSyntaxError(reason, at, line, column);
  }

  skipSpace(): void {
    const t = this.text;
    let p = this.pos;
    for (;;) {
      const c = t.charCodeAt(p);
      if (c === 32 || c === 10 || c === 13 || c === 9) p++;
      else break;
    }
    this.pos = p;
  }

  value(): JsonValue {
    this.skipSpace();
    const c = this.text.charCodeAt(this.pos);
    switch (c) {
      case 123: // {
        return this.object();
      case 91: // [
        return this.array();
      case 34: // "
        return this.string();
      case 116: // t
        return this.literal("true", true);
      case 102: // f
        return this.literal("false", false);
      case 110: // n
        return this.literal("null", null);
      default:
        if (c === 45 || (c >= 48 && c <= 57)) return this.number();
        if (Number.isNaN(c)) this.fail("unexpected end of input, expected a value");
        this.fail(`unexpected character ${JSON.stringify(this.text[this.pos])}, expected a value`);
    }
  }

  private literal<T extends JsonValue>(word: string, v: T): T {
    if (this.text.startsWith(word, this.pos)) {
      this.pos += word.length;
      return v;
    }
    this.fail(`invalid literal, expected ${word}`);
  }

  private enter(): void {
    if (++this.depth > MAX_DEPTH) this.fail(`nesting deeper than ${MAX_DEPTH}`);
  }

  private object(): JsonObject {
    this.enter();
    const o: JsonObject = Object.create(null) as JsonObject;
    this.pos++;
    this.skipSpace();
    if (this.text.charCodeAt(this.pos) === 125) {
      this.pos++;
      this.depth--;
      return o;
    }
    for (;;) {
      this.skipSpace();
      if (this.text.charCodeAt(this.pos) !== 34) this.fail("expected a string key");
      const k = this.string();
      this.skipSpace();
      if (this.text.charCodeAt(this.pos) !== 58) this.fail("expected ':' after key");
      this.pos++;
      o[k] = this.value();
      this.skipSpace();
      const c = this.text.charCodeAt(this.pos);
      if (c === 44) {
        this.pos++;
        continue;
      }
      if (c === 125) {
        this.pos++;
        this.depth--;
        return o;
      }
      this.fail(Number.isNaN(c) ? "unexpected end of input inside an object" : "expected ',' or '}' in object");
    }
  }

  private array(): JsonValue[] {
    this.enter();
    const a: JsonValue[] = [];
    this.pos++;
    this.skipSpace();
    if (this.text.charCodeAt(this.pos) === 93) {
      this.pos++;
      this.depth--;
      return a;
    }
    for (;;) {
      a.push(this.value());
      this.skipSpace();
      const c = this.text.charCodeAt(this.pos);
      if (c === 44) {
        this.pos++;
        continue;
      }
      if (c === 93) {
        this.pos++;
        this.depth--;
        return a;
      }
      this.fail(Number.isNaN(c) ? "unexpected end of input inside an array" : "expected ',' or ']' in array");
    }
  }

  private string(): string {
    const t = this.text;
    const start = ++this.pos;
    // Fast path: no escapes.
    let p = start;
    for (;;) {
      const c = t.charCodeAt(p);
      if (c === 34) {
        this.pos = p + 1;
        return t.slice(start, p);
      }
      if (c === 92 || c < 32 || Number.isNaN(c)) break;
      p++;
    }
    let out = t.slice(start, p);
    for (;;) {
      const c = t.charCodeAt(p);
      if (Number.isNaN(c)) this.fail("unterminated string", start - 1);
      if (c === 34) {
        this.pos = p + 1;
        return out;
      }
      if (c < 32) this.fail("control character in string", p);
      if (c !== 92) {
        out += t[p];
        p++;
        continue;
      }
      const e = t[p + 1];
      p += 2;
      switch (e) {
        case '"':
          out += '"';
          break;
        case "\\":
          out += "\\";
          break;
        case "/":
          out += "/";
          break;
        case "b":
          out += "\b";
          break;
        case "f":
          out += "\f";
          break;
        case "n":
          out += "\n";
          break;
        case "r":
          out += "\r";
          break;
        case "t":
          out += "\t";
          break;
        case "u": {
          const h = t.slice(p, p + 4);
          if (!/^[0-9a-fA-F]{4}$/.test(h)) this.fail("invalid \\u escape", p - 2);
          out += String.fromCharCode(parseInt(h, 16));
          p += 4;
          break;
        }
        default:
          this.fail("invalid escape in string", p - 2);
      }
    }
  }

  private number(): number | bigint {
    const t = this.text;
    const start = this.pos;
    let p = start;
    if (t.charCodeAt(p) === 45) p++;
    const digitsStart = p;
    while (t.charCodeAt(p) >= 48 && t.charCodeAt(p) <= 57) p++;
    if (p === digitsStart) this.fail("invalid number", start);
    if (t.charCodeAt(digitsStart) === 48 && p - digitsStart > 1) this.fail("invalid number: leading zero", start);
    let isInt = true;
    if (t.charCodeAt(p) === 46) {
      isInt = false;
      p++;
      const f = p;
      while (t.charCodeAt(p) >= 48 && t.charCodeAt(p) <= 57) p++;
      if (p === f) this.fail("invalid number: digits expected after '.'", start);
    }
    const e = t.charCodeAt(p);
    if (e === 101 || e === 69) {
      isInt = false;
      p++;
      if (t.charCodeAt(p) === 43 || t.charCodeAt(p) === 45) p++;
      const f = p;
      while (t.charCodeAt(p) >= 48 && t.charCodeAt(p) <= 57) p++;
      if (p === f) this.fail("invalid number: exponent digits expected", start);
    }
    this.pos = p;
    const s = t.slice(start, p);
    if (isInt && p - start > 15) {
      const b = BigInt(s);
      if (b > BigInt(Number.MAX_SAFE_INTEGER) || b < BigInt(Number.MIN_SAFE_INTEGER)) return b;
      return Number(b);
    }
    return Number(s);
  }
}

/** Parses a complete JSON document (only whitespace may follow the value). */
export function parseJson(text: string): JsonValue {
  const s = new JsonScanner(text);
  const v = s.value();
  s.skipSpace();
  if (s.pos < text.length) s.fail("unexpected text after the JSON value");
  return v;
}

export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    last = i;
  }
  return { line, column: offset - last };
}
