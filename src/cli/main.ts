/**
 * # `tradeoff`, the command line
 *
 * Wires the library's modules; no logic of its own beyond parsing options and printing.
 * - `tradeoff check [--only ID…] [--seed S] [--full] [--json]`: verify the proof tree.
 * - `tradeoff list`: the lemmas, with their references.
 * - `tradeoff report [--format markdown|latex|json] [--only ID…] [--seed S] [--full]`: the check
 *   as an appendix (`./report.ts`).
 * - `tradeoff eval --circuit FILE --input BITS`: evaluate a JSON or P1-serialized circuit.
 * - `tradeoff export ID --n N [--format json|serial|dot]`: the circuit a lemma builds.
 * - `tradeoff compile MODEL --n N [--route paper|arithmetic] [--format …] [--out FILE]`: a
 *   transformer compiled to a threshold circuit, with its size, depth and breakdown.
 * - `tradeoff verify MODEL --n N [--samples K] [--seed S]`: the compiled circuit against the
 *   transformer's semantics.
 * - `tradeoff run MODEL --input TOKENS [--trace] [--float64]`: the transformer on one input.
 * The transformer commands live in `./transformerCommands.ts`.
 *
 * Exit codes: 0 success; 1 a lemma fails or a verification finds a difference; 2 bad usage or
 * bad input.
 *
 * @module
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command, InvalidArgumentError, Option } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { isLeft } from 'fp-ts/lib/Either.js';
import { evaluate } from '../core/evaluate.js';
import { metrics } from '../core/metrics.js';
import { parseCircuitText, formatDecodeErrors } from '../core/codec.js';
import { checkLemmas, toCheckJson } from '../proofs/checkAll.js';
import { registry, findLemma } from '../proofs/registry.js';
import { VERSION } from '../version.js';
import { bold, formatTree, green, red } from './format.js';
import { renderCircuit, type CircuitFormat } from './circuitOutput.js';
import { UsageError } from './errors.js';
import { HARDWARE_FORMATS, exportHardware, isHardwareFormat, isNetlistFile, readNetlistFile } from './hardwareFormats.js';
import { MAX_CIRCUIT_FILE_BYTES, jsonTextLowerBound, readInputFile, writeOutputFile } from './io.js';
import { SERIAL_LIMITS } from '../core/serialize.js';
import type { Lemma } from '../proofs/lemma.js';
import { compileCommand, runCommand, verifyCommand } from './transformerCommands.js';
import { registerKhopCommand } from './khopCommand.js';
import { registerEvaluateCommand } from './evaluateCommand.js';
import { REPORT_FORMATS, renderReport, runReport, type ReportFormat } from './report.js';
import type { CompileRoute } from '../reductions/compile/types.js';


const intArg =
  (name: string, min: number, max = Number.MAX_SAFE_INTEGER) =>
  (v: string): number => {
    if (!/^-?\d+$/.test(v.trim())) throw new InvalidArgumentError(`${name} must be an integer, got '${v}'`);
    const x = Number(v);
    if (x < min || x > max) throw new InvalidArgumentError(`${name} must be in ${min}..${max}, got ${x}`);
    return x;
  };
const numArg =
  (name: string) =>
  (v: string): number => {
    const x = Number(v);
    if (v.trim() === '' || !Number.isFinite(x)) throw new InvalidArgumentError(`${name} must be a number, got '${v}'`);
    return x;
  };
const collect = (v: string, prev: string[]): string[] => {
  const ids = v.split(',').map((s) => s.trim());
  if (ids.some((s) => s === '')) throw new InvalidArgumentError(`--only needs lemma ids (comma-separated, none empty), got '${v}'`);
  return [...prev, ...ids];
};

/** The numeric options of `tradeoff export`; each lemma takes only those it lists. */
const EXPORT_PARAMS = ['n', 'c', 'm', 'w', 'p', 'k', 'seed'] as const;

