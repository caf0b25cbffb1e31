/** The coverage page's own address for a filter (the form's GET parameters), for the CSV and JSON links. */
import type { Coverage } from '../../../core/coverage/types.js';

export function coverageQuery(f: Coverage['filter']): string {
  const p = new URLSearchParams();
  if (f.group !== 'all') p.set('group', f.group);
  for (const m of f.municipalities) p.append('municipality', m);
  for (const l of f.lifeSituations) p.append('life_situation', l);
  for (const l of f.languages) p.append('language', l);
  for (const m of f.modes) p.append('mode', m);
  if (f.onlyGaps) p.set('gaps', 'true');
  return p.toString();
}
