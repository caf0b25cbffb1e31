/** Response shapes of the directory API, for fast serialisation and the OpenAPI document. */
import { Type } from 'typebox';

const NStr = Type.Union([Type.String(), Type.Null()]);
const Translations = Type.Record(Type.String(), Type.String());
const Hours = Type.Object({
  days: Type.Array(Type.String()),
  opens: Type.String(),
  closes: Type.String(),
  note: NStr,
  valid_from: NStr,
  valid_to: NStr,
});
const MunicipalityRef = Type.Object({ code: Type.String(), name: Type.String() });

const itemProperties = {
  id: Type.String({ format: 'uuid' }),
  name: NStr,
  summary: NStr,
  organization: Type.Object({ id: Type.String(), name: Type.String(), type: Type.String() }),
  municipalities: Type.Array(MunicipalityRef),
  languages: Type.Array(Type.String()),
  modes: Type.Array(Type.String()),
  life_situations: Type.Array(Type.String()),
  age_min: Type.Union([Type.Integer(), Type.Null()]),
  age_max: Type.Union([Type.Integer(), Type.Null()]),
  fee: Type.String(),
  access: Type.String(),
  last_reviewed: NStr,
  distance_km: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
  text_languages: Type.Optional(
    Type.Record(Type.String(), Type.String(), {
      description: 'Fields shown in another language because the one asked for is missing.',
    }),
  ),
  web_url: Type.String(),
};

export const ServiceItemSchema = Type.Object(itemProperties);

export const ServiceListSchema = Type.Object({
  total: Type.Integer(),
  page: Type.Integer(),
  per_page: Type.Integer(),
  sort: Type.String(),
  corrected_query: NStr,
  items: Type.Array(ServiceItemSchema),
  facets: Type.Union([Type.Record(Type.String(), Type.Record(Type.String(), Type.Integer())), Type.Null()]),
});

export const ServiceSchema = Type.Object({
  ...itemProperties,
  status: Type.String(),
  description: NStr,
  fee_note: NStr,
  access_note: NStr,
  keywords: Type.Array(Type.String()),
  email: NStr,
  website: NStr,
  phones: Type.Array(Type.Object({ number: Type.String(), note: NStr })),
  hours: Type.Array(Hours),
  locations: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      address: Type.Object({
        street: NStr,
        postal_code: NStr,
        city: NStr,
        municipality: Type.Union([MunicipalityRef, Type.Null()]),
      }),
      latitude: Type.Union([Type.Number(), Type.Null()]),
      longitude: Type.Union([Type.Number(), Type.Null()]),
      accessibility: NStr,
      hours: Type.Array(Hours),
    }),
  ),
  service_classes: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
  target_groups: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
  organization: Type.Object({
    id: Type.String(),
    name: Type.String(),
    type: Type.String(),
    website: NStr,
    email: NStr,
    phone: NStr,
  }),
  translations: Type.Object({ name: Translations, summary: Translations, description: Translations }),
  updated_at: Type.String(),
});
