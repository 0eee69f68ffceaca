// Builds the core worker once, for the tests that start it in a real worker thread.
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build.mjs', '--core-only'], { stdio: 'inherit' });
}
