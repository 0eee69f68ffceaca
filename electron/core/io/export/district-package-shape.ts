/**
 * What a verified package must say before the district reads it. The signature proves which office's key signed a
 * package, not that the office's program wrote it: whoever holds an office's key (its clerk, offline, with the
 * source) signs whatever manifest they like. The tenth attack run (session 24) signed packages whose period ran
 * backwards or was not days at all, which escaped the one-office-counted-once rule (district-overlaps.ts) so the
 * office was counted twice (DX3), and a `generatedAt`, `period` or `auditHead` that was not what the program writes,
 * which stopped the whole 核验 of every office with 程序内部出错 (DX2). Such a package is refused with the reason; the
 * rest are verified as before. Shared by the app and `npm run verify`.
 */
import { z } from 'zod';
import { ISO_INSTANT_RE, isValidDay } from '../../dates.shared';
import type { Manifest } from './package-format';

const day = z.string().refine(isValidDay);
const instant = z
  .string()
  .regex(ISO_INSTANT_RE)
  .refine((s) => !Number.isNaN(Date.parse(s)));
const count = z.number().int().nonnegative();

const manifestShape = z.object({
  period: z.object({ from: day, to: day }).refine((p) => p.from <= p.to),
  generatedAt: instant,
  auditHead: z
    .object({
      lastId: count,
      lastHash: z.string(),
      rows: count,
      at: instant,
      intact: z.boolean(),
      earlier: z.array(z.object({ at: instant, lastId: count, hash: z.string().nullable() })).optional(),
    })
    .optional(),
});

const cell = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const dataShape = z.object({
  period: z.object({ from: day, to: day }),
  forms: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      baseForm: z.string().optional(),
      columns: z.array(z.object({ key: z.string(), header: z.string() })),
      rows: z.array(z.record(z.string(), cell)),
      people: count.optional(),
    }),
  ),
});

/** The reason to refuse a signed package whose manifest or data.json is not what the program writes; null when it is. */
export function packageShapeProblem(manifest: Manifest, data: unknown): string | null {
  const m = manifestShape.safeParse(manifest);
  if (!m.success)
    return `清单（manifest.json）的「${m.error.issues[0]?.path.join('.') ?? ''}」不是本程序写的格式（签名有效，但内容不合规），已拒绝：请与该街道核实。`;
  const d = dataShape.safeParse(data);
  if (!d.success)
    return `数据（data.json）的「${d.error.issues[0]?.path.join('.') ?? ''}」不是本程序写的格式（签名有效，但内容不合规），已拒绝：请与该街道核实。`;
  const p = d.data.period;
  if (p.from !== manifest.period.from || p.to !== manifest.period.to)
    return '数据（data.json）的统计期与清单不一致（签名有效，但内容不合规），已拒绝：请与该街道核实。';
  return null;
}
