/*
 * bench/c/evaluate.c -- a plain C bit-parallel evaluator, the yardstick of `npm run bench -- eval`.
 *
 * Reads a circuit in the CSR form written by bench/eval.bench.ts (see `writeCsr` there), plus
 * input words, evaluates every gate on W 64-bit words per gate per pass (W*64 assignments per
 * pass; W is a compile-time constant, default 4), times `reps` repetitions of all passes, writes
 * the output words to a file (for the agreement check) and prints one line of JSON.
 *
 * Semantics as src/core/evaluate.ts: input, const, NOT, AND (AND() = 1), OR (OR() = 0),
 * theta>=k: sum w*x >= k, theta<=k: sum w*x <= k (w = 1 when unweighted). The algorithms are
 * the same as src/core/evaluateBitParallel.ts (Harley-Seal carry-save counting for unweighted
 * thresholds with fan-in < 128; a bit-sliced ripple counter otherwise), written as loops over
 * the W words of a gate, which gcc/clang vectorize at -O3 -march=native. The Harley-Seal path
 * keeps its seven counter words in locals of a GCC vector type (W words; a plain u64 at W = 1),
 * so they stay in registers: against the first version (counters in a c[7][W] array, which gcc
 * kept in memory) that is the same algorithm, 1.3-1.5x faster at W = 2 and 4 on a 20,000-gate
 * benchmark circuit and the same at W = 1; the last (fan-in mod 8) wires go in as a block of 4,
 * a block of 2 and a single wire, as in the JS and WebAssembly evaluators (changes that make the
 * baseline faster, made when the WebAssembly path overtook it at equal lanes).
 *
 * File format (little endian):
 *   "PTC1", u32 numGates, u32 numInputs, u32 numWires, u32 numOutputs, u32 hasWeights,
 *   u32 numChunks (64-lane input chunks),
 *   u8 kind[numGates] (padded with zeros to a multiple of 4 bytes), i32 param[numGates],
 *   u32 faninStart[numGates + 1], u32 fanin[numWires], i32 weight[numWires] if hasWeights,
 *   u32 outputs[numOutputs], u64 inputs[numChunks][numInputs].
 * Output file: u64 outputs[numChunks][numOutputs].
 *
 * Build: cc -O3 -march=native [-DW=4] -o evaluate evaluate.c
 * Run:   ./evaluate circuit.bin out.bin reps [times.txt]   (times.txt: each timed pass in ms, one a line)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifndef W
#define W 4
#endif

typedef uint64_t u64;
enum { K_INPUT = 0, K_CONST = 1, K_NOT = 2, K_AND = 3, K_OR = 4, K_GE = 5, K_LE = 6 };

static uint32_t n, ni, m, no, hasw, nchunks;
static uint8_t *kind;
static int32_t *param, *weight;
static uint32_t *fstart, *fanin, *outs;
static u64 *inputs, *v;

static void *readn(FILE *f, size_t bytes) {
  void *p = aligned_alloc(64, bytes < 64 ? 64 : (bytes + 63) / 64 * 64);
  if (p == NULL || fread(p, 1, bytes, f) != bytes) { fprintf(stderr, "evaluate.c: short read\n"); exit(2); }
  return p;
}

static int bitlen(u64 t) { int b = 0; while (t) { b++; t >>= 1; } return b; }

/* count >= K (K >= 1) on unweighted wires s..e-1, fan-in < 128: Harley-Seal, 8 wires per step.
   The W words of a gate are one GCC vector (vector_size 8*W), so the seven counter words stay in
   registers (AVX2 for W = 4 under -march=native). */
