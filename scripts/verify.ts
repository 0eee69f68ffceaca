/**
 * `npm run verify -- 包1.zip [包2.zip …] --key 街道1.pub [--key 街道2.pub …] --password …`
 * The district's command-line check of submission packages: the signature
 * by the office's key (from the .pub file the office gave once), the
 * password, the manifest's signature and every part's SHA-256.
 * With `--template 区级模板.xlsx --out 文件夹` it also fills the district's
 * own template from every verified package (see verify-template.ts).
 * Packages of one office (the same key) are compared by the audit heads they
 * carry, in export order (electron/core/io/export/audit-heads.ts): a later
 * one whose log is shorter, forked or has fewer rows is flagged. Only the
 * packages given together are compared: this command keeps nothing.
 * Exit code 0 = all verified (and the template filled), 1 = something refused (the reason is printed),
 * 2 = usage, 3 = all verified but an office's audit log went back between its packages (flagged).
 */
import { readFileSync } from 'node:fs';
import { AppError } from '../electron/core/errors';
import { parsePublicKeyFile } from '../electron/core/io/export/office-key';
import { auditHeadText, sha256Hex, verifyPackage, type TrustedKey } from '../electron/core/io/export/package-format';
import { dataOf, registeredOffice, type AcceptedPackage } from '../electron/core/io/export/district';
import { packageShapeProblem } from '../electron/core/io/export/district-package-shape';
import { auditHeadFlags, type SeenHead } from '../electron/core/io/export/audit-heads';
import { fillFromCommandLine } from './verify-template';

const VALUED = new Set(['--key', '--password', '--template', '--out', '--form', '--map', '--office']);

function args(name: string): string[] {
  const out: string[] = [];
  process.argv.forEach((a, i) => a === `--${name}` && process.argv[i + 1] !== undefined && out.push(process.argv[i + 1]!));
  return out;
}

function usage(msg: string): never {
  console.error(
    `${msg}\n用法: npm run verify -- 上报包.zip [更多上报包…] --key 街道公钥.pub [--key …] --password 密码\n` +
      '      填区级表格: 再加 --template 区级模板.xlsx --out 保存文件夹 [--office 填报单位] [--form observation-roster] [--map "列标题=内容"]… [--full-numbers]',
  );
  process.exit(2);
}

function read(path: string, encoding?: 'utf8'): Buffer | string {
  try {
    return encoding ? readFileSync(path, encoding) : readFileSync(path);
  } catch (e) {
    usage(`无法读取文件：${e instanceof Error ? e.message : String(e)}`);
  }
}

async function main(): Promise<void> {
  const files = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && !VALUED.has(all[i - 1] ?? ''));
  const keyPaths = args('key');
  const passwords = args('password');
  if (passwords.length === 0 && process.env.TAIZHANG_PACKAGE_PASSWORD) passwords.push(process.env.TAIZHANG_PACKAGE_PASSWORD);
  if (files.length === 0) usage('缺少上报包文件。');
  if (keyPaths.length === 0) usage('缺少 --key 公钥文件。');
  if (passwords.length === 0) usage('缺少 --password 密码（也可用环境变量 TAIZHANG_PACKAGE_PASSWORD）。');
  if (passwords.length > 1 && passwords.length !== files.length)
    usage(`给了 ${files.length} 个上报包、${passwords.length} 个密码：请给一个共用的密码，或按顺序每个包一个。`);
  const keys: TrustedKey[] = keyPaths.map((k) => parsePublicKeyFile(String(read(k, 'utf8'))));
  const accepted: AcceptedPackage[] = [];
  const heads: Array<SeenHead & { file: string }> = [];
  let refused = 0;
  for (const [i, file] of files.entries()) {
    const bytes = read(file) as Buffer;
    const v = await verifyPackage(bytes, passwords[passwords.length > 1 ? i : 0]!, keys);
    if (files.length > 1) console.log(`\n== ${file}`);
    if (!v.ok) {
      console.log(`核验未通过：${v.reason}`);
      refused++;
      continue;
    }
    const m = v.manifest;
    const data = dataOf(v.parts.get('data.json'));
    const problem = packageShapeProblem(m, data);
    if (problem) {
      console.log(`核验未通过：${problem}`);
      refused++;
      continue;
    }
    // The office the key was registered for, never the name the package gives itself (DX1).
    const office = registeredOffice(v.key);
    const claimed = m.officeName !== office ? `（包内写的是「${m.officeName}」，以公钥文件登记的为准）` : '';
    console.log('核验通过：签名有效，所有内容与清单一致。');
    console.log(`街道办事处：${office}${m.correction ? '（更正）' : ''}${claimed}`);
    console.log(`统计期间：${m.period.from} 至 ${m.period.to}`);
    console.log(`生成时间：${m.generatedAt}（${m.generatedBy}，${m.generator.name} ${m.generator.version}）`);
    console.log(`签名公钥指纹：${v.key.fingerprint}`);
    console.log(auditHeadText(m.auditHead));
    if (m.auditHead) {
      heads.push({
        file,
        key: sha256Hex(bytes),
        fingerprint: m.keyFingerprint,
        officeName: office,
        period: m.period,
        generatedAt: m.generatedAt,
        head: m.auditHead,
      });
    }
    for (const f of m.forms) console.log(`  ${f.title}：${f.rows} 行${f.fullNumbers ? '（含完整身份证号和电话）' : ''}`);
    for (const p of m.parts) console.log(`  ${p.name}  SHA-256 ${p.sha256}`);
    console.log(`上报包 SHA-256：${sha256Hex(bytes)}`);
    accepted.push({
      officeName: office,
      period: m.period,
      data: data as AcceptedPackage['data'],
    });
  }
  // Compared after all are read: the order given on the command line need not be the export order.
  const flags = auditHeadFlags(heads);
  const flagged = heads.filter((h) => flags.has(h.key));
  if (flagged.length > 0) console.log('\n== 操作日志前后比对（同一街道的包按导出先后）');
  for (const h of flagged) console.log(`注意：${h.officeName}「${h.file}」${flags.get(h.key)}`);
  const template = args('template')[0];
  if (template) {
    const out = args('out')[0];
    if (!out) usage('填区级表格需要 --out 保存文件夹。');
    const filled = await fillFromCommandLine({
      templatePath: template,
      folder: out,
      accepted,
      office: args('office')[0] ?? '',
      form: args('form')[0],
      maps: args('map'),
      fullNumbers: process.argv.includes('--full-numbers'),
    });
    console.log(`\n已填好区级表格：${filled.path}（${filled.offices} 个街道，${filled.rows} 行${filled.fullNumbers ? '，含完整号码' : '，号码已隐去中间位'}）`);
  }
  if (refused > 0) process.exit(1);
  if (flagged.length > 0) process.exit(3);
}

main().catch((e: unknown) => {
  console.error(e instanceof AppError ? `${e.code === 'BAD_INPUT' ? '' : '核验未通过：'}${e.message}` : e);
  process.exit(e instanceof AppError ? (e.code === 'BAD_INPUT' ? 2 : 1) : 2);
});
