/**
 * EXPOSE port specs (`[ip:][hostPort:]containerPort[-end][/proto]`) to
 * `port/proto` strings, with upstream's messages and the ExposeProtoCasing /
 * ExposeInvalidFormat lint rules (dockerfile2llb/convert_expose.go). Call it
 * with the ports already expanded (`expandWords` per port).
 */
import { DockerfileError, type SourceRange } from "../errors";
import { goQuote } from "../go-text";
import type { Linter } from "../lint/linter";
import { lintMessages } from "../lint/rules";

class PortError extends Error {}

function parseIPv4(s: string): boolean {
  const parts = s.split(".");
  if (parts.length !== 4) return false;
  return parts.every((p) => /^[0-9]{1,3}$/.test(p) && Number(p) <= 255 && !(p.length > 1 && p[0] === "0"));
}

/** Go's net.ParseIP != nil. */
export function isValidIP(s: string): boolean {
  if (s.includes(".") && !s.includes(":")) return parseIPv4(s);
  if (!s.includes(":")) return false;
  let body = s;
  let groupsNeeded = 8;
  const lastColon = body.lastIndexOf(":");
  const tail = body.slice(lastColon + 1);
  if (tail.includes(".")) {
    if (!parseIPv4(tail)) return false;
    body = body.slice(0, lastColon + 1) + "0";
    groupsNeeded = 7;
  }
  const dbl = body.split("::");
  if (dbl.length > 2) return false;
  const groups = (x: string) => (x === "" ? [] : x.split(":"));
  const head = groups(dbl[0] ?? "");
  const rest = dbl.length === 2 ? groups(dbl[1] ?? "") : [];
  const all = [...head, ...rest];
  if (!all.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  if (dbl.length === 2) return all.length < groupsNeeded;
  return all.length === groupsNeeded;
}

function splitParts(raw: string): [string, string, string] {
  const parts = raw.split(":");
  const n = parts.length;
  if (n === 1) return ["", "", parts[0] ?? ""];
  if (n === 2) return ["", parts[0] ?? "", parts[1] ?? ""];
  return [parts.slice(0, n - 2).join(":"), parts[n - 2] ?? "", parts[n - 1] ?? ""];
}

function splitProtoPort(raw: string): [string, string] {
  const slash = raw.indexOf("/");
  const port = slash < 0 ? raw : raw.slice(0, slash);
  const proto = slash < 0 ? "" : raw.slice(slash + 1);
  if (port === "") throw new PortError("no port specified");
  switch (proto.toLowerCase()) {
    case "":
      return ["tcp", port];
    case "tcp":
    case "udp":
    case "sctp":
      return [proto, port];
    default:
      throw new PortError("invalid proto: " + proto);
  }
}

function parsePortNumber(raw: string): number {
  if (raw === "") throw new PortError("value is empty");
  if (!/^[+-]?[0-9]+$/.test(raw)) throw new PortError("invalid syntax");
  const n = Number(raw);
  if (!Number.isSafeInteger(n) && Math.abs(n) > 2 ** 63) throw new PortError("value out of range");
  if (n < 0 || n > 65535) throw new PortError("value out of range (0\u201365535)");
  return n;
}

function parsePortRange(ports: string): [number, number] {
  if (ports === "") throw new PortError("empty string specified for ports");
  const dash = ports.indexOf("-");
  const start = dash < 0 ? ports : ports.slice(0, dash);
  const end = dash < 0 ? "" : ports.slice(dash + 1);
  const startPort = parsePortNumber(start);
  if (dash < 0 || start === end) return [startPort, startPort];
  const endPort = parsePortNumber(end);
  if (endPort < startPort) throw new PortError("invalid port range: " + ports);
  return [startPort, endPort];
}

function parsePort(raw: string, location: SourceRange[], lint: Linter | undefined): string[] {
  let [ip, hostPort, containerPort] = splitParts(raw);
  let proto: string;
  try {
    [proto, containerPort] = splitProtoPort(containerPort);
  } catch (e) {
    if (e instanceof PortError) throw new PortError(`invalid port: ${goQuote(raw)}: ${e.message}`);
    throw e;
  }
  if (lint) {
    if (proto !== proto.toLowerCase()) lint.run("ExposeProtoCasing", location, lintMessages.ExposeProtoCasing(raw));
    if (ip !== "" || hostPort !== "") lint.run("ExposeInvalidFormat", location, lintMessages.ExposeInvalidFormat(raw));
  }
  if (ip !== "" && ip[0] === "[") {
    const close = ip.indexOf("]");
    if (close < 0 || close !== ip.length - 1) throw new PortError(`invalid IP address ${ip}: address ${ip}:: missing ']' in address`);
    ip = ip.slice(1, close);
  }
  if (ip !== "" && !isValidIP(ip)) throw new PortError("invalid IP address: " + ip);
  let start: number;
  let end: number;
  try {
    [start, end] = parsePortRange(containerPort);
  } catch (e) {
    if (e instanceof PortError) throw new PortError("invalid containerPort: " + containerPort);
    throw e;
  }
  if (hostPort !== "") {
    let hs: number;
    let he: number;
    try {
      [hs, he] = parsePortRange(hostPort);
    } catch (e) {
      if (e instanceof PortError) throw new PortError("invalid hostPort: " + hostPort);
      throw e;
    }
    if (end - start !== he - hs && end !== start) {
      throw new PortError(`invalid ranges specified for container and host Ports: ${containerPort} and ${hostPort}`);
    }
  }
  const out: string[] = [];
  for (let p = start; p <= end; p++) out.push(`${p}/${proto.toLowerCase()}`);
  return out;
}

/**
 * Expanded EXPOSE ports -> `["80/tcp", "53/udp", ...]` (ranges expanded).
 * Throws DockerfileError (kind "instruction", no prefix, at `location`).
 */
export function parseExposePorts(ports: readonly string[], location: SourceRange[], lint?: Linter): string[] {
  const out: string[] = [];
  for (const p of ports) {
    try {
      out.push(...parsePort(p, location, lint));
    } catch (e) {
      if (e instanceof PortError) throw new DockerfileError("instruction", e.message, location);
      throw e;
    }
  }
  return out;
}
