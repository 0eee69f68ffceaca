// Builds the app once (core worker, preview server, renderer) for the tests that run the
// real worker thread or fetch the served renderer.
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
}
