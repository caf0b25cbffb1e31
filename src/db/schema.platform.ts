/** Tables of the platform (migrations/0016_platform.sql): sign-in throttling, invitations of existing accounts. */
import type { ColumnType } from 'kysely';

type Ts = ColumnType<Date, Date | string | undefined, Date | string>;

export interface SignInThrottleTable {
  key: string;
  failures: ColumnType<number, number | undefined, number>;
  first_failure_at: Ts;
  last_failure_at: Ts;
  locks: ColumnType<number, number | undefined, number>;
  locked_until: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface MembershipInvitationTable {
  id: string;
  person_id: string;
  organization_id: string;
  role: 'member' | 'editor' | 'org_admin';
  invited_by: string | null;
  created_at: Ts;
}

/** Per-route rate limits shared by the app instances (migrations/0018_rate_limit.sql). */
export interface RateLimitTable {
  key: string;
  hits: number;
  expires_at: Ts;
}

export interface PlatformTables {
  sign_in_throttle: SignInThrottleTable;
  rate_limit: RateLimitTable;
  membership_invitation: MembershipInvitationTable;
}
