import type { LocalUser } from '../../functions/adapters/auth/local-issuer';
import { timingSafeEqual } from 'node:crypto';
import type { OrgStore } from '../../functions/core/ports';
import { defaultFunctionGroups } from '../../functions/core/settings';

/** Every demo user shares this password; the local host says so on start. */
export const DEMO_PASSWORD = 'huifang-demo';

export interface DemoUser extends LocalUser {
  password: string;
}

/**
 * The demo staff, derived from the zones and teams in the table: the office, one dispatcher per
 * zone, one member for every team, and a service function group.
 */
export async function demoUsers(org: OrgStore): Promise<DemoUser[]> {
  const [zones, teams] = await Promise.all([org.listZones(), org.listTeams({ kind: 'all' })]);
  const user = (u: LocalUser): DemoUser => ({ ...u, password: DEMO_PASSWORD });
  return [
    user({ sub: 'office', username: 'office', role: 'office' }),
    ...zones.map((z) => user({ sub: `dispatcher-${z.id}`, username: `dispatcher-${z.id}`, role: 'zone-dispatcher', zoneId: z.id })),
    ...teams.map((t) => user({ sub: `member-${t.id}`, username: `member-${t.id}`, role: 'team-member', zoneId: t.zoneId, teamId: t.id })),
    user({ sub: 'function-group', username: 'function-group', role: 'function-group', functionGroupId: defaultFunctionGroups[0]?.id ?? 'finance' }),
  ];
}

/** The demo user with this username and password, or undefined; the password is compared in constant time. */
export async function findDemoUser(org: OrgStore, username: string, password: string): Promise<DemoUser | undefined> {
  const user = (await demoUsers(org)).find((u) => u.username === username.trim());
  if (!user) return undefined;
  const given = Buffer.from(password);
  const expected = Buffer.from(user.password);
  return given.length === expected.length && timingSafeEqual(given, expected) ? user : undefined;
}
