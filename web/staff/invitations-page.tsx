import type { Invitation, InvitationListing } from '../../functions/core/invitations/invitation';
import { DeliveryState, invitationReason, invitationStatusLabel, listingLabel } from './delivery-state';
import { hrefWith, shanghaiDateTime } from './format';
import { label } from './labels';
import { StaffLayout, type Viewer } from './staff-layout';

/** An invitation with the names its row shows. */
export interface InvitationRow {
  invitation: Invitation;
  enterpriseName?: string | undefined;
  teamName?: string | undefined;
}

export interface InvitationSection {
  listing: InvitationListing;
  rows: InvitationRow[];
  /** The next page of this list alone, when there is one. */
  nextHref?: string | undefined;
}

/** When the row's state began: the failure, the opt-out, the expiry or the receipt. */
function when(inv: Invitation): string | undefined {
  return inv.failedAt ?? inv.suppressedAt ?? inv.expiredAt ?? inv.delivery?.at ?? inv.sentAt ?? inv.createdAt;
}

function InvitationList(props: { rows: InvitationRow[]; now: Date }) {
  return (
    <ul class="list">
      {props.rows.map(({ invitation: inv, enterpriseName, teamName }) => {
        const reason = invitationReason(inv);
        const at = when(inv);
        return (
          <li data-invitation={inv.id}>
            <a class="title" href={`/app/issues/${inv.issueId}`}>
              {enterpriseName ?? inv.enterpriseId}
            </a>
            <div>
              <span class="badge">{label(invitationStatusLabel, inv.status)}</span>
              <DeliveryState invitation={inv} now={props.now} />
            </div>
            {reason ? <div class="reason">原因：{reason}</div> : null}
            <div class="muted">{[teamName ?? inv.teamId, inv.category, inv.phone, at ? shanghaiDateTime(at, props.now) : ''].filter(Boolean).join(' · ')}</div>
          </li>
        );
      })}
    </ul>
  );
}

/**
 * `/app/invitations`: the survey SMS the office (and a zone's dispatcher, for the zone) has to look
 * at: reported undelivered, failed, never sent (opted out), expired unanswered; each with why and
 * what the provider's receipt said.
 */
export function InvitationsPage(props: { viewer: Viewer; sections: InvitationSection[]; only?: InvitationListing | undefined; now: Date }) {
  return (
    <StaffLayout title="短信回访" viewer={props.viewer} section="invitations">
      <h1>短信回访 · 需关注</h1>
      <p class="muted">
        {props.only ? <a href="/app/invitations">← 全部</a> : '未送达、发送失败、已退订和已过期未作答的满意度短信。短信状态：送达 / 未送达（运营商原因）/ 未回执。'}
      </p>
      {props.sections.map((section) => (
        <section class="card" aria-label={listingLabel[section.listing]} data-listing={section.listing}>
          <h2>
            {props.only ? listingLabel[section.listing] : <a href={hrefWith('/app/invitations', { status: section.listing })}>{listingLabel[section.listing]}</a>}
            {`（${section.rows.length}${section.nextHref ? '+' : ''}）`}
          </h2>
          {section.rows.length === 0 ? <p class="muted">没有。</p> : <InvitationList rows={section.rows} now={props.now} />}
          {section.nextHref ? (
            <p>
              <a href={section.nextHref}>更多 →</a>
            </p>
          ) : null}
        </section>
      ))}
    </StaffLayout>
  );
}
