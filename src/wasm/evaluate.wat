;; src/wasm/evaluate.wat -- the bit-parallel circuit evaluator in WebAssembly SIMD (128 lanes).
;;
;; Assembled by `npm run build:wasm` (scripts/buildWasm.ts, with the `wabt` npm package) into
;; src/core/evaluateWasmModule.ts; test/evaluateWasm.test.ts checks that the committed bytes
;; equal a rebuild of this file. Loaded and driven by src/core/evaluateWasm.ts.
;;
;; One v128 per gate: lane b (bit b of the 128, i.e. bit b mod 32 of i32 lane b div 32) is the
;; gate's value under assignment b -- the layout of `evaluateWordsWide` with 4 words per gate.
;; Semantics exactly those of src/core/evaluate.ts (see src/core/evaluateBitParallel.ts): input,
;; const, NOT, AND (AND() = 1), OR (OR() = 0), theta>=k: sum w*x >= k, theta<=k: sum w*x <= k.
;; Algorithms those of evaluateBitParallel.ts and bench/c/evaluate.c: Harley-Seal carry-save
;; counting for unweighted thresholds of fan-in < 128, a bit-sliced ripple counter otherwise.
;;
;; Memory (imported, laid out by evaluateWasm.ts; all byte addresses):
;;   values  at 0:      v128 value[n]           (gate g's value at 16*g)
;;   $in:               v128 input[numInputs]
;;   $cnt:              v128 counter[64]        (ripple-counter scratch)
;;   $kind:             u8 kind[n]              (0 input, 1 const, 2 NOT, 3 AND, 4 OR, 5 >=, 6 <=)
;;   $param:            i32 param[n]
;;   $start:            u32 faninStart[n + 1]
;;   $fanin:            u32 16*fanin[m]         (argument g stored pre-scaled as its value address)
;;   $weight:           i32 weight[m], or $weight = 0 when the circuit is unweighted
(module
  (import "env" "memory" (memory 1))

  ;; ripple-add x into counter bits j = b .. B-1 (stop once the carry is 0)
  (func $ripple (param $cnt i32) (param $x v128) (param $b i32) (param $B i32)
    (local $a i32) (local $t v128)
    (local.set $a (i32.add (local.get $cnt) (i32.shl (local.get $b) (i32.const 4))))
    (block $out
      (loop $next
        (br_if $out (i32.ge_u (local.get $b) (local.get $B)))
        (br_if $out (i32.eqz (v128.any_true (local.get $x))))
        (local.set $t (v128.load (local.get $a)))
        (v128.store (local.get $a) (v128.xor (local.get $t) (local.get $x)))
        (local.set $x (v128.and (local.get $x) (local.get $t)))
        (local.set $a (i32.add (local.get $a) (i32.const 16)))
        (local.set $b (i32.add (local.get $b) (i32.const 1)))
        (br $next))))

  ;; count >= K on the ripple counter (B bits at $cnt), least significant bit first
  (func $compare (param $cnt i32) (param $K i64) (param $B i32) (result v128)
    (local $r v128) (local $c v128) (local $j i32)
    (local.set $r (v128.const i32x4 -1 -1 -1 -1))
    (block $out
      (loop $next
        (br_if $out (i32.ge_u (local.get $j) (local.get $B)))
        (local.set $c (v128.load (i32.add (local.get $cnt) (i32.shl (local.get $j) (i32.const 4)))))
        (if (i64.eqz (i64.and (i64.shr_u (local.get $K) (i64.extend_i32_u (local.get $j))) (i64.const 1)))
          (then (local.set $r (v128.or (local.get $c) (local.get $r))))
          (else (local.set $r (v128.and (local.get $c) (local.get $r)))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $next)))
    (local.get $r))

  ;; count >= K (1 <= K <= total) on wires s..e-1 (weights at $weight, or all 1 when $weight = 0):
  ;; x is negated where w < 0 (the caller has added |w| to K), then added at every set bit of |w|.
  (func $general (param $fanin i32) (param $weight i32) (param $cnt i32) (param $s i32) (param $e i32) (param $K i64) (param $B i32) (result v128)
    (local $j i32) (local $w i32) (local $wt i32) (local $x v128) (local $b i32)
    (loop $clear
      (if (i32.lt_u (local.get $j) (local.get $B))
        (then
          (v128.store (i32.add (local.get $cnt) (i32.shl (local.get $j) (i32.const 4))) (v128.const i32x4 0 0 0 0))
          (local.set $j (i32.add (local.get $j) (i32.const 1)))
          (br $clear))))
    (local.set $w (local.get $s))
    (block $done
      (loop $wire
        (br_if $done (i32.ge_u (local.get $w) (local.get $e)))
        (local.set $wt (i32.const 1))
        (if (local.get $weight)
          (then (local.set $wt (i32.load (i32.add (local.get $weight) (i32.shl (local.get $w) (i32.const 2)))))))
        (if (local.get $wt)
          (then
            (local.set $x (v128.load (i32.load (i32.add (local.get $fanin) (i32.shl (local.get $w) (i32.const 2))))))
            (if (i32.lt_s (local.get $wt) (i32.const 0))
              (then
                (local.set $x (v128.not (local.get $x)))
                (local.set $wt (i32.sub (i32.const 0) (local.get $wt)))))
            (local.set $b (i32.const 0))
            (loop $bit
              (if (i32.and (local.get $wt) (i32.const 1))
                (then (call $ripple (local.get $cnt) (local.get $x) (local.get $b) (local.get $B))))
              (local.set $b (i32.add (local.get $b) (i32.const 1)))
              (local.set $wt (i32.shr_u (local.get $wt) (i32.const 1)))
              (br_if $bit (local.get $wt)))))
        (local.set $w (i32.add (local.get $w) (i32.const 1)))
        (br $wire)))
    (call $compare (local.get $cnt) (local.get $K) (local.get $B)))

  ;; count >= K (1 <= K <= e - s < 128) on unweighted wires at pointers p .. pe (4 bytes each):
  ;; Harley-Seal, 8 wires -> one `eights` word via 7 carry-save adders, rippled into bits 3-6.
  (func $small (param $p i32) (param $pe i32) (param $K i32) (result v128)
    (local $ones v128) (local $twos v128) (local $fours v128)
    (local $b3 v128) (local $b4 v128) (local $b5 v128) (local $b6 v128)
    (local $a v128) (local $b v128) (local $c v128) (local $d v128)
    (local $u v128) (local $tA v128) (local $tB v128) (local $fA v128) (local $fB v128)
    (local $x v128) (local $t v128) (local $r v128)
    (block $tail8
      (loop $eight
        (br_if $tail8 (i32.gt_u (i32.add (local.get $p) (i32.const 32)) (local.get $pe)))
        (local.set $a (v128.load (i32.load offset=0 (local.get $p))))
        (local.set $b (v128.load (i32.load offset=4 (local.get $p))))
        (local.set $c (v128.load (i32.load offset=8 (local.get $p))))
        (local.set $d (v128.load (i32.load offset=12 (local.get $p))))
        (local.set $u (v128.xor (local.get $ones) (local.get $a)))
        (local.set $tA (v128.or (v128.and (local.get $ones) (local.get $a)) (v128.and (local.get $u) (local.get $b))))
        (local.set $ones (v128.xor (local.get $u) (local.get $b)))
        (local.set $u (v128.xor (local.get $ones) (local.get $c)))
        (local.set $tB (v128.or (v128.and (local.get $ones) (local.get $c)) (v128.and (local.get $u) (local.get $d))))
        (local.set $ones (v128.xor (local.get $u) (local.get $d)))
        (local.set $u (v128.xor (local.get $twos) (local.get $tA)))
        (local.set $fA (v128.or (v128.and (local.get $twos) (local.get $tA)) (v128.and (local.get $u) (local.get $tB))))
        (local.set $twos (v128.xor (local.get $u) (local.get $tB)))
        (local.set $a (v128.load (i32.load offset=16 (local.get $p))))
        (local.set $b (v128.load (i32.load offset=20 (local.get $p))))
        (local.set $c (v128.load (i32.load offset=24 (local.get $p))))
        (local.set $d (v128.load (i32.load offset=28 (local.get $p))))
        (local.set $u (v128.xor (local.get $ones) (local.get $a)))
        (local.set $tA (v128.or (v128.and (local.get $ones) (local.get $a)) (v128.and (local.get $u) (local.get $b))))
        (local.set $ones (v128.xor (local.get $u) (local.get $b)))
        (local.set $u (v128.xor (local.get $ones) (local.get $c)))
        (local.set $tB (v128.or (v128.and (local.get $ones) (local.get $c)) (v128.and (local.get $u) (local.get $d))))
        (local.set $ones (v128.xor (local.get $u) (local.get $d)))
        (local.set $u (v128.xor (local.get $twos) (local.get $tA)))
        (local.set $fB (v128.or (v128.and (local.get $twos) (local.get $tA)) (v128.and (local.get $u) (local.get $tB))))
        (local.set $twos (v128.xor (local.get $u) (local.get $tB)))
        (local.set $u (v128.xor (local.get $fours) (local.get $fA)))
        (local.set $x (v128.or (v128.and (local.get $fours) (local.get $fA)) (v128.and (local.get $u) (local.get $fB))))
        (local.set $fours (v128.xor (local.get $u) (local.get $fB)))
        (local.set $t (v128.and (local.get $b3) (local.get $x)))
        (local.set $b3 (v128.xor (local.get $b3) (local.get $x)))
        (local.set $x (local.get $t))
        (local.set $t (v128.and (local.get $b4) (local.get $x)))
        (local.set $b4 (v128.xor (local.get $b4) (local.get $x)))
        (local.set $x (local.get $t))
        (local.set $t (v128.and (local.get $b5) (local.get $x)))
        (local.set $b5 (v128.xor (local.get $b5) (local.get $x)))
        (local.set $b6 (v128.xor (local.get $b6) (local.get $t)))
        (local.set $p (i32.add (local.get $p) (i32.const 32)))
        (br $eight)))
    ;; a block of 4: two CSAs into twos' carry, rippled into fours .. b6
    (if (i32.le_u (i32.add (local.get $p) (i32.const 16)) (local.get $pe))
      (then
        (local.set $a (v128.load (i32.load offset=0 (local.get $p))))
        (local.set $b (v128.load (i32.load offset=4 (local.get $p))))
        (local.set $c (v128.load (i32.load offset=8 (local.get $p))))
        (local.set $d (v128.load (i32.load offset=12 (local.get $p))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (local.set $u (v128.xor (local.get $ones) (local.get $a)))
        (local.set $tA (v128.or (v128.and (local.get $ones) (local.get $a)) (v128.and (local.get $u) (local.get $b))))
        (local.set $ones (v128.xor (local.get $u) (local.get $b)))
        (local.set $u (v128.xor (local.get $ones) (local.get $c)))
        (local.set $tB (v128.or (v128.and (local.get $ones) (local.get $c)) (v128.and (local.get $u) (local.get $d))))
        (local.set $ones (v128.xor (local.get $u) (local.get $d)))
        (local.set $u (v128.xor (local.get $twos) (local.get $tA)))
        (local.set $x (v128.or (v128.and (local.get $twos) (local.get $tA)) (v128.and (local.get $u) (local.get $tB))))
        (local.set $twos (v128.xor (local.get $u) (local.get $tB)))
        (local.set $t (v128.and (local.get $fours) (local.get $x)))
        (local.set $fours (v128.xor (local.get $fours) (local.get $x)))
        (local.set $x (local.get $t))
        (local.set $t (v128.and (local.get $b3) (local.get $x)))
        (local.set $b3 (v128.xor (local.get $b3) (local.get $x)))
        (local.set $x (local.get $t))
        (local.set $t (v128.and (local.get $b4) (local.get $x)))
        (local.set $b4 (v128.xor (local.get $b4) (local.get $x)))
        (local.set $x (local.get $t))
        (local.set $t (v128.and (local.get $b5) (local.get $x)))
        (local.set $b5 (v128.xor (local.get $b5) (local.get $x)))
        (local.set $b6 (v128.xor (local.get $b6) (local.get $t)))))
    ;; a block of 2: one CSA into ones' carry, rippled into twos .. b6
    (if (i32.le_u (i32.add (local.get $p) (i32.const 8)) (local.get $pe))
      (then
        (local.set $a (v128.load (i32.load offset=0 (local.get $p))))
        (local.set $b (v128.load (i32.load offset=4 (local.get $p))))
        (local.set $p (i32.add (local.get $p) (i32.const 8)))
        (local.set $u (v128.xor (local.get $ones) (local.get $a)))
        (local.set $x (v128.or (v128.and (local.get $ones) (local.get $a)) (v128.and (local.get $u) (local.get $b))))
        (local.set $ones (v128.xor (local.get $u) (local.get $b)))
        (local.set $t (v128.and (local.get $twos) (local.get $x)))
        (local.set $twos (v128.xor (local.get $twos) (local.get $x)))
        (local.set $x (local.get $t))
        (local.set $t (v128.and (local.get $fours) (local.get $x)))
        (local.set $fours (v128.xor (local.get $fours) (local.get $x)))
        (local.set $x (local.get $t))
        (local.set $t (v128.and (local.get $b3) (local.get $x)))
        (local.set $b3 (v128.xor (local.get $b3) (local.get $x)))
        (local.set $x (local.get $t))
        (local.set $t (v128.and (local.get $b4) (local.get $x)))
        (local.set $b4 (v128.xor (local.get $b4) (local.get $x)))
        (local.set $x (local.get $t))
        (local.set $t (v128.and (local.get $b5) (local.get $x)))
        (local.set $b5 (v128.xor (local.get $b5) (local.get $x)))
        (local.set $b6 (v128.xor (local.get $b6) (local.get $t)))))
    ;; a single wire, rippled into ones .. b6
    (if (i32.lt_u (local.get $p) (local.get $pe))
      (then
        (local.set $x (v128.load (i32.load offset=0 (local.get $p))))
        (local.set $t (v128.and (local.get $ones) (local.get $x)))
        (local.set $ones (v128.xor (local.get $ones) (local.get $x)))
        (local.set $x (local.get $t))
        (local.set $t (v128.and (local.get $twos) (local.get $x)))
        (local.set $twos (v128.xor (local.get $twos) (local.get $x)))
        (local.set $x (local.get $t))
        (local.set $t (v128.and (local.get $fours) (local.get $x)))
        (local.set $fours (v128.xor (local.get $fours) (local.get $x)))
        (local.set $x (local.get $t))
        (local.set $t (v128.and (local.get $b3) (local.get $x)))
        (local.set $b3 (v128.xor (local.get $b3) (local.get $x)))
        (local.set $x (local.get $t))
        (local.set $t (v128.and (local.get $b4) (local.get $x)))
        (local.set $b4 (v128.xor (local.get $b4) (local.get $x)))
        (local.set $x (local.get $t))
        (local.set $t (v128.and (local.get $b5) (local.get $x)))
        (local.set $b5 (v128.xor (local.get $b5) (local.get $x)))
        (local.set $b6 (v128.xor (local.get $b6) (local.get $t)))))
    ;; count >= K, least significant bit first, branch-free: with m = bit j of K spread over all
    ;; lanes, r <- m ? c & r : c | r = (c & r) | ((c | r) & ~m).
    (local.set $r (v128.or (local.get $ones) (i32x4.splat (i32.sub (i32.and (local.get $K) (i32.const 1)) (i32.const 1)))))
    (local.set $r (v128.or (v128.and (local.get $twos) (local.get $r))
      (v128.and (v128.or (local.get $twos) (local.get $r)) (i32x4.splat (i32.sub (i32.and (i32.shr_u (local.get $K) (i32.const 1)) (i32.const 1)) (i32.const 1))))))
    (local.set $r (v128.or (v128.and (local.get $fours) (local.get $r))
      (v128.and (v128.or (local.get $fours) (local.get $r)) (i32x4.splat (i32.sub (i32.and (i32.shr_u (local.get $K) (i32.const 2)) (i32.const 1)) (i32.const 1))))))
    (local.set $r (v128.or (v128.and (local.get $b3) (local.get $r))
      (v128.and (v128.or (local.get $b3) (local.get $r)) (i32x4.splat (i32.sub (i32.and (i32.shr_u (local.get $K) (i32.const 3)) (i32.const 1)) (i32.const 1))))))
    (local.set $r (v128.or (v128.and (local.get $b4) (local.get $r))
      (v128.and (v128.or (local.get $b4) (local.get $r)) (i32x4.splat (i32.sub (i32.and (i32.shr_u (local.get $K) (i32.const 4)) (i32.const 1)) (i32.const 1))))))
    (local.set $r (v128.or (v128.and (local.get $b5) (local.get $r))
      (v128.and (v128.or (local.get $b5) (local.get $r)) (i32x4.splat (i32.sub (i32.and (i32.shr_u (local.get $K) (i32.const 5)) (i32.const 1)) (i32.const 1))))))
    (v128.or (v128.and (local.get $b6) (local.get $r))
      (v128.and (v128.or (local.get $b6) (local.get $r)) (i32x4.splat (i32.sub (i32.and (i32.shr_u (local.get $K) (i32.const 6)) (i32.const 1)) (i32.const 1))))))

  ;; Pre-scale the m argument indices at $p in place (g -> 16*g, the address of g's value): done
  ;; here rather than in a JS loop, which would run once per circuit and so mostly unoptimised.
  (func (export "scale") (param $p i32) (param $m i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $m) (i32.const 2))))
    (block $tail
      (loop $four
        (br_if $tail (i32.gt_u (i32.add (local.get $p) (i32.const 16)) (local.get $end)))
        (v128.store (local.get $p) (i32x4.shl (v128.load (local.get $p)) (i32.const 4)))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $four)))
    (block $done
      (loop $one
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (i32.store (local.get $p) (i32.shl (i32.load (local.get $p)) (i32.const 4)))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (br $one))))

  ;; Evaluate gates 0 .. n-1 in order (arguments precede their gates), writing value[i] at 16*i.
  (func (export "evaluate") (param $n i32) (param $kind i32) (param $param i32) (param $start i32)
      (param $fanin i32) (param $weight i32) (param $in i32) (param $cnt i32)
    (local $i i32) (local $s i32) (local $e i32) (local $p i32) (local $pe i32) (local $k i32)
    (local $acc v128) (local $flip v128) (local $r v128)
    (local $w i32) (local $wt i64) (local $total i64) (local $neg i64) (local $K64 i64)
    (local.set $e (i32.load (local.get $start)))
    (block $end
      (loop $gate
        (br_if $end (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $s (local.get $e))
        (local.set $e (i32.load offset=4 (i32.add (local.get $start) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $p (i32.add (local.get $fanin) (i32.shl (local.get $s) (i32.const 2))))
        (local.set $pe (i32.add (local.get $fanin) (i32.shl (local.get $e) (i32.const 2))))
        (local.set $k (i32.load8_u (i32.add (local.get $kind) (local.get $i))))
        (block $store
          (block $thr
            (block $or
              (block $and
                (block $not
                  (block $const
                    (block $input
                      (br_table $input $const $not $and $or $thr $thr $const (local.get $k)))
                    ;; input: the input word of bit param[i]
                    (local.set $r (v128.load (i32.add (local.get $in)
                      (i32.shl (i32.load (i32.add (local.get $param) (i32.shl (local.get $i) (i32.const 2)))) (i32.const 4)))))
                    (br $store))
                  ;; const: param[i] ? all ones : 0
                  (local.set $r (i32x4.splat (i32.sub (i32.const 0)
                    (i32.ne (i32.load (i32.add (local.get $param) (i32.shl (local.get $i) (i32.const 2)))) (i32.const 0)))))
                  (br $store))
                ;; NOT
                (local.set $r (v128.not (v128.load (i32.load (local.get $p)))))
                (br $store))
              ;; AND, four wires per step
              (local.set $acc (v128.const i32x4 -1 -1 -1 -1))
              (block $a1
                (loop $a4
                  (br_if $a1 (i32.gt_u (i32.add (local.get $p) (i32.const 16)) (local.get $pe)))
                  (local.set $acc (v128.and (local.get $acc)
                    (v128.and
                      (v128.and (v128.load (i32.load offset=0 (local.get $p))) (v128.load (i32.load offset=4 (local.get $p))))
                      (v128.and (v128.load (i32.load offset=8 (local.get $p))) (v128.load (i32.load offset=12 (local.get $p)))))))
                  (local.set $p (i32.add (local.get $p) (i32.const 16)))
                  (br $a4)))
              (block $a0
                (loop $a
                  (br_if $a0 (i32.ge_u (local.get $p) (local.get $pe)))
                  (local.set $acc (v128.and (local.get $acc) (v128.load (i32.load (local.get $p)))))
                  (local.set $p (i32.add (local.get $p) (i32.const 4)))
                  (br $a)))
              (local.set $r (local.get $acc))
              (br $store))
            ;; OR, four wires per step
            (local.set $acc (v128.const i32x4 0 0 0 0))
            (block $o1
              (loop $o4
                (br_if $o1 (i32.gt_u (i32.add (local.get $p) (i32.const 16)) (local.get $pe)))
                (local.set $acc (v128.or (local.get $acc)
                  (v128.or
                    (v128.or (v128.load (i32.load offset=0 (local.get $p))) (v128.load (i32.load offset=4 (local.get $p))))
                    (v128.or (v128.load (i32.load offset=8 (local.get $p))) (v128.load (i32.load offset=12 (local.get $p)))))))
                (local.set $p (i32.add (local.get $p) (i32.const 16)))
                (br $o4)))
            (block $o0
              (loop $o
                (br_if $o0 (i32.ge_u (local.get $p) (local.get $pe)))
                (local.set $acc (v128.or (local.get $acc) (v128.load (i32.load (local.get $p)))))
                (local.set $p (i32.add (local.get $p) (i32.const 4)))
                (br $o)))
            (local.set $r (local.get $acc))
            (br $store))
          ;; thresholds: theta>=k is count >= k; theta<=k is not(count >= k + 1)
          (local.set $K64 (i64.extend_i32_s (i32.load (i32.add (local.get $param) (i32.shl (local.get $i) (i32.const 2))))))
          (local.set $flip (v128.const i32x4 0 0 0 0))
          (if (i32.eq (local.get $k) (i32.const 6))
            (then
              (local.set $K64 (i64.add (local.get $K64) (i64.const 1)))
              (local.set $flip (v128.const i32x4 -1 -1 -1 -1))))
          (if (local.get $weight)
            (then
              ;; weighted: sum w*x = sum |w|*x' - neg with x' = not x where w < 0
              (local.set $total (i64.const 0))
              (local.set $neg (i64.const 0))
              (local.set $w (local.get $s))
              (block $sd
                (loop $sum
                  (br_if $sd (i32.ge_u (local.get $w) (local.get $e)))
                  (local.set $wt (i64.extend_i32_s (i32.load (i32.add (local.get $weight) (i32.shl (local.get $w) (i32.const 2))))))
                  (if (i64.lt_s (local.get $wt) (i64.const 0))
                    (then
                      (local.set $total (i64.sub (local.get $total) (local.get $wt)))
                      (local.set $neg (i64.sub (local.get $neg) (local.get $wt))))
                    (else (local.set $total (i64.add (local.get $total) (local.get $wt)))))
                  (local.set $w (i32.add (local.get $w) (i32.const 1)))
                  (br $sum))))
            (else
              (local.set $total (i64.extend_i32_u (i32.sub (local.get $e) (local.get $s))))
              (local.set $neg (i64.const 0))))
          (local.set $K64 (i64.add (local.get $K64) (local.get $neg)))
          (if (i64.le_s (local.get $K64) (i64.const 0))
            (then (local.set $r (v128.const i32x4 -1 -1 -1 -1)))
            (else
              (if (i64.gt_s (local.get $K64) (local.get $total))
                (then (local.set $r (v128.const i32x4 0 0 0 0)))
                (else
                  (if (i32.and (i32.eqz (local.get $weight)) (i64.lt_u (local.get $total) (i64.const 128)))
                    (then (local.set $r (call $small (local.get $p) (local.get $pe) (i32.wrap_i64 (local.get $K64)))))
                    (else
                      (local.set $r (call $general (local.get $fanin) (local.get $weight) (local.get $cnt)
                        (local.get $s) (local.get $e) (local.get $K64)
                        (i32.sub (i32.const 64) (i32.wrap_i64 (i64.clz (local.get $total))))))))))))
          (local.set $r (v128.xor (local.get $r) (local.get $flip))))
        (v128.store (i32.shl (local.get $i) (i32.const 4)) (local.get $r))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $gate))))
)