const program = new Command();
program
  .name('tradeoff')
  .description(
    'Executable, checked proofs of "The Parallelism Tradeoff" (Merrill & Sabharwal, TACL 2023) and\n"Transformers, Parallel Computation, and Logarithmic Depth" (Sanford, Hsu & Telgarsky, ICML 2024).',
  )
  .version(VERSION)
  .showHelpAfterError('(run with --help for usage)')
  .configureOutput({ outputError: (s, write) => write(red(s)) })
  .exitOverride((err) => {
    process.exit(err.exitCode === 0 ? 0 : 2);
  });

program
  .command('check')
  .description('verify every lemma and theorem, print the proof tree with verdicts; exit 1 if any fails')
  .option('--only <ids>', 'check only these lemma ids (repeatable or comma-separated)', collect, [])
  .option('--seed <n>', 'seed of every random choice (random functions, property tests)', intArg('--seed', 0, 2 ** 31 - 1), 1)
  .option('--full', 'run the long sweeps (minutes rather than seconds)', false)
  .option('--json', 'print the stable JSON report on stdout instead of the tree', false)
  .option('--lemmas <module>', "check your own lemmas instead of the library's: an ES module exporting `lemmas: Lemma[]` (or a default export)")
  .addHelpText(
    'after',
    `\nVerdicts: holds; fails (a counterexample or a broken rule); error (out of memory or a solver that could not\n  start: not checked); cited (a conditional statement stated with its assumptions, not checked; its finite\n  instances, if any, hold). Exit 1 unless every statement holds or is cited.\nJSON shape: {"version","seed","lemmas":[{"id","title","reference","verdict":"holds"|"fails"|"error"|"cited","problems":[…],\n  "tiers":["exhaustive"|"sat"|"property"…],"claimed":[{"metric","formula","source":"paper"|"construction"}],\n  "measured":[{"params","metric","claimed","measured","holds"}],"dependsOn","durationMs"}]}`,
  )
  .action(async (opts: { only: string[]; seed: number; full: boolean; json: boolean; lemmas?: string }) => {
    const lemmas = opts.lemmas === undefined ? registry : await loadLemmaModule(opts.lemmas);
    const unknown = opts.only.filter((id) => !lemmas.some((l) => l.id === id));
    if (unknown.length > 0) throw new UsageError(`unknown lemma id(s): ${unknown.join(', ')}; known: ${lemmas.map((l) => l.id).join(', ')}`);
    const showBar = !opts.json && process.stderr.isTTY === true;
    const bar = showBar
      ? new SingleBar({ format: ' {bar} {percentage}% | lemma {index} of {count}: {lemma} | {value}/{total} | run ETA {runEta}', stream: process.stderr, clearOnComplete: true, hideCursor: true }, Presets.shades_classic)
      : null;
    if (bar !== null) restoreCursorOnInterrupt(bar);
    const plain = !opts.json && !showBar; // stderr is not a terminal: one plain line per lemma
    const t0 = performance.now();
    let current = { index: 0, count: 1 };
    const runEta = (fraction: number): string => {
      const done = current.index + Math.min(Math.max(fraction, 0), 1);
      if (done <= 0) return '…';
      const left = ((performance.now() - t0) / done) * (current.count - done);
      return `${Math.round(left / 1000)} s`;
    };
    if (!opts.json) {
      process.stdout.write(`${bold(`parallelism-tradeoff ${VERSION}`)} — checking ${opts.only.length > 0 ? opts.only.join(', ') : 'every statement'} (seed ${opts.seed}${opts.full ? ', full sweeps' : ''})\n\n`);
    }
    const checked = await checkLemmas({
      seed: opts.seed,
      full: opts.full,
      only: opts.only,
      lemmas,
      onStart: (l, index, count) => {
        current = { index, count };
        bar?.start(1, 0, { lemma: l.id, index: index + 1, count, runEta: runEta(0) });
        if (plain) process.stderr.write(`[lemma ${index + 1} of ${count}] ${l.id} …${index > 0 ? ` (run ETA ${runEta(0)})` : ''}\n`);
      },
      onProgress: (_l, done, total) => {
        bar?.setTotal(total);
        bar?.update(done, { runEta: runEta(total > 0 ? done / total : 0) });
      },
      onDone: (c) => {
        bar?.stop();
        if (plain) process.stderr.write(`[lemma ${current.index + 1} of ${current.count}] ${c.lemma.id}: ${c.report.verdict} (${(c.durationMs / 1000).toFixed(1)} s)\n`);
      },
    });
    const failed = checked.filter((c) => c.report.verdict !== 'holds' && c.report.verdict !== 'cited');
    if (opts.json) {
      process.stdout.write(`${JSON.stringify(toCheckJson(VERSION, opts.seed, checked), null, 2)}\n`);
    } else {
      process.stdout.write(`${formatTree(checked).join('\n')}\n`);
      const holds = checked.filter((c) => c.report.verdict === 'holds').length;
      const failing = failed.filter((c) => c.report.verdict === 'fails');
      const errored = failed.filter((c) => c.report.verdict === 'error');
      const cited = checked.filter((c) => c.report.verdict === 'cited').length;
      const summary = `${holds} of ${checked.length} statements hold${cited > 0 ? ` (${cited} cited, not checked)` : ''}${failing.length > 0 ? `; FAILING: ${failing.map((c) => c.lemma.id).join(', ')}` : ''}${errored.length > 0 ? `; NOT CHECKED (error): ${errored.map((c) => c.lemma.id).join(', ')}` : ''}`;
      process.stdout.write(`${failed.length > 0 ? red(summary) : green(summary)}\n`);
    }
    process.exitCode = failed.length > 0 ? 1 : 0;
  });

