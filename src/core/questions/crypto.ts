/** The encrypted columns of e-advice (AES-256-GCM, core/shared/fieldCrypto.ts), each with its own context. */
import { decryptField, encryptField, registerEncryptedColumns } from '../shared/fieldCrypto.js';

export const CONTEXT = {
  text: 'question.text',
  email: 'question.email',
  message: 'question_message.body',
  consultation: 'question_consultation_message.body',
} as const;

registerEncryptedColumns({
  table: 'question',
  id: 'id',
  columns: { text_enc: CONTEXT.text, email_enc: CONTEXT.email },
});
registerEncryptedColumns({ table: 'question_message', id: 'id', columns: { body_enc: CONTEXT.message } });
registerEncryptedColumns({
  table: 'question_consultation_message',
  id: 'id',
  columns: { body_enc: CONTEXT.consultation },
});

export const seal = (plain: string, context: string) => encryptField(plain, context);
export const open = (stored: string, context: string) => decryptField(stored, context);
export const openOrNull = (stored: string | null, context: string) => (stored === null ? null : open(stored, context));
