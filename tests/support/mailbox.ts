/**
 * A real SMTP server on a free local port (smtp-server) that keeps what it receives, parsed (mailparser).
 * The app sends through it with SMTP_URL=smtp://127.0.0.1:PORT, exactly as it would to a production server.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  from: string;
  subject: string;
  text: string;
}

export interface Mailbox {
  url: string;
  messages: ReceivedMail[];
  /** Waits for a message to this address (the newest one after `after` messages). */
  waitFor(to: string, opts?: { after?: number; timeoutMs?: number }): Promise<ReceivedMail>;
  close(): Promise<void>;
}

export async function startMailbox(): Promise<Mailbox> {
  const messages: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    // The app keeps its SMTP connections open between messages (a pool); closing the test's server cuts them after
    // a moment instead of waiting the default 30 s for the app to hang up.
    closeTimeout: 200,
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (m) => {
          messages.push({
            to: (session.envelope.rcptTo ?? []).map((r) => r.address.toLowerCase()),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            subject: m.subject ?? '',
            text: m.text ?? '',
          });
          callback();
        },
        (e: Error) => callback(e),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    async waitFor(to, opts = {}) {
      const deadline = Date.now() + (opts.timeoutMs ?? 10_000);
      for (;;) {
        const found = messages
          .slice(opts.after ?? 0)
          .filter((m) => m.to.includes(to.toLowerCase()))
          .at(-1);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no mail to ${to} within the time limit`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The first http(s) link in a mail's text. */
export const linkIn = (mail: ReceivedMail): string => {
  const m = /https?:\/\/\S+/.exec(mail.text);
  if (!m) throw new Error(`no link in mail "${mail.subject}"`);
  return m[0];
};
