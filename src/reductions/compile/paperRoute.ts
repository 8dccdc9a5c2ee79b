/**
 * # The paper route: P1's proof of Theorem 1, literally
 *
 * Compile a {@link GeneralModel} at input length n into a threshold circuit exactly as P1
 * proves Theorem 1 (log-precision transformers are in (uniform) TC0): every component whose
 * inputs are O(log n) bits is a lookup table (Lemma 1, depth 3), every sum over the n positions
 * is the iterated float sum ⊕ (Lemma 5, depth d_⊕), and these are wired together.
 *
 * ## Main definitions
 * - {@link compilePaper}: the construction; returns a {@link PaperCompiled} (a
 *   {@link CompiledTransformer} with route `paper`, the measured d_⊕, the claimed and measured
 *   depth and the tables used) or a `Left` saying why the shape is out of reach.
 * - {@link paperPlan}: the shape of the construction (tables, their inputs, how many copies,
 *   dense bounds on gates and wires), computed without building anything; `compilePaper`
 *   refuses up front when a table has more than `MAX_TABLE_INPUTS` = 20 inputs or the bounds
 *   exceed the kernel's `CIRCUIT_LIMITS`.
 * - {@link paperDepthClaim}: P1's depth, 3 + (9 + 2·d_⊕)·d for d layers.
 * - {@link PaperOptions}: deliberate breakage (a tampered table, a skipped normalizer), for
 *   honesty tests only.
 *
 * ## The construction (per P1's proof of Theorem 1; p from `precisionAt(c, |Σ|, n)`)
 * (a) *Embedding*: for each position i a table from the b token bits of position i to
 *     φ(σ_i, i) (width floats).
 * Then for each layer, for each head (stage-major: all heads' similarities, then all heads'
 * normalizers, …):
 * (b) *Similarities*: for every pair (i, j) a table s(h_i, h_j) (2·width·p input bits).
 * (c) *Normalizer*: Z_i = ⊕_j s(h_i, h_j) by `floatIteratedSum(n, p)`.
 * (d) *Weights·values*: for every (i, j) and coordinate r a table (s_ij ⊘ Z_i) ⊗ h_j[r]
 *     (inputs s_ij, Z_i, h_j[r]: 3p bits). This is the per-coordinate reading of P1's table for
 *     (s/Z)·h: the kernel (P1 Def 8, `attend`) computes the attention coordinate-wise,
 *     a_i[r] = ⊕_j (s_ij ⊘ Z_i) ⊗ h_j[r], so one table per coordinate computes exactly its terms
 *     and keeps the table at 3p inputs instead of (2 + width)·p.
 * (e) *Weighted sum*: a_i[r] = ⊕_j of those, by `floatIteratedSum(n, p)`.
 * (f) *Update*: for each i a table f(a_i1 … a_ik, h_i) ((k + 1)·width·p input bits).
 * Output: the final states (a `state` model), or for an `accept` model the verdict
 * x_n[coordinate] > 0 *folded into the last table* (the last layer's update at position n, or
 * the embedding of position n when d = 0), so it costs no gate level. Consequently, for an
 * `accept` model the last layer is built for position n only (the other positions' last states
 * are read by nothing); with d = 0 only position n is embedded.
 *
 * ## Main results
 * - *Correctness*: the circuit equals `runGeneral` on every input (every table equals its
 *   function on every pattern, `paperTables.ts`; ⊕ is bit-exact with the kernel's
 *   `iteratedSum`; composing exact components is exact). Tested exhaustively in
 *   `test/compile.paper.test.ts`.
 * - *Depth*: P1 claims 3 + (9 + 2·d_⊕)·d ({@link paperDepthClaim}), d_⊕ the measured depth of
 *   `floatIteratedSum(n, p)`: the embedding adds 3, each layer 3 (b) + d_⊕ (c) + 3 (d) + d_⊕ (e)
 *   + 3 (f). The measured depth is exactly e + (9 + 2·d_⊕)·d, where e ≤ 3 is the depth of the
 *   embedding tables, in every case checked (all tests, all sizes below; the tests assert it
 *   stage by stage). The longest path goes through every stage because a Lemma 1 term is a
 *   full minterm: it reads *every* input bit, the 0 bits through the NOT layer, so a table adds
 *   3 levels above its deepest input as soon as one term with a non-zero output negates one of
 *   the deepest input bits. Where it differs, precisely:
 *   - e = 3 iff some position's φ(σ, i) has a 1 bit for a token pattern σ with a 0 bit; e = 2
 *     if only the all-ones pattern (for |Σ| = 2: token 1) has one; e = 1 if every φ(σ, i)
 *     encodes to all-zero bits. All-zero bits are the float ⟨0, 0⟩ (or a negative zero),
 *     never the kernel's zero ⟨0, I^min⟩, so (for |Σ| = 2) only a model whose embedding returns
 *     ⟨0, 0⟩ for token 0 at every position gets e < 3 (a random total table at p = 4, width 1
 *     does so at each position with probability 1/4, the four patterns of ⟨0, 0⟩). The same could happen to a later table of a degenerate function;
 *     it did not in any case checked.
 *   - d_⊕ itself is not always 9: `floatIteratedSum(k, 4)` has depth 8 for k ∈ {1, 4, 5, 6, 7}
 *     and 9 for k ∈ {2, 3, 8}; `floatIteratedSum(k, 6)` has depth 8 for k = 1 and 9 for
 *     k = 2 … 8. The claim uses the measured d_⊕, so it is met there. (Inside ⊕, the
 *     mantissa sign bit of each input reaches the outputs one level short, d_⊕ − 1; the other
 *     bits reach d_⊕, and every table output bit sits at the table's full depth, so the path
 *     still has length d_⊕.)
 *   - For an `accept` model with d = 0 the only table is φ(·, n) with the verdict folded in, so
 *     e depends on where the verdict is 1.
 *   - A layer without heads is just its update table: it adds 3, not 9 + 2·d_⊕.
 *
 * ## Feasibility (binary alphabet, b = 1; n at c = 1 unless stated)
 * Table inputs: b (embedding), 2·width·p (similarity), 3p (weights·values),
 * (heads + 1)·width·p (update), all ≤ 20. Hence p ≤ 6, and:
 * - p = 4 (n ≤ 4 at c = 1; n ≤ 8 at c = 1/2, where p ≥ ⌈log₂|Σ|⌉ + ⌈log₂ n⌉ still holds):
 *   width 1 with 1–4 heads (update 8 … 20 inputs), width 2 with 1 head (16 inputs); any number
 *   of layers within the kernel's limits.
 * - p = 6 (n = 5 … 8 at c = 1): width 1 with 1–2 heads only (weights·values 18 inputs, update
 *   12 / 18). The 2^18-entry weights·values table (≈ 4.7·10^6 wires) is copied n²·heads times
 *   per layer, so the kernel's 4·10^8 wires (checked on dense bounds, up front) admit n ≤ 7
 *   with 1 head and 1 layer, n = 5 with 2 heads or with 1 head and 2 layers; n = 8 is refused.
 * - p ≥ 8 (n ≥ 9 at c = 1): refused (weights·values would have 24 inputs).
 * Measured (random total tables, `state` output, one layer unless stated; every circuit
 * checked against `runGeneral` on all 2^n inputs; depth = claim in every row):
 * | n | c   | p | width | heads   | gates      | wires       | depth | d_⊕ | build |
 * |---|-----|---|-------|---------|------------|-------------|-------|-----|-------|
 * | 2 | 1   | 4 | 1     | 1       | 18 095     | 244 759     | 30    | 9   | 0.1 s |
 * | 3 | 1   | 4 | 1     | 1       | 40 160     | 546 381     | 30    | 9   | 0.1 s |
 * | 4 | 1   | 4 | 1     | 1       | 71 158     | 972 857     | 28    | 8   | 0.1 s |
 * | 4 | 1   | 4 | 1     | 2       | 152 682    | 2 098 453   | 28    | 8   | 0.1 s |
 * | 4 | 1   | 4 | 1     | 1, 1    | 142 134    | 1 944 309   | 53    | 8   | 0.1 s |
 * | 4 | 1   | 4 | 1     | 2, 2    | 305 474    | 4 200 057   | 53    | 8   | 0.2 s |
 * | 4 | 1   | 4 | 1     | 3       | 408 870    | 6 463 785   | 28    | 8   | 0.5 s |
 * | 4 | 1   | 4 | 1     | 4       | 3 466 114  | 73 933 685  | 28    | 8   | 12 s  |
 * | 4 | 1   | 4 | 2     | 1       | 1 180 728  | 20 996 329  | 28    | 8   | 1.3 s |
 * | 8 | 1/2 | 4 | 1     | 1       | 281 644    | 3 868 881   | 30    | 9   | 0.1 s |
 * | 8 | 1/2 | 4 | 1     | 2       | 583 636    | 8 038 505   | 30    | 9   | 0.4 s |
 * | 5 | 1   | 6 | 1     | 1       | 6 673 130  | 141 823 138 | 30    | 9   | 18 s, 3 GB |
 * | 6 | 1   | 6 | 1     | 1       | 9 604 386  | 204 153 191 | 30    | 9   | 11 s, 3.5 GB |
 * | 7 | 1   | 6 | 1     | 1       | 13 067 515 | 277 801 505 | 30    | 9   | 17 s, 4.8 GB |
 * | 5 | 1   | 6 | 1     | 2       | 14 538 575 | 308 829 748 | 30    | 9   | 22 s, 5.3 GB |
 * The weights·values tables dominate (n²·heads·width copies of a 2^(3p)-term table), except
 * with many heads or width 2, where the update or similarity table (2^((heads+1)·width·p) or
 * 2^(2·width·p) terms) takes over.
 *
 * ## Implementation notes
 * - Tables of one function are computed once and their circuit copied ({@link embedCircuit})
 *   as often as needed: the similarity table once per head and layer, the weights·values
 *   table once per precision (it does not depend on the model), the update once per layer.
 * - Components are built stage by stage, so the gate ids of a stage are contiguous; the
 *   breakdown's `depth` of a stage is the levels it adds: its deepest gate minus the deepest
 *   gate of all earlier stages.
 * - {@link PaperOptions} lets tests break the construction on purpose (tamper with a table,
 *   or skip the normalizer) to see the checks catch it.
 *
 * ## References
 * - P1 = Merrill & Sabharwal, *The Parallelism Tradeoff: Limitations of Log-Precision
 *   Transformers*, TACL 2023: Defs 6–12 (transformers), Lemma 1 (tables), Lemma 5 and
 *   App. A (iterated float addition), Theorem 1 and its proof.
 *
 * @module
 */
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import { CIRCUIT_LIMITS, createBuilder, type Circuit } from '../../core/circuit.js';
import { encodeFloat, floatOfRational, type FloatParams } from '../../core/float.js';
import { gateDepths } from '../../core/metrics.js';
import { precisionAt, type GeneralModel } from '../../core/transformer.js';
import { floatIteratedSum, floatIteratedSumGateCount, floatIteratedSumWireBound } from '../arithmetic/floatIteratedSum.js';
import { floatIteratedSumShallow } from '../arithmetic/floatIteratedSumShallow.js';
import { MAX_TABLE_INPUTS, lookupTableCircuit, type TruthTable } from '../lookupTable.js';
import { embedCircuit } from './embedSubcircuit.js';
import {
  embeddingTable,
  readoutBits,
  similarityTable,
  tableBounds,
  updateTable,
  weightValueTable,
  type Readout,
} from './paperTables.js';
import { bitsPerToken, type CompiledTransformer, type ComponentBreakdown } from './types.js';

