/**
 * # WebAssembly SIMD evaluator
 *
 * The bit-parallel evaluator of ./evaluateBitParallel.ts with 128-bit lanes: every gate gets one
 * WebAssembly `v128`, i.e. 128 assignments per pass, computed by the hand-written module
 * `src/wasm/evaluate.wat` (assembled by `npm run build:wasm`, bytes committed in
 * ./evaluateWasmModule.ts). The result has exactly the layout of
 * `evaluateWordsWide(c, inputs, 4)`: four 32-bit words per gate, word `q` holding assignments
 * `32·q … 32·q + 31`.
 *
 * ## Main definitions
 * - {@link prepareWasmEvaluator}: copy a circuit into a WebAssembly instance's memory once;
 *   the returned {@link WasmEvaluator} then evaluates any number of 128-assignment passes.
 * - {@link withWasmEvaluator}: run a function with a circuit loaded into a reusable instance
 *   (what `evaluateBatch` and the exhaustive checker use).
 * - {@link wasmEvaluatorAvailable}: whether this runtime accepts the module (WebAssembly SIMD).

 * Callers: `evaluateBatch` and `evaluateAllInputsFast` (./evaluateBitParallel.ts) take this path
 * when it is available, and so `tradeoff verify` and the exhaustive checker do.
 *
 * ## Trust
 * Not part of the kernel's trusted base in any new way: like the JS bit-parallel evaluator it
 * is an optimisation checked against the reference evaluator `evaluateGates` (./evaluate.ts):
 * test/evaluateWasm.test.ts runs it, the JS widths and the reference on seeded random weighted
 * and unweighted circuits, and the exhaustive checker confirms every mismatch with the
 * reference evaluator before it reports one (docs/trust.md).
 *
 * ## Implementation notes
 * - Memory layout (byte addresses in the instance's own memory): gate values (16 bytes each)
 *   at 0, then input words, a 64-`v128` counter scratch, kind, param, faninStart, fanin and
 *   weight. Arguments are stored pre-scaled (`16·g`, the address of gate g's value), which
 *   saves a shift per wire. Evaluator memory: 25 B/gate (16 value + 1 kind + 4 param + 4
 *   faninStart) + 4 B/wire (+4 B/wire for weights) + 16 B/input + 1 KiB.
 * - Circuits too large for a 32-bit address space (or whose memory the runtime refuses) get
 *   `null` from {@link prepareWasmEvaluator}; callers fall back to the JS evaluator.
 * - The module is compiled once per process (synchronously: 2.5 kB). {@link prepareWasmEvaluator}
 *   makes an instance with a memory of its own; {@link withWasmEvaluator} reuses one instance
 *   (held by a `WeakRef`, its memory grown as needed), because fresh memory costs a page fault
 *   per 4 KiB on first touch (measured on the 2-core machine: about 9 ms of CPU for the 2.6 MB of
 *   a 20,000-gate circuit's wires, where the copy itself into touched memory took 0.2 ms).
 * - Argument indices are copied with `TypedArray.set` and pre-scaled by the module's `scale`
 *   export: a JS loop doing it would run once per circuit, mostly unoptimised.
 *
 * ## References
 * - WebAssembly SIMD proposal (fixed-width 128-bit SIMD), part of WebAssembly 2.0.
 * - As ./evaluateBitParallel.ts for the counting (Harley–Seal carry-save adder trees).
 *
 * @module
 */
import type { Circuit } from './circuit.js';
import { EVALUATE_WASM_BASE64 } from './evaluateWasmModule.js';

/** 32-bit words per gate on the WebAssembly path (one `v128`). @category model */
export const WASM_WORDS_PER_GATE = 4;

/** Assignments per pass on the WebAssembly path. @category model */
export const WASM_LANES = 32 * WASM_WORDS_PER_GATE;

/** A circuit loaded into a WebAssembly instance, ready to evaluate 128 assignments per pass. @category model */
export interface WasmEvaluator {
  readonly circuit: Circuit;
  /** Bytes of the instance's linear memory (the evaluator's whole working set). */
  readonly memoryBytes: number;
  /**
   * Evaluate every gate on 128 assignments: `inputWords[4·j + q]` holds input bit `j` of
   * assignments `32·q … 32·q + 31`. Returns the gate words (`4·numGates`, gate `i`'s word `q` at
   * `4·i + q`) as a view of the instance's memory, overwritten by the next call.
   */
  readonly evaluate: (inputWords: ArrayLike<number>) => Uint32Array;
}

type EvaluateExport = (n: number, kind: number, param: number, start: number, fanin: number, weight: number, input: number, cnt: number) => void;

/** The part of the WebAssembly JS API used here (the project's lib settings have no WebAssembly types). */
interface WasmApi {
  readonly Module: new (bytes: Uint8Array) => WasmModule;
  readonly Memory: new (d: { initial: number; maximum?: number }) => WasmMemory;
  readonly Instance: new (m: WasmModule, imports: object) => { readonly exports: Readonly<Record<string, unknown>> };
}
/** A compiled WebAssembly module (opaque). */
type WasmModule = object;
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

const api: WasmApi | undefined = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

/** Compile module bytes; null when the runtime refuses them (no WebAssembly, or no SIMD). */
const compile = (bytes: Uint8Array): WasmModule | null => {
  if (api === undefined) return null;
  try {
    return new api.Module(bytes);
  } catch {
    return null;
  }
};

let compiled: WasmModule | null | undefined;

const wasmModule = (): WasmModule | null => {
  compiled ??= compile(Buffer.from(EVALUATE_WASM_BASE64, 'base64'));
  return compiled;
};

/** Whether this runtime runs the WebAssembly evaluator (needs WebAssembly SIMD). @category model */
export const wasmEvaluatorAvailable = (): boolean => wasmModule() !== null;

