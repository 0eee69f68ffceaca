/**
 * The import graph has no upward arrow, in the core and in the renderer.
 * Read from the sources (type-only imports count: an arrow is an arrow):
 * - no file imports itself back through others (no cycle of files);
 * - in the core, areas and root files form no cycle; each area's shared
 *   contract files (api.ts, contract.ts files, *.shared.ts: what the
 *   renderer may load) are a layer under all the core's code and import
 *   nothing from it;
 * - in the renderer, app/ (the shell) sits on features/, features on kit/,
 *   kit on api/ and i18n/; no arrow points up, and features form no cycle.
 */
import { describe, expect, it } from 'vitest';
import { arrowsInCycles, importEdges, type Edge } from '../../helpers/import-graph';

const isSharedCore = (file: string): boolean => /^electron\/core\/(api\.ts|(.*\/)?contract\.ts|.*\.shared\.ts)$/.test(file);

/** An area folder (io/import counts as one) or a root file; an area's shared contract files are a node of their own, under everything. */
function coreNode(file: string): string {
  const parts = file.replace(/^electron\/core\//, '').split('/');
  const place = parts.length === 1 ? parts[0]! : parts[0] === 'io' ? `${parts[0]}/${parts[1]}` : parts[0]!;
  return isSharedCore(file) ? `contract of ${place}` : place;
}

/** app, kit, api, i18n, print… or features/<area>. */
function rendererNode(file: string): string {
  const parts = file.replace(/^renderer\/src\//, '').split('/');
  if (parts.length === 1) return parts[0]!;
  return parts[0] === 'features' ? `features/${parts[1]}` : parts[0]!;
}

const RENDERER_LAYER: Record<string, number> = { 'main.tsx': 4, app: 3, features: 2, kit: 1, api: 0, i18n: 0, print: 0 };
const layerOf = (node: string): number => RENDERER_LAYER[node.split('/')[0]!] ?? 0;

const between = (edges: Edge[], node: (f: string) => string) => edges.map((e) => ({ from: node(e.from), to: node(e.to), file: `${e.from} -> ${e.to}` }));

describe('the import graph has no upward arrow', () => {
  const core = importEdges('electron/core').filter((e) => e.to.startsWith('electron/core/'));
  const renderer = importEdges('renderer/src').filter((e) => e.to.startsWith('renderer/src/'));

  it('reads the graph (a sanity check on the reader itself)', () => {
    expect(core.length).toBeGreaterThan(300);
    expect(renderer.length).toBeGreaterThan(150);
    expect(core).toContainEqual({ from: 'electron/core/router.ts', to: 'electron/core/api.ts' });
  });

  it('core: no cycle of files', () => {
    expect(arrowsInCycles(core)).toEqual([]);
  });

  it('core: no cycle between areas and root files', () => {
    const nodes = between(core, coreNode);
    const bad = new Set(arrowsInCycles(nodes));
    expect(nodes.filter((e) => bad.has(`${e.from} -> ${e.to}`)).map((e) => `${e.from} -> ${e.to}  (${e.file})`)).toEqual([]);
  });

  it('core: the shared contract imports nothing but itself', () => {
    expect(core.filter((e) => isSharedCore(e.from) && !isSharedCore(e.to)).map((e) => `${e.from} -> ${e.to}`)).toEqual([]);
  });

  it('renderer: no cycle of files', () => {
    expect(arrowsInCycles(renderer)).toEqual([]);
  });

  it('renderer: no arrow up the layers (app > features > kit > api, i18n) and no cycle between features', () => {
    const nodes = between(renderer, rendererNode);
    const upward = nodes.filter((e) => layerOf(e.from) < layerOf(e.to)).map((e) => e.file);
    expect(upward).toEqual([]);
    expect(arrowsInCycles(nodes)).toEqual([]);
  });

  it('finds an upward arrow when there is one', () => {
    const planted: Edge[] = [...core, { from: 'electron/core/db/ledger.ts', to: 'electron/core/auth/handlers.ts' }];
    expect(arrowsInCycles(between(planted, coreNode)).length).toBeGreaterThan(0);
    const up = { from: 'renderer/src/kit/Field.tsx', to: 'renderer/src/features/caseload/shared.tsx' };
    expect(layerOf(rendererNode(up.from)) < layerOf(rendererNode(up.to))).toBe(true);
  });
});
