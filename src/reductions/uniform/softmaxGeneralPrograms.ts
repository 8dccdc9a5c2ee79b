/**
 * # φ, s, f of a softmax transformer read as a general model, as metered programs
 *
 * For a concrete model with softmax heads, the functions of `asGeneral(model)`
 * (`src/reductions/transformerAsGeneral.ts`) as subprograms of the space-metered machine, the
 * model's weights read from a read-only tape: the embedding φ, each head's similarity
 * s(h_i, h_j) = exp_p(⊕_r q_i[r] ⊗ k_j[r]) (0 for j after i under a causal mask) and each
 * layer's update f. Every float is computed by recomputation (⊕ re-runs its producer per bit
 * position, `floatProgramsMore.ts`); nothing but registers is stored.
 *
 * ## Main definitions
 * - {@link softmaxGeneralPrograms}: the procs for a model (Left with the reason for what it does
 *   not cover: non-softmax heads, positional vectors other than `none`, gated feed-forward
 *   blocks), and the names of the entry procs:
 *   - `sgEmbed(tok, pos, t)` → coordinate t of φ(tok, pos) (pos 1-based, bound n + 1);
 *   - `sgScore<l>_<h>(i, j)` → s(state i, state j) for head h of layer l;
 *   - `sgUpdate<l>(a_0 … a_{H−1}, h, t)` → coordinate t of f(a_0 … a_{H−1}, h);
 *   states are indices into the tape `st` (each `width` floats, three cells a float: s, |m|,
 *   e + I^max), the weights are the tape `mw` ({@link weightTape}). Outputs are (s, m, e + I^max).
 * - {@link weightTape}: the model's weights as (sign, |num|, den) triples, in the order the
 *   procs read them.
 *
 * ## Main results
 * Bit-exact with the JS closures of `asGeneral(model)` on every input tested
 * (`test/uniform.softmaxGeneralPrograms.test.ts`, `softmaxTwoLayerExample` at p = 4): φ on
 * every token, position ≤ 4 and coordinate; every head's s on all pairs of the states entering
 * its layer in the runs on all words of length ≤ 3 (70 distinct states); every coordinate of
 * f on the distinct inputs of those runs (9 for layer 1, 61 for layer 2). Space: registers hold
 * floats (O(p) bits), coordinates, state indices and positions (O(log n) bits for a fixed model);
 * the call stack has a constant height for a fixed model (the nesting of ⊕ in f: x', its
 * producer, u, its producer, y, …). Measured for f at p = 4: 10 frames, 515 bits. Time is
 * what pays: a coordinate of f re-runs nested ⊕ producers (up to 3.3M steps at p = 4).
 * Not covered: positional vectors other than `none`, gated feed-forward blocks (Left).

 * ## Implementation notes
 * - fl(w) of a weight w = num/den is `truncScaled` on (|num|, den) (the kernel's
 *   `floatOfRational`), so the tape needs num, den < 64·2^p (the machine stops on a bound
 *   otherwise).
 * - Zero weights are skipped inside ⊕ as the kernel's `weighted` does (a zero product adds
 *   nothing to an exact sum): only faster.
 *
 * ## References
 * - P1 = Merrill & Sabharwal, *The Parallelism Tradeoff*, TACL 2023, Defs 7–12, App. A.
 *
 * @module
 */
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import {
  add,
  and,
  call,
  cond,
  div,
  emit,
  eq,
  ge,
  len,
  loop,
  lt,
  mod,
  mul,
  n as nE,
  ne,
  or,
  pow2,
  proc,
  r,
  read,
  set,
  sub,
  when,
  type E,
  type Expr,
  type Proc,
  type Stmt,
} from '../../core/logspace/index.js';
import { headIsCausal, type Matrix, type TransformerModel } from '../../core/transformer.js';
import { POSITION_DIGITS, generalLayout } from '../transformerAsGeneral.js';
import { FLOAT_EXP_BOUND, FLOAT_IMAX, FLOAT_MAG_BOUND, FLOAT_Q } from './floatPrograms.js';
import { ALL_FLOAT_PROCS, floatSumProc } from './floatProgramsMore.js';

const q = FLOAT_Q;
const IMAX = FLOAT_IMAX;
const EB = FLOAT_EXP_BOUND;
const MB = FLOAT_MAG_BOUND;
const ZT = mul(8, pow2(q));

/** The procs of a model and their entry points. @category model */
export interface SoftmaxGeneralPrograms {
  readonly procs: readonly Proc[];
  readonly width: number;
  readonly embed: string;
  /** Per layer, per head. */
  readonly score: readonly (readonly string[])[];
  /** Per layer. */
  readonly update: readonly string[];
}

