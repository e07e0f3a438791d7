// The per-village summary model against a hand-written baseline of the same result, interleaved,
// in a process of its own: npm run bench starts it with the server's node flags on its province
// and reads the times (ms) it prints as JSON.

import { getDatabase } from "../../db/client";
import { changeRatio } from "~/lib/money";
import { BANDS, bandOf, operatingIncome } from "~/lib/rules";
import { yearRules } from "~/models/settings.server";
import { villageIncomeSummary } from "~/models/summary.server";

const year = Number(process.env.BENCH_YEAR);
const { client } = await getDatabase();

async function baseline() {
  const { rows: res } = await client.execute(`SELECT json_group_array(json_array(v.id, v.name, v.code, v.township_id,
      COALESCE(c.operating, 0), COALESCE(c.contracting, 0), COALESCE(c.investment, 0), COALESCE(c.subsidy, 0),
      COALESCE(c.other, 0), COALESCE(p.total_fen, 0))) AS j
    FROM villages v LEFT JOIN village_year_income c ON c.year = ${year} AND c.village_id = v.id
    LEFT JOIN village_year_income p ON p.year = ${year - 1} AND p.village_id = v.id`);
  const tuples = JSON.parse(String(res[0].j)) as [
    number,
    string,
    string,
    number,
    number,
    number,
    number,
    number,
    number,
    number
  ][];
  const townships = new Map(
    (await client.execute("SELECT id, name, code FROM townships")).rows.map((t) => [Number(t.id), t])
  );
  const rules = await yearRules(year);
  const threshold = rules.weakThresholdFen;
  const cmp = (a: unknown, b: unknown) => (a === b ? 0 : String(a) < String(b) ? -1 : 1);
  const out = tuples.map(([id, name, code, tid, a, b, c, d, e, last]) => {
    const total = a + b + c + d + e;
    const op = operatingIncome({ operating: a, contracting: b, investment: c, subsidy: d, other: e }, rules);
    return {
      id,
      name,
      code,
      tid,
      tname: String(townships.get(tid)?.name),
      a,
      b,
      c,
      d,
      e,
      total,
      op,
      last,
      change: changeRatio(total, last),
      weak: op < threshold,
      band: BANDS.indexOf(bandOf(op, rules)),
      rank: 0,
    };
  });
  out.sort((x, y) => y.op - x.op || cmp(townships.get(x.tid)?.code, townships.get(y.tid)?.code) || cmp(x.code, y.code));
  out.forEach((r, i) => (r.rank = i > 0 && out[i - 1].op === r.op ? out[i - 1].rank : i + 1));
  const sums = new Map<number, number[]>();
  const all = new Array(14).fill(0);
  for (const r of out) {
    let s = sums.get(r.tid);
    if (!s) sums.set(r.tid, (s = new Array(14).fill(0)));
    for (const t of [s, all]) {
      t[0] += r.a;
      t[1] += r.b;
      t[2] += r.c;
      t[3] += r.d;
      t[4] += r.e;
      t[5] += r.total;
      t[6] += r.op;
      t[7] += r.last;
      t[8] += 1;
      t[9] += r.weak ? 1 : 0;
      t[10 + r.band] += 1;
    }
  }
  const subtotals = [...sums].map(([tid, s]) => ({ tid, s, change: changeRatio(s[5], s[7]) }));
  return { rows: out, subtotals, total: { s: all, change: changeRatio(all[5], all[7]) } };
}
const check = await villageIncomeSummary({ year });
const base = await baseline();
if (
  check.total.totalFen !== base.total.s[5] ||
  check.total.weakVillages !== base.total.s[9] ||
  check.rows.map((r) => r.villageId).join() !== base.rows.map((r) => r.id).join()
)
  throw new Error("the baseline does not compute the model's result");
const model: number[] = [];
const hand: number[] = [];
for (let round = 0; round < 24; round++) {
  // the order alternates, so that neither always runs on a warmer cache
  for (const which of round % 2 ? ["hand", "model"] : ["model", "hand"]) {
    const start = performance.now();
    if (which === "model") await villageIncomeSummary({ year });
    else await baseline();
    (which === "model" ? model : hand).push(performance.now() - start);
  }
}
// the first four rounds warm up
console.log(JSON.stringify({ model: model.slice(4), hand: hand.slice(4) }));
