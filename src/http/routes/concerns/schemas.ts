/** JSON shapes of cases and referrals for the OpenAPI document. */
import { Type } from 'typebox';

const Str = Type.String();
const NStr = Type.Union([Type.String(), Type.Null()]);

export const InboxItemSchema = Type.Object({
  id: Str,
  reference: Str,
  team_id: Str,
  status: Str,
  urgency: NStr,
  urgent_on_arrival: Type.Boolean(),
  municipality: Str,
  age_group: Str,
  language: Str,
  created_at: Str,
  first_contact_due: Str,
  first_contact_at: NStr,
  overdue: Type.Boolean(),
  overdue_working_days: Type.Integer(),
  agenda_date: NStr,
  responsible: NStr,
  outcome: NStr,
  deletion_requested: Type.Boolean(),
});

export const PageOf = <T extends ReturnType<typeof Type.Object>>(item: T) =>
  Type.Object({ items: Type.Array(item), total: Type.Integer(), page: Type.Integer(), per_page: Type.Integer() });

const Person = Type.Union([Type.Null(), Type.Object({ id: Str, name: Str })]);

export const CaseSchema = Type.Object({
  id: Str,
  reference: Str,
  team_id: Str,
  status: Str,
  urgency: NStr,
  urgent_on_arrival: Type.Boolean(),
  about: NStr,
  age_group: Str,
  municipality: Str,
  language: Str,
  anonymous: Type.Boolean(),
  family_knows: Type.Boolean(),
  family_agrees_contact: Type.Union([Type.Boolean(), Type.Null()]),
  text: Str,
  contact: Type.Object({ name: NStr, email: NStr, phone: NStr }),
  created_at: Str,
  first_contact_due: Str,
  first_contact_at: NStr,
  overdue: Type.Boolean(),
  agenda_date: NStr,
  responsible: Person,
  pair: Person,
  outcome: NStr,
  closed_at: NStr,
  messages: Type.Array(Type.Object({ author: Str, person: NStr, body: Str, at: Str })),
  minutes: Type.Array(Type.Object({ meeting_date: Str, body: Str, person: NStr })),
  plan: Type.Union([Type.Null(), Type.Object({ goals: Str, tasks: Str, review_date: Str })]),
});

export const ReferralItemSchema = Type.Object({
  id: Str,
  reference: Str,
  status: Str,
  service_id: Str,
  from_team_id: Str,
  to_team_id: Str,
  created_at: Str,
  updated_at: Str,
});

export const ReferralSchema = Type.Object({
  id: Str,
  reference: Str,
  status: Str,
  service_id: Str,
  from_team_id: Str,
  to_team_id: Str,
  created_at: Str,
  updated_at: Str,
  basis: Str,
  basis_note: Str,
  message: Str,
  contact: NStr,
  events: Type.Array(Type.Object({ status: Str, note: NStr, person: NStr, at: Str })),
  next_steps: Type.Array(Str),
  withdrawable: Type.Boolean(),
});

export const PageQuery = Type.Object({
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000 })),
  per_page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
});