// -------------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------------

/** Which table of the construction. Layers and heads are 1-based, positions 1 … n. @category model */
export type PaperTableSite =
  | { readonly kind: 'embedding'; readonly position: number }
  | { readonly kind: 'similarity'; readonly layer: number; readonly head: number }
  | { readonly kind: 'weight·value'; readonly layer: number }
  | { readonly kind: 'update'; readonly layer: number };

/** One kind of table of the construction: its inputs k, outputs m and how many copies. @category model */
export interface PaperTableShape {
  readonly name: string;
  readonly k: number;
  readonly m: number;
  readonly copies: number;
}

/**
 * The shape of the construction for a model at length n, before anything is built.
 * @category model
 */
export interface PaperPlan {
  readonly n: number;
  readonly p: number;
  readonly bitsPerToken: number;
  readonly layers: number;
  readonly tables: readonly PaperTableShape[];
  /** Copies of `floatIteratedSum(n, p)` (normalizers and weighted sums). */
  readonly sums: number;
  /** Dense upper bounds on the gates and wires of the whole circuit. */
  readonly gatesBound: number;
  readonly wiresBound: number;
}

/** A compiled transformer of the paper route, with the figures of its depth claim. @category model */
export interface PaperCompiled extends CompiledTransformer {
  readonly route: 'paper';
  /** Measured depth of `floatIteratedSum(n, p)`, or null when no head needs it. */
  readonly dPlus: number | null;
  /** {@link paperDepthClaim}(d, d_⊕) (3 + 0 when d = 0). */
  readonly claimedDepth: number;
  /** The measured depth of the circuit. */
  readonly depth: number;
  readonly plan: PaperPlan;
}

