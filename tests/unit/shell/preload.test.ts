import { build } from 'esbuild';
import { describe, expect, it, vi } from 'vitest';

const exposed: Array<[string, Record<string, unknown>]> = [];
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (name: string, api: Record<string, unknown>) => exposed.push([name, api]) },
  ipcRenderer: { invoke: vi.fn(async () => ({ ok: true })), on: vi.fn(), removeListener: vi.fn() },
}));

describe('preload', () => {
  it('exposes exactly one object with one invoke function and one event subscription', async () => {
    await import('../../../electron/preload');
    expect(exposed).toHaveLength(1);
    const [name, api] = exposed[0]!;
    expect(name).toBe('taizhang');
    expect(Object.keys(api).sort()).toEqual(['invoke', 'onEvent']);
    expect(typeof api.invoke).toBe('function');
  });

  it('bundles as one CommonJS file whose only import is electron (sandboxed preload)', async () => {
    const out = await build({
      entryPoints: ['electron/preload.ts'],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      external: ['electron'],
      write: false,
      logLevel: 'silent',
    });
    expect(out.outputFiles).toHaveLength(1);
    const code = out.outputFiles[0]!.text;
    const requires = [...code.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect([...new Set(requires)]).toEqual(['electron']);
  });
});
