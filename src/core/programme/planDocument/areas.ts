/**
 * Which of the four LAPE development areas a plan works on, read from its words: the areas' short names (PeKe,
 * VarKo, ErVa, ToMu, in any inflection) and what they are about, in Finnish and Swedish.
 */
import type { LapeArea } from './types.js';
import { ure } from './text.js';

const SIGNALS: [LapeArea, RegExp][] = (
  [
    ['family_centre', /\bpeke\p{L}*|perhekeskus|perhekeskuks|familjecentral/iu],
    [
      'school_wellbeing',
      /\bvarko\p{L}*|varhaiskasvatu\p{L}*,?\s+(?:ja\s+)?koulu|koulu\p{L}*\s+(?:ja\s+oppilaito\p{L}*\s+)?hyvinvoinnin tuke|oppilaito\p{L}*\s+(?:lapsen ja nuoren\s+)?hyvinvoinnin|småbarnspedagogik\p{L}*,?\s+(?:och\s+)?skol/iu,
    ],
    [
      'special_services',
      /\berva\p{L}*|erityis-\s*ja vaativan tason|vaativan tason palvel|erityistason palvel|special-\s*och krävande nivå|krävande nivå/iu,
    ],
    [
      'culture_change',
      /\btomu\p{L}*|toimintakulttuur|lapsen oikeu|lapsiystävällis|lapsivaikutusten arvioin|verksamhetskultur|barnets rättigheter|barnvänlig/iu,
    ],
  ] as [LapeArea, RegExp][]
).map(([a, re]) => [a, ure(re)]);

const ORDER: LapeArea[] = ['family_centre', 'school_wellbeing', 'special_services', 'culture_change'];

/** The areas a text speaks of, in the programme's order. */
export function developmentAreas(texts: string[]): LapeArea[] {
  const all = texts.join('\n');
  const found = new Set(SIGNALS.filter(([, re]) => re.test(all)).map(([a]) => a));
  return ORDER.filter((a) => found.has(a));
}
