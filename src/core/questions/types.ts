/** What e-advice's operations take and give. */
import type { QuestionLang, QuestionStatus } from '../../db/schema.questions.js';

export type { QuestionLang, QuestionStatus };

export const TEXT_MAX = 5000;
export const EMAIL_MAX = 254;
/** Anonymous conversations are erased this many months after their last message. */
export const RETENTION_MONTHS = 12;

export interface AskInput {
  municipality: string;
  topic: string;
  language: string;
  text: string;
  email?: string;
  /** The asker agrees that an anonymised version of the question and answer may be published. */
  publishConsent?: boolean;
  /** The site's language, for the e-mail and links. */
  uiLang: QuestionLang;
}

export interface Asked {
  id: string;
  reference: string;
  /** The follow-up code: shown once, never stored. */
  code: string;
}

export interface ConversationMessage {
  id: string;
  author: 'asker' | 'professional';
  authorName: string | null;
  teamName: string | null;
  text: string;
  at: Date;
}

export interface Reader {
  name: string;
  at: Date;
}

/** What the asker sees through the follow-up link. */
export interface Conversation {
  id: string;
  reference: string;
  municipality: string;
  topic: string;
  language: QuestionLang;
  status: QuestionStatus;
  text: string;
  hasEmail: boolean;
  publishConsent: boolean;
  askedAt: Date;
  lastMessageAt: Date;
  messages: ConversationMessage[];
  readers: Reader[];
  published: boolean;
}

/** One question of a team's pool: no contents. */
export interface PoolItem {
  id: string;
  reference: string;
  municipality: string;
  topic: string;
  language: QuestionLang;
  status: QuestionStatus;
  askedAt: Date;
  lastMessageAt: Date;
  claimedBy: string | null;
  claimedTeamId: string | null;
  teamIds: string[];
}

export interface ConsultationMessage {
  id: string;
  authorName: string | null;
  text: string;
  at: Date;
}

export interface ConsultationThread {
  id: string;
  questionId: string;
  reference: string;
  requestedBy: { id: string; name: string };
  consultant: { id: string; name: string };
  createdAt: Date;
  messages: ConsultationMessage[];
}

/** A question as its answering team sees it (read audited). */
export interface QuestionDetail extends PoolItem {
  text: string;
  /** The asker's e-mail is not shown to professionals: only whether a notification is sent. */
  hasEmail: boolean;
  publishConsent: boolean;
  messages: ConversationMessage[];
  consultations: ConsultationThread[];
  /** The reader's view: a member of a holding team, or a consulted colleague only. */
  view: 'team' | 'consultant';
  holdingTeamId: string | null;
  published: boolean;
}

export interface PublishedQa {
  id: string;
  municipality: string | null;
  topic: string;
  language: QuestionLang;
  question: string;
  answer: string;
  publishedAt: Date;
}
