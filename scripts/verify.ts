/**
 * `npm run verify -- PACKAGE.zip --key OFFICE.pub --password …`
 * The district's command-line check of a submission package: the signature
 * by the office's key (from the .pub file the office gave once), the
 * password, the manifest's signature and every part's SHA-256.
 * Exit code 0 = verified, 1 = refused (the reason is printed), 2 = usage.
 */
import { readFileSync } from 'node:fs';
import { AppError } from '../electron/core/errors';
import { parsePublicKeyFile } from '../electron/core/io/export/office-key';
import { sha256Hex, verifyPackage } from '../electron/core/io/export/package-format';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function usage(msg: string): never {
  console.error(`${msg}\n用法: npm run verify -- 上报包.zip --key 街道公钥.pub --password 密码`);
  process.exit(2);
}

async function main(): Promise<void> {
  const valued = new Set(['--key', '--password']);
  const file = process.argv.slice(2).find((a, i, all) => !a.startsWith('--') && !valued.has(all[i - 1] ?? ''));
  const keyPath = arg('key');
  const password = arg('password') ?? process.env.TAIZHANG_PACKAGE_PASSWORD;
  if (!file) usage('缺少上报包文件。');
  if (!keyPath) usage('缺少 --key 公钥文件。');
  if (!password) usage('缺少 --password 密码（也可用环境变量 TAIZHANG_PACKAGE_PASSWORD）。');
  let bytes: Buffer;
  let keyText: string;
  try {
    bytes = readFileSync(file);
    keyText = readFileSync(keyPath, 'utf8');
  } catch (e) {
    usage(`无法读取文件：${e instanceof Error ? e.message : String(e)}`);
  }
  const key = parsePublicKeyFile(keyText);
  const v = await verifyPackage(bytes, password, [key]);
  if (!v.ok) {
    console.log(`核验未通过：${v.reason}`);
    process.exit(1);
  }
  const m = v.manifest;
  console.log('核验通过：签名有效，所有内容与清单一致。');
  console.log(`街道办事处：${m.officeName}${m.correction ? '（更正）' : ''}`);
  console.log(`统计期间：${m.period.from} 至 ${m.period.to}`);
  console.log(`生成时间：${m.generatedAt}（${m.generatedBy}，${m.generator.name} ${m.generator.version}）`);
  console.log(`签名公钥指纹：${key.fingerprint}`);
  for (const f of m.forms) console.log(`  ${f.title}：${f.rows} 行`);
  for (const p of m.parts) console.log(`  ${p.name}  SHA-256 ${p.sha256}`);
  console.log(`上报包 SHA-256：${sha256Hex(bytes)}`);
}

main().catch((e: unknown) => {
  console.error(e instanceof AppError ? `核验未通过：${e.message}` : e);
  process.exit(e instanceof AppError ? 1 : 2);
});