program
  .command('report')
  .description("run the check and print every statement with its reference, claimed against measured bounds, tiers, seed, version and commit, for a paper's appendix; exit 1 if any fails")
  .addOption(new Option('--format <f>', 'output format').choices([...REPORT_FORMATS]).default('markdown'))
  .option('--only <ids>', 'report only these lemma ids (repeatable or comma-separated)', collect, [])
  .option('--seed <n>', 'seed of every random choice', intArg('--seed', 0, 2 ** 31 - 1), 1)
  .option('--full', 'run the long sweeps', false)
  .addHelpText(
    'after',
    '\nmarkdown: GitHub tables; latex: a fragment for \\input (one \\subsection* per statement, no package needed);\njson: the check --json document plus "format", "package", "commit", "full" and, per statement, "statement", "tierRuns", "notes" and each claim\'s "ref".\nThe commit is `git rev-parse HEAD` of the package, or "unknown".',
  )
  .action(async (opts: { format: ReportFormat; only: string[]; seed: number; full: boolean }) => {
    const unknown = opts.only.filter((id) => findLemma(id) === undefined);
    if (unknown.length > 0) throw new UsageError(`unknown lemma id(s): ${unknown.join(', ')}; known: ${registry.map((l) => l.id).join(', ')}`);
    const r = await runReport({ version: VERSION, seed: opts.seed, full: opts.full, only: opts.only });
    process.stdout.write(renderReport(r, opts.format));
    process.exitCode = r.lemmas.some((l) => l.verdict !== 'holds' && l.verdict !== 'cited') ? 1 : 0;
  });

program
  .command('list')
  .description('list the lemmas and theorems with their paper references')
  .action(() => {
    for (const l of registry) {
      process.stdout.write(`${bold(l.id.padEnd(26))} ${l.reference.padEnd(28)} ${l.title}${l.dependsOn.length > 0 ? `  (uses ${l.dependsOn.join(', ')})` : ''}\n`);
    }
  });

