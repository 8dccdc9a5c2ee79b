/**
 * # `tradeoff khop`: the k-hop transformer on random instances
 *
 * Builds a k-hop model (P2 Thm 4.2: content hops, `khopContentTransformer.ts`, ⌊log₂ k⌋ + 2
 * layers, for N ≤ 226; or pointer lookups, `khopTransformer.ts`, ⌈log₂ k⌉ + 2 layers) for
 * length N, runs it at its p-precision (and in float64) on seeded random sequences, and prints
 * layers, width, heads, precision and accuracy; `--out` writes the model as a JSON model
 * document for `tradeoff run --trace`.
 *
 * @module
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { encodeModel } from '../core/modelCodec.js';
import { hopK, khopAlphabet, randomKHopInstance } from '../core/tasks/khop.js';
import { runTransformer, runTransformer64 } from '../core/transformer.js';
import { KHOP_CONTENT_COORDS, khopContentMaxN, khopContentTransformer } from '../reductions/inductionHeads/khopContentTransformer.js';
import { decodeKHopOutput, decodeKHopOutput64, KHOP_COORDS, khopTransformer } from '../reductions/inductionHeads/khopTransformer.js';
import type { TransformerModel } from '../core/transformer.js';
import { UsageError } from './errors.js';
import { writeOutputFile } from './io.js';

/** Options of `tradeoff khop`. */
export interface KhopOptions {
  readonly k: number;
  readonly n: number;
  readonly alphabet: number;
  readonly seed: number;
  readonly samples: number;
  readonly json: boolean;
  readonly out?: string;
  /** `content` (⌊log₂ k⌋ + 2 layers, N ≤ 226) or `pointer` (⌈log₂ k⌉ + 2 layers, any N); default: content when N ≤ 226. */
  readonly construction?: KhopConstruction;
}

/** The two k-hop models. */
export type KhopConstruction = 'content' | 'pointer';

/** The construction used: the one asked for, else content hops when N allows them. */
export const khopConstructionFor = (opts: Pick<KhopOptions, 'n' | 'construction'>): KhopConstruction => opts.construction ?? (opts.n <= khopContentMaxN() ? 'content' : 'pointer');

const buildModel = (construction: KhopConstruction, k: number, n: number, alphabet: readonly string[]): TransformerModel => {
  const m = construction === 'content' ? khopContentTransformer(k, n, alphabet) : khopTransformer(k, n, alphabet);
  if (m._tag === 'Left') throw new UsageError(m.left);
  return m.right;
};

/** What `tradeoff khop --json` prints. */
export interface KhopReport {
  readonly construction: KhopConstruction;
  readonly k: number;
  readonly n: number;
  readonly alphabet: number;
  readonly layers: number;
  /** P2 Thm 4.2's ⌊log₂ k⌋ + 2. */
  readonly paperLayers: number;
  readonly width: number;
  readonly heads: number;
  /** p, the bits per float at length n. */
  readonly precision: number;
  /** c in p = 2⌈c·log₂ n⌉. */
  readonly precisionConstant: number;
  /** Positions where the p-precision output equals hop_k, over all positions of all instances. */
  readonly accuracy: number;
  /** The same for the float64 reading. */
  readonly accuracy64: number;
  readonly instances: number;
  readonly positions: number;
  readonly seed: number;
  /** The first wrong answer, if any. */
  readonly firstError: { readonly instance: number; readonly position: number; readonly got: string; readonly want: string } | null;
}

