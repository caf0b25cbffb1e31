/** "Open now, closes at 16.00" / "Closed now, opens tomorrow at 8.00", with the exceptions ahead (holidays). */
import { useTranslation } from '../../useTranslation.js';
import {
  addDays,
  localMoment,
  type HoursException,
  type LocalMoment,
  type OpeningStatus,
} from '../../../core/guides/openingHours.js';
import { LOCALES, type Lang } from '../../../core/shared/lang.js';
import { LangText } from '../../components/common.js';
import { usePage } from '../../context.js';
import { formatDate, formatTime, keptFormat } from '../../format.js';

const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** The weekday's formatter, made once per language (making one costs more than rendering the line). */
const weekdayFormat = (lang: Lang) =>
  keptFormat(
    `weekday ${lang}`,
    () => new Intl.DateTimeFormat(LOCALES[lang], { weekday: lang === 'en' ? 'long' : 'short', timeZone: 'UTC' }),
  );

/** "today at 8.00", "tomorrow at 8.00", "Monday 19.1. at 8.00" in the reader's language. */
export function useMomentText() {
  const { t } = useTranslation();
  const { lang } = usePage();
  return (m: LocalMoment, now: Date) => {
    const today = localMoment(now).date;
    const time = formatTime(hhmm(m.minute), lang);
    if (m.date === today) return t('guides.open.today_at', { time });
    if (m.date === addDays(today, 1)) return t('guides.open.tomorrow_at', { time });
    const d = new Date(`${m.date}T12:00:00Z`);
    // "ma 19.1.2026" reads naturally in Finnish and Swedish (a long weekday would need a case ending in Finnish)
    const day = weekdayFormat(lang).format(d);
    return t('guides.open.day_at', { day, date: formatDate(m.date, lang), time });
  };
}

function ExceptionLine({ e }: { e: HoursException }) {
  const { t } = useTranslation();
  const { lang } = usePage();
  const dates = e.from === e.to ? formatDate(e.from, lang) : `${formatDate(e.from, lang)}–${formatDate(e.to, lang)}`;
  const what =
    e.closed || !e.opens || !e.closes
      ? t('guides.open.exception_closed', { dates })
      : t('guides.open.exception_hours', {
          dates,
          hours: `${formatTime(e.opens, lang)}–${formatTime(e.closes, lang)}`,
        });
  return (
    <li>
      {what}
      {e.note && Object.keys(e.note).length ? (
        <>
          {' – '}
          <LangText value={e.note} />
        </>
      ) : null}
    </li>
  );
}

/** The status line and, below it, the exceptional days ahead; nothing at all when there are no hours. */
export function OpeningSummary({ status, now, id }: { status: OpeningStatus | null; now: Date; id: string }) {
  const { t } = useTranslation();
  const when = useMomentText();
  if (!status || status.state === 'unknown') return null;
  let line: string;
  if (status.state === 'open')
    line = status.alwaysOpen
      ? t('guides.open.open_always')
      : status.closesAt
        ? t('guides.open.open_until', { when: when(status.closesAt, now) })
        : t('guides.open.open_now');
  else
    line = status.nextOpening
      ? t('guides.open.closed_until', { when: when(status.nextOpening, now) })
      : t('guides.open.closed_no_next');
  return (
    <div className={`opening opening-${status.state}`} id={id}>
      <p className="opening-now">
        <strong>{status.state === 'open' ? t('guides.open.label_open') : t('guides.open.label_closed')}</strong> {line}
      </p>
      {status.upcomingExceptions.length ? (
        <>
          <p className="opening-exceptions-title">{t('guides.open.exceptions_title')}</p>
          <ul className="plain opening-exceptions">
            {status.upcomingExceptions.map((e, i) => (
              <ExceptionLine key={i} e={e} />
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
