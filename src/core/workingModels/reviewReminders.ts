/**
 * Review dates that have come: each owner of a published model whose review date is today or past gets one
 * e-mail per review date (in the language they use, Finnish by default) with only a link to the model's edit page;
 * nothing of the model but its name. Setting a new review date starts the next reminder. Daily at 7.10 (Helsinki).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { defineSchedule, queueMail } from '../jobs/jobs.js';
import type { Lang, Translated } from '../shared/lang.js';
import { pick } from '../shared/translated.js';

const SUBJECT: Record<Lang, string> = {
  fi: 'Toimintamallin tarkistus on ajankohtainen',
  sv: 'Det är dags att granska verksamhetsmodellen',
  en: 'A working model is due for review',
};
const TEXT: Record<Lang, (name: string, url: string) => string> = {
  fi: (n, u) => `Toimintamallin ”${n}” tarkistuspäivä on tullut. Tarkista, kuvaako malli yhä tapaa tehdä työtä:\n${u}`,
  sv: (n, u) =>
    `Granskningsdagen för verksamhetsmodellen ”${n}” har kommit. Kontrollera att modellen fortfarande beskriver hur arbetet görs:\n${u}`,
  en: (n, u) =>
    `The review date of the working model “${n}” has come. Check that it still describes how the work is done:\n${u}`,
};

/** Queues the reminders due on `today` (yyyy-mm-dd); returns how many e-mails were queued. */
export async function queueReviewReminders(db: Kysely<DB>, publicUrl: string, today: string): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const due = await tx
      .selectFrom('working_model')
      .select(['id', 'published', 'review_due'])
      .where('published', 'is not', null)
      .where('review_due', '<=', today)
      .where((eb) =>
        eb.or([eb('review_reminded_for', 'is', null), eb('review_reminded_for', '<>', eb.ref('review_due'))]),
      )
      .forUpdate()
      .execute();
    let sent = 0;
    for (const m of due) {
      const owners = await tx
        .selectFrom('working_model_person as wp')
        .innerJoin('person as p', 'p.id', 'wp.person_id')
        .select(['p.email', 'p.ui_lang'])
        .where('wp.model_id', '=', m.id)
        .where('wp.role', '=', 'owner')
        .where('p.status', '=', 'active')
        .execute();
      for (const o of owners) {
        const lang = (o.ui_lang ?? 'fi') as Lang;
        const name = pick((m.published as { name: Translated }).name, lang);
        await queueMail(tx, {
          to: o.email,
          subject: SUBJECT[lang],
          text: TEXT[lang](name, `${publicUrl}/${lang}/work/working-models/${m.id}/edit`),
        });
        sent++;
      }
      await tx.updateTable('working_model').set({ review_reminded_for: m.review_due }).where('id', '=', m.id).execute();
    }
    return sent;
  });
}

defineSchedule('workingModels.review_due', '10 7 * * *', async (ctx) => {
  const sent = await queueReviewReminders(ctx.db, ctx.config.publicUrl, ctx.now.toISOString().slice(0, 10));
  if (sent) ctx.log.info({ sent }, 'working model review reminders queued');
});