/** Build, run and measure (no printing). */
export const khopReport = (opts: KhopOptions, progress?: (done: number, total: number) => void): KhopReport => {
  const alphabet = khopAlphabet(opts.alphabet);
  const construction = khopConstructionFor(opts);
  const model = buildModel(construction, opts.k, opts.n, alphabet);
  const tr = construction === 'content' ? KHOP_CONTENT_COORDS.TR : KHOP_COORDS.TR;
  let right = 0;
  let right64 = 0;
  let total = 0;
  let p = 0;
  let firstError: KhopReport['firstError'] = null;
  const sym = (a: number | null | undefined): string => (a === null ? '⊥' : a === undefined ? '(not a symbol)' : (alphabet[a] ?? '?'));
  for (let s = 0; s < opts.samples; s++) {
    const task = randomKHopInstance(opts.seed + s, opts.n, opts.alphabet, opts.k);
    const want = hopK(task.sequence, opts.k);
    const r = runTransformer(model, task.sequence);
    if (r._tag === 'Left') throw new UsageError(r.left);
    p = r.right.p;
    const got = decodeKHopOutput(r.right.states.at(-1) ?? [], opts.alphabet, tr);
    const r64 = runTransformer64(model, task.sequence);
    const got64 = r64._tag === 'Right' ? decodeKHopOutput64(r64.right.states.at(-1) ?? [], opts.alphabet, tr) : [];
    want.forEach((w, i) => {
      total++;
      if (got[i] === w) right++;
      else if (firstError === null) firstError = { instance: s, position: i + 1, got: sym(got[i]), want: sym(w) };
      if (got64[i] === w) right64++;
    });
    progress?.(s + 1, opts.samples);
  }
  return {
    construction,
    k: opts.k,
    n: opts.n,
    alphabet: opts.alphabet,
    layers: model.layers.length,
    paperLayers: Math.floor(Math.log2(opts.k) + 1e-12) + 2,
    width: model.dModel,
    heads: Math.max(0, ...model.layers.map((l) => l.heads.length)),
    precision: p,
    precisionConstant: opts.n < 2 ? p / 2 : p / 2 / Math.log2(opts.n),
    accuracy: total === 0 ? 0 : right / total,
    accuracy64: total === 0 ? 0 : right64 / total,
    instances: opts.samples,
    positions: total,
    seed: opts.seed,
    firstError,
  };
};

/** The report as lines of text. */
export const formatKhopReport = (r: KhopReport): string[] => [
  `k-hop transformer (${r.construction === 'content' ? 'content hops' : 'pointer lookups'}): k = ${r.k}, N = ${r.n}, |Σ| = ${r.alphabet}`,
  `  layers     ${r.layers}  (${r.construction === 'content' ? '⌊log₂ k⌋ + 2, as P2 Thm 4.2' : `⌈log₂ k⌉ + 2; P2 Thm 4.2: ⌊log₂ k⌋ + 2 = ${r.paperLayers}`})`,
  `  width      ${r.width}`,
  `  heads      ${r.heads} per layer (hard attention, causal mask)`,
  `  precision  p = ${r.precision} bits (c = ${r.precisionConstant.toFixed(3)} in p = 2⌈c·log₂ N⌉)`,
  `  accuracy   ${(100 * r.accuracy).toFixed(2)} % of ${r.positions} positions (${r.instances} random instance${r.instances === 1 ? '' : 's'}, seed ${r.seed}); float64 ${(100 * r.accuracy64).toFixed(2)} %`,
  ...(r.firstError === null ? [] : [`  first error: instance ${r.firstError.instance}, position ${r.firstError.position}: got ${r.firstError.got}, hop_${r.k} is ${r.firstError.want}`]),
];

/** Instance 0 as `tradeoff run --input` text. */
const exampleInput = (opts: KhopOptions): string => {
  const task = randomKHopInstance(opts.seed, opts.n, opts.alphabet, opts.k);
  return task.sequence.map((a) => task.alphabet[a]).join(opts.alphabet > 26 ? ',' : '');
};

