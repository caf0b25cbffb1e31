/**
 * Shape of the demo data files in src/demo/data/*.json. All of it is invented for demonstration
 * (marked as demo data in the UI and in every record's contact details), drawn from the municipal
 * plans in ../shared/seeds and from the usual services of a Finnish municipality.
 */
import type { Access, DeliveryMode, Fee, LifeSituation, OrgType, Weekday } from '../core/directory/vocabulary.js';

/** Human text: Finnish always; Swedish for everything in bilingual municipalities; English where natural. */
export interface T {
  fi: string;
  sv?: string;
  en?: string;
}

export interface DemoOrganization {
  key: string; // stable slug, e.g. "askola-kunta", "mll-inkoo"
  type: OrgType;
  name: T;
  description?: T;
  municipality?: string; // home municipality code, e.g. "018"
  website?: string; // https://example.fi/... style, never a real person's page
  email?: string; // always @example.fi (demo)
  phone?: string; // +358 50 000 xxxx style (demo)
}

export interface DemoOpeningHours {
  days: Weekday[]; // e.g. ["MO","TU","WE","TH","FR"]
  opens: string; // "08:00"
  closes: string; // "16:00"
  note?: T; // e.g. { fi: "Parittomilla viikoilla", sv: "Udda veckor" }
}

export interface DemoLocation {
  key: string; // stable slug, e.g. "askola-hyvinvointineuvola"
  org: string; // organisation key
  name: T;
  street: T; // e.g. { fi: "Kirkkotie 8", sv: "Kyrkvägen 8" } (sv only where the street has a Swedish name)
  postalCode: string; // "07500"
  city: T; // { fi: "Askola", sv: "Askola" }
  municipality: string; // code
  lat: number; // WGS84, plausible point inside the municipality
  lon: number;
  accessibility?: T; // e.g. step-free entrance, lift, parking for the disabled
  hours?: DemoOpeningHours[];
}

export interface DemoService {
  key: string; // stable slug, unique across all files
  org: string; // organisation key
  name: T;
  summary: T; // one sentence: what it is and for whom
  description: T; // 2–4 sentences in the unit's own voice: what happens, how to reach it
  area: string[]; // municipality codes the service serves (may be wider than where its locations are)
  languages: ('fi' | 'sv' | 'en')[]; // languages the service is GIVEN in (not the languages of this text)
  modes: DeliveryMode[];
  ageMin?: number; // age of the child/young person in years; omit when any age / whole family
  ageMax?: number;
  lifeSituations: LifeSituation[];
  serviceClasses?: string[]; // PTV service classes, e.g. ["P3.1"] (see ../shared/reference/ptv/codelists/ptv_classes_2023.json)
  targetGroups?: string[]; // PTV target groups, e.g. ["KR1.2"] (children and families), ["KR1.3"] (young people)
  keywords?: { fi?: string[]; sv?: string[]; en?: string[] };
  fee: Fee;
  feeNote?: T;
  access: Access;
  accessNote?: T; // how to get it: "Soita ja varaa aika", "Kom direkt"
  email?: string; // @example.fi
  phones?: { number: string; note?: T }[];
  website?: string;
  locations?: string[]; // location keys; omit for phone/online-only services
  hours?: DemoOpeningHours[]; // service-specific hours (e.g. a family café Wed 9:30–11:30); else the location's apply
  lastReviewed: string; // ISO date, 2025-01-01 … 2026-11-01; some older than 12 months on purpose
}

export interface DemoFile {
  organizations: DemoOrganization[];
  locations: DemoLocation[];
  services: DemoService[];
}
