/**
 * The submission package (上报包) on the wire: an AES-256 zip (WinZip AES,
 * which 7-Zip, WinRAR and Bandizip open) holding forms.xlsx (the built-in
 * forms), one 区级表格_<name>.xlsx per filled district template, data.json,
 * manifest.json and manifest.sig (Ed25519 over manifest.json). The zip's
 * comment carries a second Ed25519 signature over every byte before it, so
 * one flipped byte anywhere in the file is caught, not only inside the parts.
 * Pure Node (zip.js + node:crypto): shared by the app, the district mode and
 * `npm run verify`.
 *
 * Format versions: a reader reads every version up to its own and refuses a
 * newer one (asks for an upgrade). 1: the first; 2: the manifest carries the
 * office's audit head at export (`auditHead`, signed with the rest), which a
 * version 1 package lacks (shown as not recorded).
 */
import { configure, Uint8ArrayReader, Uint8ArrayWriter, ZipReader, ZipWriter } from '@zip.js/zip.js';
import { createHash, createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import type { AuditHead } from '../../audit/contract';

configure({ useWebWorkers: false });

export const PACKAGE_FORMAT = 'taizhang-submission';
export const SCHEMA_VERSION = 2;
export const GENERATOR = { name: 'taizhang', version: '0.1.0' } as const;
export const PART_NAMES = { forms: 'forms.xlsx', data: 'data.json', manifest: 'manifest.json', signature: 'manifest.sig' } as const;

export interface ManifestPart {
  name: string;
  sha256: string;
  bytes: number;
}

export interface Manifest {
  format: typeof PACKAGE_FORMAT;
  schemaVersion: number;
  generator: { name: string; version: string };
  officeName: string;
  period: { from: string; to: string };
  generatedAt: string;
  generatedBy: string;
  correction: boolean;
  keyFingerprint: string;
  /** `fullNumbers` and `part` (the file holding the form) since templates; absent in older packages. */
  forms: Array<{ id: string; title: string; rows: number; fullNumbers?: boolean; part?: string }>;
  counts: Record<string, number>;
  parts: ManifestPart[];
  /** Since version 2: where the office's audit log stood at export, and whether it then checked out. */
  auditHead?: AuditHead;
}

/** What the district reads about a package's audit head (Chinese), in the app and from `npm run verify`. */
export function auditHeadText(head: AuditHead | undefined): string {
  if (!head) return '操作日志：未记录（旧版本程序生成的上报包，不参与前后比对）。';
  const state = head.intact ? '导出时完整' : '导出时校验未通过（这个街道的操作日志可能被改动过，请与街道核实）';
  return `操作日志：到第 ${head.lastId} 条，共 ${head.rows} 条（末条校验值 ${head.lastHash.slice(0, 12)}…），${state}。`;
}

export const sha256Hex = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');
const plainFingerprint = (fp: string): string => fp.replace(/-/g, '').toLowerCase();

const COMMENT_PREFIX = 'taizhang-sig:v1:';
/** prefix + 64 hex (key fingerprint) + ':' + 88 base64 (Ed25519 signature). */
const COMMENT_LENGTH = COMMENT_PREFIX.length + 64 + 1 + 88;
const EOCD_SIGNATURE = 0x06054b50;
const EOCD_FIXED = 22;

export interface PackagePart {
  name: string;
  data: Uint8Array;
}

/** Zips the parts with AES-256 and signs the whole file with the office key. */
export async function sealPackage(parts: PackagePart[], password: string, privateKeyPem: string, fingerprint: string): Promise<Buffer> {
  const writer = new ZipWriter(new Uint8ArrayWriter(), { password, encryptionStrength: 3, level: 6 });
  for (const p of parts) await writer.add(p.name, new Uint8ArrayReader(p.data));
  const placeholder = `${COMMENT_PREFIX}${plainFingerprint(fingerprint)}:${'='.repeat(88)}`;
  const zipped = Buffer.from((await writer.close(new TextEncoder().encode(placeholder))) as Uint8Array);
  const signed = zipped.subarray(0, zipped.length - COMMENT_LENGTH);
  const signature = sign(null, signed, createPrivateKey(privateKeyPem)).toString('base64');
  zipped.write(signature, zipped.length - 88, 'latin1');
  return zipped;
}

export function signBytes(data: Uint8Array, privateKeyPem: string): Buffer {
  return sign(null, data, createPrivateKey(privateKeyPem));
}

export interface TrustedKey {
  officeName: string;
  publicKeyPem: string;
  fingerprint: string;
}

export type Verdict =
  | { ok: true; manifest: Manifest; key: TrustedKey; parts: Map<string, Uint8Array> }
  | { ok: false; reason: string; manifest: Manifest | null; fingerprint: string | null };

function trailer(bytes: Uint8Array): { fingerprint: string; signature: Buffer } | null {
  const end = bytes.length - COMMENT_LENGTH;
  const eocd = end - EOCD_FIXED;
  if (eocd < 0) return null;
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.readUInt32LE(eocd) !== EOCD_SIGNATURE || view.readUInt16LE(eocd + 20) !== COMMENT_LENGTH) return null;
  const comment = view.subarray(end).toString('latin1');
  const m = /^taizhang-sig:v1:([0-9a-f]{64}):([A-Za-z0-9+/=]{88})$/.exec(comment);
  if (!m) return null;
  // Node's base64 decoder is lenient (ignores stray padding and the unused low bits of the last
  // character), so several spellings decode to the same signature: accept only the canonical one,
  // otherwise a flipped byte in the trailer would go unnoticed.
  const signature = Buffer.from(m[2]!, 'base64');
  return signature.length === 64 && signature.toString('base64') === m[2] ? { fingerprint: m[1]!, signature } : null;
}

