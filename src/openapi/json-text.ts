/**
 * A JSON document's bytes as a one-byte string. Decoding UTF-8 with even one non-ASCII character
 * makes V8 build a two-byte string: 26 MB and ~60 ms for GitHub's 13 MB description, which has 140
 * non-ASCII bytes. Valid JSON can hold non-ASCII only inside strings, where `\uXXXX` means the same
 * character, so the ASCII stretches are decoded as latin1 (a copy) and each non-ASCII stretch is
 * decoded as UTF-8 and written as escapes. `JSON.parse` of the result gives the same value; a
 * document that does not parse must be reported from its exact text instead (positions differ).
 */
import { isAscii } from "node:buffer";

/** Chunks checked with the native `isAscii`; only chunks that fail are walked byte by byte. */
const CHUNK = 4096;

function escapeNonAscii(bytes: Buffer): string {
  let out = "";
  for (const unit of bytes.toString("utf8")) {
    for (let i = 0; i < unit.length; i++)
      out += `\\u${unit.charCodeAt(i).toString(16).padStart(4, "0")}`;
  }
  return out;
}

/** The stretches of one chunk: ASCII as latin1, non-ASCII runs escaped (never split inside a character). */
function decodeChunk(bytes: Buffer, start: number, end: number): { text: string; end: number } {
  const parts: string[] = [];
  let at = start;
  let i = start;
  while (i < end) {
    if ((bytes[i] ?? 0) < 0x80) {
      i++;
      continue;
    }
    if (i > at) parts.push(bytes.toString("latin1", at, i));
    let j = i;
    // a run of non-ASCII bytes; a character cut by the chunk end is finished here
    while (j < bytes.length && (bytes[j] ?? 0) >= 0x80) j++;
    parts.push(escapeNonAscii(bytes.subarray(i, j)));
    at = j;
    i = j;
  }
  const stop = Math.max(at, end);
  if (stop > at) parts.push(bytes.toString("latin1", at, stop));
  return { text: parts.join(""), end: stop };
}

/** `bytes` (UTF-8, no byte-order mark) as JSON text in a one-byte string. */
export function jsonTextOf(bytes: Buffer): string {
  if (isAscii(bytes)) return bytes.toString("latin1");
  const parts: string[] = [];
  let at = 0;
  while (at < bytes.length) {
    const end = Math.min(at + CHUNK, bytes.length);
    if (isAscii(bytes.subarray(at, end))) {
      parts.push(bytes.toString("latin1", at, end));
      at = end;
    } else {
      const chunk = decodeChunk(bytes, at, end);
      parts.push(chunk.text);
      at = chunk.end;
    }
  }
  return parts.join("");
}
