// A device's sync file: `{ format, version, deviceId, writtenAt, records }`, optionally sealed with a passphrase
// (PBKDF2-SHA-256 → AES-GCM 256; the salt, iteration count and IV travel in the file), so the server sees only
// ciphertext. Reading never throws: a file this version cannot use is a typed problem, skipped by the caller.
import { validateRecord, type ItemRecord } from '../crdt.ts';
import { normalizeListenPlaces, type ListenPlaces } from '../listen-places.ts';
import { validateRuleRecords, type SiteRuleRecord } from '../site-rules/records.ts';
import { fromBase64, toBase64 } from './base64.ts';

export const SYNC_FORMAT = 'clear-reader-sync';
export const SYNC_FILE_VERSION = 1;
export const PBKDF2_ITERATIONS = 600_000;
/** Iterations accepted when reading (a file asking for more is refused rather than hanging the device). */
const MAX_ITERATIONS = 10_000_000;

export interface DeviceFile {
  deviceId: string;
  /** ms since 1970. */
  writtenAt: number;
  records: ItemRecord[];
  /** Which part of the device's list this file is (parts.ts); absent: the whole list. */
  part?: { index: number; count: number };
  /**
   * In the first part only: the reader's site rules (deletions included) and where Listen stopped per article.
   * Fields a version before them ignores (it reads deviceId, writtenAt and records), so format 1 still holds.
   */
  siteRules?: SiteRuleRecord[];
  listenPlaces?: ListenPlaces;
}

export type FileProblem = 'garbage' | 'newer' | 'wrong-passphrase' | 'passphrase-needed';

/** Why a file could not be read; `detail` says more in English for a garbage file (never shown alone). */
export interface FileFailure {
  ok: false;
  reason: FileProblem;
  detail?: string;
}

export type ReadResult = { ok: true; file: DeviceFile; encrypted: boolean; invalidRecords: number } | FileFailure;

/**
 * Keys derived from one passphrase, per salt and iteration count: a sync derives once per distinct salt, not
 * once per file. Our own files reuse one salt (and so one key) for as long as the cache lives.
 */
export interface KeyCache {
  readonly passphrase: string;
  readonly iterations: number;
  key(salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<CryptoKey>;
  /** The salt (and its key) this device writes with. */
  own(): Promise<{ salt: Uint8Array<ArrayBuffer>; key: CryptoKey }>;
}

export function createKeyCache(passphrase: string, options: { iterations?: number } = {}): KeyCache {
  const iterations = options.iterations ?? PBKDF2_ITERATIONS;
  const keys = new Map<string, Promise<CryptoKey>>();
  let own: Promise<{ salt: Uint8Array<ArrayBuffer>; key: CryptoKey }> | null = null;
  const cache: KeyCache = {
    passphrase,
    iterations,
    key(salt, n) {
      const id = `${n}:${toBase64(salt)}`;
      let key = keys.get(id);
      if (!key) {
        key = deriveKey(passphrase, salt, n);
        keys.set(id, key);
        key.catch(() => keys.delete(id));
      }
      return key;
    },
    own() {
      own ??= (async () => {
        const salt = crypto.getRandomValues(new Uint8Array(16));
        return { salt, key: await cache.key(salt, iterations) };
      })();
      return own;
    },
  };
  return cache;
}

async function deriveKey(passphrase: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(passphrase), 'PBKDF2', false, [
    'deriveKey',
  ]);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/**
 * A JSON envelope `{ format, version, ...content }`, or, with a key cache (passphrase), `{ format, version,
 * encrypted }` whose ciphertext is the plain envelope: the server sees the format and nothing else.
 */
export async function sealEnvelope(
  format: string,
  version: number,
  content: Record<string, unknown>,
  keys?: KeyCache,
): Promise<string> {
  const plain = JSON.stringify({ format, version, ...content });
  if (!keys) return plain;
  const { salt, key } = await keys.own();
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, new TextEncoder().encode(plain)),
  );
  return JSON.stringify({
    format,
    version,
    encrypted: {
      kdf: 'PBKDF2-SHA-256',
      iterations: keys.iterations,
      salt: toBase64(salt),
      iv: toBase64(iv),
      data: toBase64(data),
    },
  });
}

export type EnvelopeResult = { ok: true; content: Record<string, unknown>; encrypted: boolean } | FileFailure;

