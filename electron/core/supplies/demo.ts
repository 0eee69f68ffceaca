/**
 * A month of supplies ending today: weekly upstream deliveries to the office
 * store, split to the communities, daily issues to checkpoints and teams at
 * rates that follow each community's population, a mid-month stock count,
 * some donations, and two communities whose last deliveries fell short while
 * their use rose, so the shortage list has something true to say.
 */
import { addDays } from '../dates.shared';
import type { DemoSeed } from '../demo-kit/types';
import { OFFICE_STORE_ID } from './contract';
import { insertDelivery, insertMovement, listItems, nextTransferGroup, type NewMovement } from './queries';

/** Units used per 1,000 residents a day, and where they go. */
const USE: Record<string, { per1000: number; posts: string[] }> = {
  口罩: { per1000: 14, posts: ['小区东门卡点', '小区西门卡点', '入户排查组', '值班室'] },
  防护服: { per1000: 0.35, posts: ['发热筛查组', '居家观察随访组'] },
  消毒液: { per1000: 0.3, posts: ['消杀队', '物业保洁'] },
  非接触式体温计: { per1000: 0.03, posts: ['小区东门卡点', '入户排查组'] },
  医用手套: { per1000: 5, posts: ['消杀队', '入户排查组', '发热筛查组'] },
  护目镜: { per1000: 0.12, posts: ['发热筛查组', '居家观察随访组'] },
};
const DAYS = 30;
const DONORS = ['爱心企业（宇通集团）', '区红十字会', '辖区商会', '社区居民自发捐赠'];

export const seedSuppliesDemo: DemoSeed = (db, { rng, clock }) => {
  const today = clock.today();
  const now = clock.nowIso();
  const items = listItems(db, false);
  const communities = db.prepare(`SELECT id, name, population FROM communities ORDER BY id`).all() as Array<{ id: number; name: string; population: number }>;
  if (communities.length === 0) return;
  // Two communities whose use rose in the last ten days and whose last delivery was cut short.
  const strained = new Set([communities[1]!.id, communities[Math.min(8, communities.length - 1)]!.id]);
  const stock = new Map<string, number>();
  const key = (store: number, item: number) => `${store}:${item}`;
  const book = (m: NewMovement) => {
    insertMovement(db, m, now, 'admin');
    stock.set(key(m.storeId, m.itemId), (stock.get(key(m.storeId, m.itemId)) ?? 0) + m.delta);
  };
  const rate = (c: { id: number; population: number }, item: string, day: number) => {
    const base = ((USE[item]?.per1000 ?? 0.1) * Math.max(800, c.population)) / 1000;
    return strained.has(c.id) && day > DAYS - 10 ? base * 1.8 : base;
  };
  for (let d = 0; d < DAYS; d++) {
    const day = addDays(today, d - DAYS + 1);
    const weekly = d % 7 === 0;
    for (const item of items) {
      if (weekly) {
        // Upstream first stocks the street for its safety days and a week, then ships about a week's use.
        const days = d === 0 ? item.safetyDays + 7 : 7;
        const need = communities.reduce((s, c) => s + rate(c, item.name, d) * days, 0);
        const quantity = Math.ceil((need * (0.9 + rng.next() * 0.25)) / item.packSize) * item.packSize;
        book({
          day,
          itemId: item.id,
          storeId: OFFICE_STORE_ID,
          kind: 'receipt',
          delta: quantity,
          sourceKind: 'upstream',
          party: rng.pick(['区卫健委', '区应急管理局', '区疫情防控指挥部']),
        });
        for (const c of communities) {
          const lastRound = d >= DAYS - 8;
          const wanted = rate(c, item.name, d) * (item.safetyDays + 7) * (lastRound && strained.has(c.id) ? 0.15 : 1) - (stock.get(key(c.id, item.id)) ?? 0);
          const office = stock.get(key(OFFICE_STORE_ID, item.id)) ?? 0;
          const quantity = Math.min(office, Math.max(0, Math.round(wanted / item.packSize) * item.packSize));
          if (quantity <= 0) continue;
          const group = nextTransferGroup(db);
          book({
            day,
            itemId: item.id,
            storeId: OFFICE_STORE_ID,
            kind: 'transfer_out',
            delta: -quantity,
            otherStoreId: c.id,
            party: c.name,
            transferGroup: group,
            note: '按缺口分配',
          });
          book({
            day,
            itemId: item.id,
            storeId: c.id,
            kind: 'transfer_in',
            delta: quantity,
            otherStoreId: OFFICE_STORE_ID,
            party: '街道仓库',
            transferGroup: group,
            note: '按缺口分配',
          });
        }
      }
      for (const c of communities) {
        if (d === 10 && rng.chance(0.15)) {
          const quantity = item.packSize * rng.int(1, 4);
          book({ day, itemId: item.id, storeId: c.id, kind: 'receipt', delta: quantity, sourceKind: 'donation', party: rng.pick(DONORS) });
        }
        const have = stock.get(key(c.id, item.id)) ?? 0;
        const used = Math.min(have, Math.floor(rate(c, item.name, d) * (0.75 + rng.next() * 0.5) + rng.next()));
        if (used > 0) book({ day, itemId: item.id, storeId: c.id, kind: 'issue', delta: -used, party: rng.pick(USE[item.name]?.posts ?? ['值班室']) });
        if (d === 15) {
          const onBook = stock.get(key(c.id, item.id)) ?? 0;
          const counted = Math.max(0, onBook - (rng.chance(0.3) ? rng.int(0, Math.ceil(onBook * 0.02)) : 0));
          book({
            day,
            itemId: item.id,
            storeId: c.id,
            kind: 'count',
            delta: counted - onBook,
            counted,
            bookBefore: onBook,
            note: counted === onBook ? '账实相符' : '破损、过期报废',
          });
        }
      }
    }
  }
  const mask = items.find((i) => i.name === '口罩');
  const suit = items.find((i) => i.name === '防护服');
  if (mask)
    insertDelivery(db, { itemId: mask.id, storeId: OFFICE_STORE_ID, expectedDay: addDays(today, 3), quantity: mask.packSize * 200, source: '区卫健委' }, now);
  if (suit)
    insertDelivery(
      db,
      { itemId: suit.id, storeId: OFFICE_STORE_ID, expectedDay: addDays(today, 5), quantity: suit.packSize * 30, source: '区应急管理局' },
      now,
    );
};