#if W == 1
typedef u64 vec; /* a one-element GCC vector compiles worse than a plain word */
#else
typedef u64 vec __attribute__((vector_size(8 * W)));
#endif
static inline vec ld(uint32_t g) { vec x; memcpy(&x, v + (size_t)g * W, sizeof x); return x; }
#define CSA(h, l, a, b) do { vec u_ = (l) ^ (a); (h) = ((l) & (a)) | (u_ & (b)); (l) = u_ ^ (b); } while (0)
static void small_ge(u64 *restrict r, uint32_t s, uint32_t e, int K) {
  vec ones, twos, fours, b3, b4, b5, b6, t, x;
  memset(&ones, 0, sizeof ones); twos = fours = b3 = b4 = b5 = b6 = ones;
  vec tA, tB, fA, fB;
  uint32_t w = s;
  for (; w + 8 <= e; w += 8) {
    CSA(tA, ones, ld(fanin[w]), ld(fanin[w + 1]));
    CSA(tB, ones, ld(fanin[w + 2]), ld(fanin[w + 3]));
    CSA(fA, twos, tA, tB);
    CSA(tA, ones, ld(fanin[w + 4]), ld(fanin[w + 5]));
    CSA(tB, ones, ld(fanin[w + 6]), ld(fanin[w + 7]));
    CSA(fB, twos, tA, tB);
    CSA(x, fours, fA, fB);
    t = b3 & x; b3 ^= x; x = t;
    t = b4 & x; b4 ^= x; x = t;
    t = b5 & x; b5 ^= x; b6 ^= t;
  }
  if (w + 4 <= e) { /* a block of 4, as evaluateBitParallel.ts */
    CSA(tA, ones, ld(fanin[w]), ld(fanin[w + 1]));
    CSA(tB, ones, ld(fanin[w + 2]), ld(fanin[w + 3]));
    CSA(x, twos, tA, tB);
    t = fours & x; fours ^= x; x = t;
    t = b3 & x; b3 ^= x; x = t;
    t = b4 & x; b4 ^= x; x = t;
    t = b5 & x; b5 ^= x; b6 ^= t;
    w += 4;
  }
  if (w + 2 <= e) { /* a block of 2 */
    CSA(x, ones, ld(fanin[w]), ld(fanin[w + 1]));
    t = twos & x; twos ^= x; x = t;
    t = fours & x; fours ^= x; x = t;
    t = b3 & x; b3 ^= x; x = t;
    t = b4 & x; b4 ^= x; x = t;
    t = b5 & x; b5 ^= x; b6 ^= t;
    w += 2;
  }
  for (; w < e; w++) {
    x = ld(fanin[w]);
    t = ones & x; ones ^= x; x = t;
    t = twos & x; twos ^= x; x = t;
    t = fours & x; fours ^= x; x = t;
    t = b3 & x; b3 ^= x; x = t;
    t = b4 & x; b4 ^= x; x = t;
    t = b5 & x; b5 ^= x; b6 ^= t;
  }
  vec c[7] = {ones, twos, fours, b3, b4, b5, b6};
  vec q = ones ^ ones; q = ~q;
  for (int j = 0; j < 7; j++) q = ((K >> j) & 1) ? (c[j] & q) : (c[j] | q);
  memcpy(r, &q, sizeof q);
}

/* count >= K (1 <= K <= total) on wires s..e-1 with weights (|w|, negated x where w < 0): ripple counter. */
static void general_ge(u64 *restrict r, uint32_t s, uint32_t e, long long K, int B) {
  u64 c[64][W];
  for (int j = 0; j < B; j++) for (int k = 0; k < W; k++) c[j][k] = 0;
  for (uint32_t w = s; w < e; w++) {
    long long wt = hasw ? weight[w] : 1;
    if (wt == 0) continue;
    const u64 *p = v + (size_t)fanin[w] * W;
    u64 flip = wt < 0 ? ~(u64)0 : 0;
    u64 mag = (u64)(wt < 0 ? -wt : wt);
    for (int b = 0; mag; b++, mag >>= 1) {
      if (!(mag & 1)) continue;
      for (int k = 0; k < W; k++) {
        u64 x = p[k] ^ flip;
        for (int j = b; j < B; j++) { u64 t = c[j][k] & x; c[j][k] ^= x; x = t; }
      }
    }
  }
  for (int k = 0; k < W; k++) {
    u64 q = ~(u64)0;
    for (int j = 0; j < B; j++) q = ((K >> j) & 1) ? (c[j][k] & q) : (c[j][k] | q);
    r[k] = q;
  }
}

static void pass(const u64 *in) { /* in: W words per input, input j word k at in[j*W + k] */
  uint32_t e = fstart[0];
  for (uint32_t i = 0; i < n; i++) {
    uint32_t s = e;
    e = fstart[i + 1];
    u64 *restrict r = v + (size_t)i * W;
    switch (kind[i]) {
      case K_AND: {
        u64 acc[W];
        for (int k = 0; k < W; k++) acc[k] = ~(u64)0;
        for (uint32_t w = s; w < e; w++) { const u64 *p = v + (size_t)fanin[w] * W; for (int k = 0; k < W; k++) acc[k] &= p[k]; }
        for (int k = 0; k < W; k++) r[k] = acc[k];
        break;
      }
      case K_OR: {
        u64 acc[W];
        for (int k = 0; k < W; k++) acc[k] = 0;
        for (uint32_t w = s; w < e; w++) { const u64 *p = v + (size_t)fanin[w] * W; for (int k = 0; k < W; k++) acc[k] |= p[k]; }
        for (int k = 0; k < W; k++) r[k] = acc[k];
        break;
      }
      case K_GE: case K_LE: {
        int ge = kind[i] == K_GE;
        long long total = 0, neg = 0;
        for (uint32_t w = s; w < e; w++) { long long wt = hasw ? weight[w] : 1; if (wt < 0) { total -= wt; neg -= wt; } else total += wt; }
        long long K = (ge ? (long long)param[i] : (long long)param[i] + 1) + neg;
        u64 q[W];
        if (K <= 0) for (int k = 0; k < W; k++) q[k] = ~(u64)0;
        else if (K > total) for (int k = 0; k < W; k++) q[k] = 0;
        else if (!hasw && e - s < 128) small_ge(q, s, e, (int)K);
        else general_ge(q, s, e, K, bitlen((u64)total));
        for (int k = 0; k < W; k++) r[k] = ge ? q[k] : ~q[k];
        break;
      }
      case K_NOT: { const u64 *p = v + (size_t)fanin[s] * W; for (int k = 0; k < W; k++) r[k] = ~p[k]; break; }
      case K_INPUT: for (int k = 0; k < W; k++) r[k] = in[(size_t)param[i] * W + k]; break;
      default: for (int k = 0; k < W; k++) r[k] = param[i] ? ~(u64)0 : 0;
    }
  }
}

