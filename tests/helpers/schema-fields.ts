/**
 * Reads a channel's zod input schema as a list of fields, and makes inputs
 * that are valid but for one field: what the field-label walk sends.
 */
import { z } from 'zod';

export interface FieldPath {
  /** Keys from the input's top, with 0 for "an item of the list" (['packages', 0, 'path']). */
  path: Array<string | number>;
  schema: z.ZodType;
}

/** The schema under optional, nullable, default, readonly and pipe wrappers. */
export function unwrap(schema: z.ZodType): z.ZodType {
  let s: z.ZodType = schema;
  for (;;) {
    if (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault || s instanceof z.ZodPrefault || s instanceof z.ZodReadonly)
      s = s.unwrap() as z.ZodType;
    else if (s instanceof z.ZodPipe) s = s.in as z.ZodType;
    else return s;
  }
}

/** Every field of an object schema, nested objects and lists of objects included. */
export function fieldsOf(schema: z.ZodType, prefix: Array<string | number> = []): FieldPath[] {
  const s = unwrap(schema);
  if (!(s instanceof z.ZodObject)) return [];
  const out: FieldPath[] = [];
  for (const [key, child] of Object.entries(s.shape as Record<string, z.ZodType>)) {
    const path = [...prefix, key];
    out.push({ path, schema: child });
    const inner = unwrap(child);
    if (inner instanceof z.ZodObject) out.push(...fieldsOf(inner, path));
    if (inner instanceof z.ZodArray) out.push(...fieldsOf(inner.element as z.ZodType, [...path, 0]));
  }
  return out;
}

const CANDIDATES: unknown[] = ['2020-02-17', '2020-02-17T01:00:00.000Z', 'abcdefgh-1', 'a', 1, true, []];

/** A value the schema accepts, or undefined when none of the usual ones fits. */
export function sampleOf(schema: z.ZodType): unknown {
  const s = unwrap(schema);
  if (s instanceof z.ZodObject) {
    const value: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(s.shape as Record<string, z.ZodType>)) {
      if (child.safeParse(undefined).success) continue;
      const v = sampleOf(child);
      if (v !== undefined) value[key] = v;
    }
    return value;
  }
  if (s instanceof z.ZodEnum) return s.options[0];
  if (s instanceof z.ZodLiteral) return [...s.values][0];
  if (s instanceof z.ZodArray) {
    const one = sampleOf(s.element as z.ZodType);
    return [[], [one]].find((v) => s.safeParse(v).success) ?? [];
  }
  return CANDIDATES.find((c) => s.safeParse(c).success);
}

/** A value no field of any kind accepts: an object with an unknown key where a value or a strict object belongs. */
export const NOT_A_VALUE = { __not_a_field__: 1 };

/** `base` with the field at `path` replaced by `bad` (lists get one item). */
export function withFieldSetTo(base: unknown, path: Array<string | number>, bad: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return bad;
  if (typeof head === 'number') {
    const list = Array.isArray(base) && base.length > 0 ? base : [{}];
    return [withFieldSetTo(list[0], rest, bad)];
  }
  const obj = typeof base === 'object' && base !== null && !Array.isArray(base) ? (base as Record<string, unknown>) : {};
  return { ...obj, [head]: withFieldSetTo(obj[head], rest, bad) };
}