/** A package holds four known parts plus one per district template (at most 20 forms); past these limits it is a crafted file, refused before inflating. */
const MAX_PARTS = 32;
const MAX_PART_BYTES = 256 * 1024 * 1024;

/** Names that would climb out of a folder if a clerk unpacked the package with 7-Zip (../, absolute, drive letters). */
function unsafePartName(name: string): boolean {
  return name.startsWith('/') || name.startsWith('\\') || /^[A-Za-z]:/.test(name) || name.split(/[\\/]/).includes('..') || name.includes('\0');
}

/** Refusals found while unzipping that deserve their own reason (not "damaged"). */
class PackageRefusal extends Error {}

async function unzip(bytes: Uint8Array, password: string): Promise<Map<string, Uint8Array>> {
  const reader = new ZipReader(new Uint8ArrayReader(bytes), { password, checkSignature: true });
  const out = new Map<string, Uint8Array>();
  try {
    const entries = await reader.getEntries();
    if (entries.length > MAX_PARTS) throw new PackageRefusal(`上报包里有 ${entries.length} 个文件，正常的上报包最多 ${MAX_PARTS} 个：不是本程序生成的上报包。`);
    for (const e of entries) {
      if (unsafePartName(e.filename)) throw new PackageRefusal(`上报包里有指向文件夹之外的路径「${e.filename.slice(0, 80)}」：这是恶意构造的文件，已拒绝。`);
      if (e.uncompressedSize > MAX_PART_BYTES)
        throw new PackageRefusal(`上报包里的「${e.filename.slice(0, 80)}」解压后超过 256 MB，不像正常的上报包，已拒绝。`);
    }
    for (const e of entries) {
      if (e.directory) continue;
      out.set(e.filename, await e.getData!(new Uint8ArrayWriter(), { password, checkSignature: true }));
    }
  } finally {
    await reader.close();
  }
  return out;
}

const fail = (reason: string, manifest: Manifest | null = null, fingerprint: string | null = null): Verdict => ({ ok: false, reason, manifest, fingerprint });

/**
 * Checks a package: the whole-file signature by a trusted key, the password,
 * the manifest's own signature and every part's SHA-256. The reason says
 * which check failed, in words a district clerk can act on.
 */
export async function verifyPackage(bytes: Uint8Array, password: string, trusted: readonly TrustedKey[]): Promise<Verdict> {
  const t = trailer(bytes);
  if (!t) return fail('没有签名：不是本程序生成的上报包，或文件末尾被截断、签名被去掉。');
  const key = trusted.find((k) => plainFingerprint(k.fingerprint) === t.fingerprint);
  const shownFp = t.fingerprint.match(/.{4}/g)!.join('-');
  if (!key) return fail(`签名密钥未登记（指纹 ${shownFp}）：请先导入这个街道办事处的公钥文件。`, null, shownFp);
  const publicKey = createPublicKey(key.publicKeyPem);
  const signed = bytes.subarray(0, bytes.length - COMMENT_LENGTH);
  if (!verify(null, signed, publicKey, t.signature)) return fail('文件内容与签名不符：上报包在传递中被改动或已损坏。', null, shownFp);
  let parts: Map<string, Uint8Array>;
  try {
    parts = await unzip(bytes, password);
  } catch (e) {
    if (e instanceof PackageRefusal) return fail(e.message, null, shownFp);
    const msg = e instanceof Error ? e.message : '';
    // zip.js refuses ../ and absolute names itself while listing; say so instead of "damaged".
    if (/unsafe filename/i.test(msg)) return fail('上报包里有指向文件夹之外的路径：这是恶意构造的文件，已拒绝。', null, shownFp);
    return fail(/password/i.test(msg) ? '密码不对，无法打开上报包。' : '上报包已损坏，无法解压。', null, shownFp);
  }
  const manifestBytes = parts.get(PART_NAMES.manifest);
  const sig = parts.get(PART_NAMES.signature);
  if (!manifestBytes || !sig) return fail('上报包里缺少清单（manifest.json）或签名（manifest.sig）。', null, shownFp);
  let manifest: Manifest;
  try {
    manifest = JSON.parse(new TextDecoder().decode(manifestBytes)) as Manifest;
  } catch {
    return fail('清单（manifest.json）无法读取。', null, shownFp);
  }
  if (manifest.format !== PACKAGE_FORMAT) return fail('清单格式不对：不是上报包。', null, shownFp);
  if (manifest.schemaVersion > SCHEMA_VERSION)
    return fail(`上报包由更新版本的程序生成（格式版本 ${manifest.schemaVersion}），请升级后再核验。`, manifest, shownFp);
  if (plainFingerprint(manifest.keyFingerprint) !== t.fingerprint) return fail('清单中的签名密钥与文件签名不一致。', manifest, shownFp);
  if (!verify(null, manifestBytes, publicKey, Buffer.from(new TextDecoder().decode(sig).trim(), 'base64')))
    return fail('清单签名不符：清单被改动过。', manifest, shownFp);
  for (const p of manifest.parts) {
    const data = parts.get(p.name);
    if (!data) return fail(`上报包里缺少「${p.name}」。`, manifest, shownFp);
    if (sha256Hex(data) !== p.sha256 || data.length !== p.bytes) return fail(`「${p.name}」的校验值与清单不符：内容被改动过。`, manifest, shownFp);
  }
  return { ok: true, manifest, key, parts };
}
