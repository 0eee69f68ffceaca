/**
 * `npm run demo -- --data-dir DIR [--residents N]`: a realistic demo street
 * office, then prints the logins.
 */
import { resolve } from 'node:path';
import { Core } from '../electron/core/core';
import { buildDemoLedger, DEMO_OFFICE, DEMO_USERS } from '../electron/core/demo/build-demo';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const dataDir = resolve(arg('data-dir') ?? '.taizhang-data');
  const residents = Number(arg('residents') ?? 5000);
  const core = new Core({ dataDir });
  if (core.services.ledger.isInitialized()) {
    console.error(`${dataDir} 里已经有台账了。请换一个空文件夹（--data-dir）。`);
    process.exit(1);
  }
  console.log(`正在建立演示台账（${residents} 名居民）：${dataDir}`);
  await buildDemoLedger(core, { residents, log: (s) => console.log(s) });
  core.close();
  console.log(`\n演示台账已建立：${DEMO_OFFICE}`);
  for (const u of DEMO_USERS) console.log(`  用户名 ${u.username}  密码 ${u.password}  （${u.displayName}）`);
  console.log(`\n预览：npm run preview -- --data-dir ${dataDir}`);
}

void main().catch((e: unknown) => {
  console.error('建立演示台账失败：', e instanceof Error ? e.message : e);
  process.exit(1);
});