/**
 * Deliberate breakage, for honesty tests only: a table replaced before it is built, or the
 * normalizer skipped (the weight tables read fl(1) in place of Z_i).
 * @category model
 */
export interface PaperOptions {
  readonly tamperTable?: (site: PaperTableSite, table: TruthTable) => TruthTable;
  readonly skipNormalizer?: boolean;
  /**
   * Opt-in (not a breakage): both sums by `floatIteratedSumShallow(n, p)` (d_⊕ = 6) instead of
   * `floatIteratedSum(n, p)`; n ≤ 256, p ≤ 16. Default false: the default circuit is unchanged.
   */
  readonly shallowSum?: boolean;
}

// -------------------------------------------------------------------------------------------
// claims and plan
// -------------------------------------------------------------------------------------------

/**
 * P1's depth for d layers: 3 (embedding tables) + (3 + d_⊕ + 3 + d_⊕ + 3)·d.
 * @example
 * ```ts
 * paperDepthClaim(2, 9); // 3 + 27·2 = 57
 * ```
 * @category claims
 */
export const paperDepthClaim = (layers: number, dPlus: number): number => 3 + (9 + 2 * dPlus) * layers;

/** The positions (0-based) a layer is built for: all, or only n − 1 in the last layer of an accept model. */
const rowsOf = (model: GeneralModel, n: number, layer: number): number[] =>
  model.output.kind === 'accept' && layer === model.layers.length - 1 ? [n - 1] : Array.from({ length: n }, (_, i) => i);

