/**
 * Coverage counted again, straight from the demo or fixture files and without the database: which services serve a
 * municipality (their area) in a life situation, in a language, in a mode. The tests compare the page, the API and
 * the core with these.
 */
import type { Lang } from '../../src/core/shared/lang.js';
import type { DeliveryMode, LifeSituation } from '../../src/core/directory/vocabulary.js';
import type { DemoFile, DemoService } from '../../src/demo/types.js';

export interface ExpectedFilter {
  languages?: Lang[];
  modes?: DeliveryMode[];
}

const overlaps = <T>(have: readonly T[], want: readonly T[] | undefined) =>
  !want?.length || want.some((w) => have.includes(w));

export function servicesOf(files: DemoFile[], inactive: string[] = []): DemoService[] {
  return files.flatMap((f) => f.services).filter((s) => !inactive.includes(s.key));
}

/** Services of the municipality (one or several) in the life situation(s); no life situation given: all of them. */
export function serving(
  services: DemoService[],
  municipalities: string[],
  lifeSituations?: LifeSituation[],
): DemoService[] {
  return services.filter(
    (s) => s.area.some((a) => municipalities.includes(a)) && overlaps(s.lifeSituations, lifeSituations),
  );
}

/** The counts of one cell, row or column, each breakdown without its own filter (like the search's facets). */
export function expectedCounts(services: DemoService[], f: ExpectedFilter = {}) {
  const langOk = (s: DemoService) => overlaps(s.languages, f.languages);
  const modeOk = (s: DemoService) => overlaps(s.modes, f.modes);
  const n = (p: (s: DemoService) => boolean) => services.filter(p).length;
  return {
    total: n((s) => langOk(s) && modeOk(s)),
    allLanguages: n(modeOk),
    languages: {
      fi: n((s) => modeOk(s) && s.languages.includes('fi')),
      sv: n((s) => modeOk(s) && s.languages.includes('sv')),
      en: n((s) => modeOk(s) && s.languages.includes('en')),
    },
    modes: {
      in_person: n((s) => langOk(s) && s.modes.includes('in_person')),
      phone: n((s) => langOk(s) && s.modes.includes('phone')),
      online: n((s) => langOk(s) && s.modes.includes('online')),
      home_visit: n((s) => langOk(s) && s.modes.includes('home_visit')),
    },
  };
}
