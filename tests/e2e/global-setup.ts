// Builds every variant the end-to-end tests load or inspect, so they never run against a stale build. The shipped
// builds go through `wxt zip` (the build, then the store zips), as `npm run build` does: the zips are tested too.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './paths.ts';
import { SPEECHD_PROBLEM, startSpeechDispatcher } from './speech-dispatcher.ts';

const WXT = join(ROOT, 'node_modules/wxt/bin/wxt.mjs');

function build(args: string[], e2e: boolean, command: 'build' | 'zip' = 'build'): void {
  // Without vitest's NODE_ENV=test, which Vite would build with (other code than `npm run build` ships).
  const { NODE_ENV: _testMode, ...inherited } = process.env;
  const env = { ...inherited, E2E: e2e ? '1' : '' };
  try {
    // process.execPath: the Node 22 that runs vitest, whatever PATH says.
    execFileSync(process.execPath, [WXT, command, ...args], { cwd: ROOT, env, stdio: 'pipe' });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: Buffer; stderr?: Buffer };
    const output = `${stdout?.toString() ?? ''}\n${stderr?.toString() ?? ''}`;
    throw new Error(`wxt ${command} ${args.join(' ')} (E2E=${e2e ? 1 : 0}) failed:\n${output}`, { cause: error });
  }
}

/** The builds the drivers load (the shipped code plus a host permission for 127.0.0.1): bench/parity.ts too. */
export function buildE2e(): void {
  build([], true);
  build(['-b', 'firefox'], true);
}

export default async function setup(): Promise<() => void> {
  build([], false, 'zip');
  build(['-b', 'firefox'], false, 'zip');
  buildE2e();
  // Voices for Listen in both browsers (./speech-dispatcher.ts); where there are none, the Listen tests say why.
  const speech = await startSpeechDispatcher();
  if ('problem' in speech) {
    process.env[SPEECHD_PROBLEM] = speech.problem;
    return () => undefined;
  }
  process.env.SPEECHD_ADDRESS = speech.address;
  console.log(
    `[speech-dispatcher] ${speech.address}: ${speech.voices.all} voices (fr ${speech.voices.fr}, en ${speech.voices.en})`,
  );
  return () => speech.stop();
}
