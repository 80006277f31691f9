/** In-memory fake of the frequency cap's store, with the conditions the rules rely on. */
import type { Invitation } from '../../functions/core/invitations/invitation';
import type { StoredSurveyCode } from '../../functions/core/ports';
import type { BundleWrite, EnterpriseSurveyState, SurveyBundle, SurveyBundleStore } from '../../functions/core/invitations/survey-bundle';

export function fakeBundleStore(invitations: Map<string, Invitation>, tokens: Map<string, string>, codes: Map<string, StoredSurveyCode>) {
  const states = new Map<string, EnterpriseSurveyState>();
  const bundles = new Map<string, SurveyBundle>();
  const tokenMembers = new Map<string, string[]>();

  /** A link token (and, in code mode, a code) that opens `ids`, as the claims and code entry write it. */
  const link = (hash: string, ids: string[], code?: { hash: string }) => {
    tokens.set(hash, ids[0]!);
    tokenMembers.set(hash, ids);
    if (code) codes.set(code.hash, { invitationIds: ids, failures: 0 });
  };

  /** The closure transaction's part: false (nothing written) when the state moved since read. */
  const apply = (w: BundleWrite): boolean => {
    if ((states.get(w.state.enterpriseId)?.version ?? 0) !== w.previousVersion) return false;
    if (w.join && (!bundles.has(w.join.bundleId) || bundles.get(w.join.bundleId)!.closedAt)) return false;
    states.set(w.state.enterpriseId, w.state);
    if (w.open) bundles.set(w.open.id, w.open);
    if (w.join) {
      const b = bundles.get(w.join.bundleId)!;
      bundles.set(b.id, { ...b, memberIds: [...b.memberIds, w.join.invitationId] });
    }
    return true;
  };

  const store: SurveyBundleStore = {
    state: async (id) => states.get(id),
    get: async (id) => bundles.get(id),
    claim: async (members, c) => {
      const t = c.now.toISOString();
      const ok = members.every((m) => {
        const cur = invitations.get(m.id);
        return cur && (cur.status === 'scheduled' || (cur.status === 'sending' && (cur.leaseUntil ?? '') <= t));
      });
      const close = c.close;
      const state = close && states.get(close.enterpriseId);
      if (!ok || (close && (state?.version !== close.stateVersion || state.openBundleId !== close.bundleId))) return false;
      for (const m of members) {
        const cur = invitations.get(m.id)!;
        invitations.set(m.id, { ...cur, status: 'sending', tokenHash: c.tokenHash, leaseUntil: c.leaseUntil.toISOString(), attempts: cur.attempts + 1 });
      }
      if (close && state) {
        const { openBundleId: _o, openBundleSendAfter: _s, ...rest } = state;
        states.set(close.enterpriseId, { ...rest, version: state.version + 1, lastSentAt: t });
        bundles.set(close.bundleId, { ...bundles.get(close.bundleId)!, closedAt: t });
      }
      link(c.tokenHash, members.map((m) => m.id), c.code);
      return true;
    },
    claimReminder: async (members, c) => {
      const t = c.now.toISOString();
      const ok = members.every((m) => {
        const cur = invitations.get(m.id);
        return cur && cur.status === 'sent' && !cur.remindedAt && !cur.reminderFailure && (cur.reminderLeaseUntil ?? '') <= t;
      });
      if (!ok) return false;
      for (const m of members) invitations.set(m.id, { ...invitations.get(m.id)!, tokenHash: c.tokenHash, reminderLeaseUntil: c.leaseUntil.toISOString() });
      link(c.tokenHash, c.linked, c.code);
      return true;
    },
    tokenMembers: async (hash) => tokenMembers.get(hash) ?? (tokens.has(hash) ? [tokens.get(hash)!] : undefined),
  };
  return { store, apply, link, states, bundles };
}
