/**
 * What must survive a redeploy: the table (and its key) and the staff user pool, when the app has
 * one. Kept apart from the functions so the stateless stack can be destroyed and rebuilt freely.
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { HuifangTable } from './huifang-table';
import type { ExternalStaffIssuer } from './settings';
import type { StaffIdentity } from './staff-identity';
import { StaffUserPool } from './staff-user-pool';

export interface StatefulStackProps extends StackProps {
  /** Trust this issuer instead of creating a user pool (aws-cn has none); see `DeploymentSettings`. */
  externalStaffIssuer?: ExternalStaffIssuer;
}

/**
 * The stateful half of huifang. Everything in it is retained on stack deletion.
 *
 * @example
 * const stateful = new StatefulStack(app, 'huifang-dev-stateful', { env });
 * new StatelessStack(app, 'huifang-dev-stateless', { env, stateful, settings });
 */
export class StatefulStack extends Stack {
  readonly data: HuifangTable;
  /** Undefined when an external issuer is trusted. */
  readonly staffUserPool?: StaffUserPool;
  /** Who signs staff tokens, for the functions' environment. */
  readonly staff: StaffIdentity;

  constructor(scope: Construct, id: string, props: StatefulStackProps = {}) {
    super(scope, id, props);
    this.data = new HuifangTable(this, 'Data');
    new CfnOutput(this, 'TableName', { value: this.data.table.tableName });
    if (props.externalStaffIssuer) {
      this.staff = { kind: 'external-issuer', issuer: props.externalStaffIssuer };
    } else {
      this.staffUserPool = new StaffUserPool(this, 'Staff');
      this.staff = { kind: 'user-pool', directory: this.staffUserPool.directory };
      // Staff accounts are created in this pool, so the operator needs its ids; an external issuer has its own console.
      new CfnOutput(this, 'UserPoolId', { value: this.staffUserPool.directory.userPoolId });
      new CfnOutput(this, 'UserPoolClientId', { value: this.staffUserPool.directory.clientId });
    }
  }
}
