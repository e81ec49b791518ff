/** One measurement of bench/run.mjs. */
export interface Measurement {
  db: string;
  round: number;
  workload: string;
  server: string;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  requests: number;
  served: number;
  errors: number;
  cpuUsPerRequest: number;
  sqlPerRequest: number | null;
  cookieBytes: number;
  rssMiB: number | null;
  signin?: { rps: number; requests: number; errors: number };
}

export interface Machine {
  cpu: string | undefined;
  cores: number;
  memoryGiB: number;
  node: string;
  wrk: string;
  date: string;
  command: string;
  loadavgBefore: number[];
  loadavgAfter: number[];
  commit: string;
  srcDirty: boolean;
  cacheKnown: boolean;
  minutes: number;
}

export interface Settings {
  duration: number;
  warmup: number;
  rounds: number;
  dbs: string[];
  passwordDbs: string[];
}

/** bench/RESULTS.md for a run. */
export declare function report(run: { machine: Machine; settings: Settings; results: Measurement[]; profile?: string; analysis?: string }): string;
