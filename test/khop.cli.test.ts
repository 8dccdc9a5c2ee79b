import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeModel } from '../src/core/modelCodec.js';
import { khopReport } from '../src/cli/khopCommand.js';
import { cli } from './cli.helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'khop-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('tradeoff khop', () => {
  it('prints the JSON report with the documented keys; accuracy 1; the model exports for tradeoff run --trace', async () => {
    const out = join(dir, 'k3.json');
    const r = await cli('khop', '--k', '3', '--n', '12', '--alphabet', '3', '--samples', '2', '--seed', '4', '--json', '--out', out);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(j).toMatchObject({ construction: 'content', k: 3, n: 12, alphabet: 3, layers: 3, paperLayers: 3, width: 23, heads: 1, accuracy: 1, accuracy64: 1, positions: 24 });
    expect(typeof j['precision']).toBe('number');
    const model = decodeModel(JSON.parse(readFileSync(out, 'utf8')));
    expect(model._tag).toBe('Right');
    const run = await cli('run', out, '--input', 'abcabcaabbcc', '--trace');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/after layer 3:/);
    expect(run.stdout).not.toMatch(/after layer 4:/);
  });

  it('prints a readable summary and refuses k = 0 (usage error, exit 2)', async () => {
    const r = await cli('khop', '--k', '3', '--n', '8', '--construction', 'pointer');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/k-hop transformer \(pointer lookups\): k = 3/);
    expect(r.stdout).toMatch(/layers {5}4 {2}\(⌈log₂ k⌉ \+ 2; P2 Thm 4\.2: ⌊log₂ k⌋ \+ 2 = 3\)/);
    expect(r.stdout).toMatch(/accuracy {3}100\.00 % of 24 positions/);
    const bad = await cli('khop', '--k', '0', '--n', '8');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--k must be in 1\.\./);
  });

  it('accuracy is a fraction in [0, 1] over all positions', () => {
    const r = khopReport({ k: 5, n: 20, alphabet: 2, seed: 9, samples: 2, json: true });
    expect(r.accuracy).toBe(1);
    expect(r.positions).toBe(40);
    expect(r.layers).toBe(4);
    expect(khopReport({ k: 5, n: 300, alphabet: 2, seed: 9, samples: 1, json: true })).toMatchObject({ construction: 'pointer', layers: 5, accuracy: 1 });
  });
});
