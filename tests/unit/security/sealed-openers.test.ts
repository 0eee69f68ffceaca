/**
 * Every place in the core that opens a value sealed with the sensitive key
 * (`sealer.open`, `openOptional`, `openBytes`, `openWithHistory`) is named
 * here, with the check that runs before it in the same function or the reason
 * it needs none (db/row-binding.ts, electron/core/README.md "Rows bound").
 * A new opener fails this test until it is added with its check: a value
 * opened from a row nobody checked is how a swapped number reaches a screen,
 * an export or a signed package. Read from the sources' syntax trees, so a
 * comment or a string never counts as a call.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { REPO } from '../../helpers/import-graph';

const CORE = join(REPO, 'electron/core');
const OPENERS = new Set(['open', 'openOptional', 'openBytes']);

/** How an opener is allowed: a call that must come before it in its function, or why it needs none. */
type Allowed = { before: string } | { reason: string };

/** `file#function` (the nearest named function around the call) → its check. */
const ALLOWED: Record<string, Allowed> = {
  'caseload/sealed-people.ts#openResidentNumbers': { before: 'requireBound' },
  'caseload/sealed-people.ts#birthDateFor': { before: 'requireBound' },
  'caseload/rows.ts#openHousehold': { before: 'requireBound' },
  'caseload/resident-search.ts#residentsEndingWith': { before: 'requireBound' },
  'caseload/resident-search.ts#residentsWithIdNumber': { before: 'requireBound' },
  'rota/sealed-staff.ts#openStaffNumbers': { before: 'requireBound' },
  'honours/sealed-records.ts#openPersonal': { before: 'requireBound' },
  // Memorial names folded at unlock (T1b's remnant): a row not intact is passed over, never opened.
  'fold-names.ts#sealedFound': { before: 'rowIntact' },
  // Staff numbers indexed under the residents' purpose at unlock (073, staffResidentIndexUpgrade; each index checked, S47-A1): a row not intact is passed over, never opened.
  'rota/staff.repo.ts#indexFixes': { before: 'rowIntact' },
  // The bytes are held to the SHA-256 in the attachment's record, which getAttachmentMeta opens through openPersonal (checked).
  'honours/care-queries.ts#getAttachmentContent': { before: 'getAttachmentMeta' },
  'io/export/office-key.ts#signingKey': { before: 'requireBound' },
  'io/export/forms/types.ts#residentNumbers': { before: 'requireBound' },
  'io/import/targets/person.ts#byNamePhone': { before: 'requireBound' },
  'io/import/targets/person.ts#residentFinder': { before: 'requireBound' },
  'io/import/targets/residents.ts#phoneOf': {
    reason:
      'import matching compares the stored phone with the file’s; an update is written through upsertResident, which opens the row with requireBound first',
  },
  'io/import/targets/residents.ts#matcher': {
    reason: 'the same comparison for the ID number (found by its UNIQUE index); residentByIdNumber refuses an index moved onto another row',
  },
  'io/import/queries.ts#rejectedRows': {
    reason: 'import staging is not bound (sealed-columns.ts ROW_BINDINGS): kept until its batch closes, shown only to correct the row beside it',
  },
  'auth/vouched-roles.ts#isVouched': { reason: 'the role seal carries the row’s id and username itself (auth/vouched-roles.ts)' },
  'auth/slot-keys.ts#statementOf': {
    reason: 'the statement carries the slot’s name (checked against the name asked) and public key itself (auth/slot-keys.ts)',
  },
  'auth/slot-keys.ts#anySlotKeyVouched': { reason: 'only whether a statement opens, never what it says (auth/slot-keys.ts)' },
  'keys/reseal.ts#resealColumns': {
    reason: 'rotation re-seals every value; the damaged rows are found first under the old key and stay unbound (resealAndRebind)',
  },
  'keys/key-history.ts#readKeyHistory': { reason: 'meta’s list of retired keys, sealed whole under the current key: not a table row' },
  'keys/key-history.ts#openWithHistory': { reason: 'opens what its caller hands it (the audit payloads below)' },
  'audit/handlers.ts#open': { reason: 'audit payloads: rows of the hash chain, held by audit.verify and the anchor, not by a row MAC' },
};

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sources(p) : /\.ts$/.test(name) ? [p] : [];
  });
}

