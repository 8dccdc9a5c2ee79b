/**
 * # `tradeoff evaluate-by-attention`: a circuit evaluated by the P1 Lemma 3 transformer
 *
 * Reads a circuit (any format `tradeoff eval` reads; one output), rewrites it into P1's basis
 * and prefix form, builds the circuit-evaluator transformer for its depth, runs it exactly on
 * the serialization followed by the input bits, and compares with the circuit's own value.
 * `--trace` prints, per layer, a table of the coordinates that layer writes, one row per
 * position.
 *
 * @module
 */
import type { Command } from 'commander';
import type { Circuit } from '../core/circuit.js';
import { evaluate } from '../core/evaluate.js';
import { floatToNumber } from '../core/float.js';
import { metrics } from '../core/metrics.js';
import { runTransformer, type TransformerModel } from '../core/transformer.js';
import { asInstruction, circuitEvaluatorTransformer, evaluatorSymbols, evaluatorTokens, EVALUATOR_ALPHABET } from '../reductions/circuitEvaluator/index.js';
import { UsageError } from './errors.js';
import { bold, dim, green, red, table } from './format.js';
import { fmtValue, processIO, type CommandIO } from './transformerCommands.js';

/** Symbols above which the command refuses: the exact run costs O(layers · N²) float operations. */
export const MAX_EVALUATOR_SYMBOLS = 1500;

/** Options of the command. */
export interface EvaluateOptions {
  readonly input: string;
  readonly depth?: number;
  readonly trace: boolean;
  readonly json: boolean;
}

/** The coordinates layer ℓ writes (non-zero rows of its W_O and W_2), in order. */
const written = (model: TransformerModel, l: number): number[] => {
  const layer = model.layers[l]!;
  const rows = new Set<number>();
  for (const h of layer.heads) h.wo.forEach((row, k) => (row.some((w) => w !== 0) ? rows.add(k) : undefined));
  layer.ffn?.w2.forEach((row, k) => (row.some((w) => w !== 0) ? rows.add(k) : undefined));
  return [...rows].sort((a, b) => a - b);
};

/** Run the command; returns the exit code (0: the transformer and the circuit agree). */
export const evaluateByAttentionCommand = (source: Circuit, opts: EvaluateOptions, io: CommandIO = processIO(opts.json)): number => {
  if (source.outputs.length !== 1) throw new UsageError(`the evaluator reads circuits with one output; this one has ${source.outputs.length}`);
  if (!/^[01]*$/.test(opts.input)) throw new UsageError(`--input must be a string of 0s and 1s, got '${opts.input}'`);
  if (opts.input.length !== source.numInputs) throw new UsageError(`--input has ${opts.input.length} bits but the circuit has ${source.numInputs} inputs`);
  const inst = asInstruction(source, 0);
  if (inst._tag === 'Left') throw new UsageError(`the circuit cannot be given to the evaluator: ${inst.left}`);
  const circuit = inst.right;
  const bits = Array.from(opts.input, (ch) => (ch === '1' ? 1 : 0));
  const depth = metrics(circuit).depth;
  const d = opts.depth ?? Math.max(1, depth);
  const symbols = evaluatorSymbols(circuit);
  const tokens = evaluatorTokens(circuit, bits);
  if (symbols._tag === 'Left') throw new UsageError(symbols.left);
  if (tokens._tag === 'Left') throw new UsageError(tokens.left);
  const N = tokens.right.length;
  if (N > MAX_EVALUATOR_SYMBOLS) {
    throw new UsageError(`the serialization and input are ${N} symbols, more than ${MAX_EVALUATOR_SYMBOLS}: the exact run costs about ${2 * d + 4} layers × N² = ${((2 * d + 4) * N * N).toExponential(1)} float operations; pointers are unary, so N grows like (gates)²`);
  }
  const ev = circuitEvaluatorTransformer(d);
  const run = runTransformer(ev.model, tokens.right);
  if (run._tag === 'Left') throw new UsageError(run.left);
  const want = evaluate(circuit, bits)[0] === 1;
  const got = run.right.accept === true;
  const agree = got === want;
  const states = run.right.states;
  const traceOf = (l: number): { readonly layer: string; readonly columns: string[]; readonly rows: string[][] } => {
    const cols = l === 0 ? ['one', 'pos', 'frac'].map((n) => ev.coordinates.indexOf(n)) : written(ev.model, l - 1);
    return {
      layer: l === 0 ? 'embedding' : `layer ${l}: ${ev.layerNames[l - 1] ?? ''}`,
      columns: cols.map((k) => ev.coordinates[k] ?? `x[${k}]`),
      rows: states[l]!.map((s, i) => [String(i + 1), EVALUATOR_ALPHABET[tokens.right[i]!] ?? '?', ...cols.map((k) => fmtValue(floatToNumber(s[k]!)))]),
    };
  };
  if (opts.json) {
    io.out(
      `${JSON.stringify(
        {
          symbols: [...symbols.right, ...bits.map((b) => (b === 1 ? 'T' : 'F'))],
          input: opts.input,
          N,
          circuitDepth: depth,
          depthBound: d,
          layers: ev.model.layers.length,
          width: ev.model.dModel,
          p: run.right.p,
          transformer: got ? 1 : 0,
          circuit: want ? 1 : 0,
          agree,
          ...(opts.trace ? { trace: states.map((_, l) => traceOf(l)) } : {}),
        },
        null,
        2,
      )}\n`,
    );
    return agree ? 0 : 1;
  }
  const lines = [
    `circuit: ${symbols.right.join(' ')}  ${dim(`(depth ${depth}, ${circuit.numGates} gates)`)}`,
    `input: ${opts.input} → symbols ${bits.map((b) => (b === 1 ? 'T' : 'F')).join(' ')}; N = ${N}, p = ${run.right.p}`,
    `transformer: depth bound d = ${d}, ${ev.model.layers.length} layers (2d + 4), width ${ev.model.dModel}`,
  ];
  if (d < depth) lines.push(red(`note: --depth ${d} is below the circuit's depth ${depth}: the answer may be wrong`));
  if (opts.trace) {
    states.forEach((_, l) => {
      const t = traceOf(l);
      lines.push('', bold(t.layer), ...table(['i', 'symbol', ...t.columns], t.rows, '  '));
    });
    lines.push('');
  }
  lines.push(`the transformer says ${got ? green('1 (accept)') : red('0 (reject)')}; the circuit says ${want ? 1 : 0}: ${agree ? green('✔ agree') : red('✘ differ')}`);
  io.out(`${lines.join('\n')}\n`);
  return agree ? 0 : 1;
};

/** Register the command on the program; `read` reads a circuit file as `tradeoff eval` does. */
export const registerEvaluateCommand = (program: Command, read: (file: string) => Circuit, depthArg: (v: string) => number): void => {
  program
    .command('evaluate-by-attention')
    .description('evaluate a circuit with the P1 Lemma 3 transformer (its serialization and input, read by attention), exactly at p-precision')
    .requiredOption('--circuit <file>', 'circuit file (as for `tradeoff eval`); one output; weights and constants are rewritten into P1 basis')
    .requiredOption('--input <bits>', 'input bits, input 0 first, e.g. 01')
    .option('--depth <d>', "the evaluator's depth bound (default: the circuit's depth)", depthArg)
    .option('--trace', 'print, per layer, the coordinates it writes at every position', false)
    .option('--json', 'print JSON', false)
    .action((opts: { circuit: string; input: string; depth?: number; trace: boolean; json: boolean }) => {
      process.exitCode = evaluateByAttentionCommand(read(opts.circuit), opts);
    });
};
