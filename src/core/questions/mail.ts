/**
 * E-mail to an asker who left an address. A message carries only a link, never the question or the answer.
 * The receipt carries the private follow-up link (the code exists only at that moment); later notifications, when
 * the code is no longer known, link to the page where the follow-up link from the receipt is opened.
 */
import type { Mail } from '../mail/mailer.js';
import { tFor } from '../../i18n/index.js';
import type { QuestionLang } from './types.js';

export function receiptMail(o: {
  to: string;
  lang: QuestionLang;
  publicUrl: string;
  reference: string;
  code: string;
}): Mail {
  const t = tFor(o.lang);
  return {
    to: o.to,
    subject: t('questions.mail.receipt_subject', { reference: o.reference }),
    text: t('questions.mail.receipt_text', {
      reference: o.reference,
      link: `${o.publicUrl}/${o.lang}/ask/${o.code}`,
    }),
  };
}

export function answeredMail(o: { to: string; lang: QuestionLang; publicUrl: string; reference: string }): Mail {
  const t = tFor(o.lang);
  return {
    to: o.to,
    subject: t('questions.mail.answered_subject', { reference: o.reference }),
    text: t('questions.mail.answered_text', { reference: o.reference, link: `${o.publicUrl}/${o.lang}/ask/open` }),
  };
}
