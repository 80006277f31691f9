/**
 * The Lambda defaults of huifang in one place: every function is Node.js 20 on arm64, bundled by the
 * local esbuild as ESM, with its own log group, and gets table access through `bindTable`.
 */
import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';

/** The repository root: esbuild's project root (handlers import `surveys/*.json` from above `functions/`). */
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const lockFile = fileURLToPath(new URL('../../package-lock.json', import.meta.url));

/**
 * ESM has no `require`, so a CommonJS dependency that requires a Node built-in would fail at cold start
 * (esbuild's "Dynamic require of ... is not supported"); the banner provides a real one.
 */
const esmRequireBanner = "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

export interface HuifangFunctionProps {
  /** Absolute path of the handler module (`functions/handlers/*.ts`); its `handler` export is invoked. */
  entry: string;
  /** What the function does, shown in the console and the template. */
  description: string;
  /** Under API Gateway's 30 s integration limit for the API; under the schedule's minute for the sweeper. */
  timeout: Duration;
  memorySize?: number;
  environment?: Record<string, string>;
  logRetention?: RetentionDays;
}

/**
 * A `NodejsFunction` with the house defaults. Bundling never uses Docker: the esbuild in
 * `node_modules` runs locally, so `cdk synth` works on any laptop or CI runner with `npm ci`.
 * The AWS SDK is bundled too (no externals): the functions run the SDK version of package-lock.json
 * that the tests ran, not whichever one the Lambda runtime ships that month.
 *
 * @example
 * const api = new HuifangFunction(this, 'Api', { entry, description: 'HTTP API', timeout: Duration.seconds(29) });
 * api.bindTable(table);
 */
export class HuifangFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: HuifangFunctionProps) {
    // Logs are operational, not the record (the table is): they expire and leave with the stack.
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: props.logRetention ?? RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    super(scope, id, {
      entry: props.entry,
      handler: 'handler',
      description: props.description,
      runtime: Runtime.NODEJS_20_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout,
      logGroup,
      projectRoot: repoRoot,
      depsLockFilePath: lockFile,
      environment: {
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        NODE_OPTIONS: '--enable-source-maps',
        ...props.environment,
      },
      bundling: {
        forceDockerBundling: false,
        format: OutputFormat.ESM,
        target: 'node20',
        mainFields: ['module', 'main'],
        minify: true,
        sourceMap: true,
        externalModules: [],
        banner: esmRequireBanner,
      },
    });
  }

  /** Grants read/write on the table (and its KMS key) and tells the function its name, in one call. */
  bindTable(table: ITable): this {
    table.grantReadWriteData(this);
    this.addEnvironment('HUIFANG_TABLE_NAME', table.tableName);
    return this;
  }

  /**
   * Grants reading the webhook's shared secret and tells the function its ARN, in one call. Only the
   * ARN is in the environment and the template: the function reads the value at cold start.
   */
  bindWebhookSecret(secret: ISecret): this {
    secret.grantRead(this);
    this.addEnvironment('HUIFANG_WEBHOOK_SECRET_ARN', secret.secretArn);
    return this;
  }

  /**
   * Grants reading `secret` and tells the function its ARN in `variable`, in one call; the value is
   * read at cold start, never put in the environment or the template.
   */
  bindSecret(secret: ISecret, variable: string): this {
    secret.grantRead(this);
    this.addEnvironment(variable, secret.secretArn);
    return this;
  }
}
