/**
 * The whole flow over HTTP, on both databases: a resident brings a concern (JSON) → it is in the VATU team's intake
 * → triage, agenda, minutes, workers, plan, a reply the resident reads → a referral to the county's family work,
 * which accepts it, records contact and the outcome → the sender sees every step → the case is closed. The resident
 * sees the reply and which professionals read the concern; every read is in the audit log.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';
import { createTestDatabase, testDatabases, type TestDatabase } from '../support/databases.js';
import { Agent } from '../support/agent.js';
import { CONCERN_TEXT, PEOPLE, postConcern, SERVICE, setUpConcernWorld, signedIn, TEAM } from './support.js';

interface Item {
  id: string;
  reference: string;
  status: string;
  team_id: string;
  urgency: string | null;
}

describe.each(testDatabases())('a concern from intake to an accepted referral on %s', (kind) => {
  let d: TestDatabase;
  let app: FastifyInstance;
  beforeAll(async () => {
    d = await createTestDatabase(kind);
    await setUpConcernWorld(d.db);
    app = await testApp(d);
  });
  afterAll(async () => {
    await app?.close();
    await d?.dispose();
  });

  it('goes through every step, and both sides see every step', async () => {
    const receipt = await postConcern(app);
    expect(receipt.reference).toMatch(/^K-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    expect(receipt.follow_up_url).toMatch(/^http:\/\/yhdessa\.test\/fi\/concern\/[A-Za-z0-9_-]{43}$/);

    // In the VATU team's intake, with its reference.
    const vatu = await signedIn(app, PEOPLE.vatu);
    const inbox = (await vatu.get('/api/v1/cases')).json() as { items: Item[]; total: number };
    const item = inbox.items.find((i) => i.reference === receipt.reference)!;
    expect(item).toMatchObject({ status: 'intake', team_id: TEAM.vatu, urgency: null });
    const caseUrl = `/fi/work/concerns/cases/${item.id}`;

    const page = await vatu.get(caseUrl);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('salainen-huoli-7731');

    const step = async (path: string, fields: Record<string, string>) => {
      const res = await vatu.postForm(`${caseUrl}/${path}`, fields);
      expect(res.statusCode, `${path}: ${res.body.slice(0, 300)}`).toBe(303);
    };
    await step('triage', { urgency: 'normal', team: TEAM.vatu, agenda: 'yes' });
    const members = (await vatu.get(`/api/v1/cases/${item.id}`)).json() as { agenda_date: string | null };
    expect(members.agenda_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await step('minutes', { meeting_date: members.agenda_date!, minutes: 'Sovittiin perheohjauksesta.' });
    const lead = await d.db
      .selectFrom('person')
      .select('id')
      .where('email', '=', PEOPLE.vatuLead)
      .executeTakeFirstOrThrow();
    const me = await d.db.selectFrom('person').select('id').where('email', '=', PEOPLE.vatu).executeTakeFirstOrThrow();
    await step('assign', { responsible: me.id, pair: lead.id });
    await step('plan', { goals: 'Illat turvallisiksi', tasks: 'Veera soittaa perheelle', review_date: '2027-02-01' });
    await step('reply', { reply: 'Kiitos viestistä, otamme yhteyttä perheeseen.' });
    await step('referrals', {
      service: SERVICE.perheohjaus,
      basis: 'consent',
      basis_note: 'Äiti antoi suostumuksen puhelimessa.',
      message: 'Perhe toivoo perheohjausta iltoihin.',
      contact: 'äiti, 040 123 4567',
    });

    // The receiving team sees it in its own inbox and accepts it.
    const family = await signedIn(app, PEOPLE.family, '10.0.0.2');
    const received = (await family.get('/api/v1/referrals?box=received')).json() as {
      items: { id: string; reference: string; status: string }[];
    };
    expect(received.items).toHaveLength(1);
    expect(received.items[0]).toMatchObject({ reference: receipt.reference, status: 'sent' });
    const rid = received.items[0]!.id;
    const seen = (await family.get(`/api/v1/referrals/${rid}`)).json() as {
      message: string;
      contact: string;
      next_steps: string[];
    };
    expect(seen.message).toBe('Perhe toivoo perheohjausta iltoihin.');
    expect(seen.contact).toBe('äiti, 040 123 4567');
    expect(seen.next_steps).toEqual(['accepted', 'declined']);
    const accepted = await family.json('POST', `/api/v1/referrals/${rid}/steps`, { status: 'accepted' });
    expect(accepted.statusCode).toBe(200);
    // the receiving team's page form too: contact made, then the outcome
    expect(
      (await family.postForm(`/fi/work/referrals/${rid}/answer`, { status: 'contact_made', note: '' })).statusCode,
    ).toBe(303);
    const noOutcome = await family.postForm(`/fi/work/referrals/${rid}/answer`, { status: 'completed', note: '' });
    expect(noOutcome.statusCode).toBe(400);
    expect(noOutcome.body).toContain('Kirjoita lopputulos');
    expect(
      (await family.postForm(`/fi/work/referrals/${rid}/answer`, { status: 'completed', note: 'Perheohjaus alkoi.' }))
        .statusCode,
    ).toBe(303);
    // The receiving team never reads the case itself.
    expect((await family.get(`/api/v1/cases/${item.id}`)).statusCode).toBe(403);

    // The sender sees every step.
    const fromSender = (await vatu.get(`/api/v1/referrals/${rid}`)).json() as {
      status: string;
      events: { status: string; note: string | null; person: string }[];
      withdrawable: boolean;
    };
    expect(fromSender.status).toBe('completed');
    expect(fromSender.events.map((e) => e.status)).toEqual(['sent', 'accepted', 'contact_made', 'completed']);
    expect(fromSender.events[3]).toMatchObject({ note: 'Perheohjaus alkoi.', person: 'Pirjo Perhetyö' });
    expect(fromSender.withdrawable).toBe(false);
    const sent = (await vatu.get('/api/v1/referrals?box=sent')).json() as { items: { id: string }[] };
    expect(sent.items.map((r) => r.id)).toEqual([rid]);
    const referralPage = await vatu.get(`/fi/work/referrals/${rid}`);
    expect(referralPage.body).toContain('Perheohjaus alkoi.');

    await step('close', { outcome: 'referred_on' });
    const closed = (await vatu.get(`/api/v1/cases/${item.id}`)).json() as {
      status: string;
      outcome: string;
      first_contact_at: string | null;
    };
    expect(closed).toMatchObject({ status: 'closed', outcome: 'referred_on' });
    expect(closed.first_contact_at).not.toBeNull();

    // The resident reads the reply and who read the concern.
    const resident = new Agent(app, '10.9.0.7');
    const follow = await resident.get(receipt.path);
    expect(follow.statusCode).toBe(200);
    expect(follow.body).toContain('Kiitos viestistä, otamme yhteyttä perheeseen.');
    expect(follow.body).toContain(CONCERN_TEXT);
    expect(follow.body).toContain('Veera Vatu');
    expect(follow.body).toContain('Pirjo Perhetyö'); // read what the referral carried
    expect(follow.body).toContain('Käsittely on päättynyt');

    // Every read of the case is audited.
    const reads = await d.db
      .selectFrom('audit_event')
      .select(['actor_name', 'action'])
      .where('object_id', '=', item.id)
      .where('action', 'in', ['concern.read', 'referral.read'])
      .execute();
    expect(reads.filter((r) => r.action === 'concern.read').length).toBeGreaterThanOrEqual(3);
    expect(reads.some((r) => r.action === 'referral.read' && r.actor_name === 'Pirjo Perhetyö')).toBe(true);
  });

  it('brings a concern with the form, without JavaScript, and shows the receipt', async () => {
    const resident = new Agent(app, '10.9.0.8');
    const form = await resident.get('/sv/concern');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('112');
    expect(form.body).toContain('barnskyddsanmälan');
    expect(form.body).toContain('https://itauusimaa.fi/');
    const token = /name="_csrf" value="([^"]+)"/.exec(form.body)![1]!;
    const bad = await resident.postForm('/sv/concern', { text: '', municipality: '018' }, { csrf: token });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Berätta vad som oroar dig.');
    expect(bad.body).toContain('value="018" selected');
    const ok = await resident.postForm(
      '/sv/concern',
      {
        about: 'own_family',
        text: 'Vår son sover dåligt och är orolig',
        age_group: '3-6',
        municipality: '018',
        language: 'sv',
        anonymous: 'yes',
        email: 'ignored@example.fi',
        family_knows: 'yes',
        family_agrees_contact: 'yes',
        urgent: 'yes',
      },
      { csrf: token },
    );
    expect(ok.statusCode).toBe(303);
    const location = ok.headers.location as string;
    expect(location).toMatch(/^\/sv\/concern\/[A-Za-z0-9_-]{43}\?sent=1$/);
    const receipt = await resident.get(location);
    expect(receipt.body).toContain('Vi har tagit emot din oro');
    expect(receipt.body).toMatch(/K-[2-9A-Z]{4}-[2-9A-Z]{4}/);
    // urgent on arrival, anonymous: no contact kept
    const row = await d.db
      .selectFrom('concern_case')
      .select(['urgency', 'urgent_on_arrival', 'contact_email_enc', 'team_id'])
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      urgency: 'urgent',
      urgent_on_arrival: true,
      contact_email_enc: null,
      team_id: TEAM.vatu,
    });
    // the resident writes back, then deletes the concern nobody has read yet
    expect(
      (await resident.postForm(`${location.split('?')[0]}/messages`, { message: 'Det blev värre i går.' })).statusCode,
    ).toBe(303);
    const del = await resident.postForm(`${location.split('?')[0]}/delete`, {});
    expect(del.headers.location).toBe('/sv/concern?notice=deleted');
    expect((await resident.get(location)).statusCode).toBe(404);
  });
});
