import { appendFileSync } from "node:fs";

/**
 * Records what a generated-input suite tried (cases, steps, answers) for the reliability report:
 * one JSON line appended to the file named by KERNIA_FIGURES, when it is set
 * (`npm run reliability:report` sets it). Without it, nothing is written.
 */
export function recordFigures(suite: string, figures: Record<string, number | string | Record<string, number>>): void {
  const file = process.env.KERNIA_FIGURES;
  if (file) appendFileSync(file, `${JSON.stringify({ suite, ...figures })}\n`);
}
