/**
 * Staff identity in the cloud: a Cognito user pool whose groups are the huifang roles and whose custom
 * attributes carry the zone and team a token is scoped to (read by `principalFromClaims`).
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import { ClientAttributes, StringAttribute, UserPool, UserPoolClient, UserPoolGroup } from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { roles } from '../../functions/core/auth/principal';

/** What the functions need to verify staff ID tokens (`HUIFANG_USER_POOL_ID`, `HUIFANG_USER_POOL_CLIENT_ID`). */
export interface StaffDirectory {
  userPoolId: string;
  clientId: string;
}

/**
 * The pool, one group per role (the role names come from the core, so a new role cannot be
 * forgotten here), and the client whose ID tokens the API verifies.
 *
 * Accounts are created by the office (self sign-up is off). Zone and team are mutable so staff can
 * move, but only through the admin API: the client may write nothing but the display name, or a
 * team member could re-scope their own token by editing `custom:zoneId`.
 *
 * @example
 * const staff = new StaffUserPool(this, 'Staff');
 * fn.addEnvironment('HUIFANG_USER_POOL_ID', staff.directory.userPoolId);
 */
export class StaffUserPool extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  readonly groups: UserPoolGroup[];
  readonly directory: StaffDirectory;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.userPool = new UserPool(this, 'Pool', {
      selfSignUpEnabled: false,
      signInAliases: { username: true },
      signInCaseSensitive: false,
      customAttributes: {
        zoneId: new StringAttribute({ mutable: true, minLen: 1, maxLen: 64 }),
        teamId: new StringAttribute({ mutable: true, minLen: 1, maxLen: 64 }),
      },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.groups = roles.map(
      (role) => new UserPoolGroup(this, `Group-${role}`, { userPool: this.userPool, groupName: role, description: `huifang role ${role}` }),
    );
    this.client = this.userPool.addClient('ApiClient', {
      generateSecret: false,
      authFlows: { userSrp: true, userPassword: true },
      disableOAuth: true,
      preventUserExistenceErrors: true,
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true }),
    });
    this.directory = { userPoolId: this.userPool.userPoolId, clientId: this.client.userPoolClientId };
  }
}