/** (sign, |num|, den) of a double's exact value. */
const ratio = (x: number): [number, number, number] => {
  let v = Math.abs(x);
  let den = 1;
  while (!Number.isInteger(v)) {
    v *= 2;
    den *= 2;
  }
  return [x < 0 ? 1 : 0, v, den];
};

/** Where each weight matrix starts on the tape (in weights), in {@link weightTape}'s order. */
const weightLayout = (model: TransformerModel) => {
  let off = 0;
  const take = (m: Matrix | readonly number[]): number => {
    const at = off;
    off += m.length === 0 ? 0 : Array.isArray(m[0]) ? (m as Matrix).length * (m as Matrix)[0]!.length : m.length;
    return at;
  };
  const emb = take(model.tokenEmbedding);
  const layers = model.layers.map((l) => ({
    heads: l.heads.map((h) => ({ wq: take(h.wq), wk: take(h.wk), wv: take(h.wv), wo: take(h.wo) })),
    ffn: l.ffn === null ? null : { w1: take(l.ffn.w1), b1: take(l.ffn.b1), w2: take(l.ffn.w2), b2: take(l.ffn.b2) },
  }));
  return { emb, layers, total: off };
};

/**
 * The tape `mw` of a model: every weight as (sign, |num|, den), the token embedding, then per
 * layer each head's W_Q, W_K, W_V, W_O and the feed-forward W_1, b_1, W_2, b_2, row-major.
 * @category constructors
 */
export const weightTape = (model: TransformerModel): number[] => {
  const out: number[] = [];
  const put = (m: Matrix | readonly number[]): void => {
    for (const row of m) for (const w of Array.isArray(row) ? (row as readonly number[]) : [row as number]) out.push(...ratio(w));
  };
  put(model.tokenEmbedding);
  for (const l of model.layers) {
    for (const h of l.heads) [h.wq, h.wk, h.wv, h.wo].forEach(put);
    if (l.ffn !== null) [l.ffn.w1, l.ffn.b1, l.ffn.w2, l.ffn.b2].forEach(put);
  }
  return out;
};

const FLR = (pre: string): Record<string, E> => ({ [`${pre}s`]: 2, [`${pre}m`]: MB, [`${pre}e`]: EB });
const fr = (pre: string): string[] => [`${pre}s`, `${pre}m`, `${pre}e`];
const frE = (pre: string): Expr[] => fr(pre).map(r);

/**
 * The procs of `asGeneral(model)`'s φ, s, f (module header); `tag` is the tag the internal
 * producers emit with (one of the program's tags).
 * @category constructors
 */
