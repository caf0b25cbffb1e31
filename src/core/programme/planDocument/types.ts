/**
 * What `parsePlanDocument` understands of a municipal LAPE plan (the template of the plans in shared/seeds):
 * the contract between the plan parser (planDocument/) and the programme store (programme/). JSON-friendly: this
 * is also what `yhdessa import plan --dry-run --json` prints.
 */

/** The four LAPE development areas. */
export type LapeArea =
  | 'family_centre' // perhekeskustoimintamalli (PeKe)
  | 'school_wellbeing' // varhaiskasvatus, koulu ja oppilaitos hyvinvoinnin tukena (VarKo)
  | 'special_services' // erityis- ja vaativan tason palvelut (ErVa)
  | 'culture_change'; // toimintakulttuurin muutos, lapsen oikeudet (ToMu)

/** The six numbered sections of the template. */
export type PlanSectionKey =
  | 'local_after' // 1. Paikallinen kehittämistyö muutosohjelman jälkeen
  | 'regional_link' // 2. Linkittyminen maakunnalliseen kehittämistyöhön muutosohjelman aikana
  | 'experiments' // 3. Kokeilusta pysyväksi käytännöksi
  | 'adopted' // 4. Alueelle juurrutettavat kokeilut muista kunnista
  | 'regional_after' // 5. Sidonnaisuudet maakunnalliseen kehittämistyöhön muutosohjelman päätyttyä
  | 'structural_changes'; // 6. Muutosohjelman aikana syntyneet rakenteelliset muutokset

/** How an experiment ended up, read from the text (the original wording is kept beside it). */
export type ExperimentStatus =
  | 'permanent' // done and made permanent practice ("jatkaa toimintaansa", "jatkuu", "vakiintunut")
  | 'continuing' // still going / being developed
  | 'not_done' // no experiments / not done yet
  | 'one_off' // a single event ("yksittäinen tapahtuma")
  | 'unknown';

export interface PlanMunicipality {
  name: string;
  code: string;
}

export interface PlanSection {
  key: PlanSectionKey;
  number: number; // 1..6
  heading: string; // as written in the document
  items: string[]; // bullets, or paragraphs where there are no bullets; [] for an empty section ("-")
  /**
   * Statements that there is nothing here ("-", "Ei ollut ketteriä kokeiluja", "Seuraamme lähikuntien
   * kokeiluja…", "Inga agila försök"), as written: in sections 3 and 4 they are notes of the section, not items.
   */
  notes?: string[];
}

export interface PlanExperiment {
  title: string;
  status: ExperimentStatus;
  original: string; // the item as written
  municipality?: string; // official code, when the item names one ("Siuntio: …") or stands under a line naming it
}

export interface RoadmapCell {
  year: number;
  text: string;
  /** Which row of the summary table the cell is on (0-based), so a row's steps from year to year can be followed. */
  row?: number;
  /** The row's label, when the table has a label column ("PeKe"). */
  row_label?: string;
}

export interface PlanPerson {
  name: string;
  title?: string;
  /** As written ("Inkoo"). */
  municipality?: string;
  /** The official code of `municipality`, when it names one. */
  municipality_code?: string;
  email?: string;
}

export interface ParsedPlan {
  kind: 'municipal_plan';
  title?: string; // "Lape Uusimaa Yhdessä olemme enemmän"
  /** Lines above the title (the programme's logo text: "Lapsi- ja perhepalveluiden muutosohjelma"). */
  letterhead?: string[];
  municipalities: PlanMunicipality[]; // one document may cover two (Inkoo & Siuntio)
  date?: string; // ISO yyyy-mm-dd
  /** The header's date line as written, when it says more than the date ("Päivitetty 5.5.2019"). */
  date_text?: string;
  /** The line saying when the plan was drawn up ("Suunnitelma laadittu 30.10.2018"), with its date. */
  signed?: { text: string; date: string };
  development_areas: LapeArea[];
  /** Text before section 1 ("Paikallinen kehittämistyö muutosohjelman aikana", themes, results…), in order. */
  introduction: string[];
  sections: PlanSection[];
  experiments: PlanExperiment[];
  adopted_from_others: string[];
  roadmap: RoadmapCell[];
  /** The summary table's heading as written ("Yhteenveto"). */
  roadmap_heading?: string;
  /** The years of the table's header, empty columns included ([2018, 2019, 2022, 2025, 2030]). */
  roadmap_years?: number[];
  people: PlanPerson[];
  /** Text the parser could not place: kept and reported, never dropped. */
  unplaced: string[];
}

/** What a question of the regional summary is about. */
export type ProgrammeSectionKey = 'areas' | 'goals' | 'sub_goals' | 'challenges' | 'strengths' | 'partners' | 'changes';

/** The regional summary (the seed without a municipality): the programme's own description. */
export interface ParsedProgramme {
  kind: 'programme_summary';
  title?: string;
  /** "UUDENMAAN MAAKUNTA" */
  region?: string;
  /** The LAPE areas the programme chose ("LAPE-kehittämiskokonaisuuksiin"). */
  development_areas?: LapeArea[];
  goals: string[];
  sub_goals: string[];
  challenges: string[];
  strengths: string[];
  partners: string[];
  changes: string[]; // "Mikä on alueellanne konkreettisesti muuttunut…"
  people: PlanPerson[]; // contact person(s), with e-mail in title when given
  /** Every section as written, in order; `key` says which question it answers (none for a question not known). */
  sections: { heading: string; items: string[]; key?: ProgrammeSectionKey }[];
  unplaced: string[];
}

export type ParsedDocument = ParsedPlan | ParsedProgramme;