/**
 * The shape of P1's construction for `model` at length n: tables, copies and dense bounds;
 * a `Left` if the precision is refused, a table exceeds `MAX_TABLE_INPUTS`, or the bounds
 * exceed the kernel's `CIRCUIT_LIMITS`.
 * @category constructors
 */
export const paperPlan = (model: GeneralModel, n: number): Either<string, PaperPlan> => {
  const pe = precisionAt(model.precision.c, model.alphabet.length, n);
  if (pe._tag === 'Left') return pe;
  const p = pe.right.p;
  const w = model.width;
  if (!Number.isSafeInteger(w) || w < 1) return left(`paper route: the width must be an integer ≥ 1, got ${w}`);
  const b = bitsPerToken(model.alphabet.length);
  const d = model.layers.length;
  const readout = (last: boolean): Readout =>
    last && model.output.kind === 'accept' ? { kind: 'accept', coordinate: model.output.coordinate } : { kind: 'state' };
  const tables: PaperTableShape[] = [
    { name: 'embedding', k: b, m: readoutBits(pe.right, w, readout(d === 0)), copies: d === 0 && model.output.kind === 'accept' ? 1 : n },
  ];
  let sums = 0;
  model.layers.forEach((layer, l) => {
    const H = layer.heads.length;
    const R = rowsOf(model, n, l).length;
    if (H > 0) {
      tables.push({ name: `layer ${l + 1}: similarity`, k: 2 * w * p, m: p, copies: H * R * n });
      tables.push({ name: `layer ${l + 1}: weight·value`, k: 3 * p, m: p, copies: H * R * n * w });
      sums += H * R * (1 + w);
    }
    tables.push({ name: `layer ${l + 1}: update`, k: (H + 1) * w * p, m: readoutBits(pe.right, w, readout(l === d - 1)), copies: R });
  });
  const tooBig = tables.find((t) => t.k > MAX_TABLE_INPUTS);
  if (tooBig !== undefined) {
    return left(
      `paper route: the ${tooBig.name} table would have ${tooBig.k} input bits (p = ${p}, width = ${w}), more than MAX_TABLE_INPUTS = ${MAX_TABLE_INPUTS}`,
    );
  }
  let gatesBound = n * b;
  let wiresBound = 0;
  for (const t of tables) {
    const tb = tableBounds(t.k, t.m);
    gatesBound += tb.gates * t.copies;
    wiresBound += tb.wires * t.copies;
  }
  if (sums > 0) {
    gatesBound += floatIteratedSumGateCount(n, p) * sums;
    wiresBound += floatIteratedSumWireBound(n, p) * sums;
  }
  if (gatesBound > CIRCUIT_LIMITS.maxGates || wiresBound > CIRCUIT_LIMITS.maxWires) {
    return left(
      `paper route: up to ${gatesBound} gates and ${wiresBound} wires at n = ${n}, p = ${p}, beyond the kernel's limits (${CIRCUIT_LIMITS.maxGates} gates, ${CIRCUIT_LIMITS.maxWires} wires)`,
    );
  }
  return right({ n, p, bitsPerToken: b, layers: d, tables, sums, gatesBound, wiresBound });
};

