/** Small helpers to time things and summarise samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

export async function timeAsync<T>(run: () => Promise<T>): Promise<[number, T]> {
  const start = process.hrtime.bigint();
  const value = await run();
  return [Number(process.hrtime.bigint() - start) / 1e6, value];
}

export function fmt(ms: number): string {
  return ms < 10 ? ms.toFixed(2) : ms.toFixed(1);
}

/** One printed figure: value, goal, and a ratio to the same run's baseline. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  goal?: string;
  baseline?: { name: string; value: number };
}

export function printFigures(title: string, figures: readonly Figure[]): void {
  console.log(`\n## ${title}`);
  for (const figure of figures) {
    const ratio = figure.baseline
      ? `  (${(figure.value / figure.baseline.value).toFixed(2)}× ${figure.baseline.name} ${fmt(figure.baseline.value)} ${figure.unit})`
      : '';
    const goal = figure.goal ? `  goal ${figure.goal}` : '';
    console.log(`${figure.name.padEnd(48)} ${fmt(figure.value).padStart(9)} ${figure.unit}${goal}${ratio}`);
  }
}
