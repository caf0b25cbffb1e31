/** The services handed from the plan to the writers: whole chunks while planning goes on, the rest at its end. */
import { describe, expect, it } from 'vitest';
import type { PlannedRecord, PlannedService } from './plan.js';
import { ServiceFeed } from './write.js';

const planned = (n: number) => ({ id: `s${n}` }) as unknown as PlannedRecord<PlannedService>;
const ids = (list: PlannedRecord<PlannedService>[] | null) => list?.map((r) => r.id) ?? null;

describe('ServiceFeed', () => {
  it('gives a writer a chunk once it is whole, and what is left once the plan is', async () => {
    const feed = new ServiceFeed(3);
    let taken: PlannedRecord<PlannedService>[] | null | undefined;
    const first = feed.take().then((t) => (taken = t));
    feed.push(planned(1));
    feed.push(planned(2));
    await new Promise((r) => setImmediate(r));
    expect(taken).toBeUndefined(); // two of three: the writer still waits
    feed.push(planned(3));
    feed.push(planned(4));
    await first;
    expect(ids(taken!)).toEqual(['s1', 's2', 's3']);
    const second = feed.take();
    const third = feed.take();
    feed.push(planned(5));
    feed.close();
    expect(ids(await second)).toEqual(['s4', 's5']);
    expect(await third).toBeNull();
    expect(await feed.take()).toBeNull();
  });

  it('serves two writers waiting at once, each its own chunk', async () => {
    const feed = new ServiceFeed(2);
    const a = feed.take();
    const b = feed.take();
    for (let i = 1; i <= 4; i++) feed.push(planned(i));
    expect([ids(await a), ids(await b)]).toEqual([
      ['s1', 's2'],
      ['s3', 's4'],
    ]);
    feed.close();
    expect(await feed.take()).toBeNull();
  });
});