function nameOf(node: ts.Node): string | null {
  if (ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node)) return node.name ? node.name.getText() : null;
  if ((ts.isArrowFunction(node) || ts.isFunctionExpression(node)) && node.parent) {
    const p = node.parent;
    if (ts.isVariableDeclaration(p) || ts.isPropertyAssignment(p)) return p.name.getText().replace(/^['"]|['"]$/g, '');
  }
  return null;
}

const isFunction = (n: ts.Node): boolean => ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n) || ts.isArrowFunction(n) || ts.isFunctionExpression(n);

/** The nearest named function around `node` (what the list names) and the nearest function of any kind (where its check must be). */
function enclosing(node: ts.Node): { name: string; fn: ts.Node } | null {
  let fn: ts.Node | null = null;
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (!fn && isFunction(n)) fn = n;
    const name = nameOf(n);
    if (name) return { name, fn: fn ?? n };
  }
  return null;
}

/** Whether `fn` calls `callee` (as `callee(` or `x.callee(`) before position `pos`. */
function callsBefore(fn: ts.Node, callee: string, pos: number): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found || n.getStart() >= pos) return;
    if (ts.isCallExpression(n)) {
      const e = n.expression;
      const name = ts.isIdentifier(e) ? e.text : ts.isPropertyAccessExpression(e) ? e.name.text : null;
      if (name === callee) found = true;
    }
    ts.forEachChild(n, visit);
  };
  ts.forEachChild(fn, visit);
  return found;
}

interface Opener {
  key: string;
  line: number;
  guarded: (callee: string) => boolean;
}

function openers(): Opener[] {
  const out: Opener[] = [];
  for (const file of sources(CORE)) {
    const text = readFileSync(file, 'utf8');
    if (!/\bopen(Optional|Bytes|WithHistory)?\(/.test(text)) continue;
    const src = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const rel = relative(CORE, file);
    const visit = (n: ts.Node): void => {
      if (ts.isCallExpression(n)) {
        const e = n.expression;
        // A sealer's method (not `ctx.files.open`, the path handles of fs-grants.ts), or the key-history opener.
        const sealerCall = ts.isPropertyAccessExpression(e) && OPENERS.has(e.name.text) && !/\bfiles$/.test(e.expression.getText());
        const historyCall = ts.isIdentifier(e) && e.text === 'openWithHistory';
        if (sealerCall || historyCall) {
          const around = enclosing(n);
          const pos = n.getStart();
          out.push({
            key: `${rel}#${around?.name ?? '(top level)'}`,
            line: src.getLineAndCharacterOfPosition(pos).line + 1,
            guarded: (callee) => !!around && callsBefore(around.fn, callee, pos),
          });
        }
      }
      ts.forEachChild(n, visit);
    };
    visit(src);
  }
  return out;
}

describe('every opener of a sealed value is checked or says why not', () => {
  const found = openers();

  it('reads the sources (a sanity check on the reader)', () => {
    expect(found.length).toBeGreaterThan(15);
    expect(found.map((o) => o.key)).toContain('caseload/sealed-people.ts#birthDateFor');
  });

  it('names every opener in the list, and nothing the sources no longer have', () => {
    const keys = new Set(found.map((o) => o.key));
    expect(
      found.filter((o) => !(o.key in ALLOWED)).map((o) => `${o.key} (line ${o.line})`),
      'a new opener: check the row first (requireBound) and add it to ALLOWED',
    ).toEqual([]);
    expect(
      Object.keys(ALLOWED).filter((k) => !keys.has(k)),
      'stale entries',
    ).toEqual([]);
  });

  it('each checked opener is preceded by its check in the same function', () => {
    const unchecked = found.flatMap((o) => {
      const rule = ALLOWED[o.key];
      return rule && 'before' in rule && !o.guarded(rule.before) ? [`${o.key} (line ${o.line}) opens before ${rule.before}()`] : [];
    });
    expect(unchecked).toEqual([]);
  });
});
