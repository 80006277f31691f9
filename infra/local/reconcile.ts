/** `npm run reconcile -- --from YYYY-MM-DD --to YYYY-MM-DD [--repair]` (see reconcile-cli.ts). */
import { StartupError } from './dynamodb-local';
import { runReconcileCli } from './reconcile-cli';

runReconcileCli(process.argv.slice(2), process.env)
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    console.error(error instanceof StartupError ? `reconcile could not run: ${error.message}` : error);
    process.exit(1);
  });