export const softmaxGeneralPrograms = (model: TransformerModel, tag = 'res'): Either<string, SoftmaxGeneralPrograms> => {
  if (model.positional.kind !== 'none') return left(`positional '${model.positional.kind}' is not covered (only 'none')`);
  for (const [l, layer] of model.layers.entries()) {
    if (layer.ffn?.gate !== undefined) return left(`layers[${l}].ffn has a gate: not covered`);
    for (const [h, head] of layer.heads.entries()) if (head.attention !== 'softmax') return left(`layers[${l}].heads[${h}] is ${head.attention} attention, not softmax`);
  }
  const layout = generalLayout(model);
  const W = layout.width;
  const d = model.dModel;
  const wl = weightLayout(model);
  const SB = add(div(len('st'), 3 * W), 1);
  const procs: Proc[] = [];
  const stCell = (u: E, c: E, f: number): Expr => read('st', add(mul(3, add(mul(u, W), c)), f));
  const stF = (u: E, c: E): Expr[] => [0, 1, 2].map((f) => stCell(u, c, f));
  const flw = (ix: E, into: string): Stmt => call('sgFl', [ix], fr(into));
  const mulInto = (a: string, b: string, into: string): Stmt => call('floatMul', [...frE(a), ...frE(b)], fr(into));
  const emitF = (pre: string): Stmt => emit(tag, ...frE(pre));

  procs.push(
    proc('sgFl', { ix: wl.total + 1, ...FLR('o') }, ['ix'], fr('o'), [
      call('truncScaled', [read('mw', mul(3, r('ix'))), read('mw', add(mul(3, r('ix')), 1)), read('mw', add(mul(3, r('ix')), 2)), add(IMAX, ZT)], fr('o')),
    ]),
  );

  /** A ⊕ proc `name(args)` over what `body` emits (the producer `nameT`, same registers). */
  const sum = (name: string, args: readonly [string, E][], regs: Record<string, E>, body: Stmt[], K: number): void => {
    procs.push(proc(`${name}T`, { ...Object.fromEntries(args), ...regs }, args.map((a) => a[0]), [], body));
    procs.push(floatSumProc(name, `${name}T`, args.map((a) => a[1]), K));
  };
  const scratch = { ...FLR('a'), ...FLR('b'), ...FLR('c'), kk: d + 1 };

  /** x-sources: how to get coordinate k of the concrete state x into `into`. */
  type XSrc = { readonly args: readonly [string, E][]; readonly x: (k: E, into: string) => Stmt[] };
  /** The next layer's q, k, v procs from a source; returns per head the three proc names. */
  const qkv = (l: number, tagName: string, src: XSrc): string[][] =>
    (model.layers[l]?.heads ?? []).map((head, hi) =>
      (['wq', 'wk', 'wv'] as const).map((which) => {
        const name = `sgMv${tagName}_${l}_${hi}_${which}`;
        const base = wl.layers[l]!.heads[hi]![which];
        const rows = head[which];
        sum(
          name,
          [...src.args, ['rr', rows.length + 1]],
          scratch,
          [
            loop('kk', 0, d, [
              flw(add(base, add(mul(r('rr'), d), r('kk'))), 'a'),
              when(ne(r('am'), 0), [...src.x(r('kk'), 'b'), mulInto('a', 'b', 'c'), emitF('c')]),
            ]),
          ],
          d,
        );
        return name;
      }),
    );
  /** Statements computing coordinate t of a general state into `o`, given x, the position digits and the q/k/v procs. */
  const stateCoord = (l: number, src: XSrc, names: string[][], digit: (t: E) => Stmt[]): Stmt[] => {
    const hs = layout.heads[l] ?? [];
    let tail: Stmt[] = [set('os', 0), set('om', 0), set('oe', 0)];
    hs.forEach((at, hi) => {
      (['q', 'k', 'v'] as const).forEach((which, wi) => {
        const start = at[which];
        tail = [
          when(
            and(ge(r('t'), start), lt(r('t'), start + at.dHead)),
            [call(names[hi]![wi]!, [...src.args.map((a) => r(a[0])), sub(r('t'), start)], fr('o'))],
            tail,
          ),
        ];
      });
    });
    return [when(lt(r('t'), d), src.x(r('t'), 'o'), [when(lt(r('t'), d + POSITION_DIGITS), digit(sub(r('t'), d)), tail)])];
  };

  // ---- φ
  const tokB = model.alphabet.length + 1;
  sum('sgX0', [['tok', tokB], ['k', d + 1]], FLR('a'), [flw(add(wl.emb, add(mul(r('tok'), d), r('k'))), 'a'), emitF('a'), emit(tag, 0, 0, 0)], 2);
  const src0: XSrc = { args: [['tok', tokB]], x: (k, into) => [call('sgX0', [r('tok'), k], fr(into))] };
  const names0 = qkv(0, 'E', src0);
  const B = sub(pow2(q), 1);
  procs.push(
    proc('sgEmbed', { tok: tokB, pos: add(nE, 1), t: W, ...FLR('o') }, ['tok', 'pos', 't'], fr('o'), [
      ...stateCoord(0, src0, names0, (u) => [
        // digit u (most significant first) of pos − 1 in base 2^q − 1: ⟨1, I^min + δ⟩
        set('os', 0),
        set('om', 1),
        set('oe', mod(div(sub(r('pos'), 1), cond(eq(u, 0), mul(B, B), cond(eq(u, 1), B, 1))), B)),
      ]),
    ]),
  );

  // ---- s and f per layer
  const score: string[][] = [];
  const update: string[] = [];
  model.layers.forEach((layer, l) => {
    const hs = layout.heads[l]!;
    const H = layer.heads.length;
    // s
    score.push(
      layer.heads.map((head, hi) => {
        const at = hs[hi]!;
        const dot = `sgDot${l}_${hi}`;
        sum(
          dot,
          [
            ['i', SB],
            ['j', SB],
          ],
          { ...scratch, rr: at.dHead + 1 },
          [loop('rr', 0, at.dHead, [call('floatMul', [...stF(r('i'), add(at.q, r('rr'))), ...stF(r('j'), add(at.k, r('rr')))], fr('c')), emitF('c')])],
          Math.max(1, at.dHead),
        );
        const name = `sgScore${l}_${hi}`;
        const body: Stmt[] = [call(dot, [r('i'), r('j')], fr('a')), call('fpExp', frE('a'), fr('o'))];
        const causal = headIsCausal(model, head);
        procs.push(
          proc(name, { i: SB, j: SB, ...FLR('a'), ...FLR('o'), u: POSITION_DIGITS + 1, c: 3, dec: 3 }, ['i', 'j'], fr('o'), [
            set('dec', 1),
            ...(causal
              ? [
                  // compare the positions of state j and state i, most significant digit first
                  loop('u', 0, POSITION_DIGITS, [
                    when(eq(r('dec'), 1), [call('floatCompare', [...stF(r('j'), add(layout.position, r('u'))), ...stF(r('i'), add(layout.position, r('u')))], ['c']), set('dec', r('c'))]),
                  ]),
                ]
              : []),
            when(eq(r('dec'), 2), [set('os', 0), set('om', 0), set('oe', 0)], body),
          ]),
        );
        return name;
      }),
    );
    // f: args a_0 … a_{H−1}, h
    const args: [string, E][] = [...Array.from({ length: H }, (_, hi) => [`a${hi}`, SB] as [string, E]), ['h', SB]];
    const argE = args.map((a) => r(a[0]));
    const nTerms = 1 + hs.reduce((s, at) => s + at.dHead, 0);
    const yBody: Stmt[] = [emit(tag, ...stF(r('h'), r('k')))];
    layer.heads.forEach((head, hi) => {
      const at = hs[hi]!;
      const base = wl.layers[l]!.heads[hi]!.wo;
      yBody.push(
        loop('rr', 0, at.dHead, [
          flw(add(base, add(mul(r('k'), at.dHead), r('rr'))), 'a'),
          call('floatMul', [...frE('a'), ...stF(r(`a${hi}`), add(at.v, r('rr')))], fr('c')),
          emitF('c'),
        ]),
      );
    });
    sum(`sgY${l}`, [...args, ['k', d + 1]], { ...scratch, rr: Math.max(...hs.map((x) => x.dHead), 0) + 1 }, yBody, nTerms);
    const yInto = (k: E, into: string): Stmt[] => [call(`sgY${l}`, [...argE, k], fr(into))];
    let xInto = yInto;
    const ffn = layer.ffn;
    const fl = wl.layers[l]!.ffn;
    if (ffn !== null && fl !== null) {
      const hidden = ffn.w1.length;
      sum(
        `sgU${l}`,
        [...args, ['t', hidden + 1]],
        scratch,
        [
          loop('kk', 0, d, [flw(add(fl.w1, add(mul(r('t'), d), r('kk'))), 'a'), when(ne(r('am'), 0), [...yInto(r('kk'), 'b'), mulInto('a', 'b', 'c'), emitF('c')])]),
          flw(add(fl.b1, r('t')), 'a'),
          emitF('a'),
        ],
        d + 1,
      );
      sum(
        `sgXp${l}`,
        [...args, ['k', d + 1]],
        { ...scratch, tt: hidden + 1 },
        [
          ...yInto(r('k'), 'c'),
          emitF('c'),
          loop('tt', 0, hidden, [
            flw(add(fl.w2, add(mul(r('k'), hidden), r('tt'))), 'a'),
            when(ne(r('am'), 0), [
              call(`sgU${l}`, [...argE, r('tt')], fr('b')),
              // ReLU: itself when positive, else zero
              when(or(eq(r('bs'), 1), eq(r('bm'), 0)), [set('bs', 0), set('bm', 0), set('be', 0)]),
              mulInto('a', 'b', 'c'),
              emitF('c'),
            ]),
          ]),
          flw(add(fl.b2, r('k')), 'a'),
          emitF('a'),
        ],
        hidden + 2,
      );
      xInto = (k, into) => [call(`sgXp${l}`, [...argE, k], fr(into))];
    }
    const src: XSrc = { args, x: xInto };
    const names = qkv(l + 1, `F${l}`, src);
    const name = `sgUpdate${l}`;
    procs.push(
      proc(name, { ...Object.fromEntries(args), t: W, ...FLR('o') }, [...args.map((a) => a[0]), 't'], fr('o'), [
        // the next state's layout is layer l + 1's; the position digits are copied from h
        ...stateCoord(l + 1, src, names, (u) => [call('sgCopy', stF(r('h'), add(layout.position, u)), fr('o'))]),
      ]),
    );
    update.push(name);
  });
  // sgCopy(s, m, e) → the same float (reads three tape cells into registers)
  procs.push(proc('sgCopy', { ...FLR('i'), ...FLR('o') }, fr('i'), fr('o'), [set('os', r('is')), set('om', r('im')), set('oe', r('ie'))]));
  return right({ procs: [...ALL_FLOAT_PROCS, ...procs], width: W, embed: 'sgEmbed', score, update });
};
