/**
 * Size limits and hostile paths: zip bombs (honest and lying headers), giant
 * shared-string tables, and entries named ../ or / are refused with a clear
 * Chinese message by the import readers and by the package verifier.
 */
import { createHash, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { constants, deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealPackage, verifyPackage } from '../../../electron/core/io/export/package-format';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { scratch, seedOrg } from '../import/files';
import { expectTypedRefusal } from './hostile';
import { minimalWorkbook, SHEET_CLOSE, SHEET_OPEN } from './zip';

let t: TestLedger;
let dir: string;
beforeAll(async () => {
  t = await openTestLedger();
  await seedOrg(t);
  dir = scratch();
});
afterAll(() => t.close());

const MB = 1024 * 1024;

/**
 * Deflate data that inflates to `copies` × `unit` without ever holding it:
 * one unit compressed with a sync flush (byte-aligned, not final) repeated,
 * then an empty final block. Each copy only refers back to the same repeated
 * text, so the stream is valid and inflates to the full size.
 */
function repeatedDeflate(prefix: string, unit: string, copies: number, suffix: string): Buffer {
  const flush = { finishFlush: constants.Z_SYNC_FLUSH, level: 9 };
  const segment = deflateRawSync(Buffer.from(unit), flush);
  return Buffer.concat([deflateRawSync(Buffer.from(prefix), flush), ...Array.from({ length: copies }, () => segment), deflateRawSync(Buffer.from(suffix))]);
}

async function refusal(name: string, bytes: Buffer): Promise<string> {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  const msg = expectTypedRefusal(await t.raw('import.inspect', { path, target: 'staff' }), `inspect ${name}`);
  expectTypedRefusal(await t.raw('import.preview', { path, target: 'staff', mapping: ['name', 'kind'] }), `preview ${name}`);
  return msg;
}

describe('zip bombs in an .xlsx', () => {
  const sheetPrefix = `${SHEET_OPEN}<row r="1"><c r="A1" t="inlineStr"><is><t>`;
  const spaces = ' '.repeat(16 * MB);
  const bombSize = sheetPrefix.length + 128 * spaces.length + SHEET_CLOSE.length; // ≈ 2 GB

  it('refuses a sheet that honestly declares it inflates to 2 GB, before inflating anything', async () => {
    const compressed = repeatedDeflate(sheetPrefix, spaces, 128, `</t></is></c></row>${SHEET_CLOSE}`);
    expect(compressed.length).toBeLessThan(4 * MB);
    const msg = await refusal('bomb.xlsx', minimalWorkbook({ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(0), compressed, declaredSize: bombSize }));
    expect(msg).toContain('压缩炸弹');
  });

  it('stops a sheet whose header lies about its size as soon as it inflates past the declared size', async () => {
    const compressed = repeatedDeflate(sheetPrefix, spaces, 128, `</t></is></c></row>${SHEET_CLOSE}`);
    const msg = await refusal('lying-bomb.xlsx', minimalWorkbook({ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(0), compressed, declaredSize: 4096 }));
    expect(msg).toMatch(/比文件目录中登记的大小还大|压缩炸弹/);
  });
});

describe('giant shared-string tables', () => {
  const sheet = { name: 'xl/worksheets/sheet1.xml', data: Buffer.from(`${SHEET_OPEN}<row r="1"><c r="A1" t="s"><v>0</v></c></row>${SHEET_CLOSE}`) };

  it('refuses a table declared larger than 250 MB', async () => {
    const body = Buffer.from(Array.from({ length: 400_000 }, (_, i) => (i * 7919) % 251));
    const msg = await refusal(
      'huge-strings.xlsx',
      minimalWorkbook(sheet, [{ name: 'xl/sharedStrings.xml', data: Buffer.alloc(0), compressed: body, declaredSize: 300 * MB }]),
    );
    expect(msg).toContain('文字表');
  });

  it('refuses a table of millions of tiny strings that is small in bytes', async () => {
    const unit = '<si/>'.repeat(209_715);
    const compressed = repeatedDeflate('<sst>', unit, 26, '</sst>');
    const declaredSize = 5 + unit.length * 26 + 6;
    const msg = await refusal('many-strings.xlsx', minimalWorkbook(sheet, [{ name: 'xl/sharedStrings.xml', data: Buffer.alloc(0), compressed, declaredSize }]));
    expect(msg).toContain('共享字符串');
  }, 30_000);
});

describe('entries that climb out of the folder', () => {
  const sheet = {
    name: 'xl/worksheets/sheet1.xml',
    data: Buffer.from(`${SHEET_OPEN}<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c></row>${SHEET_CLOSE}`),
  };
  for (const name of ['../../evil.txt', 'xl/../../evil.xml', '/etc/passwd', 'C:\\Windows\\evil.dll', '..\\evil.bat']) {
    it(`an .xlsx with an entry named ${name} is refused`, async () => {
      const msg = await refusal('traversal.xlsx', minimalWorkbook(sheet, [{ name, data: Buffer.from('x') }]));
      expect(msg).toContain('文件夹之外');
    });
  }

  it('a package signed by a trusted key is still refused when a part is named ../ or absolute', async () => {
    // Encoded by the generation itself: exporting a freshly generated key object can deadlock Node 20 (db/x25519.ts).
    const { publicKey: publicKeyPem, privateKey: pem } = generateKeyPairSync('ed25519', {
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    const fingerprint = createHash('sha256')
      .update(createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' }))
      .digest('hex');
    const trusted = [{ officeName: '东风街道办事处', publicKeyPem, fingerprint }];
    for (const name of ['../manifest.json', '/tmp/evil.json', 'forms/../../evil.xlsx']) {
      const bytes = await sealPackage([{ name, data: Buffer.from('{}') }], 'pw-123456', pem, fingerprint);
      const v = await verifyPackage(bytes, 'pw-123456', trusted);
      expect(v.ok, name).toBe(false);
      if (!v.ok) expect(v.reason).toContain('文件夹之外');
    }
  });
});
