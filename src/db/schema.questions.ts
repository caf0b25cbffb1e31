/** Tables of e-advice (migrations/0009_questions.sql): questions, their messages, consultations, routes, Q&A. */
import type { ColumnType, Generated } from 'kysely';

type Ts = ColumnType<Date, Date | string | undefined, Date | string>;

export type QuestionLang = 'fi' | 'sv' | 'en';
export type QuestionStatus = 'open' | 'claimed' | 'answered';

export interface QuestionRouteTable {
  id: string;
  team_id: string;
  municipality_code: string;
  topic: string | null;
  language: QuestionLang;
  created_by: string | null;
  created_at: Ts;
}

export interface QuestionTable {
  id: string;
  reference: string;
  code_hash: string;
  municipality_code: string;
  topic: string;
  language: QuestionLang;
  ui_lang: QuestionLang;
  text_enc: string;
  email_enc: string | null;
  publish_consent: Generated<boolean>;
  status: Generated<QuestionStatus>;
  team_ids: ColumnType<string[], string[] | undefined, string[]>;
  claimed_by: string | null;
  claimed_team_id: string | null;
  created_at: Ts;
  last_message_at: Ts;
}

export interface QuestionMessageTable {
  id: string;
  question_id: string;
  author: 'asker' | 'professional';
  person_id: string | null;
  team_id: string | null;
  body_enc: string;
  created_at: Ts;
}

export interface QuestionConsultationTable {
  id: string;
  question_id: string;
  requested_by: string;
  consultant_id: string;
  created_at: Ts;
}

export interface QuestionConsultationMessageTable {
  id: string;
  consultation_id: string;
  person_id: string | null;
  body_enc: string;
  created_at: Ts;
}

export interface QuestionQaTable {
  id: string;
  question_id: string | null;
  municipality_code: string | null;
  topic: string;
  language: QuestionLang;
  question_text: string;
  answer_text: string;
  published_by: string | null;
  published_at: Ts;
}

export interface QuestionsTables {
  question_route: QuestionRouteTable;
  question: QuestionTable;
  question_message: QuestionMessageTable;
  question_consultation: QuestionConsultationTable;
  question_consultation_message: QuestionConsultationMessageTable;
  question_qa: QuestionQaTable;
}
