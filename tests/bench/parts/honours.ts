import type { Channel } from '../../../electron/core/api';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { medianMs, type BenchPart } from '../types';

/**
 * Honours: the lists and the due check are small tables but run on every
 * Today and dashboard load; the costly write is an attachment stored as a
 * BLOB inside the encrypted ledger (5 MB here, half the limit).
 */
export const honoursBench: BenchPart = {
  area: 'honours',
  async run(env) {
    const call = async (channel: Channel, input: unknown) => {
      const r = await env.core.call('bench', channel, input);
      if (r.ok !== true) throw new Error(`${channel} failed in bench: ${JSON.stringify(r)}`);
      return r.value;
    };
    const list = await medianMs(21, () => call('honours.memorials.list', {}));
    const due = await medianMs(21, () => call('honours.due', {}));
    const open = await medianMs(21, () => call('honours.memorials.get', { id: 1 }));
    const commendations = await medianMs(21, () => call('honours.commendations.list', {}));
    const pdf = join(env.scratch, '事迹材料-扫描件.pdf');
    writeFileSync(pdf, Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(5 * 1024 * 1024, 0x20)]));
    const attach = await medianMs(3, () => call('honours.attachments.add', { memorialId: 1, path: pdf, caption: 'bench' }));
    return [
      { name: 'honours.memorials.list', value: list, unit: 'ms', target: 100 },
      { name: 'honours.due (Today / dashboard)', value: due, unit: 'ms', target: 50 },
      { name: 'honours.memorials.get (audited open)', value: open, unit: 'ms', target: 100 },
      { name: 'honours.commendations.list', value: commendations, unit: 'ms', target: 100 },
      { name: 'attach a 5 MB PDF into the encrypted ledger', value: attach, unit: 'ms', target: 1000 },
    ];
  },
};