/** Whether a value looks like a {@link Lemma} (the fields `check` calls). */
const isLemma = (x: unknown): x is Lemma => {
  const l = x as Partial<Lemma> | null;
  return typeof l === 'object' && l !== null && typeof l.id === 'string' && typeof l.verify === 'function' && Array.isArray(l.tiers) && Array.isArray(l.claimed) && Array.isArray(l.dependsOn);
};

/** The lemmas of a user's module for `check --lemmas`: its `lemmas` export, or its default export. */
const loadLemmaModule = async (file: string): Promise<readonly Lemma[]> => {
  readInputFile(file, 64 * 1024 * 1024, 'lemma module'); // a clear error for a missing file, a directory, a FIFO
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(resolve(file)).href)) as Record<string, unknown>;
  } catch (e) {
    throw new UsageError(`cannot load lemma module '${file}': ${e instanceof Error ? e.message.split('\n')[0]! : String(e)}`);
  }
  const list = mod['lemmas'] ?? mod['default'];
  if (!Array.isArray(list) || list.length === 0) throw new UsageError(`lemma module '${file}' exports no \`lemmas\` array (nor a default one)`);
  const bad = list.findIndex((l) => !isLemma(l));
  if (bad >= 0) throw new UsageError(`lemma module '${file}': entry ${bad} is not a Lemma (id, tiers, claimed, dependsOn, verify)`);
  const ids = list.map((l: Lemma) => l.id);
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dup !== undefined) throw new UsageError(`lemma module '${file}': the id '${dup}' appears twice`);
  return list as Lemma[];
};

/** Show the cursor again (cli-progress hides it) when the user interrupts a check. */
const restoreCursorOnInterrupt = (bar: SingleBar): void => {
  process.once('SIGINT', () => {
    bar.stop();
    process.stderr.write('\x1b[?25h\n');
    process.exit(130);
  });
};

const readCircuitFile = (file: string, numOutputs: number | undefined) => {
  if (isNetlistFile(file)) return readNetlistFile(file, numOutputs);
  const r = parseCircuitText(readInputFile(file, MAX_CIRCUIT_FILE_BYTES, 'circuit file'), numOutputs === undefined ? {} : { numOutputs });
  if (isLeft(r)) throw new UsageError(`${file}: invalid circuit\n${formatDecodeErrors(r.left)}`);
  return r.right;
};

program
  .command('eval')
  .description('evaluate a circuit (JSON, P1 §3 serialization, AIGER or BLIF) on one input')
  .requiredOption('--circuit <file>', 'circuit file: JSON (parallelism-tradeoff/circuit), P1 serialization, or by extension AIGER (.aag, .aig) or BLIF (.blif)')
  .requiredOption('--input <bits>', 'input bits, input 0 first, e.g. 0110')
  .option('--outputs <k>', 'for a serialized circuit: the last k gates are the outputs', intArg('--outputs', 1))
  .option('--metrics', 'also print size, depth and the other metrics', false)
  .action((opts: { circuit: string; input: string; outputs?: number; metrics: boolean }) => {
    const c = readCircuitFile(opts.circuit, opts.outputs);
    if (!/^[01]*$/.test(opts.input)) throw new UsageError(`--input must be a string of 0s and 1s, got '${opts.input}'`);
    if (opts.input.length !== c.numInputs) throw new UsageError(`--input has ${opts.input.length} bits but the circuit has ${c.numInputs} inputs`);
    const out = evaluate(c, Array.from(opts.input, (ch) => (ch === '1' ? 1 : 0)));
    process.stdout.write(`${Array.from(out).join('')}\n`);
    if (opts.metrics) process.stdout.write(`${JSON.stringify(metrics(c))}\n`);
  });

