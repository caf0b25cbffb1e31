/**
 * The order in which test files start. The browser test files take the longest (a minute or more each, against
 * seconds for most others), so they start first: the many short files then fill the workers at the end, instead of
 * one browser file running alone after everything else. Within each group vitest's own order holds (the longest
 * first when the previous run's times are cached, otherwise the largest file first; CI has no cache).
 *
 * `--sequence.shuffle` still shuffles the files (with the run's seed), as vitest's own sequencer would.
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const isBrowserTest = (spec: TestSpecification) => /browser[^/]*\.test\.tsx?$|\/browser\//.test(spec.moduleId);

/** A seeded shuffle (mulberry32), so that a shuffled run can be repeated with `--sequence.seed`. */
function shuffle<T>(items: T[], seed: number): T[] {
  let a = seed >>> 0;
  const random = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export default class BrowserFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const { sequence } = this.ctx.config;
    if (sequence.shuffle) return shuffle(files, sequence.seed ?? Date.now());
    const sorted = await super.sort(files);
    return [...sorted.filter(isBrowserTest), ...sorted.filter((f) => !isBrowserTest(f))];
  }
}
