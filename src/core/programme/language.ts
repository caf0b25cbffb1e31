/**
 * Which language a plan's text is written in (the plans are Finnish or Swedish, sometimes mixing both), so pages
 * can mark it with `lang` for screen readers and tell a reader of another language. Counts common function
 * words; a tie is Finnish, the language most plans are written in.
 */
const SV = /(?<![\p{L}])(och|för|som|att|med|till|inom|av|på|är|barn|familjer?|kommunen?|stöd)(?![\p{L}])/giu;
const FI = /(?<![\p{L}])(ja|on|että|sekä|kanssa|ovat|kunnan|lasten|perheiden|myös|jatkuu|toiminta)(?![\p{L}])/giu;

export function textLanguage(...texts: string[]): 'fi' | 'sv' {
  const s = texts.join(' ');
  const sv = s.match(SV)?.length ?? 0;
  const fi = s.match(FI)?.length ?? 0;
  return sv > fi ? 'sv' : 'fi';
}