// -------------------------------------------------------------------------------------------
// the construction
// -------------------------------------------------------------------------------------------

const ONE = (params: FloatParams): Uint8Array => encodeFloat(params, floatOfRational(params, { num: 1n, den: 1n }));

/**
 * Compile a general model at length n by P1's proof of Theorem 1 (module header). Inputs and
 * outputs follow the export contract of `types.ts`.
 * @example
 * ```ts
 * const r = compilePaper(model, 4);
 * if (r._tag === 'Right') console.log(r.right.depth, r.right.claimedDepth);
 * ```
 * @category constructors
 */
export const compilePaper = (model: GeneralModel, n: number, options: PaperOptions = {}): Either<string, PaperCompiled> => {
  const planE = paperPlan(model, n);
  if (planE._tag === 'Left') return planE;
  const plan = planE.right;
  const pe = precisionAt(model.precision.c, model.alphabet.length, n);
  if (pe._tag === 'Left') return pe;
  const params = pe.right;
  const { p } = params;
  const w = model.width;
  const d = model.layers.length;
  const tamper = (site: PaperTableSite, t: TruthTable): TruthTable => (options.tamperTable === undefined ? t : options.tamperTable(site, t));
  const readout = (last: boolean): Readout =>
    last && model.output.kind === 'accept' ? { kind: 'accept', coordinate: model.output.coordinate } : { kind: 'state' };

  // the tables, one per function
  const embedPositions = d === 0 && model.output.kind === 'accept' ? [n - 1] : Array.from({ length: n }, (_, i) => i);
  const embedCircuits = new Map<number, Circuit>();
  for (const i of embedPositions) {
    const t = embeddingTable(params, model, plan.bitsPerToken, i + 1, n, readout(d === 0));
    if (t._tag === 'Left') return t;
    embedCircuits.set(i, lookupTableCircuit(tamper({ kind: 'embedding', position: i + 1 }, t.right)));
  }
  const anyHead = model.layers.some((l) => l.heads.length > 0);
  let weightBase: TruthTable | null = null;
  let sumCircuit: Circuit | null = null;
  let dPlus: number | null = null;
  if (anyHead) {
    const wt = weightValueTable(params);
    if (wt._tag === 'Left') return wt;
    weightBase = wt.right;
    if (options.shallowSum === true && (n > 256 || p > 16)) return left(`paper route: the shallow ⊕ takes n ≤ 256 and p ≤ 16, got n = ${n}, p = ${p}`);
    sumCircuit = (options.shallowSum === true ? floatIteratedSumShallow(n, p) : floatIteratedSum(n, p)).circuit;
    const depths = gateDepths(sumCircuit);
    dPlus = Math.max(0, ...Array.from(sumCircuit.outputs as Uint32Array, (o) => depths[o]!));
  }
  const untamperedWeight = weightBase === null ? null : lookupTableCircuit(weightBase);
  const layerCircuits: { sims: Circuit[]; weight: Circuit | null; update: Circuit }[] = [];
  for (let l = 0; l < d; l++) {
    const layer = model.layers[l]!;
    const sims: Circuit[] = [];
    for (let h = 0; h < layer.heads.length; h++) {
      const t = similarityTable(params, w, { name: `layer ${l + 1} head ${h + 1}: similarity s`, fn: layer.heads[h]! });
      if (t._tag === 'Left') return t;
      sims.push(lookupTableCircuit(tamper({ kind: 'similarity', layer: l + 1, head: h + 1 }, t.right)));
    }
    const weight =
      weightBase === null || layer.heads.length === 0
        ? null
        : options.tamperTable === undefined
          ? untamperedWeight
          : lookupTableCircuit(tamper({ kind: 'weight·value', layer: l + 1 }, weightBase));
    const ut = updateTable(params, w, layer.heads.length, { name: `layer ${l + 1}: update f`, fn: layer.update }, readout(l === d - 1));
    if (ut._tag === 'Left') return ut;
    layerCircuits.push({ sims, weight, update: lookupTableCircuit(tamper({ kind: 'update', layer: l + 1 }, ut.right)) });
  }

  // the wiring, stage by stage
  const b = createBuilder();
  const tokens = Array.from({ length: n }, () => b.inputs(plan.bitsPerToken));
  const stages: { component: string; first: number; end: number }[] = [];
  const stage = <T>(component: string, body: () => T): T => {
    const first = b.size();
    const out = body();
    stages.push({ component, first, end: b.size() });
    return out;
  };
  const slice = (ws: readonly number[], r: number): number[] => ws.slice(r * p, (r + 1) * p);

  let h: (number[] | null)[] = stage('embedding', () =>
    Array.from({ length: n }, (_, i) => {
      const c = embedCircuits.get(i);
      return c === undefined ? null : embedCircuit(b, c, tokens[i]!);
    }),
  );
  for (let l = 0; l < d; l++) {
    const layer = model.layers[l]!;
    const lc = layerCircuits[l]!;
    const H = layer.heads.length;
    const rows = rowsOf(model, n, l);
    const cur = h;
    const state = (i: number): number[] => {
      const s = cur[i];
      if (s === null || s === undefined) throw new Error(`compilePaper: state of position ${i + 1} not built`);
      return s;
    };
    const name = (s: string): string => `layer ${l + 1}: ${s}`;
    // (b) s_ij per head, row, column
    const sims = stage(name('similarities'), () =>
      lc.sims.map((sc) => rows.map((i) => Array.from({ length: n }, (_, j) => embedCircuit(b, sc, [...state(i), ...state(j)])))),
    );
    // (c) Z_i = ⊕_j s_ij
    const zs = stage(name('normalizer'), () => {
      if (options.skipNormalizer === true) {
        const one = Array.from(ONE(params), (bit) => b.constant(bit === 1 ? 1 : 0));
        return sims.map((perRow) => perRow.map(() => one));
      }
      return sims.map((perRow) => perRow.map((row) => embedCircuit(b, sumCircuit!, row.flat())));
    });
    // (d) (s_ij ⊘ Z_i) ⊗ h_j[r]
    const terms = stage(name('weights·values'), () =>
      sims.map((perRow, hd) =>
        perRow.map((row, ri) =>
          row.map((sij, j) =>
            Array.from({ length: w }, (_, r) => embedCircuit(b, lc.weight!, [...sij, ...zs[hd]![ri]!, ...slice(state(j), r)])),
          ),
        ),
      ),
    );
    // (e) a_i[r] = ⊕_j of the terms
    const attended = stage(name('weighted sum'), () =>
      terms.map((perRow) =>
        perRow.map((row) => Array.from({ length: w }, (_, r) => embedCircuit(b, sumCircuit!, row.flatMap((tj) => tj[r]!)))),
      ),
    );
    // (f) f(a_i1 … a_iH, h_i)
    const next: (number[] | null)[] = Array.from({ length: n }, () => null);
    stage(name('update'), () => {
      rows.forEach((i, ri) => {
        const ins = [...Array.from({ length: H }, (_, hd) => attended[hd]![ri]!.flat()).flat(), ...state(i)];
        next[i] = embedCircuit(b, lc.update, ins);
      });
    });
    h = next;
  }
  const outputs = model.output.kind === 'accept' ? h[n - 1]! : h.flatMap((s) => s!);
  const circuit = b.build(outputs);

  // measured depth, per stage and overall
  const depths = gateDepths(circuit);
  let reached = 0;
  const breakdown: ComponentBreakdown[] = stages.map((s) => {
    let deepest = 0;
    for (let g = s.first; g < s.end; g++) deepest = Math.max(deepest, depths[g]!);
    const added = Math.max(0, deepest - reached);
    reached = Math.max(reached, deepest);
    return { component: s.component, gates: s.end - s.first, depth: added };
  });
  const depth = Math.max(0, ...Array.from(circuit.outputs as Uint32Array, (o) => depths[o]!));
  return right({
    route: 'paper',
    circuit,
    n,
    p,
    bitsPerToken: plan.bitsPerToken,
    breakdown,
    dPlus,
    claimedDepth: paperDepthClaim(d, dPlus ?? 0),
    depth,
    plan,
  });
};
