import { useRef, useState } from 'react';
import type { ValueSuggestion } from '../../../../electron/core/io/import/suggestions.shared';
import { SUGGESTION_SOURCE_LABELS } from '../../../../electron/core/io/import/suggestions.shared';
import { choiceOptions, type FieldDef, type TargetDef } from '../../../../electron/core/io/import/fields.shared';
import { useQuery } from '../../api/hooks';
import { NoCommunityNote } from './NoCommunityNote';
import { UnknownCommunity } from './UnknownCommunity';

export type Constants = Record<string, string>;

/** Fields that must be given, by a column or a whole-file value, and are not yet. */
export function missingRequired(def: TargetDef, mapping: readonly (string | null)[], constants: Constants): FieldDef[] {
  return def.fields.filter((f) => f.required && !mapping.includes(f.key) && !(constants[f.key] ?? '').trim());
}

/**
 * The community the title, sheet or file name names, left empty: neither adopted nor replaced by
 * another. 社区 is optional for some targets, so without this a tired user would press 预览 past
 * 「采用「东风社区」」 and write every row with no community (session 18 walk).
 */
export function unansweredCommunity(
  def: TargetDef,
  mapping: readonly (string | null)[],
  constants: Constants,
  suggestions: readonly ValueSuggestion[],
): ValueSuggestion | null {
  const f = def.fields.find((x) => x.kind === 'community' && !mapping.includes(x.key) && !(constants[x.key] ?? '').trim());
  return (f && suggestions.find((s) => s.field === f.key && s.value !== null)) ?? null;
}

function ValueInput({
  field,
  value,
  onChange,
  communities,
}: {
  field: FieldDef;
  value: string;
  onChange: (v: string) => void;
  communities: readonly string[];
}) {
  const label = `全表统一的「${field.label}」`;
  const options = field.kind === 'community' ? communities : field.kind === 'choice' ? choiceOptions(field) : null;
  if (options) {
    return (
      <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value)} style={{ width: '100%' }}>
        <option value="">（请选择）</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
        {value !== '' && !options.includes(value) && <option value={value}>{value}</option>}
      </select>
    );
  }
  return (
    <input
      aria-label={label}
      type={field.kind === 'day' ? 'date' : 'text'}
      value={value}
      placeholder={field.kind === 'tags' ? choiceOptions(field).slice(0, 3).join('、') : ''}
      onChange={(e) => onChange(e.target.value)}
      style={{ width: '100%', boxSizing: 'border-box' }}
    />
  );
}

/**
 * 全表统一的值: a field with no column in the file takes one value for every row. Required fields
 * without a column ask for it here; what the title, sheet name or file name suggests is shown
 * beside the field with its source, and only a click on 采用 fills it in.
 */
