/** The events API's shapes (TypeBox): for validation, fast serialisation and the OpenAPI document. */
import { Type, type Static } from 'typebox';
import { LIFE_SITUATIONS } from '../../../core/directory/vocabulary.js';

const NStr = Type.Union([Type.String(), Type.Null()]);
const NInt = Type.Union([Type.Integer(), Type.Null()]);
const Translations = Type.Object(
  {
    fi: Type.Optional(Type.String({ maxLength: 8000 })),
    sv: Type.Optional(Type.String({ maxLength: 8000 })),
    en: Type.Optional(Type.String({ maxLength: 8000 })),
  },
  { additionalProperties: false, description: 'Text in Finnish, Swedish and English, side by side.' },
);
const Lang = Type.Union([Type.Literal('fi'), Type.Literal('sv'), Type.Literal('en')]);

export const EventsQuery = Type.Object(
  {
    municipality: Type.Optional(
      Type.Array(Type.String({ maxLength: 200 }), {
        maxItems: 30,
        description: 'Municipality code(s): repeated or comma-separated (018, 149,710).',
      }),
    ),
    language: Type.Optional(Lang),
    age: Type.Optional(Type.Integer({ minimum: 0, maximum: 99, description: "A child's age in years." })),
    life_situation: Type.Optional(Type.Union(LIFE_SITUATIONS.map((l) => Type.Literal(l)))),
    free: Type.Optional(Type.Boolean()),
    place: Type.Optional(Type.Union([Type.Literal('place'), Type.Literal('online')])),
    when: Type.Optional(
      Type.Union([Type.Literal('week'), Type.Literal('weekend')], {
        description: 'This week (today–Sunday) or the coming weekend.',
      }),
    ),
    from: Type.Optional(
      Type.String({ description: 'A date (YYYY-MM-DD, Helsinki) or an ISO time; default now.', maxLength: 40 }),
    ),
    to: Type.Optional(
      Type.String({ description: 'A date (inclusive) or an ISO time; default 60 days on.', maxLength: 40 }),
    ),
    q: Type.Optional(
      Type.String({ maxLength: 200, description: 'Search words, with the directory’s inflection handling.' }),
    ),
    organization: Type.Optional(Type.String({ format: 'uuid' })),
    service: Type.Optional(Type.String({ format: 'uuid' })),
    lang: Type.Optional(Lang),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 1 })),
    per_page: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);
export type EventsQuery = Static<typeof EventsQuery>;

const Occurrence = Type.Object({
  id: Type.String({ format: 'uuid' }),
  start: Type.String({ description: 'Helsinki local time with its offset, e.g. 2026-10-27T09:30:00+02:00.' }),
  end: Type.String(),
  seats_left: Type.Union([Type.Integer(), Type.Null()], {
    description: 'Seats left (of the occurrence, or of a group’s series); null when unlimited or no registration.',
  }),
});

export const EventItem = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  kind: Type.String({ description: 'single, recurring, or group (a series joined as a whole).' }),
  organization: Type.Object({ id: Type.String(), name: Type.String() }),
  municipality: Type.Union([Type.Object({ code: Type.String(), name: Type.String() }), Type.Null()]),
  languages: Type.Array(Type.String()),
  free: Type.Boolean(),
  online: Type.Boolean(),
  place: Type.Union([
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      street: NStr,
      postal_code: NStr,
      city: NStr,
      lat: Type.Union([Type.Number(), Type.Null()]),
      lon: Type.Union([Type.Number(), Type.Null()]),
    }),
    Type.Null(),
  ]),
  age_min: NInt,
  age_max: NInt,
  life_situations: Type.Array(Type.String()),
  registration: Type.String({ description: 'none, headcount (drop-in: a count only) or contact.' }),
  occurrences: Type.Array(Occurrence),
  web_url: Type.String(),
});

export const EventList = Type.Object({ total: Type.Integer(), items: Type.Array(EventItem) });

const OccurrenceIn = Type.Object(
  {
    start: Type.String({
      description: 'ISO time with an offset, or Helsinki local time YYYY-MM-DDTHH:MM.',
      maxLength: 40,
    }),
    end: Type.String({ maxLength: 40 }),
  },
  { additionalProperties: false },
);

