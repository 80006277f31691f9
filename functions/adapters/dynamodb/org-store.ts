import { BatchWriteCommand, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Scope } from '../../core/auth/principal';
import type { Enterprise, Team, Zone } from '../../core/org/org';
import type { OrgStore } from '../../core/ports';
import { queryAll, queryPage, type Table } from './client';
import { fromItem, isConditionFailure, toItem } from './items';
import { enterpriseKey, enterpriseKeys, phoneKey, teamKey, teamKeys, zoneKeys } from './keys';

/** A GSI3 query of one entity type, under a sort-key prefix (DynamoDB refuses an empty begins_with). */
function underPrefix(type: string, prefix: string) {
  return prefix
    ? { IndexName: 'GSI3', KeyConditionExpression: 'GSI3PK = :p AND begins_with(GSI3SK, :s)', ExpressionAttributeValues: { ':p': type, ':s': prefix } }
    : { IndexName: 'GSI3', KeyConditionExpression: 'GSI3PK = :p', ExpressionAttributeValues: { ':p': type } };
}

/** Zones, teams and enterprises: small reference data, read by id or listed by scope. */
export class DynamoOrgStore implements OrgStore {
  constructor(private readonly table: Table) {}

  listZones(): Promise<Zone[]> {
    return queryAll<Zone>(this.table, { IndexName: 'GSI3', KeyConditionExpression: 'GSI3PK = :p', ExpressionAttributeValues: { ':p': 'ZONE' } });
  }

  async listTeams(scope: Scope): Promise<Team[]> {
    if (scope.kind === 'team') {
      const team = await this.getTeam(scope.teamId);
      return team ? [team] : [];
    }
    return queryAll<Team>(this.table, underPrefix('TEAM', scope.kind === 'zone' ? `${scope.zoneId}#` : ''));
  }

  listEnterprises(scope: Scope, page: { limit: number; cursor?: string }) {
    const prefix = scope.kind === 'all' ? '' : scope.kind === 'zone' ? `${scope.zoneId}#` : `${scope.zoneId}#${scope.teamId}#`;
    return queryPage<Enterprise>(this.table, underPrefix('ENT', prefix), { name: 'GSI3PK', value: 'ENT' }, page);
  }

  async getTeam(id: string): Promise<Team | undefined> {
    const out = await this.table.doc.send(new GetCommand({ TableName: this.table.name, Key: teamKey(id) }));
    return fromItem<Team>(out.Item);
  }

  async getEnterprise(id: string): Promise<Enterprise | undefined> {
    const out = await this.table.doc.send(new GetCommand({ TableName: this.table.name, Key: enterpriseKey(id) }));
    return fromItem<Enterprise>(out.Item);
  }

  async setOptOut(enterpriseId: string, optOut: { at: string; reason: string }): Promise<Enterprise | undefined> {
    try {
      const out = await this.table.doc.send(
        new UpdateCommand({
          TableName: this.table.name,
          Key: enterpriseKey(enterpriseId),
          ConditionExpression: 'attribute_exists(PK)',
          // The first opt-out is kept: a second 退订 changes nothing.
          UpdateExpression: 'SET optedOutAt = if_not_exists(optedOutAt, :at), optOutReason = if_not_exists(optOutReason, :reason)',
          ExpressionAttributeValues: { ':at': optOut.at, ':reason': optOut.reason },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return fromItem<Enterprise>(out.Attributes);
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  }

  async enterprisesByPhone(phone: string): Promise<Enterprise[]> {
    const refs = await queryAll<{ enterpriseId: string }>(this.table, { KeyConditionExpression: 'PK = :p', ExpressionAttributeValues: { ':p': phoneKey(phone, '').PK } });
    const found = await Promise.all(refs.map((r) => this.getEnterprise(r.enterpriseId)));
    return found.filter((e): e is Enterprise => e !== undefined);
  }

  /** Writes reference data in batches of 25 (the demo seed and, later, the office's imports), with each enterprise's phone lookup item. */
  async putAll(data: { zones?: Zone[]; teams?: Team[]; enterprises?: Enterprise[] }): Promise<void> {
    const items = [
      ...(data.zones ?? []).map((z) => toItem('zone', z, zoneKeys(z))),
      ...(data.teams ?? []).map((t) => toItem('team', t, teamKeys(t))),
      ...(data.enterprises ?? []).map((e) => toItem('enterprise', e, enterpriseKeys(e))),
      ...(data.enterprises ?? []).map((e) => toItem('phone', { enterpriseId: e.id }, phoneKey(e.contactPhone, e.id))),
    ];
    for (let i = 0; i < items.length; i += 25) {
      let requests: Record<string, Array<{ PutRequest: { Item: Record<string, unknown> } }>> | undefined = {
        [this.table.name]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })),
      };
      while (requests && Object.keys(requests).length > 0) {
        const out = await this.table.doc.send(new BatchWriteCommand({ RequestItems: requests }));
        requests = out.UnprocessedItems as typeof requests;
      }
    }
  }
}