/** The content of an envelope of `format`, opened with the key cache if sealed; never throws. */
export async function openEnvelope(
  text: string,
  format: string,
  maxVersion: number,
  keys?: KeyCache,
  depth = 0,
): Promise<EnvelopeResult> {
  const raw = parseJson(text) as Record<string, unknown> | undefined;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return garbage('not a sync file (not JSON)');
  if (raw.format !== format) return garbage('not a Clear Reader sync file');
  if (typeof raw.version !== 'number' || !Number.isSafeInteger(raw.version) || raw.version < 1) {
    return garbage('no version');
  }
  if (raw.version > maxVersion) return { ok: false, reason: 'newer', detail: `format ${raw.version}` };
  if (raw.encrypted === undefined) return { ok: true, content: raw, encrypted: false };
  if (depth > 0) return garbage('nested encryption');
  const e = raw.encrypted as Record<string, unknown> | null;
  if (typeof e !== 'object' || e === null || e.kdf !== 'PBKDF2-SHA-256') return garbage('unknown encryption');
  const iterations = e.iterations;
  const salt = typeof e.salt === 'string' ? fromBase64(e.salt) : null;
  const iv = typeof e.iv === 'string' ? fromBase64(e.iv) : null;
  const data = typeof e.data === 'string' ? fromBase64(e.data) : null;
  if (
    typeof iterations !== 'number' ||
    !Number.isSafeInteger(iterations) ||
    iterations < 1 ||
    iterations > MAX_ITERATIONS ||
    !salt ||
    salt.length < 8 ||
    !iv ||
    iv.length !== 12 ||
    !data
  ) {
    return garbage('damaged encryption header');
  }
  if (!keys) return { ok: false, reason: 'passphrase-needed' };
  let plain: string;
  try {
    const key = await keys.key(salt, iterations);
    plain = new TextDecoder().decode(await crypto.subtle.decrypt({ name: 'AES-GCM', iv }, key, data));
  } catch {
    // AES-GCM cannot tell a wrong key from damaged data; a wrong passphrase is by far the likelier.
    return { ok: false, reason: 'wrong-passphrase' };
  }
  const inner = await openEnvelope(plain, format, maxVersion, undefined, depth + 1);
  return inner.ok ? { ...inner, encrypted: true } : inner;
}

/** The file's text; sealed when a key cache (passphrase) is given. */
export function encodeDeviceFile(file: DeviceFile, keys?: KeyCache): Promise<string> {
  const { deviceId, writtenAt, records, part, siteRules, listenPlaces } = file;
  const numbering = part ? { part: part.index, parts: part.count } : {};
  const extras = { ...(siteRules ? { siteRules } : {}), ...(listenPlaces ? { listenPlaces } : {}) };
  return sealEnvelope(SYNC_FORMAT, SYNC_FILE_VERSION, { deviceId, writtenAt, ...numbering, records, ...extras }, keys);
}

const garbage = (detail: string): FileFailure => ({ ok: false, reason: 'garbage', detail });

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Reads a file's text; never throws. Records that do not validate are dropped one by one (and counted). */
export async function decodeDeviceFile(text: string, keys?: KeyCache): Promise<ReadResult> {
  const opened = await openEnvelope(text, SYNC_FORMAT, SYNC_FILE_VERSION, keys);
  if (!opened.ok) return opened;
  const raw = opened.content;
  if (typeof raw.deviceId !== 'string' || !Array.isArray(raw.records)) return garbage('missing device or records');
  const records: ItemRecord[] = [];
  let invalidRecords = 0;
  for (const r of raw.records as unknown[]) {
    const record = validateRecord(r);
    if (record) records.push(record);
    else invalidRecords++;
  }
  const writtenAt = typeof raw.writtenAt === 'number' && Number.isFinite(raw.writtenAt) ? raw.writtenAt : 0;
  const file: DeviceFile = { deviceId: raw.deviceId, writtenAt, records };
  // Damaged entries are dropped one by one, like records (the rules and places are re-validated).
  if (raw.siteRules !== undefined) file.siteRules = validateRuleRecords(raw.siteRules);
  if (raw.listenPlaces !== undefined) file.listenPlaces = normalizeListenPlaces(raw.listenPlaces);
  return {
    ok: true,
    file,
    encrypted: opened.encrypted,
    invalidRecords,
  };
}