const eventFields = {
  service_id: Type.Optional(Type.Union([Type.String({ format: 'uuid' }), Type.Null()])),
  kind: Type.Optional(Type.Union([Type.Literal('single'), Type.Literal('recurring'), Type.Literal('group')])),
  status: Type.Optional(
    Type.Union([Type.Literal('draft'), Type.Literal('published')], {
      description: 'published needs the right to publish.',
    }),
  ),
  name: Type.Optional(Translations),
  description: Type.Optional(Translations),
  practical: Type.Optional(Translations),
  price: Type.Optional(Translations),
  accessibility: Type.Optional(Translations),
  languages: Type.Optional(Type.Array(Lang, { minItems: 1, maxItems: 3 })),
  municipality: Type.Optional(Type.Union([Type.String({ pattern: '^\\d{3}$' }), Type.Null()])),
  location_id: Type.Optional(Type.Union([Type.String({ format: 'uuid' }), Type.Null()])),
  online_url: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
  online_url_registered_only: Type.Optional(Type.Boolean()),
  age_min: Type.Optional(NInt),
  age_max: Type.Optional(NInt),
  free: Type.Optional(Type.Boolean()),
  contact_name: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
  contact_email: Type.Optional(Type.Union([Type.String({ maxLength: 254 }), Type.Null()])),
  contact_phone: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Null()])),
  keywords: Type.Optional(Type.Array(Type.String({ maxLength: 60 }), { maxItems: 30 })),
  life_situations: Type.Optional(Type.Array(Type.String(), { maxItems: 20 })),
  registration: Type.Optional(Type.Union([Type.Literal('none'), Type.Literal('headcount'), Type.Literal('contact')])),
  capacity: Type.Optional(
    Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], {
      description: 'Seats per occurrence; of the whole series for a group; null: no limit.',
    }),
  ),
  max_people: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
  retention_days: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: 365,
      description: 'Registrants’ personal data is erased this many days after the event (default 30).',
    }),
  ),
  occurrences: Type.Optional(
    Type.Array(OccurrenceIn, {
      minItems: 1,
      maxItems: 200,
      description: 'The occurrences; with rrule, the first one only.',
    }),
  ),
  rrule: Type.Optional(
    Type.Union([
      Type.String({
        maxLength: 300,
        description: 'RFC 5545 RRULE repeating occurrences[0], e.g. FREQ=WEEKLY;COUNT=14 (Helsinki local time).',
      }),
      Type.Null(),
    ]),
  ),
  exdates: Type.Optional(
    Type.Array(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }), {
      maxItems: 100,
      description: 'Local dates the rule skips (holidays).',
    }),
  ),
};

export const EventCreate = Type.Object(
  {
    organization_id: Type.String({ format: 'uuid' }),
    ...eventFields,
    name: Translations,
    languages: Type.Array(Lang, { minItems: 1, maxItems: 3 }),
  },
  { additionalProperties: false },
);
export type EventCreate = Static<typeof EventCreate>;

export const EventPatch = Type.Object(
  { ...eventFields, cancel_occurrences: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { maxItems: 200 })) },
  { additionalProperties: false },
);
export type EventPatch = Static<typeof EventPatch>;

export const RegistrationCreate = Type.Object(
  {
    name: Type.Optional(Type.String({ maxLength: 200 })),
    email: Type.Optional(Type.String({ maxLength: 254 })),
    phone: Type.Optional(Type.String({ maxLength: 40 })),
    people: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 1 })),
    occurrence_id: Type.Optional(
      Type.String({
        format: 'uuid',
        description: 'Which occurrence (recurring events); a group is joined as a whole.',
      }),
    ),
    lang: Type.Optional(Lang),
  },
  { additionalProperties: false },
);
export type RegistrationCreate = Static<typeof RegistrationCreate>;

export const RegistrationCreated = Type.Object({
  status: Type.Union([Type.Literal('confirmed'), Type.Literal('waitlisted')]),
  cancel_url: Type.String({ description: 'The person’s own link: see or cancel the registration. Shown once.' }),
  calendar_url: Type.String({ description: 'The person’s own iCalendar feed of their events.' }),
  reference: Type.String(),
});
