// The pieces of WebDAV sync that need no server: the sync file format and its encryption, base64, the backoff.
import { describe, expect, it } from 'vitest';
import { fromBase64, toBase64 } from '../../../core/reading-list/webdav/base64.ts';
import {
  createKeyCache,
  decodeDeviceFile,
  encodeDeviceFile,
  PBKDF2_ITERATIONS,
} from '../../../core/reading-list/webdav/file.ts';
import { deviceFileName, nextSyncDelay } from '../../../core/reading-list/webdav/sync.ts';

const record = {
  id: 'abc123',
  state: { value: 'archived', t: 1_700_000_000, d: 'dev001' },
  favourite: { value: true, t: 1_700_000_001, d: 'dev001' },
};

describe('base64', () => {
  it('round-trips every length and rejects what is not base64', () => {
    for (let n = 0; n < 20; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 255);
      const text = toBase64(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64'));
      expect([...fromBase64(text)!]).toEqual([...bytes]);
    }
    expect(fromBase64('a*b=')).toBeNull();
  });
});

describe('the sync file', () => {
  it('writes versioned JSON and reads it back, dropping invalid records one by one', async () => {
    const text = await encodeDeviceFile({ deviceId: 'dev', writtenAt: 5, records: [record as never] });
    expect(JSON.parse(text)).toMatchObject({ format: 'clear-reader-sync', version: 1, deviceId: 'dev', writtenAt: 5 });
    const tampered = JSON.stringify({ ...JSON.parse(text), records: [record, { id: 'BAD!' }, 'x'] });
    const read = await decodeDeviceFile(tampered);
    expect(read).toMatchObject({ ok: true, encrypted: false, invalidRecords: 2, file: { records: [record] } });
  });

  it.each([
    ['not json', 'garbage'],
    ['[]', 'garbage'],
    ['{"format":"other","version":1}', 'garbage'],
    ['{"format":"clear-reader-sync"}', 'garbage'],
    ['{"format":"clear-reader-sync","version":1,"records":{}}', 'garbage'],
    ['{"format":"clear-reader-sync","version":2,"records":[]}', 'newer'],
    ['{"format":"clear-reader-sync","version":1,"encrypted":{"kdf":"scrypt"}}', 'garbage'],
  ])('reports %s as %s', async (text, reason) => {
    expect(await decodeDeviceFile(text)).toMatchObject({ ok: false, reason });
  });

  it('seals with a passphrase: right one opens, wrong one is wrong-passphrase, none is passphrase-needed', async () => {
    const keys = createKeyCache('right', { iterations: 1_000 });
    const text = await encodeDeviceFile({ deviceId: 'dev', writtenAt: 5, records: [record as never] }, keys);
    expect(text).not.toContain('archived');
    const sealed = JSON.parse(text) as { encrypted: { iv: string; salt: string; iterations: number } };
    expect(fromBase64(sealed.encrypted.iv)).toHaveLength(12);
    expect(sealed.encrypted.iterations).toBe(1_000);
    expect(await decodeDeviceFile(text, createKeyCache('right'))).toMatchObject({
      ok: true,
      encrypted: true,
      file: { records: [record] },
    });
    expect(await decodeDeviceFile(text, createKeyCache('wrong'))).toMatchObject({
      ok: false,
      reason: 'wrong-passphrase',
    });
    expect(await decodeDeviceFile(text)).toMatchObject({ ok: false, reason: 'passphrase-needed' });
    // A fresh IV for every write, one salt per cache.
    const again = JSON.parse(
      await encodeDeviceFile({ deviceId: 'dev', writtenAt: 6, records: [] }, keys),
    ) as typeof sealed;
    expect(again.encrypted.iv).not.toBe(sealed.encrypted.iv);
    expect(again.encrypted.salt).toBe(sealed.encrypted.salt);
  });

  it('uses 600,000 PBKDF2 iterations by default', () => {
    expect(PBKDF2_ITERATIONS).toBe(600_000);
    expect(createKeyCache('x').iterations).toBe(600_000);
  });
});

describe('helpers', () => {
  it('backs off from a minute to an hour', () => {
    expect([0, 1, 2, 3, 6, 7, 50].map((n) => nextSyncDelay(n) / 60_000)).toEqual([1, 1, 2, 4, 32, 60, 60]);
  });

  it('names device files safely', () => {
    expect(deviceFileName('4f6c-9a')).toBe('4f6c-9a.json');
    expect(deviceFileName('../etc/passwd')).toBe('___etc_passwd.json');
    expect(deviceFileName('')).toBe('device.json');
  });
});
