/**
 * What the heap holds right now, counted from a V8 heap snapshot (written synchronously, after V8's own full
 * collection): for memory tests that must see what lives in the middle of one synchronous call, where a weak
 * reference cannot tell (a target made or read in the current job is kept until the job ends).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import type { CoreEvent } from '../../electron/core/api';

/** Heap snapshots of the test's process take seconds each, more on a loaded box: a memory test's `it` options. */
export const HEAP_SNAPSHOT_TEST = { timeout: 180_000 };

/**
 * An `emit` for a test ledger's core that takes a census at the first progress event of the preview's matching
 * ('check') and of the commit's write ('commit', inside its transaction): the middle of each one's synchronous work,
 * where what the import keeps alive can be counted. `count` reads the census; `seen` holds its answer per phase.
 */
export function censusAtImportPhases(count: (census: HeapCensus) => number): {
  emit: (session: string | null, e: CoreEvent) => void;
  seen: Map<'check' | 'commit', number>;
} {
  const seen = new Map<'check' | 'commit', number>();
  const emit = (_session: string | null, e: CoreEvent): void => {
    if (e.type !== 'progress' || e.done !== 0) return;
    if ((e.phase === 'check' || e.phase === 'commit') && !seen.has(e.phase)) seen.set(e.phase, count(heapCensus()));
  };
  return { emit, seen };
}

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]]; edge_fields: string[]; edge_types: [string[]] } };
  nodes: number[];
  edges: number[];
  strings: string[];
}

export interface HeapCensus {
  /** Nodes of a snapshot type: 'concatenated string', 'sliced string', 'object'… */
  ofType(type: string): number;
  /** Nodes of a type and name: ('hidden', 'system / PropertyArray'): an object's properties kept beside it. */
  named(type: string, name: string): number;
  /** Array buffers' backing stores of `bytes` to `bytes + slack` bytes (a file's bytes as read, say). */
  arrayBuffersOf(bytes: number, slack?: number): number;
  /** Objects holding every one of these named properties (in the object or its property array). */
  objectsWith(...names: string[]): number;
  /** Strings (flat, sliced or joined) whose text, as the snapshot records its start, contains `text`. */
  stringsContaining(text: string): number;
}

export function heapCensus(): HeapCensus {
  const dir = mkdtempSync(join(tmpdir(), 'taizhang-heap-'));
  let snap: Snapshot;
  try {
    snap = JSON.parse(readFileSync(writeHeapSnapshot(join(dir, 'now.heapsnapshot')), 'utf8')) as Snapshot;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const { meta } = snap.snapshot;
  const nf = meta.node_fields.length;
  const ef = meta.edge_fields.length;
  const typeAt = meta.node_fields.indexOf('type');
  const edgeCountAt = meta.node_fields.indexOf('edge_count');
  const edgeTypeAt = meta.edge_fields.indexOf('type');
  const edgeNameAt = meta.edge_fields.indexOf('name_or_index');
  const nodeTypes = meta.node_types[0];
  const edgeTypes = meta.edge_types[0];
  const nameAt = meta.node_fields.indexOf('name');
  const typeCounts = new Map<string, number>();
  const namedCounts = new Map<string, number>();
  const selfSizeAt = meta.node_fields.indexOf('self_size');
  const bufferSizes: number[] = [];
  /** Per object node, the names of its property edges (followed through a property array). */
  const propertiesOf = (node: number, edgeStart: number, into: Set<string>): void => {
    const count = snap.nodes[node + edgeCountAt]!;
    for (let e = edgeStart, k = 0; k < count; k++, e += ef) {
      if (edgeTypes[snap.edges[e + edgeTypeAt]!] === 'property') into.add(snap.strings[snap.edges[e + edgeNameAt]!]!);
    }
  };
  const objects: Set<string>[] = [];
  const stringNames: string[] = [];
  for (let n = 0, e = 0; n < snap.nodes.length; n += nf) {
    const type = nodeTypes[snap.nodes[n + typeAt]!]!;
    typeCounts.set(type, (typeCounts.get(type) ?? 0) + 1);
    if (type === 'string' || type === 'sliced string' || type === 'concatenated string') stringNames.push(snap.strings[snap.nodes[n + nameAt]!]!);
    if (type === 'native' && snap.strings[snap.nodes[n + nameAt]!] === 'system / JSArrayBufferData') bufferSizes.push(snap.nodes[n + selfSizeAt]!);
    if (type === 'hidden' || type === 'object') {
      const key = `${type}:${snap.strings[snap.nodes[n + nameAt]!]!}`;
      namedCounts.set(key, (namedCounts.get(key) ?? 0) + 1);
    }
    if (type === 'object') {
      const names = new Set<string>();
      propertiesOf(n, e, names);
      objects.push(names);
    }
    e += snap.nodes[n + edgeCountAt]! * ef;
  }
  return {
    ofType: (type) => typeCounts.get(type) ?? 0,
    arrayBuffersOf: (bytes, slack = 0) => bufferSizes.filter((b) => b >= bytes && b <= bytes + slack).length,
    named: (type, name) => namedCounts.get(`${type}:${name}`) ?? 0,
    objectsWith: (...names) => objects.filter((o) => names.every((k) => o.has(k))).length,
    stringsContaining: (text) => stringNames.filter((s) => s.includes(text)).length,
  };
}
