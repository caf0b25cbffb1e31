/**
 * The encrypted columns of concerns, cases and referrals, registered for key rotation and the dump test. Every
 * value is sealed with its table.column as the authenticated context, so a value moved to another column does
 * not open.
 */
import { decryptField, encryptField, registerEncryptedColumns } from '../shared/fieldCrypto.js';

const COLUMNS = {
  concern_case: ['text_enc', 'contact_name_enc', 'contact_email_enc', 'contact_phone_enc'],
  concern_message: ['body_enc'],
  concern_minutes: ['body_enc'],
  concern_plan: ['goals_enc', 'tasks_enc'],
  concern_follow_up: ['body_enc'],
  referral: ['basis_note_enc', 'message_enc', 'contact_enc'],
  referral_event: ['note_enc'],
} as const;

type Table = keyof typeof COLUMNS;
type Column<T extends Table> = (typeof COLUMNS)[T][number];

const ids: Record<Table, string> = {
  concern_case: 'id',
  concern_message: 'id',
  concern_minutes: 'id',
  concern_plan: 'case_id',
  concern_follow_up: 'id',
  referral: 'id',
  referral_event: 'id',
};

for (const [table, columns] of Object.entries(COLUMNS) as [Table, readonly string[]][])
  registerEncryptedColumns({
    table,
    id: ids[table],
    columns: Object.fromEntries(columns.map((c) => [c, `${table}.${c}`])),
  });

export function seal<T extends Table>(table: T, column: Column<T>, plain: string): string;
export function seal<T extends Table>(table: T, column: Column<T>, plain: string | null): string | null;
export function seal<T extends Table>(table: T, column: Column<T>, plain: string | null): string | null {
  return encryptField(plain, `${table}.${column}`);
}

export function open<T extends Table>(table: T, column: Column<T>, stored: string): string;
export function open<T extends Table>(table: T, column: Column<T>, stored: string | null): string | null;
export function open<T extends Table>(table: T, column: Column<T>, stored: string | null): string | null {
  return decryptField(stored, `${table}.${column}`);
}
