/**
 * End-to-end tests of the `tradeoff` command, run from source with tsx (the same code the
 * compiled bin runs).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from './cli.helpers.js';
import { describe, expect, it } from 'vitest';


describe('tradeoff check', () => {
  it('--json matches the contract', async () => {
    const r = await cli('check', '--only', 'lookup-table', '--json', '--seed', '3');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(doc).sort()).toEqual(['lemmas', 'seed', 'version']);
    expect(doc['seed']).toBe(3);
    const lemmas = doc['lemmas'] as Record<string, unknown>[];
    expect(lemmas).toHaveLength(1);
    const l = lemmas[0]!;
    expect(Object.keys(l).sort()).toEqual(['claimed', 'dependsOn', 'durationMs', 'id', 'measured', 'problems', 'reference', 'tiers', 'title', 'verdict'].sort());
    expect(l).toMatchObject({ id: 'lookup-table', reference: 'P1 Lemma 1', verdict: 'holds', problems: [], tiers: ['exhaustive'] });
    expect(l['claimed']).toContainEqual({ metric: 'depth·P1', formula: '3', source: 'paper' });
  });

  it('prints the tree with claimed vs measured bounds', async () => {
    const r = await cli('check', '--only', 'lookup-table');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('✔ holds  lookup-table');
    expect(r.stdout).toContain('[P1 Lemma 1]');
    expect(r.stdout).toContain('each cell: measured ≤ claimed');
    expect(r.stdout).toMatch(/n\s+c\s+m\s+k\s+size\s+depth\s+size·P1\s+depth·P1/);
    expect(r.stdout).toMatch(/\s4\s+1\s+3\s+2\s+9 ≤ 9\s+3 ≤ 3\s/); // n c m k, size, depth
    expect(r.stdout).toContain('[as P1 Lemma 1 states it]');
    expect(r.stdout).toContain('1 of 1 statements hold');
  });

  it('refuses an unknown lemma id with exit code 2', async () => {
    const r = await cli('check', '--only', 'no-such-lemma');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown lemma id(s): no-such-lemma');
  });

  it('refuses a bad seed with a message', async () => {
    const r = await cli('check', '--seed', 'abc');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--seed must be an integer');
  });
});

describe('tradeoff eval and export', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tradeoff-'));

  it('evaluates a serialized circuit', async () => {
    const f = join(dir, 'maj.txt');
    writeFileSync(f, 'X X X >= 110 & &1 &11');
    expect((await cli('eval', '--circuit', f, '--input', '101')).stdout.trim()).toBe('1');
    expect((await cli('eval', '--circuit', f, '--input', '100')).stdout.trim()).toBe('0');
  });

  it('exports lookup-table as JSON that eval reads back', async () => {
    const r = await cli('export', 'lookup-table', '--n', '8', '--m', '1', '--seed', '5', '--format', 'json');
    expect(r.code).toBe(0);
    const f = join(dir, 'lt.json');
    writeFileSync(f, r.stdout);
    const e = await cli('eval', '--circuit', f, '--input', '011');
    expect(e.code).toBe(0);
    expect(e.stdout.trim()).toMatch(/^[01]$/);
  });

  it('exports the P1 serialization and DOT', async () => {
    const s = await cli('export', 'lookup-table', '--n', '4', '--format', 'serial');
    expect(s.stdout.startsWith('X X NOT')).toBe(true);
    const d = await cli('export', 'lookup-table', '--n', '4', '--format', 'dot');
    expect(d.stdout).toContain('digraph');
  });

  it('reports a malformed circuit file with its path, exit 2', async () => {
    const f = join(dir, 'bad.json');
    writeFileSync(f, JSON.stringify({ format: 'parallelism-tradeoff/circuit', version: 1, gates: [{ type: 'input' }, { type: 'not', args: [5] }], outputs: [1] }));
    const r = await cli('eval', '--circuit', f, '--input', '1');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('gates[1].args[0]');
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  it('refuses input of the wrong length', async () => {
    const f = join(dir, 'maj2.txt');
    writeFileSync(f, 'X X X >= 110 & &1 &11');
    const r = await cli('eval', '--circuit', f, '--input', '10');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the circuit has 3 inputs');
  });
});