program
  .command('export')
  .description('write the circuit a lemma builds (see `tradeoff list` for ids)')
  .argument('<id>', 'lemma id, e.g. lookup-table')
  .option('--n <n>', 'size parameter n', intArg('--n', 1))
  .option('--c <c>', 'constant c (lookup-table)', numArg('--c'))
  .option('--m <m>', 'output bits m (lookup-table)', intArg('--m', 1))
  .option('--w <w>', 'bit width w', intArg('--w', 1))
  .option('--p <p>', 'precision p in bits', intArg('--p', 1))
  .option('--k <k>', 'float-mul, float-div, float-compare: the route, 0 = arithmetic (default), 1 = lookup tables, 2 = shallow (block-save arithmetic)', intArg('--k', 0, 2))
  .option('--seed <s>', 'seed of random choices', intArg('--seed', 0, 2 ** 31 - 1))
  .addOption(new Option('--format <f>', 'output format (hardware formats: docs/formats.md, "Hardware formats")').choices(['json', 'serial', 'dot', ...HARDWARE_FORMATS]).default('json'))
  .option('-o, --out <file>', 'write to a file instead of stdout')
  .addHelpText('after', '\nEach lemma takes only its own options (`tradeoff export ID --n 1` names them when one does not apply).\nA circuit whose file `eval` would refuse (more than 2^28 characters) is refused, not written.')
  .action((id: string, opts: Record<string, unknown>): Promise<void> | void => {
    const lemma = findLemma(id);
    if (lemma === undefined) throw new UsageError(`unknown lemma id '${id}'; known: ${registry.map((l) => l.id).join(', ')}`);
    if (lemma.exportCircuit === undefined) throw new UsageError(`lemma '${id}' builds no circuit to export`);
    const own = lemma.exportCircuit.options;
    const foreign = EXPORT_PARAMS.filter((name) => opts[name] !== undefined && !own.some((o) => o.name === name));
    if (foreign.length > 0) {
      throw new UsageError(`${foreign.map((n) => `--${n}`).join(', ')} does not apply to '${id}'; its options: ${own.map((o) => `--${o.name} (${o.description})`).join(', ') || 'none'}`);
    }
    const params: Record<string, number> = {};
    for (const o of own) {
      const v = opts[o.name];
      if (typeof v === 'number') params[o.name] = v;
      else if (o.default !== undefined) params[o.name] = o.default;
    }
    let built;
    try {
      built = lemma.exportCircuit.build(params);
    } catch (e) {
      if (e instanceof RangeError) throw new UsageError(`${id}: the circuit is too large to build (${e.message})`);
      throw e;
    }
    if (isLeft(built)) throw new UsageError(built.left);
    if (isHardwareFormat(opts['format'])) return exportHardware(lemma, params, built.right, opts['format'], typeof opts['out'] === 'string' ? opts['out'] : undefined);
    const format = opts['format'] as CircuitFormat;
    const limit = SERIAL_LIMITS.maxChars;
    if (format === 'json') {
      const atLeast = jsonTextLowerBound(built.right);
      if (atLeast > limit) throw new UsageError(`${id}: the JSON file would have at least ${atLeast} characters, more than \`eval\` reads (${limit}); choose smaller options`);
    }
    // P1 §3 has no weights and no constants: `serial` expands them (same function; see expandWeights)
    let text;
    try {
      text = renderCircuit(built.right, format);
    } catch (e) {
      if (e instanceof RangeError) throw new UsageError(`${id}: the ${format} text is too long to write (${e.message}); choose smaller options`);
      throw e;
    }
    if (isLeft(text)) throw new UsageError(text.left);
    if ((format === 'json' || format === 'serial') && text.right.length > limit) throw new UsageError(`${id}: the ${format} file would have ${text.right.length} characters, more than \`eval\` reads (${limit}); choose smaller options`);
    if (typeof opts['out'] === 'string') writeOutputFile(opts['out'], text.right);
    else process.stdout.write(text.right);
  });

const routeOption = (): Option =>
  new Option('--route <route>', 'construction: explicit float circuits, or P1\'s proof literally (lookup tables; softmax-only models)').choices(['arithmetic', 'paper']).default('arithmetic');

