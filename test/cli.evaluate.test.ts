/** `tradeoff evaluate-by-attention`: the P1 Lemma 3 transformer from the command line. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './cli.helpers.js';

const EXAMPLE = 'examples/circuit-evaluation.txt';

describe('tradeoff evaluate-by-attention', () => {
  it('evaluates the paper’s circuit θ≥1(x1, ¬x2), agreeing with the circuit (its only 0 and a 1)', async () => {
    const want: Record<string, string> = { '01': '0', '11': '1' };
    for (const [x, v] of Object.entries(want)) {
      const r = await cli('evaluate-by-attention', '--circuit', EXAMPLE, '--input', x);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`the circuit says ${v}: ✔ agree`);
      expect(r.stdout).toContain('8 layers (2d + 4)');
    }
  });

  it('--trace prints one table per layer with named coordinates; --json has the figures', async () => {
    const t = await cli('evaluate-by-attention', '--circuit', EXAMPLE, '--input', '01', '--trace');
    expect(t.code).toBe(0);
    expect(t.stdout).toMatch(/layer 1: counts/);
    expect(t.stdout).toMatch(/i\s+symbol\s+Gh\s+oX/);
    expect(t.stdout).toMatch(/layer 8: output/);
    const j = await cli('evaluate-by-attention', '--circuit', EXAMPLE, '--input', '10', '--json');
    const doc = JSON.parse(j.stdout) as Record<string, unknown>;
    expect(doc).toMatchObject({ N: 15, depthBound: 2, layers: 8, width: 52, transformer: 1, circuit: 1, agree: true });
  });

  it('refuses bad input with a clear message, never a stack trace', async () => {
    const bits = await cli('evaluate-by-attention', '--circuit', EXAMPLE, '--input', '0');
    expect(bits.code).toBe(2);
    expect(bits.stderr).toContain('--input has 1 bits but the circuit has 2 inputs');
    const dir = mkdtempSync(join(tmpdir(), 'eval-'));
    const two = join(dir, 'two.json');
    writeFileSync(two, JSON.stringify({ format: 'parallelism-tradeoff/circuit', version: 1, numInputs: 1, gates: [{ type: 'input' }, { type: 'not', args: [0] }], outputs: [0, 1] }));
    const r = await cli('evaluate-by-attention', '--circuit', two, '--input', '1');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/one output; this one has 2|invalid circuit/);
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
    const d = await cli('evaluate-by-attention', '--circuit', EXAMPLE, '--input', '01', '--depth', '0');
    expect(d.code).toBe(2);
    expect(d.stderr).toMatch(/--depth/);
  });
});
