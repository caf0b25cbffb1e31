/**
 * Text handling for search, shared by the indexer (documents) and the query builder (what a person typed).
 * PostgreSQL's Snowball stemmers do the heavy lifting; this file adds what they miss for Finnish and Swedish:
 * consonant gradation (päiväkodit → päiväkoti), irregular stems (lasten → lapsi), Swedish definite forms
 * (skolan → skola), and the heads of compounds (lastenneuvola → neuvola, barnrådgivningen → rådgivning).
 */

const STOP_WORDS = new Set(
  // fi
  (
    'ja tai sekä on ei se että kun mitä miten missä mikä kuka myös tai vai jos niin kuin ole olen ' +
    // sv
    'och eller i på för att en ett med av till som det är om vid hos den de ' +
    // en
    'the and or for of in a an to with at on by is are my our'
  ).split(' '),
);

/** Lowercase NFC words of letters and digits; punctuation and stop words dropped. */
export function tokenize(text: string): string[] {
  const words =
    text
      .normalize('NFC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.filter((w) => !STOP_WORDS.has(w));
}

/** Irregular Finnish forms the stemmer does not bring together. Each group is searched as one. */
const IRREGULAR: string[][] = [
  ['lapsi', 'lapset', 'lasten', 'lapsen', 'lasta', 'lapsia'],
  ['nuori', 'nuoret', 'nuorten', 'nuorille', 'nuoria'],
  ['vanhempi', 'vanhemmat', 'vanhempien'],
  ['tuki', 'tuen', 'tukea', 'tukeen'],
  ['ero', 'erot', 'eron', 'eroa'],
  ['mies', 'miehet', 'miesten'],
  ['vauva', 'vauvat', 'vauvojen'],
  ['raskaus', 'raskauden', 'raskaana'],
  ['barn', 'barnen', 'barnens'],
  ['förälder', 'föräldrar', 'föräldrarna'],
];
const irregularIndex = new Map<string, string[]>();
for (const group of IRREGULAR) for (const w of group) irregularIndex.set(w, group);

const VOWEL = 'aeiouyäöå';
const WEAK_TO_STRONG: [string, string][] = [
  ['ng', 'nk'],
  ['mm', 'mp'],
  ['ll', 'lt'],
  ['nn', 'nt'],
  ['rr', 'rt'],
  ['lj', 'lk'],
  ['rj', 'rk'],
  ['d', 't'],
  ['v', 'p'],
  ['k', 'kk'],
  ['p', 'pp'],
  ['t', 'tt'],
];

/**
 * Finnish consonant gradation: variants of a word with the last consonant between vowels in the other grade
 * (päiväkodit → päiväkotit, vanhemmat → vanhempat, päiväkoti → päiväkodi). Over-generates harmlessly: a
 * variant that is not a word matches nothing.
 */
export function gradationVariants(word: string): string[] {
  const out = new Set<string>();
  for (let i = word.length - 2; i >= 1; i--) {
    if (!VOWEL.includes(word[i - 1]!) && !'lnrm'.includes(word[i - 1]!)) continue;
    for (const [weak, strong] of WEAK_TO_STRONG) {
      for (const [from, to] of [
        [weak, strong],
        [strong, weak],
      ] as const) {
        if (!word.startsWith(from, i)) continue;
        const after = word[i + from.length];
        if (after === undefined || !VOWEL.includes(after)) continue;
        // The letter before a cluster must be a vowel; before a single stop it may be l/n/r/m too (kulta/kullan).
        out.add(word.slice(0, i) + to + word.slice(i + from.length));
      }
    }
    if (out.size > 0) break; // only the last gradation site
  }
  out.delete(word);
  return [...out];
}

const SWEDISH_DEFINITE = ['arna', 'erna', 'orna', 'rna', 'na', 'en', 'et', 'n', 't'];
/** Swedish definite and plural endings the stemmer leaves (skolan → skola, daghemmet → daghem). */
export function swedishBaseForms(word: string): string[] {
  const out: string[] = [];
  for (const end of SWEDISH_DEFINITE) {
    if (word.length - end.length >= 4 && word.endsWith(end)) {
      const base = word.slice(0, -end.length);
      out.push(base);
      if (end === 'n' || end === 't') continue;
      if (/(.)\1$/.test(base)) out.push(base.slice(0, -1)); // daghemmet → daghemm → daghem
      out.push(base + 'a'); // skolan → skol+a
    }
  }
  return out;
}

/** Every form a typed word is searched by (the word itself first). */
export function queryVariants(word: string): string[] {
  const forms = new Set<string>([word]);
  for (const w of irregularIndex.get(word) ?? []) forms.add(w);
  for (const w of gradationVariants(word)) forms.add(w);
  for (const w of swedishBaseForms(word)) forms.add(w);
  return [...forms].slice(0, 12);
}

/**
 * Heads of compounds, as [how the head appears inside a longer word, the head's base form]. When a word holds
 * one after its first letters, the base form is indexed too, so "neuvola" finds "lastenneuvolassa".
 */
const COMPOUND_HEADS: [string, string][] = [
  ['neuvol', 'neuvola'],
  ['kahvil', 'kahvila'],
  ['kerho', 'kerho'],
  ['ryhm', 'ryhmä'],
  ['keskus', 'keskus'],
  ['päiväko', 'päiväkoti'],
  ['terapeut', 'terapeutti'],
  ['terapi', 'terapia'],
  ['hoitaj', 'hoitaja'],
  ['hoito', 'hoito'],
  ['psykolog', 'psykologi'],
  ['kuraattor', 'kuraattori'],
  ['lääkär', 'lääkäri'],
  ['ohjaus', 'ohjaus'],
  ['ohjaaj', 'ohjaaja'],
  ['työntekij', 'työntekijä'],
  ['sosiaality', 'sosiaalityö'],
  ['perhety', 'perhetyö'],
  ['nuorisoty', 'nuorisotyö'],
  ['nuorisotal', 'nuorisotalo'],
  ['kotipalvel', 'kotipalvelu'],
  ['palvelu', 'palvelu'],
  ['neuvont', 'neuvonta'],
  ['vastaanot', 'vastaanotto'],
  ['tilanne', 'tilanne'],
  ['kasvatus', 'kasvatus'],
  ['opetus', 'opetus'],
  ['koulu', 'koulu'],
  ['valmennu', 'valmennus'],
  ['kurssi', 'kurssi'],
  ['leikki', 'leikki'],
  ['kirjasto', 'kirjasto'],
  ['seurakun', 'seurakunta'],
  ['vertais', 'vertaistuki'],
  ['tuki', 'tuki'],
  ['ilta', 'ilta'],
  ['perhe', 'perhe'],
  ['vauva', 'vauva'],
  ['rådgivning', 'rådgivning'],
  ['café', 'café'],
  ['cafe', 'café'],
  ['kafé', 'café'],
  ['grupp', 'grupp'],
  ['stöd', 'stöd'],
  ['central', 'central'],
  ['arbete', 'arbete'],
  ['daghem', 'daghem'],
  ['skola', 'skola'],
  ['skolan', 'skola'],
  ['kurator', 'kurator'],
  ['psykolog', 'psykolog'],
  ['terapeut', 'terapeut'],
  ['gård', 'gård'],
  ['familj', 'familj'],
  ['ungdom', 'ungdom'],
  ['hemservice', 'hemservice'],
  ['hälsovård', 'hälsovård'],
  ['skötare', 'skötare'],
  ['läkare', 'läkare'],
  ['mottagning', 'mottagning'],
  ['handledning', 'handledning'],
  ['klubb', 'klubb'],
  ['träff', 'träff'],
  ['kväll', 'kväll'],
  ['bibliotek', 'bibliotek'],
];

/** Base forms of compound heads found inside a word (not at its start). */
export function compoundHeads(word: string): string[] {
  const out = new Set<string>();
  if (word.length < 7) return [];
  for (const [inner, base] of COMPOUND_HEADS) {
    const at = word.indexOf(inner, 3);
    if (at >= 3 && word.length - at >= Math.min(inner.length, 4)) out.add(base);
  }
  out.delete(word);
  return [...out];
}

/** The text plus the heads of its compounds, for indexing. */
export function withCompoundHeads(text: string): string {
  const heads = new Set<string>();
  for (const w of tokenize(text)) for (const h of compoundHeads(w)) heads.add(h);
  return heads.size ? `${text} ${[...heads].join(' ')}` : text;
}