program
  .command('compile')
  .description('compile a transformer (JSON model) to a threshold circuit for inputs of length n; print its size, depth and breakdown')
  .argument('<model>', 'model file (JSON, parallelism-tradeoff/transformer; docs/formats.md)')
  .requiredOption('--n <n>', 'input length n', intArg('--n', 1))
  .addOption(routeOption())
  .addOption(new Option('--format <f>', 'format of the circuit written with --out').choices(['json', 'serial', 'dot']).default('json'))
  .option('-o, --out <file>', 'write the circuit to this file (without it, only the summary is printed)')
  .option('--json', 'print the summary as JSON', false)
  .addHelpText('after', '\nThe circuit\'s inputs and outputs: docs/formats.md, "Compiled transformers".')
  .action((model: string, opts: { n: number; route: CompileRoute; format: CircuitFormat; out?: string; json: boolean }) => {
    process.exitCode = compileCommand(model, { n: opts.n, route: opts.route, format: opts.format, json: opts.json, ...(opts.out === undefined ? {} : { out: opts.out }) });
  });

program
  .command('verify')
  .description(`compile a transformer, then compare the circuit with the transformer's semantics: on every input when |Σ|^n ≤ 4096, else on seeded random inputs; exit 1 on a difference`)
  .argument('<model>', 'model file (JSON, parallelism-tradeoff/transformer)')
  .requiredOption('--n <n>', 'input length n', intArg('--n', 1))
  .option('--samples <k>', 'random inputs when there are more than 4096 (default 256)', intArg('--samples', 1, 1_000_000), 256)
  .option('--seed <s>', 'seed of the random inputs', intArg('--seed', 0, 2 ** 31 - 1), 1)
  .addOption(routeOption())
  .option('--json', 'print the report as JSON', false)
  .action((model: string, opts: { n: number; samples: number; seed: number; route: CompileRoute; json: boolean }) => {
    process.exitCode = verifyCommand(model, opts);
  });

program
  .command('run')
  .description('run a transformer (JSON model) on one input, exactly at p-precision')
  .argument('<model>', 'model file (JSON, parallelism-tradeoff/transformer)')
  .requiredOption('--input <tokens>', 'the tokens: one character each when every symbol is one character (e.g. 0110), else comma-separated (e.g. a,b,c)')
  .option('--trace', "print every layer's values per position", false)
  .option('--float64', 'also run in float64 and show it alongside', false)
  .option('--json', 'print JSON (floats as value with their exact m and e)', false)
  .action((model: string, opts: { input: string; trace: boolean; float64: boolean; json: boolean }) => {
    process.exitCode = runCommand(model, opts);
  });

registerKhopCommand(program);
registerEvaluateCommand(program, (file) => readCircuitFile(file, undefined), intArg('--depth', 1, 16));

/**
 * Exit once stdout has taken everything written to it. The CLI exits explicitly rather than
 * waiting for the event loop to empty: after the sat tier, z3-solver's wasm threads have been
 * seen (rarely, about one run in ten) to keep a finished `tradeoff check` alive after its report.
 */
const exitWhenFlushed = (code: number): void => {
  process.stdout.write('', () => process.exit(code));
};

/** Options that may be given more than once (their values accumulate). */
const REPEATABLE = new Set(['only']);

// A repeated option is refused rather than silently keeping its last value.
for (const cmd of program.commands) {
  const seen = new Set<string>();
  for (const o of cmd.options) {
    const name = o.name();
    if (REPEATABLE.has(name)) continue;
    cmd.on(`option:${name}`, () => {
      if (seen.has(name)) throw new UsageError(`${cmd.name()}: ${o.long ?? o.flags} is given more than once`);
      seen.add(name);
    });
  }
}

try {
  await program.parseAsync(process.argv);
  exitWhenFlushed(typeof process.exitCode === 'number' ? process.exitCode : 0);
} catch (e) {
  if (e instanceof UsageError) {
    process.stderr.write(`${red(`tradeoff: ${e.message}`)}\n`);
    process.exit(2);
  }
  throw e;
}
