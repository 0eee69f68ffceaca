/**
 * The rota planner's own thread (built as rota-planner.cjs; plan-rota.ts starts one per run): the pure generator on
 * the input it was given, progress as messages, the output as the last message. No database, no clock.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { generateRota } from './generator';
import type { PlanInput, PlannerMessage } from './plan-rota';

const post = (m: PlannerMessage): void => parentPort!.postMessage(m);
const output = generateRota({ ...(workerData as PlanInput), onProgress: (done, total) => post({ type: 'progress', done, total }) });
post({ type: 'done', output });
