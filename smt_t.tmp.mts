import { checkCircuitSmt } from '/work/main/src/core/checkSmt.js';
import { sweptFamilies } from '/work/main/src/proofs/sweeps.js';
for (let i = 0; i < 3; i++) for (const fam of sweptFamilies.filter(f => f.smt)) for (const p of fam.smt!.points) {
  const t = performance.now();
  process.stdout.write(`${fam.id} ${JSON.stringify(p)} ... `);
  const r = await checkCircuitSmt(fam.build(p), fam.smt!.spec(p), p, 's');
  console.log(r._tag, Math.round(performance.now()-t));
}
console.log('done');
