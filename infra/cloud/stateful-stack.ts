/**
 * What must survive a redeploy: the table (and its key) and the staff user pool. Kept apart from the
 * functions so the stateless stack can be destroyed and rebuilt freely.
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { HuifangTable } from './huifang-table';
import { StaffUserPool, type StaffDirectory } from './staff-user-pool';

export interface StatefulStackProps extends StackProps {
  /** Trust this pool instead of creating one (aws-cn has no Cognito user pools); see `DeploymentSettings`. */
  existingStaffUserPool?: StaffDirectory;
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
  /** Undefined when an existing pool is trusted. */
  readonly staffUserPool?: StaffUserPool;
  readonly staff: StaffDirectory;

  constructor(scope: Construct, id: string, props: StatefulStackProps = {}) {
    super(scope, id, props);
    this.data = new HuifangTable(this, 'Data');
    if (props.existingStaffUserPool) {
      this.staff = props.existingStaffUserPool;
    } else {
      this.staffUserPool = new StaffUserPool(this, 'Staff');
      this.staff = this.staffUserPool.directory;
    }

    new CfnOutput(this, 'TableName', { value: this.data.table.tableName });
    new CfnOutput(this, 'UserPoolId', { value: this.staff.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.staff.clientId });
  }
}
