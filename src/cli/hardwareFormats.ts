/**
 * # The CLI's hardware formats: `export --format verilog|aag|aig|blif|smt2`, `eval --circuit F.aag|.aig|.blif`
 *
 * ## Main definitions
 * - {@link HARDWARE_FORMATS}, {@link isHardwareFormat}: the export formats handled here.
 * - {@link exportHardware}: write a lemma's circuit in one of them (stdout or a file, whole or
 *   not at all); `smt2` needs the lemma's sat-tier formula and prints the miter.
 * - {@link isNetlistFile}, {@link readNetlistFile}: read an AIGER or BLIF file for `eval`.
 *
 * Every failure is a {@link UsageError} (exit 2, a message naming the problem, no stack trace).
 *
 * ## Implementation notes
 * - The netlist kind is told by the extension (`.aag`, `.aig`, `.blif`); an AIGER file with
 *   the other AIGER extension is still read (the header says which).
 * - Files `eval` reads are capped at {@link MAX_NETLIST_FILE_BYTES} (2^28 bytes, the same cap
 *   as the JSON and serial formats); `export` refuses to write an AIGER or BLIF file beyond it.
 *
 * @module
 */
import { readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { isLeft } from 'fp-ts/lib/Either.js';
import type { Circuit } from '../core/circuit.js';
import { parseAiger } from '../core/aiger.js';
import { parseBlif } from '../core/blif.js';
import { formatDecodeErrors } from '../core/codec.js';
import { toAig, writeAag, writeAigBinary } from '../formats/aig.js';
import { writeBlif, writeVerilog } from '../formats/netlist.js';
import { miterSmtlib } from '../formats/smtlib.js';
import type { ExportOptions, Lemma } from '../proofs/lemma.js';
import { UsageError } from './errors.js';

/** The export formats of this module. */
export const HARDWARE_FORMATS = ['verilog', 'aag', 'aig', 'blif', 'smt2'] as const;
/** One of {@link HARDWARE_FORMATS}. */
export type HardwareFormat = (typeof HARDWARE_FORMATS)[number];

/** Whether a `--format` value is handled here. */
export const isHardwareFormat = (f: unknown): f is HardwareFormat => (HARDWARE_FORMATS as readonly unknown[]).includes(f);

/** Largest AIGER/BLIF file `eval` reads and `export` writes, in bytes (2^28). */
export const MAX_NETLIST_FILE_BYTES = 2 ** 28;

const reason = (e: unknown): string => {
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return e instanceof Error ? e.message.split('\n')[0]! : String(e);
};

/** Write whole or not at all: a temporary file next to the target, renamed when complete. */
const writeWhole = (file: string, data: string | Uint8Array): void => {
  const dir = dirname(file);
  let st;
  try {
    st = statSync(dir);
  } catch (e) {
    throw new UsageError(`cannot write '${file}': the directory '${dir}' does not exist (${reason(e)})`);
  }
  if (!st.isDirectory()) throw new UsageError(`cannot write '${file}': '${dir}' is not a directory`);
  const tmp = join(dir, `.${basename(file)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, file);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // nothing was written
    }
    throw new UsageError(`cannot write '${file}': ${reason(e)}`);
  }
};

const check = <T>(r: { _tag: 'Left'; left: string } | { _tag: 'Right'; right: T }, id: string, format: string): T => {
  if (r._tag === 'Left') throw new UsageError(`${id}: cannot write ${format}: ${r.left}`);
  return r.right;
};

/**
 * Write a lemma's circuit (already built at `params`) in a hardware format, to `out` or stdout.
 * `smt2` prints the sat tier's miter against the lemma's own formula, so it needs one.
 */
export const exportHardware = async (lemma: Lemma, params: ExportOptions, circuit: Circuit, format: HardwareFormat, out: string | undefined): Promise<void> => {
  const id = lemma.id;
  let data: string | Uint8Array;
  switch (format) {
    case 'verilog':
      data = check(writeVerilog(circuit, id.replace(/[^A-Za-z0-9_]/g, '_')), id, format);
      break;
    case 'blif':
      data = check(writeBlif(circuit, id), id, format);
      break;
    case 'aag':
      data = writeAag(check(toAig(circuit), id, format));
      break;
    case 'aig':
      data = writeAigBinary(check(toAig(circuit), id, format));
      break;
    case 'smt2': {
      const spec = lemma.exportCircuit?.smtSpec;
      if (spec === undefined) {
        throw new UsageError(`${id}: no sat-tier formula to write a miter with; --format smt2 needs a lemma that has one (integer-addition, comparison, float-iterated-sum)`);
      }
      const where = Object.entries(params).map(([k, v]) => `${k} = ${v}`).join(', ');
      data = check(await miterSmtlib(circuit, spec(params), `${id} (${where})`), id, format);
      break;
    }
  }
  if (format !== 'verilog' && format !== 'smt2' && data.length > MAX_NETLIST_FILE_BYTES) {
    throw new UsageError(`${id}: the ${format} file would have ${data.length} bytes, more than \`eval\` reads (${MAX_NETLIST_FILE_BYTES}); choose smaller options`);
  }
  if (out !== undefined) writeWhole(out, data);
  else process.stdout.write(data);
};

/** Whether `eval` reads this file as a netlist (by its extension). */
export const isNetlistFile = (file: string): boolean => ['.aag', '.aig', '.blif'].includes(extname(file).toLowerCase());

/** Read an AIGER (`.aag`, `.aig`) or BLIF (`.blif`) file into a circuit; `--outputs` does not apply. */
export const readNetlistFile = (file: string, numOutputs: number | undefined): Circuit => {
  if (numOutputs !== undefined) throw new UsageError(`--outputs applies to P1 serializations only; '${file}' lists its outputs`);
  let st;
  try {
    st = statSync(file);
  } catch (e) {
    throw new UsageError(`cannot read circuit file '${file}': ${reason(e)}`);
  }
  if (!st.isFile()) throw new UsageError(`circuit file '${file}' is not a regular file`);
  if (st.size > MAX_NETLIST_FILE_BYTES) throw new UsageError(`circuit file '${file}' is ${st.size} bytes, more than the limit of ${MAX_NETLIST_FILE_BYTES}`);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new UsageError(`cannot read circuit file '${file}': ${reason(e)}`);
  }
  if (bytes.length > MAX_NETLIST_FILE_BYTES) throw new UsageError(`circuit file '${file}' grew to more than ${MAX_NETLIST_FILE_BYTES} bytes while it was read`);
  const blif = extname(file).toLowerCase() === '.blif';
  const r = blif ? parseBlif(bytes.toString('utf8')) : parseAiger(bytes);
  if (isLeft(r)) throw new UsageError(`${file}: invalid ${blif ? 'BLIF' : 'AIGER'} circuit\n${formatDecodeErrors(r.left)}`);
  return r.right;
};
