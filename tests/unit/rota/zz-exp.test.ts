import { it } from 'vitest';
import { generateRota } from '../../../electron/core/rota/generator';
import { maxFillable } from './exact';
import { smallInstance } from './instances';
it('exp', async () => {
  for (const depth of [3]) {
    const gaps: string[] = [];
    for (let seed = 1; seed <= 120; seed++) {
      const inst = { ...smallInstance(seed), repairDepth: depth, exactUpTo: 60 };
      const got = generateRota(inst).filled;
      const best = await maxFillable(inst);
      if (got !== best) gaps.push(`${seed}:${got}<${best}`);
    }
    console.log(depth, gaps.length, gaps.join(' '));
  }
}, 300000);
