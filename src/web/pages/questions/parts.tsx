/** What the e-advice pages share: dates and times, topic and municipality names, messages of a conversation. */
import { useTranslation } from '../../useTranslation.js';
import { LOCALES, type Lang } from '../../../core/shared/lang.js';
import type { ConversationMessage } from '../../../core/questions/types.js';
import { municipalityName } from '../../format.js';

export function formatDateTime(d: Date, lang: Lang): string {
  return new Intl.DateTimeFormat(LOCALES[lang], {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Helsinki',
  }).format(d);
}

export function When({ at, lang }: { at: Date; lang: Lang }) {
  return <time dateTime={at.toISOString()}>{formatDateTime(at, lang)}</time>;
}

export function useLabels(lang: Lang) {
  const { t } = useTranslation();
  return {
    topic: (code: string) => t(`life_situation.${code}`),
    municipality: (code: string | null) => (code ? municipalityName(code, lang) : ''),
    language: (code: string) => t(`questions.language.${code}`),
    status: (code: string) => t(`questions.status.${code}`),
  };
}

/** The conversation, oldest first: the question, then each message with who wrote it and when. */
export function Messages({
  lang,
  question,
  askedAt,
  messages,
  headingLevel = 2,
}: {
  lang: Lang;
  question: string;
  askedAt: Date;
  messages: ConversationMessage[];
  headingLevel?: 2 | 3;
}) {
  const { t } = useTranslation();
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section aria-labelledby="conversation-title" className="questions-conversation">
      <H id="conversation-title">{t('questions.conversation.title')}</H>
      <ol className="plain questions-messages">
        <li className="questions-message questions-message-asker">
          <p className="questions-message-meta">
            <strong>{t('questions.conversation.asker')}</strong> · <When at={askedAt} lang={lang} />
          </p>
          <p className="questions-message-text">{question}</p>
        </li>
        {messages.map((m) => (
          <li
            key={m.id}
            className={`questions-message ${m.author === 'asker' ? 'questions-message-asker' : 'questions-message-pro'}`}
          >
            <p className="questions-message-meta">
              <strong>
                {m.author === 'asker'
                  ? t('questions.conversation.asker')
                  : t('questions.conversation.professional', {
                      name: m.authorName ?? t('questions.conversation.someone'),
                    })}
              </strong>
              {m.teamName ? ` (${m.teamName})` : ''} · <When at={m.at} lang={lang} />
            </p>
            <p className="questions-message-text">{m.text}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}
