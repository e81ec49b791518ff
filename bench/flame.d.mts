/** A V8 `.cpuprofile` (the parts bench/flame.mjs reads). */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber?: number }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

/** A function in the merged call tree; times in microseconds. */
export interface FlameNode {
  name: string;
  where: string;
  home: string;
  group: string;
  self: number;
  total: number;
  children: Map<string, FlameNode>;
}

export declare const GROUPS: readonly string[];
export declare function moduleLines(bundleText: string): (line: number) => string | null;
export declare function groupOf(name: string, where: string): string;
export declare function aggregate(profile: CpuProfile, options?: { moduleOf?: ((line: number) => string | null) | null; bundleUrl?: string }): FlameNode;
export declare function selfTimes(root: FlameNode): { name: string; where: string; group: string; self: number }[];
export declare function flameHtml(root: FlameNode, options: { title: string; width?: number; row?: number }): string;
export declare function profileMarkdown(root: FlameNode, options: { count?: number; heading: string }): string;
export declare function screenshot(html: string, png: string): Promise<void>;