/** `tradeoff khop`: exit 0 when every answer is right, 1 otherwise. */
export const khopCommand = (opts: KhopOptions, out: (s: string) => void = (s) => process.stdout.write(s)): number => {
  const showBar = !opts.json && process.stderr.isTTY === true;
  const bar = new SingleBar({ format: ` {bar} {percentage}% | k-hop: running instances`, stream: process.stderr, clearOnComplete: true, hideCursor: true }, Presets.shades_classic);
  let started = false;
  let r: KhopReport;
  try {
    r = khopReport(
      opts,
      showBar
        ? (done, total) => {
            if (!started) {
              bar.start(total, 0);
              started = true;
            }
            bar.update(done);
          }
        : undefined,
    );
  } finally {
    if (started) bar.stop();
  }
  if (opts.out !== undefined) {
    const model = buildModel(r.construction, opts.k, opts.n, khopAlphabet(opts.alphabet));
    const tr = r.construction === 'content' ? KHOP_CONTENT_COORDS.TR : KHOP_COORDS.TR;
    const description = `k-hop induction heads (P2 Thm 4.2), ${r.construction === 'content' ? 'content hops' : 'pointer lookups'}: k = ${opts.k}, N = ${opts.n}, |Σ| = ${opts.alphabet}; ${model.layers.length} layers, one hard head each, width ${model.dModel}. For inputs of length exactly N (weights and precision set for N). The answer at position i is coordinate ${tr} (TR) of the final state: 0 = ⊥, else the symbol's index + 1. Built by tradeoff khop.`;
    writeOutputFile(opts.out, `${JSON.stringify(encodeModel(model, { description }), null, 1)}\n`);
  }
  out(opts.json ? `${JSON.stringify(r, null, 2)}\n` : `${formatKhopReport(r).join('\n')}\n${opts.out === undefined ? '' : `model written to ${opts.out} (for inputs of length ${opts.n}; try: tradeoff run ${opts.out} --input ${exampleInput(opts)} --trace)\n`}`);
  return r.accuracy === 1 ? 0 : 1;
};

const intOpt =
  (name: string, min: number, max: number) =>
  (v: string): number => {
    if (!/^-?\d+$/.test(v.trim())) throw new InvalidArgumentError(`${name} must be an integer, got '${v}'`);
    const x = Number(v);
    if (x < min || x > max) throw new InvalidArgumentError(`${name} must be in ${min}..${max}, got ${x}`);
    return x;
  };

/** Register `tradeoff khop` on the program. */
export const registerKhopCommand = (program: Command): void => {
  program
    .command('khop')
    .description('build the k-hop induction-head transformer (P2 Thm 4.2) for length N, run it on seeded random instances, print layers, width, heads, precision and accuracy; exit 1 unless every answer is right')
    .requiredOption('--k <k>', 'hops k', intOpt('--k', 1, 1 << 20))
    .requiredOption('--n <n>', 'sequence length N', intOpt('--n', 1, 4096))
    .option('--alphabet <a>', 'alphabet size |Σ|', intOpt('--alphabet', 1, 256), 4)
    .option('--seed <s>', 'seed of the random instances', intOpt('--seed', 0, 2 ** 31 - 1), 1)
    .option('--samples <m>', 'random instances', intOpt('--samples', 1, 100_000), 3)
    .addOption(new Option('--construction <c>', 'content hops (⌊log₂ k⌋ + 2 layers, N ≤ 226) or pointer lookups (⌈log₂ k⌉ + 2 layers, any N); default: content when N ≤ 226').choices(['content', 'pointer']))
    .option('-o, --out <file>', 'also write the model (JSON model document) for tradeoff run --trace')
    .option('--json', 'print JSON: construction, k, n, alphabet, layers, width, heads, precision (p), precisionConstant (c), accuracy and accuracy64 in [0, 1], …', false)
    .action((opts: { k: number; n: number; alphabet: number; seed: number; samples: number; out?: string; json: boolean; construction?: KhopConstruction }) => {
      process.exitCode = khopCommand({
        k: opts.k,
        n: opts.n,
        alphabet: opts.alphabet,
        seed: opts.seed,
        samples: opts.samples,
        json: opts.json,
        ...(opts.out === undefined ? {} : { out: opts.out }),
        ...(opts.construction === undefined ? {} : { construction: opts.construction }),
      });
    });
};
