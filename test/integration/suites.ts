// Every integration test file, required after mocha's globals exist (see index.ts).
import './extension.test';
import './keys.test';
import './diagnostics.test';
import './fingerprints.test';
import './dryRun.test';
import './scan.test';
import './keys.sidebar.test';
import './fixes.test';
import './monitor.test';
import './tools.test';
import './channels.test';
import './approvals.test';
import './history.test';
import './importDotEnv.test';
import './analysisBudget.test';
import './addToKeys.test';
import './checkLive.test';
