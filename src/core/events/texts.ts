/** The events' links and e-mail texts, in the reader's language. E-mail carries no personal data: only links. */
import { tFor } from '../../i18n/index.js';
import type { Lang } from '../shared/lang.js';

export const eventUrl = (publicUrl: string, lang: Lang, id: string) => `${publicUrl}/${lang}/events/${id}`;
export const cancelUrl = (publicUrl: string, lang: Lang, code: string) =>
  `${publicUrl}/${lang}/events/registrations/${code}`;
export const feedUrl = (publicUrl: string, code: string) => `${publicUrl}/api/v1/events/my/${code}.ics`;

export type MailKind =
  | 'confirmed'
  | 'waitlisted'
  | 'promoted'
  | 'cancelled'
  | 'changed'
  | 'changed_cancelled'
  | 'deleted'
  | 'reminder'
  | 'message';

/** Subject and text of an e-mail of the events: the event's name and time, and links. */
export function mailText(
  lang: Lang,
  kind: MailKind,
  v: { event: string; url: string; when?: string; cancelUrl?: string; feedUrl?: string; organiser?: string },
): { subject: string; text: string } {
  const t = tFor(lang);
  const lines = [
    t(`events.mail.${kind}.body`, { event: v.event, when: v.when ?? '', organiser: v.organiser ?? '' }),
    '',
    `${t('events.mail.event_link')} ${v.url}`,
  ];
  if (v.cancelUrl) lines.push(`${t('events.mail.cancel_link')} ${v.cancelUrl}`);
  if (v.feedUrl) lines.push(`${t('events.mail.calendar_link')} ${v.feedUrl}`);
  lines.push('', t('events.mail.footer'));
  return { subject: t(`events.mail.${kind}.subject`, { event: v.event }), text: lines.join('\n') };
}
