// Voices for Listen in both browsers, the same on every run: a speech-dispatcher of the tests' own (private
// config, socket and HOME, so it needs no user session, D-Bus or earlier daemon), with its espeak-ng module and
// libao's null audio driver (no sound card on a CI machine: without audio the module never reports an utterance's
// end). Both browsers find it through SPEECHD_ADDRESS, which they inherit; Chromium also needs
// --enable-speech-dispatcher (tests/support/driver/chromium.ts). Started before the browsers: Firefox asks for
// its voices once, at startup.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Set (by the global setup, for the test files, which inherit its environment) to why there are no voices. */
export const SPEECHD_PROBLEM = 'CLEAR_READER_SPEECHD_PROBLEM';

/** How long speech-dispatcher may take to answer with its voices (it loads ~13,000 espeak-ng voices). */
const READY_MS = 30_000;

export interface SpeechDispatcher {
  /** `unix_socket:/…/speechd.sock`, as SPEECHD_ADDRESS says it. */
  address: string;
  /** How many voices its espeak-ng module lists, and how many speak French and English. */
  voices: { all: number; fr: number; en: number };
  stop(): void;
}

const installed = (command: string) => spawnSync(command, ['--version'], { stdio: 'ignore' }).status === 0;

/** `spd-say -o espeak-ng -L` through `address`: the module's voices, or null while the daemon does not answer. */
function listVoices(address: string): SpeechDispatcher['voices'] | null {
  const listed = spawnSync('spd-say', ['-o', 'espeak-ng', '-L'], {
    env: { ...process.env, SPEECHD_ADDRESS: address },
    encoding: 'utf8',
    timeout: 10_000,
  });
  // A header line, then "NAME LANGUAGE VARIANT" per voice.
  const rows =
    listed.status === 0
      ? listed.stdout
          .split('\n')
          .slice(1)
          .filter((line) => line.trim())
      : [];
  if (!rows.length) return null;
  const speaking = (lang: string) => rows.filter((row) => new RegExp(`\\s${lang}(-\\S+)?\\s`).test(`${row} `)).length;
  return { all: rows.length, fr: speaking('fr'), en: speaking('en') };
}

/** Starts the tests' own speech-dispatcher and waits until it lists its voices; or says why it could not. */
export async function startSpeechDispatcher(): Promise<SpeechDispatcher | { problem: string }> {
  if (!installed('speech-dispatcher') || !installed('spd-say')) {
    return { problem: 'speech-dispatcher is not installed (.ci/run installs it with espeak-ng)' };
  }
  const dir = mkdtempSync(join(tmpdir(), 'clear-reader-speechd-'));
  const conf = join(dir, 'conf');
  const home = join(dir, 'home');
  mkdirSync(home);
  mkdirSync(conf);
  if (existsSync('/etc/speech-dispatcher')) cpSync('/etc/speech-dispatcher', conf, { recursive: true });
  appendFileSync(join(conf, 'speechd.conf'), '\nAudioOutputMethod "libao"\n');
  writeFileSync(join(home, '.libao'), 'default_driver=null\n');
  const socket = join(dir, 'speechd.sock');
  const address = `unix_socket:${socket}`;
  const log = openSync(join(dir, 'speechd.log'), 'a');
  // -s: stays our child (stopped by its pid); -t 0: never leaves for want of clients between browser launches.
  const daemon: ChildProcess = spawn(
    'speech-dispatcher',
    ['-s', '-t', '0', '-c', 'unix_socket', '-S', socket, '-C', conf, '-l', '2'],
    {
      env: { ...process.env, HOME: home, XDG_RUNTIME_DIR: dir, XDG_CONFIG_HOME: join(home, '.config') },
      stdio: ['ignore', log, log],
    },
  );
  const stop = () => {
    daemon.kill();
    rmSync(dir, { recursive: true, force: true });
  };
  let exited = false;
  daemon.once('exit', () => (exited = true));
  const deadline = Date.now() + READY_MS;
  for (;;) {
    const voices = !exited && existsSync(socket) ? listVoices(address) : null;
    if (voices) return { address, voices, stop };
    if (exited || Date.now() > deadline) {
      const said = readFileSync(join(dir, 'speechd.log'), 'utf8').split('\n').slice(-15).join('\n');
      stop();
      return { problem: `speech-dispatcher did not list espeak-ng voices within ${READY_MS} ms:\n${said}` };
    }
    await new Promise((resolve) => setTimeout(resolve, 200)); // the daemon's socket, polled
  }
}
