/**
 * Where the core finds the thread files it starts, in the packaged app as in a build. electron-builder packs the app
 * into resources/app.asar; the core worker runs from there (it needs the app's node_modules, which are in the asar).
 * The rota planner (rota-planner.cjs, rota/plan-rota.ts) is started by the core worker from beside itself, and a
 * thread started from a thread is not promised Electron's reading of asar archives: it is unpacked
 * (electron-builder.yml asarUnpack: resources/app.asar.unpacked/dist-electron/rota-planner.cjs) and found there. It
 * needs nothing but Node's own modules (tests/unit/packaging/rota-planner-path.test.ts reads the built file).
 */
import * as path from 'node:path';

/** The same path in the folder electron-builder unpacks beside the archive: …/app.asar/x → …/app.asar.unpacked/x. */
export const unpackedFromAsar = (p: string): string => p.replace(/\.asar(?=[\\/])/, '.asar.unpacked');

/** rota-planner.cjs beside the core worker's own folder (`__dirname` of core-worker.cjs), out of the archive when packaged. */
export const rotaPlannerPathBeside = (workerDir: string, paths: Pick<typeof path, 'join'> = path): string =>
  unpackedFromAsar(paths.join(workerDir, 'rota-planner.cjs'));