const PAGE = 65536;
const MAX_BYTES = 2 ** 32 - PAGE;
const align16 = (x: number): number => Math.ceil(x / 16) * 16;

/** An instance of the module with its memory. */
interface Instance {
  readonly memory: WasmMemory;
  readonly run: EvaluateExport;
  readonly scale: (p: number, m: number) => void;
}

/** Bytes of memory the layout of `c` needs. */
const bytesFor = (c: Circuit): number =>
  align16(align16(16 * c.numGates + 16 * c.numInputs + 16 * 64 + c.numGates) + 4 * c.numGates + 4 * (c.numGates + 1)) +
  4 * c.fanin.length * (c.weight === null ? 1 : 2);

/** A new instance with `bytes` of memory (growable when `growable`), or null if refused. */
const instantiate = (mod: WasmModule, bytes: number, growable: boolean): Instance | null => {
  if (api === undefined || bytes > MAX_BYTES) return null;
  try {
    const pages = Math.max(1, Math.ceil(bytes / PAGE));
    const memory = new api.Memory(growable ? { initial: pages } : { initial: pages, maximum: pages });
    const inst = new api.Instance(mod, { env: { memory } });
    return { memory, run: inst.exports['evaluate'] as EvaluateExport, scale: inst.exports['scale'] as (p: number, m: number) => void };
  } catch {
    return null; // the runtime refused the memory
  }
};

/** Lay `c` out in the instance's memory (growing it if needed); null if it cannot grow. */
const load = (inst: Instance, c: Circuit): WasmEvaluator | null => {
  const n = c.numGates;
  const ni = c.numInputs;
  const m = c.fanin.length;
  const inOff = 16 * n;
  const cntOff = inOff + 16 * ni;
  const kindOff = cntOff + 16 * 64;
  const paramOff = align16(kindOff + n);
  const startOff = paramOff + 4 * n;
  const faninOff = align16(startOff + 4 * (n + 1));
  const weightOff = c.weight === null ? 0 : faninOff + 4 * m;
  const bytes = bytesFor(c);
  if (bytes > MAX_BYTES) return null;
  if (inst.memory.buffer.byteLength < bytes) {
    try {
      inst.memory.grow(Math.ceil((bytes - inst.memory.buffer.byteLength) / PAGE));
    } catch {
      return null;
    }
  }
  const buf = inst.memory.buffer;
  new Uint8Array(buf, kindOff, n).set(c.kind);
  new Int32Array(buf, paramOff, n).set(c.param);
  new Uint32Array(buf, startOff, n + 1).set(c.faninStart);
  new Uint32Array(buf, faninOff, m).set(c.fanin);
  inst.scale(faninOff, m); // g → 16·g in place
  if (c.weight !== null) new Int32Array(buf, weightOff, m).set(c.weight);
  const inWords = new Uint32Array(buf, inOff, 4 * ni);
  const gateWords = new Uint32Array(buf, 0, 4 * n);
  const run = inst.run;
  return {
    circuit: c,
    memoryBytes: buf.byteLength,
    evaluate: (inputWords: ArrayLike<number>): Uint32Array => {
      if (inputWords.length !== 4 * ni) {
        throw new RangeError(`WasmEvaluator.evaluate: circuit has ${ni} inputs × 4 words, got ${inputWords.length} words`);
      }
      for (let j = 0; j < 4 * ni; j++) inWords[j] = inputWords[j]!;
      run(n, kindOff, paramOff, startOff, faninOff, weightOff, inOff, cntOff);
      return gateWords;
    },
  };
};

/**
 * Load a circuit into a fresh WebAssembly instance with a memory of exactly the pages it needs.
 * `null` when WebAssembly SIMD is not available or the circuit does not fit a 32-bit memory
 * (the caller then uses the JS path). The circuit's arrays are copied: later changes to them
 * are not seen. `moduleBytes` replaces the committed module (tests use it to run a
 * deliberately broken build).
 * @category constructors
 */
export const prepareWasmEvaluator = (c: Circuit, moduleBytes?: Uint8Array): WasmEvaluator | null => {
  const mod = moduleBytes === undefined ? wasmModule() : compile(moduleBytes);
  if (mod === null) return null;
  const inst = instantiate(mod, bytesFor(c), false);
  return inst === null ? null : load(inst, c);
};

/** One reusable instance (weakly held: the collector may drop it between uses). */
let pool: WeakRef<Instance> | undefined;
let poolBusy = false;

/**
 * Run `f` with `c` loaded into the WebAssembly evaluator, or with `null` when it is not
 * available (then `f` runs the JS path). The evaluator is valid only inside `f`. A reusable
 * instance is taken when free: fresh WebAssembly memory costs page faults on first touch
 * (measured: about as much as the copy of the circuit into it), which a series of calls on
 * small circuits — `tradeoff verify`'s batches, the checker's many exhaustive checks — would
 * pay every time. A nested call (from inside `f`) gets a fresh instance.
 * @category destructors
 */
export const withWasmEvaluator = <T>(c: Circuit, f: (ev: WasmEvaluator | null) => T): T => {
  const mod = wasmModule();
  if (mod === null) return f(null);
  if (poolBusy) return f(prepareWasmEvaluator(c));
  let inst = pool?.deref();
  if (inst === undefined) {
    const fresh = instantiate(mod, bytesFor(c), true);
    if (fresh === null) return f(null);
    inst = fresh;
    pool = new WeakRef(fresh);
  }
  const ev = load(inst, c);
  if (ev === null) return f(prepareWasmEvaluator(c));
  poolBusy = true;
  try {
    return f(ev);
  } finally {
    poolBusy = false;
  }
};
