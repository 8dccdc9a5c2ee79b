/**
 * `tradeoff export --format verilog|aag|aig|blif|smt2` and `tradeoff eval --circuit F.aag|.aig|.blif`,
 * end to end from source; and the SMT-LIB miter re-read by z3 (and by a z3 binary when installed).
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { createBuilder } from '../src/core/circuit.js';
import { getZ3, shutdownZ3 } from '../src/core/smt.js';
import { miterSmtlib } from '../src/formats/smtlib.js';
import { findLemma } from '../src/proofs/registry.js';

const run = promisify(execFile);
const cli = async (...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> => {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: process.cwd(), maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
};

const dir = mkdtempSync(join(tmpdir(), 'tradeoff-hw-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('tradeoff export (hardware formats) and eval of netlists', () => {
  it('exports integer-addition --w 3 as aag, aig and blif; eval reads each back and adds', async () => {
    for (const f of ['aag', 'aig', 'blif']) {
      const file = join(dir, `ia.${f}`);
      const r = await cli('export', 'integer-addition', '--w', '3', '--format', f, '-o', file);
      expect(r.code, r.stderr).toBe(0);
      // x = 5 (101 → bits 1,0,1), y = 3 (bits 1,1,0): 8 = bits 0,0,0,1
      const e = await cli('eval', '--circuit', file, '--input', '101110');
      expect(e.code, e.stderr).toBe(0);
      expect(e.stdout.trim()).toBe('0001');
    }
  }, 60_000);

  it('exports Verilog to stdout', async () => {
    const r = await cli('export', 'integer-addition', '--w', '2', '--format', 'verilog');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^module integer_addition\(x, y\);$/m);
    expect(r.stdout).toContain('input [3:0] x;');
    expect(r.stdout).toContain('output [2:0] y;');
  }, 30_000);

  it('exports the sat tier\'s miter as SMT-LIB 2, and refuses it for a lemma without a formula', async () => {
    const r = await cli('export', 'integer-addition', '--w', '4', '--format', 'smt2');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('(check-sat)');
    expect(r.stdout).toContain('(declare-fun x_0 () Bool)');
    const m = await cli('export', 'multiplication', '--w', '2', '--format', 'smt2');
    expect(m.code).toBe(2);
    expect(m.stderr).toContain('no sat-tier formula');
    expect(m.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);

  it('bad netlists: exit 2 with the line and what was expected, no stack trace', async () => {
    const bad: [string, string, RegExp][] = [
      ['bad.aag', 'aag 1 1 0 1 0\n3\n2\n', /bad\.aag: invalid AIGER circuit\nline 2: input literal must be even/],
      ['bad.blif', '.model m\n.inputs a\n.outputs y\n.names a y\n1x 1\n.end\n', /bad\.blif: invalid BLIF circuit\nline 5: expected a pattern of 1 characters/],
      ['latch.aig', 'aig 2 1 1 1 0\n4 1\n4\n', /latches/],
    ];
    for (const [name, text, msg] of bad) {
      writeFileSync(join(dir, name), text);
      const r = await cli('eval', '--circuit', join(dir, name), '--input', '0');
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(msg);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    const missing = await cli('eval', '--circuit', join(dir, 'nope.aig'), '--input', '0');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such file or directory');
    const out = await cli('export', 'integer-addition', '--w', '2', '--format', 'aig', '-o', join(dir, 'no', 'such', 'x.aig'));
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('does not exist');
    const outputs = await cli('eval', '--circuit', join(dir, 'bad.blif'), '--input', '0', '--outputs', '1');
    expect(outputs.code).toBe(2);
    expect(outputs.stderr).toContain('--outputs applies to P1 serializations only');
  }, 60_000);
});

const hasZ3Binary = spawnSync('sh', ['-c', 'command -v z3']).status === 0;

describe('SMT-LIB 2 miter', () => {
  const read = async (text: string): Promise<string> => {
    const api = await getZ3();
    try {
      const ctx = new api.Context('main');
      const s = new ctx.Solver();
      s.fromString(text);
      return await s.check();
    } finally {
      await shutdownZ3();
    }
  };

  it('z3 reads it back: unsat for the library\'s circuit, sat for a broken one', async () => {
    const lemma = findLemma('integer-addition')!;
    const c = lemma.exportCircuit!.build({ w: 6 });
    if (c._tag === 'Left') throw new Error(c.left);
    const spec = lemma.exportCircuit!.smtSpec!({ w: 6 });
    const good = await miterSmtlib(c.right, spec, 'integer-addition (w = 6)');
    if (good._tag === 'Left') throw new Error(good.left);
    expect(await read(good.right)).toBe('unsat');
    writeFileSync(join(dir, 'good.smt2'), good.right);
    expect(readFileSync(join(dir, 'good.smt2'), 'utf8')).toContain('unsat = the circuit equals the spec');
    // a 6-bit adder that drops the carry into bit 1: not the spec
    const b = createBuilder();
    const xs = b.inputs(12);
    const outs = Array.from({ length: 7 }, (_, j) => (j < 6 ? b.or([b.and([xs[j]!, b.not(xs[6 + j]!)]), b.and([b.not(xs[j]!), xs[6 + j]!])]) : b.constant(0)));
    const bad = await miterSmtlib(b.build(outs), spec, 'a broken adder');
    if (bad._tag === 'Left') throw new Error(bad.left);
    expect(await read(bad.right)).toBe('sat');
    writeFileSync(join(dir, 'bad.smt2'), bad.right);
  }, 60_000);

  it.skipIf(!hasZ3Binary)('a z3 binary agrees (skipped without `z3` on PATH: apt-get install z3)', () => {
    expect(spawnSync('z3', [join(dir, 'good.smt2')], { encoding: 'utf8' }).stdout.trim()).toBe('unsat');
    expect(spawnSync('z3', [join(dir, 'bad.smt2')], { encoding: 'utf8' }).stdout.trim()).toBe('sat');
  }, 60_000);

  it('every lemma with a sat-tier formula: its miter, re-read by z3, is unsat', async () => {
    for (const [id, params] of [
      ['comparison', { w: 4 }],
      ['float-iterated-sum', { n: 2, p: 4 }],
    ] as const) {
      const lemma = findLemma(id)!;
      const c = lemma.exportCircuit!.build(params);
      if (c._tag === 'Left') throw new Error(c.left);
      const text = await miterSmtlib(c.right, lemma.exportCircuit!.smtSpec!(params), id);
      if (text._tag === 'Left') throw new Error(text.left);
      expect(await read(text.right), id).toBe('unsat');
    }
  }, 120_000);

  it('a spec with the wrong number of outputs is refused', async () => {
    const b = createBuilder();
    const [x] = b.inputs(1);
    const r = await miterSmtlib(b.build([x!]), () => [], 't');
    expect(r._tag === 'Left' && r.left).toContain('the spec gives 0 outputs, the circuit has 1');
    const big = createBuilder();
    const ys = big.inputs(1000);
    const g = Array.from({ length: 2100 }, (_, j) => big.ge(ys, j % 1000));
    const refused = await miterSmtlib(big.build(g), () => [], 'big');
    expect(refused._tag === 'Left' && refused.left).toContain("more than the SMT-LIB writer's limit");
  });
});