/* CPU time of this process (the machine may be shared: wall time would count other processes' turns). */
static double now_ms(void) { struct timespec t; clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t); return t.tv_sec * 1e3 + t.tv_nsec / 1e6; }
static int cmpd(const void *a, const void *b) { double x = *(const double *)a, y = *(const double *)b; return (x > y) - (x < y); }

int main(int argc, char **argv) {
  if (argc < 4) { fprintf(stderr, "usage: evaluate circuit.bin out.bin reps [times.txt]\n"); return 2; }
  FILE *f = fopen(argv[1], "rb");
  if (!f) { perror(argv[1]); return 2; }
  char magic[4];
  uint32_t hdr[6];
  if (fread(magic, 1, 4, f) != 4 || memcmp(magic, "PTC1", 4) || fread(hdr, 4, 6, f) != 6) { fprintf(stderr, "evaluate.c: bad header\n"); return 2; }
  n = hdr[0]; ni = hdr[1]; m = hdr[2]; no = hdr[3]; hasw = hdr[4]; nchunks = hdr[5];
  kind = readn(f, (n + 3) / 4 * 4);
  param = readn(f, (size_t)n * 4);
  fstart = readn(f, ((size_t)n + 1) * 4);
  fanin = readn(f, (size_t)m * 4);
  weight = hasw ? readn(f, (size_t)m * 4) : NULL;
  outs = readn(f, (size_t)no * 4);
  inputs = readn(f, (size_t)nchunks * ni * 8);
  fclose(f);
  int reps = atoi(argv[3]);
  if (reps < 1) reps = 1;
  uint32_t passes = (nchunks + W - 1) / W;
  v = aligned_alloc(64, (size_t)n * W * 8 + 64);
  u64 *in = aligned_alloc(64, (size_t)ni * W * 8 + 64);
  u64 *result = calloc((size_t)passes * W * no, 8);
  double *ms = malloc(sizeof(double) * (size_t)reps * passes);
  for (int rep = -1; rep < reps; rep++) { /* rep -1: untimed warmup */
    for (uint32_t p = 0; p < passes; p++) {
      for (uint32_t j = 0; j < ni; j++)
        for (int k = 0; k < W; k++) { uint32_t ch = p * W + k; in[(size_t)j * W + k] = ch < nchunks ? inputs[(size_t)ch * ni + j] : 0; }
      double t0 = now_ms();
      pass(in);
      double t1 = now_ms();
      if (rep >= 0) ms[(size_t)rep * passes + p] = t1 - t0;
      for (uint32_t o = 0; o < no; o++)
        for (int k = 0; k < W; k++) result[((size_t)p * W + k) * no + o] = v[(size_t)outs[o] * W + k];
    }
  }
  FILE *g = fopen(argv[2], "wb");
  if (!g || fwrite(result, 8, (size_t)nchunks * no, g) != (size_t)nchunks * no) { fprintf(stderr, "evaluate.c: cannot write %s\n", argv[2]); return 2; }
  fclose(g);
  size_t ns = (size_t)reps * passes;
  if (argc > 4) { /* per-pass times, one per line, in run order */
    FILE *t = fopen(argv[4], "w");
    if (!t) { perror(argv[4]); return 2; }
    for (size_t i = 0; i < ns; i++) fprintf(t, "%.6f\n", ms[i]);
    fclose(t);
  }
  qsort(ms, ns, sizeof(double), cmpd);
  double sum = 0;
  for (size_t i = 0; i < ns; i++) sum += ms[i];
  double med = ns % 2 ? ms[ns / 2] : (ms[ns / 2 - 1] + ms[ns / 2]) / 2;
  printf("{\"wordsPerGate\":%d,\"lanesPerPass\":%d,\"passes\":%zu,\"medianMsPerPass\":%.6f,\"meanMsPerPass\":%.6f,\"minMsPerPass\":%.6f,\"valueBytesPerGate\":%d}\n",
         W, W * 64, ns, med, sum / ns, ms[0], W * 8);
  return 0;
}