export function WholeFileValues({
  def,
  mapping,
  constants,
  suggestions,
  remembered,
  onChange,
}: {
  def: TargetDef;
  mapping: readonly (string | null)[];
  constants: Constants;
  suggestions: readonly ValueSuggestion[];
  /** The values filled in from memory (an earlier file with the same headers), to tell them from ones adopted here. */
  remembered: Constants;
  onChange: (c: Constants) => void;
}) {
  const [extra, setExtra] = useState<string[]>([]);
  const communities = useQuery('org.communities.list', {});
  const names = (communities.data ?? []).map((c) => c.name);
  const open = def.fields.filter((f) => !mapping.includes(f.key));
  // 社区 and 网格 first: what a title most often says, and what a coordinator checks first.
  const place = (f: FieldDef) => (f.kind === 'community' ? 0 : f.kind === 'grid' ? 1 : 2);
  // 社区 is always offered when no column holds it, even where it is optional: a 个案 row for someone not yet in the
  // ledger is sent back without it, and cells pasted without a title suggest none (session 20 walk: it was hidden
  // under 「为其他字段填写统一的值…」 and every new person came back 「台账中没有这位居民」).
  const shown = open
    .filter((f) => f.required || f.kind === 'community' || f.key in constants || extra.includes(f.key) || suggestions.some((s) => s.field === f.key))
    .sort((a, b) => place(a) - place(b));
  const more = open.filter((f) => !shown.includes(f));
  const set = (key: string, value: string) => onChange({ ...constants, [key]: value });
  // A community added here is adopted when the core answers: onto the values as they are then, not as they were at the click.
  const latest = useRef(constants);
  latest.current = constants;
  const applicable = suggestions.filter((s) => s.value !== null && shown.some((f) => f.key === s.field) && constants[s.field] !== s.value);
  const takeAll = () =>
    onChange({
      ...constants,
      ...Object.fromEntries(applicable.filter((s, i) => applicable.findIndex((o) => o.field === s.field) === i).map((s) => [s.field, s.value!])),
    });

  return (
    <section className="panel" aria-label="全表统一的值">
      <div className="toolbar" style={{ justifyContent: 'space-between', alignItems: 'center' }}>
        <h2 style={{ margin: 0 }}>全表统一的值</h2>
        {applicable.length > 1 && (
          <button type="button" onClick={takeAll}>
            全部采用（{applicable.length} 项）
          </button>
        )}
      </div>
      <p style={{ marginTop: 0 }}>文件中没有的列，可以为全表每一行填同一个值（例如标题里写明的社区、人员类别）。带“必填”的一项不填就不能预览。</p>
      <NoCommunityNote def={def} />
      {shown.length === 0 && <p>每个必填项都已对应到文件中的列。</p>}
      <table className="import-values" style={{ borderCollapse: 'collapse', width: '100%' }}>
        <tbody>
          {shown.map((f) => (
            <tr key={f.key} data-more-item style={{ borderTop: '1px solid var(--line)' }}>
              <th scope="row" align="left" style={{ width: 136, fontWeight: 400, verticalAlign: 'top', paddingTop: 8 }}>
                {f.label}
                {f.required && <span className="error">（必填）</span>}
              </th>
              {/* Beside the file's columns the box is narrow: what the title suggests goes under the value, not beside it. */}
              <td style={{ padding: '4px 0' }}>
                <ValueInput field={f} value={constants[f.key] ?? ''} onChange={(v) => set(f.key, v)} communities={names} />
                {suggestions
                  .filter((s) => s.field === f.key)
                  .map((s, i) =>
                    s.value === null && f.kind === 'community' ? (
                      <UnknownCommunity
                        key={i}
                        suggestion={s}
                        known={names}
                        value={constants[f.key] ?? ''}
                        onAdopt={(name) => onChange({ ...latest.current, [f.key]: name })}
                      />
                    ) : s.value === null ? (
                      <p key={i} className="notice" style={{ margin: '4px 0' }}>
                        {SUGGESTION_SOURCE_LABELS[s.from]}中{s.question}
                      </p>
                    ) : constants[f.key] === s.value && remembered[f.key] === s.value ? (
                      <span key={i} className="ok" style={{ display: 'block', marginTop: 4 }}>
                        上次的值，与{SUGGESTION_SOURCE_LABELS[s.from]}一致（{SUGGESTION_SOURCE_LABELS[s.from]}中写的是「{s.found}」）
                      </span>
                    ) : constants[f.key] === s.value ? (
                      <span key={i} className="ok" style={{ display: 'block', marginTop: 4 }}>
                        已采用{SUGGESTION_SOURCE_LABELS[s.from]}中的「{s.found}」
                      </span>
                    ) : (
                      <span key={i} style={{ display: 'block', marginTop: 4 }}>
                        {SUGGESTION_SOURCE_LABELS[s.from]}中写的是「{s.found}」{' '}
                        <button type="button" onClick={() => set(f.key, s.value!)}>
                          采用「{s.value}」
                        </button>
                      </span>
                    ),
                  )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="toolbar" style={{ marginTop: 8 }}>
        {more.length > 0 && (
          <select aria-label="为其他字段填写统一的值" data-more-item value="" onChange={(e) => e.target.value && setExtra([...extra, e.target.value])}>
            <option value="">为其他字段填写统一的值…</option>
            {more.map((f) => (
              <option key={f.key} value={f.key}>
                {f.label}
              </option>
            ))}
          </select>
        )}
      </div>
    </section>
  );
}
