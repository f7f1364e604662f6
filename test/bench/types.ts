/** One benchmark figure: a ratio against a baseline measured in the same run. */
export interface BenchResult {
  /** What was measured, e.g. "Encrypt 1 KB (engine, persistence on)". */
  name: string;
  /** What it is compared with, e.g. "node:crypto AES-256-GCM 1 KB". */
  baseline: string;
  /** measured / baseline, oriented so that higher is better unless `detail` says otherwise. */
  ratio: number;
  /** The raw figures behind the ratio (ops/s, ms, MB). */
  detail: string;
}

export type Bench = () => Promise<BenchResult[]>;
