// The expected payments of a contract term (合同收益条款, DESIGN "What is owed"): a due date every
// period from the first, up to the end, each with its amount after the term's increases. Plain
// arithmetic on dates as text (YYYY-MM-DD) and amounts in fen, shared by the server and the form.


import { TERM_PERIODS } from "../../db/enums";

export type Period = (typeof TERM_PERIODS)[number];

/** Months between two dues of each period (a one-off has one due). */
export const PERIOD_MONTHS: Record<Period, number> = { month: 1, quarter: 3, half_year: 6, year: 12, once: 0 };

/** At most this many dues a term (fifty years of months): a bound on what one term can generate. */
export const MAX_DUES = 600;

export type ScheduleTerm = {
  /** each period's amount before any increase */
  amountFen: number;
  period: Period;
  firstDue: string;
  /** the increase in basis points (500 = 5 %), every `increaseEveryYears` years; none when null */
  increaseBp: number | null;
  increaseEveryYears: number | null;
  endsOn: string;
};

export type Due = { seq: number; dueOn: string; amountFen: number };

const pad = (n: number) => String(n).padStart(2, "0");
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * The date `months` after `first`, counted from the first due and not step by step: a first due on
 * the 29th–31st falls on the last day of a shorter month (31 Jan → 29 Feb → 31 Mar; 29 Feb yearly →
 * 28 Feb, and 29 Feb again in a leap year).
 */
export function addMonths(first: string, months: number): string {
  const [y, m, d] = first.split("-").map(Number);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return `${year}-${pad(month)}-${pad(Math.min(d, lastDay(year, month)))}`;
}

/** An amount raised by `bp` basis points, rounded to the fen (half up), as each raise is paid. */
export function raise(amountFen: number, bp: number): number {
  return Math.floor((amountFen * (10_000 + bp) + 5_000) / 10_000);
}

/**
 * Every due of the term up to its end (none after it), numbered from 0. The amount rises by the
 * increase once every N whole years after the first due, each raise on the amount before it.
 */
export function schedule(term: ScheduleTerm): Due[] {
  const step = PERIOD_MONTHS[term.period];
  const dues: Due[] = [];
  let amount = term.amountFen;
  let raises = 0;
  for (let seq = 0; seq < MAX_DUES; seq++) {
    const dueOn = step ? addMonths(term.firstDue, seq * step) : term.firstDue;
    if (dueOn > term.endsOn) break;
    if (term.increaseBp && term.increaseEveryYears) {
      const due = Math.floor(Math.floor((seq * step) / 12) / term.increaseEveryYears);
      for (; raises < due; raises++) amount = raise(amount, term.increaseBp);
    }
    dues.push({ seq, dueOn, amountFen: amount });
    if (!step) break;
  }
  return dues;
}
