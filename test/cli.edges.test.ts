/**
 * Every edge of the CLI a clear error (issue 9, item 1): exit code 2, a message naming the
 * problem, no stack trace, nothing half-written. One test per item; out of memory is the
 * `error` verdict instead.
 */
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync, writeFileSync, chmodSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { cli } from './cli.helpers.js';
import { isLeft } from 'fp-ts/lib/Either.js';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCircuitText } from '../src/core/codec.js';
import { judge, resourceFailure, tierRun } from '../src/core/verdict.js';
import { checkFailure } from '../src/core/check.js';
import { left } from 'fp-ts/lib/Either.js';
import { MAX_CIRCUIT_FILE_BYTES, fsReason } from '../src/cli/io.js';


/** Exit 2, the message, no stack trace. */
const refused = (r: { code: number; stderr: string }, message: string | RegExp): void => {
  expect(r.code).toBe(2);
  if (typeof message === 'string') expect(r.stderr).toContain(message);
  else expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/\n\s+at .*:\d+:\d+/);
  expect(r.stderr).not.toContain('node:internal');
};

const dir = mkdtempSync(join(tmpdir(), 'tradeoff-edges-'));
const SLOW = 180_000;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('eval --circuit: what is not a regular file is refused before reading', () => {
  it('a directory', async () => {
    refused(await cli('eval', '--circuit', dir, '--input', '0'), 'is a directory, not a regular file');
  });
  it('a missing file', async () => {
    refused(await cli('eval', '--circuit', join(dir, 'nope.json'), '--input', '0'), 'no such file or directory');
  });
  it.skipIf(process.getuid?.() === 0)('an unreadable file', async () => {
    const f = join(dir, 'unreadable.json');
    writeFileSync(f, '{}');
    chmodSync(f, 0o000);
    refused(await cli('eval', '--circuit', f, '--input', '0'), 'permission denied');
  });
  it('the reasons are named in words (as root, the unreadable-file test above cannot run: this checks its message)', () => {
    expect(fsReason({ code: 'EACCES' })).toBe('permission denied');
    expect(fsReason({ code: 'ENOENT' })).toBe('no such file or directory');
    expect(fsReason(new Error('first line\n    at somewhere'))).toBe('first line');
  });
  it('a path through a file (not a directory)', async () => {
    const f = join(dir, 'plain.txt');
    writeFileSync(f, 'X');
    refused(await cli('eval', '--circuit', join(f, 'x'), '--input', '0'), 'not a directory');
  });
  it.skipIf(process.platform === 'win32')('a FIFO (refused at once: no blocking open)', async () => {
    const f = join(dir, 'fifo');
    execFileSync('mkfifo', [f]);
    refused(await cli('eval', '--circuit', f, '--input', '0'), 'is a FIFO, not a regular file');
  });
  it.skipIf(!existsSync('/dev/zero'))('/dev/zero (refused at once: no endless read)', async () => {
    refused(await cli('eval', '--circuit', '/dev/zero', '--input', '0'), "'/dev/zero' is a device, not a regular file");
  });
  it('files within 24 bytes of the size limits are refused by their size, never by "Invalid string length"', async () => {
    // V8's longest string is 2^29 − 24 characters; the file limit is the parser's, 2^28
    for (const size of [MAX_CIRCUIT_FILE_BYTES + 1, MAX_CIRCUIT_FILE_BYTES + 24, 2 ** 29 - 24, 2 ** 29 - 1, 2 ** 29]) {
      const f = join(dir, `big-${size}.txt`);
      const fd = openSync(f, 'w');
      ftruncateSync(fd, size); // sparse
      closeSync(fd);
      const r = await cli('eval', '--circuit', f, '--input', '0');
      refused(r, `is ${size} bytes, more than the limit of ${MAX_CIRCUIT_FILE_BYTES}`);
      expect(r.stderr).not.toContain('Invalid string length');
    }
    // at the limit and 24 bytes under it: read, then refused by the parser with its reason
    for (const size of [MAX_CIRCUIT_FILE_BYTES - 24, MAX_CIRCUIT_FILE_BYTES]) {
      const f = join(dir, `at-${size}.txt`);
      const fd = openSync(f, 'w');
      ftruncateSync(fd, size);
      closeSync(fd);
      const r = await cli('eval', '--circuit', f, '--input', '0');
      refused(r, /invalid circuit\ntoken 0 at offset 0: expected a gate/);
    }
  }, SLOW);
});

