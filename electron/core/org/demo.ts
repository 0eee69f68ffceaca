import type { DemoSeed } from '../demo-kit/types';
import { insertCommunity, insertGrid } from './queries';

const COMMUNITIES = [
  '幸福社区',
  '和平社区',
  '建设社区',
  '文化路社区',
  '金水社区',
  '丰产路社区',
  '花园社区',
  '南阳新村',
  '杨庄村',
  '黄河社区',
  '东风社区',
  '经三路社区',
];

/** 12 communities (two of them villages) with 4–8 grids each. */
export const seedOrgDemo: DemoSeed = (db, { rng, clock }) => {
  const now = clock.nowIso();
  for (const name of COMMUNITIES) {
    const gridCount = rng.int(4, 8);
    const households = gridCount * rng.int(300, 700);
    const id = insertCommunity(db, { name, kind: name.endsWith('村') ? '村' : '社区', households, population: Math.round(households * 2.6) }, now);
    for (let g = 1; g <= gridCount; g++) {
      const gh = Math.round(households / gridCount);
      insertGrid(db, { communityId: id, name: `第${'一二三四五六七八九十'[g - 1] ?? g}网格`, households: gh, population: Math.round(gh * 2.6) }, now);
    }
  }
};
