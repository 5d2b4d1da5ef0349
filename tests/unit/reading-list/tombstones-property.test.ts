// Deletions and devices away, property-based: whatever the saves, deletions, absences and days, an item deleted
// and not saved again never comes back, and one nobody deleted is never lost.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SyncNetwork, createLists, quiesce, settle } from '../../support/reading-list-sim.ts';
import { DAY, article, idOf } from '../../support/tombstone-scenarios.ts';

describe('tombstones and devices away (property-based)', () => {
  type Op =
    | { kind: 'save' | 'delete' | 'archive'; device: number; article: number }
    | { kind: 'away' | 'back'; device: number }
    | { kind: 'days'; days: number }
    | { kind: 'sync' };

  it('never brings back an item deleted and not saved again; never loses one nobody deleted', async () => {
    const device = fc.nat(2);
    const art = fc.nat(7);
    const op: fc.Arbitrary<Op> = fc.oneof(
      { weight: 4, arbitrary: fc.record({ kind: fc.constant('save' as const), device, article: art }) },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), device, article: art }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('archive' as const), device, article: art }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('away' as const, 'back' as const), device }) },
      {
        weight: 2,
        arbitrary: fc.record({ kind: fc.constant('days' as const), days: fc.integer({ min: 1, max: 80 }) }),
      },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant('sync' as const) }) },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 30, size: 'max' }), async (ops) => {
        const network = new SyncNetwork(3);
        const lists = createLists(network);
        for (const list of lists) await list.load();
        // Per article: the last save and the last deletion anyone made (real time, one clock).
        const lastSave = new Map<number, number>();
        const lastDelete = new Map<number, number>();
        let elapsed = 0;
        for (const o of ops) {
          network.now += 1_000;
          switch (o.kind) {
            case 'save': {
              // Saving an item the device already shows changes nothing; anything else is a new save.
              const before = lists[o.device]!.item(idOf(o.article));
              await lists[o.device]!.save(article(o.article));
              if (!before || before.deleted) lastSave.set(o.article, network.now);
              break;
            }
            case 'delete': {
              const before = lists[o.device]!.item(idOf(o.article));
              await lists[o.device]!.change(idOf(o.article), { field: 'deleted', value: true });
              if (before && !before.deleted) lastDelete.set(o.article, network.now);
              break;
            }
            case 'archive':
              await lists[o.device]!.change(idOf(o.article), { field: 'state', value: 'archived' });
              break;
            case 'away':
              network.devices[o.device]!.offline = true;
              break;
            case 'back':
              if (network.devices[o.device]!.offline) network.reconnect(network.devices[o.device]!);
              break;
            case 'days': {
              // Within the 120 days of ghosts (beyond, see "away 200 days" in devices-away.test.ts): at most 110 days in all.
              const days = Math.min(o.days, 110 - elapsed);
              elapsed += days;
              network.now += days * DAY;
              break;
            }
            case 'sync':
              await quiesce(network, lists, 3);
              break;
          }
          await settle(1);
        }
        for (const d of network.devices) if (d.offline) network.reconnect(d);
        expect(await quiesce(network, lists)).toBe(true);
        const views = lists.map((l) =>
          l
            .items()
            .map((i) => `${i.id}:${i.state}:${i.localOnly}`)
            .sort(),
        );
        for (const v of views.slice(1)) expect(v).toEqual(views[0]);
        for (let n = 0; n < 8; n++) {
          const saved = lastSave.get(n);
          if (saved === undefined) continue;
          const deleted = lastDelete.get(n);
          const shown = lists.map((l) => l.items().some((i) => i.id === idOf(n)));
          if (deleted === undefined || saved > deleted) expect(shown.every(Boolean), `article ${n} lost`).toBe(true);
          else expect(shown.some(Boolean), `article ${n} came back`).toBe(false);
        }
      }),
      { numRuns: Number(process.env.SAVED_RUNS ?? 400) },
    );
  }, 60_000);
});