describe('export: sizes the formats cannot hold are refused, nothing half-written', () => {
  it('-o into a missing directory', async () => {
    const out = join(dir, 'missing', 'x.json');
    refused(await cli('export', 'lookup-table', '--n', '2', '-o', out), /cannot write .*the directory .*missing' does not exist/);
    expect(existsSync(join(dir, 'missing'))).toBe(false);
  });
  it('-o onto a directory', async () => {
    const d = join(dir, 'adir');
    mkdirSync(d);
    refused(await cli('export', 'lookup-table', '--n', '2', '-o', d), 'it is a directory');
  });
  it('-o writes the file whole, with no temporary file left', async () => {
    const d = join(dir, 'out');
    mkdirSync(d);
    const r = await cli('export', 'lookup-table', '--n', '2', '-o', join(d, 'c.json'));
    expect(r.code).toBe(0);
    expect(readdirSync(d)).toEqual(['c.json']);
    const e = await cli('eval', '--circuit', join(d, 'c.json'), '--input', '0');
    expect(e.code).toBe(0);
  });
  it(
    'iterated-addition --n 32768 --w 2 (1.07·10⁹ wires): createBuilder refuses it as it goes, at the wire limit',
    async () => {
      const r = await cli('export', 'iterated-addition', '--n', '32768', '--w', '2');
      refused(r, /more than 400000000 wires/);
      expect(r.stdout).toBe('');
    },
    SLOW,
  );
  it(
    'integer-addition --w 800 and --w 1024: a JSON file eval would refuse is refused, not written',
    async () => {
      for (const w of ['800', '1024']) {
        const out = join(dir, `ia-${w}.json`);
        const r = await cli('export', 'integer-addition', '--w', w, '-o', out);
        refused(r, /the JSON file would have at least \d+ characters, more than `eval` reads \(268435456\)/);
        expect(existsSync(out)).toBe(false);
      }
    },
    SLOW,
  );
  it(
    'bit-count --n 16384: refused (JSON) rather than "RangeError: Invalid string length"',
    async () => {
      const r = await cli('export', 'bit-count', '--n', '16384');
      refused(r, 'more than `eval` reads');
      expect(r.stderr).not.toContain('Invalid string length');
    },
    SLOW,
  );
  it('integer-addition --w 1024 --format serial: over the serial limit, refused', async () => {
    refused(await cli('export', 'integer-addition', '--w', '1024', '--format', 'serial'), 'limit of 268435456');
  }, SLOW);
  it('an option that does not apply to the lemma is refused, naming the lemma\'s own', async () => {
    refused(await cli('export', 'integer-addition', '--w', '4', '--n', '3'), "--n does not apply to 'integer-addition'; its options: --w");
    refused(await cli('export', 'lookup-table', '--n', '2', '--k', '1'), "--k does not apply to 'lookup-table'");
  });
  it('--k is the float route as documented: 0 arithmetic, 1 lookup, 2 shallow; anything else refused', async () => {
    const a = await cli('export', 'float-mul', '--p', '4', '--k', '0');
    const d = await cli('export', 'float-mul', '--p', '4');
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(d.stdout);
    expect((await cli('export', 'float-mul', '--p', '4', '--k', '1')).code).toBe(0);
    expect((await cli('export', 'float-mul', '--p', '4', '--k', '2')).code).toBe(0);
    refused(await cli('export', 'float-mul', '--p', '4', '--k', '3'), '--k must be in 0..2, got 3');
    const help = await cli('export', '--help');
    expect(help.stdout.replace(/\s+/g, ' ')).toContain('0 = arithmetic (default), 1 = lookup');
  });
});

describe('parsing: inputs that would be read wrongly are refused', () => {
  it('a byte-order mark is accepted in a serial file as in JSON', async () => {
    const f = join(dir, 'bom.txt');
    writeFileSync(f, '\uFEFFX X AND & &1\n');
    const r = await cli('eval', '--circuit', f, '--input', '11');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('1\n');
    expect(isLeft(parseCircuitText('\uFEFFX X AND & &1'))).toBe(false);
  });
  it('duplicate JSON keys are refused (JSON.parse would keep the last)', async () => {
    const r0 = await cli('export', 'lookup-table', '--n', '2');
    const f = join(dir, 'dup.json');
    writeFileSync(f, r0.stdout.replace('{"format"', '{"outputs":[0],\n"format"'));
    refused(await cli('eval', '--circuit', f, '--input', '0'), 'duplicate key "outputs"');
    // a duplicate inside a nested object, and an escaped key equal to another
    expect(isLeft(parseCircuitText('{"a":{"b":1,"b":2}}'))).toBe(true);
    const esc = parseCircuitText('{"format":1,"\\u0066ormat":2}');
    expect(isLeft(esc) && esc.left[0]!.message).toContain('duplicate key "format"');
    // a key repeated in different objects is not a duplicate
    const ok = parseCircuitText(r0.stdout);
    expect(isLeft(ok)).toBe(false);
  });
  it('a repeated option is refused', async () => {
    refused(await cli('export', 'lookup-table', '--n', '2', '--n', '3'), '--n is given more than once');
    refused(await cli('eval', '--circuit', 'a', '--circuit', 'b', '--input', '0'), '--circuit is given more than once');
    refused(await cli('check', '--seed', '1', '--seed=2', '--only', 'lookup-table'), '--seed is given more than once');
  });
  it('--only "" (or an empty id in a list) is a usage error, not "check everything"', async () => {
    refused(await cli('check', '--only', ''), '--only needs lemma ids');
    refused(await cli('check', '--only', 'lookup-table,'), '--only needs lemma ids');
  });
  it('parseCircuitText(null) is an error value, like parseSerial', () => {
    for (const x of [null, undefined, 42, {}]) {
      const r = parseCircuitText(x as unknown as string);
      expect(isLeft(r)).toBe(true);
      expect(isLeft(r) && r.left[0]!.message).toMatch(/expected a string/);
    }
  });
});

describe('check: out of memory or a solver that cannot start is the verdict `error`, never `fails`', () => {
  it('resourceFailure: RangeError, out of memory and a solver that cannot start; nothing else', () => {
    expect(resourceFailure(new RangeError('Invalid array length'))).toMatch(/RangeError: Invalid array length/);
    expect(resourceFailure(new Error('Array buffer allocation failed'))).toMatch(/out of memory/);
    expect(resourceFailure(new Error('checkEquivalenceSmt: z3 initialisation failed: no wasm'))).toMatch(/solver could not start/);
    expect(resourceFailure(new Error('counterexample at 0110'))).toBeNull();
    expect(resourceFailure(new TypeError('x is undefined'))).toBeNull();
  });
  it('judge: a sat tier whose solver could not start is error; with a real failure beside it, fails', () => {
    const noZ3 = tierRun(left(checkFailure('sat', 'checkCircuitSmt: unknown: checkEquivalenceSmt: z3 initialisation failed: no wasm')), 'sat', 's');
    const j = judge({ tiers: ['sat'], claims: [] }, [noZ3], []);
    expect(j.verdict).toBe('error');
    expect(j.problems[0]).toMatch(/could not run: .*z3 initialisation failed/);
    const cex = tierRun(left(checkFailure('exhaustive', 'checkCircuitExhaustive: output 0 differs', { input: '01' })), 'exhaustive', 's');
    expect(judge({ tiers: ['sat', 'exhaustive'], claims: [] }, [noZ3, cex], []).verdict).toBe('fails');
  });
  it('a verifier that runs out of memory: verdict error with its reason in the JSON, exit 1', async () => {
    const f = join(dir, 'oom-lemmas.mjs');
    writeFileSync(
      f,
      `export const lemmas = [
        { id: 'oom', title: 'runs out of memory', statement: 's', reference: 'none', dependsOn: [], claimed: [], tiers: ['exhaustive'],
          verify: async () => { new Array(-1); } },
        { id: 'bug', title: 'throws a plain error', statement: 's', reference: 'none', dependsOn: [], claimed: [], tiers: ['exhaustive'],
          verify: async () => { throw new Error('a bug'); } },
      ];\n`,
    );
    const r = await cli('check', '--lemmas', f, '--json');
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as { lemmas: { id: string; verdict: string; problems: string[] }[] };
    expect(doc.lemmas[0]).toMatchObject({ id: 'oom', verdict: 'error' });
    expect(doc.lemmas[0]!.problems[0]).toMatch(/could not be checked: out of memory .*Invalid array length/);
    expect(doc.lemmas[1]).toMatchObject({ id: 'bug', verdict: 'fails' });
    const tree = await cli('check', '--lemmas', f);
    expect(tree.code).toBe(1);
    expect(tree.stdout).toContain('ERROR');
    expect(tree.stdout).toContain('NOT CHECKED (error): oom');
  });
});

describe('check --lemmas and progress', () => {
  it('check --lemmas ./my-lemmas.mjs: your own lemmas, judged by the kernel; plain progress lines on a non-terminal stderr', async () => {
    const f = join(dir, 'my-lemmas.mjs');
    const registry = resolve('src/proofs/registry.ts');
    writeFileSync(f, `import { registry } from ${JSON.stringify(registry)};\nexport default [{ ...registry.find((l) => l.id === 'lookup-table'), id: 'my-lookup' }];\n`);
    const r = await cli('check', '--lemmas', f);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('my-lookup');
    expect(r.stdout).toContain('1 of 1 statements hold');
    expect(r.stderr).toContain('[lemma 1 of 1] my-lookup');
    refused(await cli('check', '--lemmas', f, '--only', 'lookup-table'), 'unknown lemma id(s): lookup-table; known: my-lookup');
    const bad = join(dir, 'bad-lemmas.mjs');
    writeFileSync(bad, 'export const lemmas = [{ id: 1 }];\n');
    refused(await cli('check', '--lemmas', bad), 'entry 0 is not a Lemma');
    refused(await cli('check', '--lemmas', join(dir, 'none.mjs')), 'no such file or directory');
  }, SLOW);
});

describe('Ctrl-C', () => {
  it.skipIf(!existsSync('/usr/bin/script'))('restores the terminal cursor (cli-progress hides it)', async () => {
    const cmd = `${process.execPath} --import tsx src/cli/main.ts check --only transformer-to-tc0,lookup-table`;
    const child = spawn('/usr/bin/script', ['-qfec', cmd, '/dev/null'], { env: { ...process.env, NO_COLOR: '1' } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    // wait for the bar (the cursor hidden), then interrupt
    await new Promise<void>((res, rej) => {
      const t0 = Date.now();
      const poll = setInterval(() => {
        if (out.includes('\x1b[?25l')) {
          clearInterval(poll);
          res();
        } else if (Date.now() - t0 > 60_000) {
          clearInterval(poll);
          rej(new Error(`no progress bar: ${out}`));
        }
      }, 100);
    });
    child.stdin.write('\x03'); // Ctrl-C at the terminal: SIGINT to the foreground process
    await new Promise<void>((res) => child.on('close', () => res()));
    expect(out).not.toContain('statements hold'); // interrupted (between lemmas), not finished
    expect(out).not.toContain('lemma 2 of 2');
    expect(out.lastIndexOf('\x1b[?25h')).toBeGreaterThan(out.lastIndexOf('\x1b[?25l'));
  }, SLOW);
});
