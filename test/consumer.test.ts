/**
 * Forgery from a consumer package: the packed tarball, installed beside the repo, is imported
 * through its public entry points by test/fixtures/forge.mjs, which tries every way the audit
 * found to forge a Verified value or a passing report (issue: "a ✓ that cannot lie").
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = resolve(import.meta.dirname, '..');
let dir = '';
let result: Record<string, unknown> = {};

beforeAll(() => {
  // a consumer folder inside the repo, so that its package resolves its dependencies from the repo's node_modules
  dir = mkdtempSync(join(repo, '.consumer-'));
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: repo, stdio: 'pipe' });
  execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', dir], { cwd: repo, stdio: 'pipe' });
  const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'));
  if (tarball === undefined) throw new Error('npm pack made no tarball');
  const pkg = join(dir, 'node_modules', 'parallelism-tradeoff');
  mkdirSync(pkg, { recursive: true });
  execFileSync('tar', ['-xzf', join(dir, tarball), '-C', pkg, '--strip-components=1']);
  cpSync(join(repo, 'test', 'fixtures', 'forge.mjs'), join(dir, 'forge.mjs'));
  result = JSON.parse(execFileSync('node', ['forge.mjs'], { cwd: dir, encoding: 'utf8' })) as Record<string, unknown>;
}, 180_000);

afterAll(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

describe('forging from a consumer package fails', () => {
  it('there is no minter to reach: no static, no export, nothing in the shipped .d.ts', () => {
    expect(result['sameKernelBothEntries']).toBe(true);
    expect(result['staticMint']).toBe('undefined');
    expect(result['exportedMinter']).toEqual([]);
    const dts = readFileSync(join(dir, 'node_modules', 'parallelism-tradeoff', 'dist', 'core', 'check.d.ts'), 'utf8');
    expect(dts).not.toMatch(/_mint|mintVerified|mintKey/);
  });

  it('the constructor, Object.create and hasInstance cannot make a Verified', () => {
    expect(result['constructWithFakeKey']).toBe('threw TypeError: Verified: only the kernel checkers can make a Verified value');
    expect(result['objectCreateInstanceof']).toBe(false);
    expect(result['objectCreateIsVerified']).toBe(false);
    expect(result['redefineHasInstance']).toMatch(/^threw TypeError/);
  });

  it('a real Verified cannot be changed', () => {
    expect(result['realIsVerified']).toBe(true);
    expect(result['overwriteClaim']).toMatch(/^threw TypeError: Cannot assign to read only property 'claim'/);
    expect(result['overwriteEvidence']).toMatch(/^threw TypeError: Cannot assign to read only property 'cases'/);
  });

  it('hand-made tier runs and reports do not pass; a genuine one does', () => {
    expect(result['judgeHandMadeRun']).toBe('fails');
    expect(result['tierRunOfForgedRight']).toBe(false);
    expect(result['combineHandMade']).toBe(false);
    expect(result['reportHoldsTrue']).toBe('fails');
    expect(result['reportVerdictHolds']).toBe('fails');
    expect(result['reportGenuine']).toBe('holds');
  });
});
