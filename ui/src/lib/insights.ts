// Plain helpers for the insights page: chart geometry and the sentences that describe each
// chart for people who do not see it. The numbers come from the core; nothing is computed twice.
import type { InsightsReport, LookBack, PartnerSeries } from './bindings';

export interface Plot {
  width: number;
  height: number;
  /** Space kept for the axis labels. */
  left: number;
  bottom: number;
  top: number;
}

export const PLOT: Plot = { width: 560, height: 180, left: 28, bottom: 26, top: 10 };

/** The x centre of bucket `index` of `count`. */
export function xAt(index: number, count: number, plot: Plot = PLOT): number {
  const inner = plot.width - plot.left;
  return plot.left + (inner * (index + 0.5)) / Math.max(1, count);
}

/** The y of `value` on a scale from `min` to `max` (higher values sit higher). */
export function yAt(value: number, min: number, max: number, plot: Plot = PLOT): number {
  const inner = plot.height - plot.bottom - plot.top;
  const share = max === min ? 0 : (value - min) / (max - min);
  return plot.top + inner * (1 - Math.min(1, Math.max(0, share)));
}

/**
 * SVG path data for a series with gaps: a missing value ends the line, and the next value
 * starts a new one, so no line is drawn through a week nobody answered.
 */
export function linePath(values: readonly (number | null)[], min: number, max: number, plot: Plot = PLOT): string {
  const parts: string[] = [];
  let drawing = false;
  values.forEach((value, index) => {
    if (value === null) {
      drawing = false;
      return;
    }
    const point = `${xAt(index, values.length, plot).toFixed(1)},${yAt(value, min, max, plot).toFixed(1)}`;
    parts.push(`${drawing ? 'L' : 'M'}${point}`);
    drawing = true;
  });
  return parts.join(' ');
}

/** The x-axis labels to draw: every bucket's, or every few when there are many, always the last. */
export function xAxisLabels(labels: readonly string[], plot: Plot = PLOT): { x: number; label: string }[] {
  const every = Math.max(1, Math.ceil(labels.length / 8));
  return labels
    .map((label, index) => ({ index, label }))
    .filter(({ index }) => index % every === 0 || index === labels.length - 1)
    .map(({ index, label }) => ({ x: xAt(index, labels.length, plot), label }));
}

/** A rounded top for bar charts: the largest value, at least `floor`, rounded up to `step`. */
export function niceMax(values: readonly number[], floor: number, step: number): number {
  const largest = Math.max(floor, ...values);
  return Math.ceil(largest / step) * step;
}

/** "30 min" or "1 h 30 min". */
export function minutesText(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** "Ana: 3.4 out of 5 on average; most recently 4.0 (23 Nov)." for one series with gaps. */
function describeSeries(
  name: string,
  values: readonly (number | null)[],
  labels: readonly string[],
  scale: number,
  digits: number,
): string {
  const present = values.filter((value): value is number => value !== null);
  if (present.length === 0) return `${name} has no answers in this range.`;
  const mean = present.reduce((sum, value) => sum + value, 0) / present.length;
  let lastIndex = values.length - 1;
  while (lastIndex > 0 && values[lastIndex] === null) lastIndex -= 1;
  return `${name}: ${mean.toFixed(digits)} out of ${scale} on average; most recently ${values[lastIndex]?.toFixed(digits)} (${labels[lastIndex]}).`;
}

/** One sentence per partner: the range's average and where the latest answer sits. */
export function describeScale(series: readonly PartnerSeries[], pick: 'mood' | 'closeness', labels: readonly string[]): string {
  return series.map((partner) => describeSeries(partner.name, partner[pick], labels, 5, 1)).join(' ');
}

/** The self-check scores (0-100) in one sentence. */
export function describeScores(values: readonly (number | null)[], labels: readonly string[]): string {
  return describeSeries('The self-check', values, labels, 100, 0);
}

/** A sentence for a bar chart of minutes. */
export function describeMinutes(values: readonly number[], labels: readonly string[], what: string): string {
  const total = values.reduce((sum, value) => sum + value, 0);
  if (total === 0) return `No ${what} in this range yet.`;
  const best = values.indexOf(Math.max(...values));
  return `${minutesText(total)} of ${what} in this range; the most in ${labels[best]} (${minutesText(values[best] ?? 0)}).`;
}

/** Whether the report holds anything worth drawing (otherwise the page invites a first step). */
export function isEmpty(report: InsightsReport): boolean {
  const anyMinutes = [...report.phonesOffMinutes, ...report.breathingMinutes].some((value) => value > 0);
  const anyRitual = report.rituals.some((week) => week.kept > 0);
  return report.checkInCount === 0 && report.selfCheckCount === 0 && !anyMinutes && !anyRitual;
}

/** What went well this week, as short phrases (only what happened; never what did not). */
export function lookBackHighlights(look: LookBack): string[] {
  const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
  const highlights: string[] = [];
  for (const ritual of look.ritualsKept) highlights.push(`${ritual.title}: ${plural(ritual.kept, 'time', 'times')}`);
  if (look.checkIns) highlights.push(plural(look.checkIns, 'check-in', 'check-ins'));
  if (look.goodThings) highlights.push(plural(look.goodThings, 'evening of good things', 'evenings of good things'));
  if (look.appreciations) highlights.push(plural(look.appreciations, 'note of thanks', 'notes of thanks'));
  if (look.phonesOffMinutes) highlights.push(`${minutesText(look.phonesOffMinutes)} with phones away`);
  if (look.breathingMinutes) highlights.push(`${minutesText(look.breathingMinutes)} breathing together`);
  return highlights;
}
