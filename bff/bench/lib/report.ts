/**
 * What every bench prints last: one machine-readable line per figure, `value NAME NUMBER UNIT` for absolute
 * figures and then `ratio NAME VALUE` for the ratios to a floor (the lines a bench ends with).
 */
import type { Run } from './load.js';

export class Figures {
  readonly #values: string[] = [];
  readonly #ratios: string[] = [];
  readonly #problems: string[] = [];

  value(name: string, value: number, unit: string, digits = 1): void {
    this.#values.push(`value ${name} ${value.toFixed(digits)} ${unit}`);
  }

  ratio(name: string, value: number): void {
    this.#ratios.push(`ratio ${name} ${Number.isFinite(value) ? value.toFixed(2) : 'NaN'}`);
  }

  /** A figure that cannot be trusted (errors, non-2xx answers): printed, and the bench exits non-zero. */
  problem(message: string): void {
    this.#problems.push(message);
  }

  /** Checks a run served only 2xx answers without errors. */
  check(name: string, run: { non2xx: number; errors: number }): void {
    if (run.non2xx > 0 || run.errors > 0) {
      this.problem(
        `${name}: ${run.non2xx} non-2xx answers and ${run.errors} errors; its figures are not valid`,
      );
    }
  }

  print(): void {
    for (const problem of this.#problems) console.log(`PROBLEM ${problem}`);
    if (this.#problems.length > 0) process.exitCode = 1;
    console.log('');
    for (const line of this.#values) console.log(line);
    for (const line of this.#ratios) console.log(line);
  }
}

/** A plain text table, columns padded; numbers right-aligned. */
export function table(header: string[], rows: Array<Array<string | number>>): string {
  const cells = [header, ...rows.map((row) => row.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length)));
  const numeric = header.map((_, i) =>
    rows.every((row) => typeof row[i] === 'number' || /^[\d.,×%+-]+/.test(String(row[i]))),
  );
  const line = (row: string[]) =>
    row
      .map((cell, i) => (numeric[i] && i > 0 ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(cells[0] ?? []), line(widths.map((w) => '-'.repeat(w))), ...cells.slice(1).map(line)].join(
    '\n',
  );
}

/** A row of a load table: name, req/s, time per request, p50, p99, bytes, CPU per request. */
export function runRow(name: string, run: Run, cpuNames: string[] = []): Array<string | number> {
  return [
    name,
    run.rps.toFixed(1),
    run.msPerRequest.toFixed(1),
    run.p50.toFixed(0),
    run.p99.toFixed(0),
    (run.bytesPerRequest / 1024).toFixed(0),
    cpuNames.map((cpuName, i) => `${cpuName} ${(run.cpuMsPerRequest[i] ?? 0).toFixed(1)}`).join(', ') || '-',
  ];
}

export const RUN_HEADER = ['', 'req/s', 'ms/req', 'p50 ms', 'p99 ms', 'KiB/resp', 'server CPU ms/req'];
