/**
 * The repo's import graph, read from the sources as text: every relative
 * `import … from` / `export … from` (type-only ones too: an arrow is an
 * arrow), resolved to files. Used by the architecture tests.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

export const REPO = resolve(__dirname, '../..');

export interface Edge {
  from: string;
  to: string;
}

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sourcesUnder(p);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [p] : [];
  });
}

const SPECIFIER = /^\s*(?:import|export)\s[^'"]*?from\s*['"](\.[^'"]+)['"]/gm;

function resolveSpecifier(fromFile: string, spec: string): string | null {
  const base = resolve(dirname(fromFile), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** Every file-to-file import edge among the .ts/.tsx files under `dir` (paths relative to the repo). */
export function importEdges(dir: string): Edge[] {
  const edges: Edge[] = [];
  for (const file of sourcesUnder(join(REPO, dir))) {
    for (const m of readFileSync(file, 'utf8').matchAll(SPECIFIER)) {
      const to = resolveSpecifier(file, m[1]!);
      if (to) edges.push({ from: relative(REPO, file), to: relative(REPO, to) });
    }
  }
  return edges;
}

/** The cycles of a directed graph (each as its strongly connected set of nodes, sorted), none when it is a DAG. */
export function cyclesOf(edges: ReadonlyArray<{ from: string; to: string }>): string[][] {
  const next = new Map<string, string[]>();
  for (const { from, to } of edges) {
    if (from === to) continue;
    next.set(from, [...(next.get(from) ?? []), to]);
    if (!next.has(to)) next.set(to, []);
  }
  // Tarjan's strongly connected components.
  let index = 0;
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    indexOf.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!indexOf.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indexOf.get(w)!));
    }
    if (low.get(v) === indexOf.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) out.push(component.sort());
    }
  };
  for (const v of next.keys()) if (!indexOf.has(v)) visit(v);
  return out;
}

/** The edges that run inside a cycle, written `a -> b`: the arrows to turn around. */
export function arrowsInCycles(edges: ReadonlyArray<{ from: string; to: string }>): string[] {
  const cycles = cyclesOf(edges);
  const cycleOf = new Map<string, number>();
  cycles.forEach((c, i) => c.forEach((n) => cycleOf.set(n, i)));
  const seen = new Set<string>();
  for (const { from, to } of edges) {
    if (from !== to && cycleOf.has(from) && cycleOf.get(from) === cycleOf.get(to)) seen.add(`${from} -> ${to}`);
  }
  return [...seen].sort();
}
