/**
 * # Reading and writing the CLI's files, every failure a clear error
 *
 * ## Main definitions
 * - {@link readInputFile}: a file's text, refusing a directory, a FIFO, a device (`/dev/zero`)
 *   or a socket before reading (`stat`, then `fstat` on the open descriptor), and reading at
 *   most the size cap (a file that grows while read is refused too).
 * - {@link writeOutputFile}: write a file whole or not at all: the text goes to a temporary file
 *   in the same directory, renamed over the target when complete; a missing directory is named.
 * - {@link jsonTextLowerBound}: a cheap lower bound on the length of a circuit's JSON text, so
 *   that `export` refuses a circuit whose file `eval` would refuse before building the string.
 *
 * Every failure is a {@link UsageError} (exit code 2, the message, no stack trace).
 *
 * @module
 */
import { closeSync, fstatSync, openSync, readSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Circuit } from '../core/circuit.js';
import { SERIAL_LIMITS } from '../core/serialize.js';
import { UsageError } from './errors.js';

/**
 * Largest circuit file `eval` reads, in bytes: the longest text the parser accepts
 * (`SERIAL_LIMITS.maxChars`, 2^28), well below V8's longest string (2^29 − 24 characters), so a
 * file near that size is refused by its size, never by `RangeError: Invalid string length`.
 */
export const MAX_CIRCUIT_FILE_BYTES = SERIAL_LIMITS.maxChars;

/** Why a file system call failed, in words (no stack). */
export const fsReason = (e: unknown): string => {
  const code = (e as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a directory';
    case 'ENOTDIR':
      return 'a component of the path is not a directory';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EROFS':
      return 'read-only file system';
    default:
      return e instanceof Error ? e.message.split('\n')[0]! : String(e);
  }
};

const kindOf = (st: { isDirectory(): boolean; isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean }): string =>
  st.isDirectory() ? 'a directory' : st.isFIFO() ? 'a FIFO' : st.isCharacterDevice() || st.isBlockDevice() ? 'a device' : st.isSocket() ? 'a socket' : 'not a regular file';

/**
 * Read a regular file's text (UTF-8), at most `maxBytes` bytes; `what` names it in messages
 * (e.g. `circuit file`).
 */
export const readInputFile = (file: string, maxBytes: number, what: string): string => {
  let st;
  try {
    st = statSync(file);
  } catch (e) {
    throw new UsageError(`cannot read ${what} '${file}': ${fsReason(e)}`);
  }
  // checked before opening: opening a FIFO for reading blocks until a writer comes
  if (!st.isFile()) throw new UsageError(`${what} '${file}' is ${kindOf(st)}, not a regular file`);
  if (st.size > maxBytes) throw new UsageError(`${what} '${file}' is ${st.size} bytes, more than the limit of ${maxBytes}`);
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (e) {
    throw new UsageError(`cannot read ${what} '${file}': ${fsReason(e)}`);
  }
  try {
    const st2 = fstatSync(fd);
    if (!st2.isFile()) throw new UsageError(`${what} '${file}' is ${kindOf(st2)}, not a regular file`);
    if (st2.size > maxBytes) throw new UsageError(`${what} '${file}' is ${st2.size} bytes, more than the limit of ${maxBytes}`);
    const buf = Buffer.allocUnsafe(Math.min(maxBytes + 1, st2.size + 1));
    let got = 0;
    for (;;) {
      const k = readSync(fd, buf, got, buf.length - got, null);
      if (k === 0) break;
      got += k;
      if (got === buf.length) break;
    }
    if (got > maxBytes || got > st2.size) throw new UsageError(`${what} '${file}' grew while it was read (more than ${Math.min(maxBytes, st2.size)} bytes)`);
    return buf.toString('utf8', 0, got);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`cannot read ${what} '${file}': ${fsReason(e)}`);
  } finally {
    closeSync(fd);
  }
};

/**
 * Write `text` to `file` whole or not at all: into a temporary file next to it, then renamed.
 * A missing directory, a directory as the target or a failed write is a {@link UsageError}, and
 * leaves nothing behind.
 */
export const writeOutputFile = (file: string, text: string): void => {
  const dir = dirname(file);
  let dst;
  try {
    dst = statSync(dir);
  } catch (e) {
    throw new UsageError(`cannot write '${file}': the directory '${dir}' does not exist (${fsReason(e)})`);
  }
  if (!dst.isDirectory()) throw new UsageError(`cannot write '${file}': '${dir}' is not a directory`);
  try {
    if (statSync(file).isDirectory()) throw new UsageError(`cannot write '${file}': it is a directory`);
  } catch (e) {
    if (e instanceof UsageError) throw e;
  }
  const tmp = join(dir, `.${basename(file)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // nothing was written
    }
    throw new UsageError(`cannot write '${file}': ${fsReason(e)}`);
  }
};

const digits = (x: number): number => (x < 10 ? 1 : x < 100 ? 2 : x < 1000 ? 3 : x < 10_000 ? 4 : x < 100_000 ? 5 : x < 1_000_000 ? 6 : x < 10_000_000 ? 7 : x < 100_000_000 ? 8 : 9 + Math.floor(Math.log10(x / 1e9)));

/**
 * A lower bound on the length of `JSON.stringify(encodeCircuitJson(c))`: every wire is written
 * as its argument's digits and a separator, every gate as at least `{"type":"or"}` and a comma.
 */
export const jsonTextLowerBound = (c: Circuit): number => {
  let n = c.numGates * 14;
  const f = c.fanin;
  for (let i = 0; i < f.length; i++) n += digits(f[i]!) + 1;
  return n;
};
