import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'jsonc-parser';
import { createSinks } from '../../../../src/core/alerts/index';
import { channelSecretAddress, keychainChannelSecrets, storeChannelSecret } from '../../../../src/core/alerts/channels/index';
import { KNOWN_PROPERTIES, loadConfig } from '../../../../src/core/config/index';
import { memoryApprovals } from '../../../../src/core/probe/index';
import { accountName } from '../../../../src/core/keychain/port';
import { MemoryKeychain } from '../../../../src/core/keychain/memory';
import { alert, mapSecrets } from './helpers';

const root = join(__dirname, '../../../..');
const schema = JSON.parse(readFileSync(join(root, 'media/rotation-ready.schema.json'), 'utf8'));
const validate = new Ajv({ strict: false, validateFormats: false, allErrors: true }).compile(schema);
const doc = (extra: string) => `{"services":[{"name":"a","probe":{"url":"https://x.example","auth":{"type":"bearer"}}}],${extra}}`;
const sinks = (...s: string[]) => doc(`"alerts":{"sinks":[${s.join(',')}]}`);

describe('channels: configuration (loader, schema, createSinks)', () => {
  const full = doc(`
    "alerts": { "sinks": [
      { "type": "pagerduty", "routingKeySecret": "pagerduty-routing" },
      { "type": "pagerduty", "routingKeySecret": "pd-staging", "url": "http://127.0.0.1:9999/v2/enqueue", "minSeverity": "warning" },
      { "type": "email", "host": "smtp.example.com", "username": "alerts@example.com", "passwordSecret": "smtp-password",
        "from": "Rotation Ready <alerts@example.com>", "to": ["oncall@example.com"], "minSeverity": "warning" },
      { "type": "email", "host": "smtp.example.com", "port": 2465, "security": "tls", "username": "u", "passwordSecret": "smtp-password", "from": "a@b.c", "to": ["x@y.z", "w@y.z"] },
      { "type": "datadog", "apiKeySecret": "datadog-api", "url": "https://api.datadoghq.eu", "tags": ["team:payments"] },
      { "type": "slack", "urlEnv": "SLACK_URL", "minSeverity": "critical" }
    ] },
    "metrics": { "prometheus": { "port": 9464 }, "datadog": { "apiKeySecret": "datadog-api", "intervalSeconds": 30 } }`);

  it('loads every channel with its defaults, and the schema agrees', () => {
    const { errors, settings } = loadConfig(full, 'x.json');
    assert.deepEqual(errors, []);
    assert.equal(validate(parse(full)), true, JSON.stringify(validate.errors));
    assert.deepEqual(settings.alerts.sinks, [
      { type: 'pagerduty', routingKeySecret: 'pagerduty-routing' },
      { type: 'pagerduty', routingKeySecret: 'pd-staging', url: 'http://127.0.0.1:9999/v2/enqueue', minSeverity: 'warning' },
      { type: 'email', host: 'smtp.example.com', port: 587, security: 'starttls', username: 'alerts@example.com', passwordSecret: 'smtp-password', from: 'Rotation Ready <alerts@example.com>', to: ['oncall@example.com'], minSeverity: 'warning' },
      { type: 'email', host: 'smtp.example.com', port: 2465, security: 'tls', username: 'u', passwordSecret: 'smtp-password', from: 'a@b.c', to: ['x@y.z', 'w@y.z'] },
      { type: 'datadog', apiKeySecret: 'datadog-api', url: 'https://api.datadoghq.eu', tags: ['team:payments'] },
      { type: 'slack', urlEnv: 'SLACK_URL', minSeverity: 'critical' },
    ]);
    assert.deepEqual(settings.metrics, { prometheus: { port: 9464, host: '127.0.0.1' }, datadog: { apiKeySecret: 'datadog-api', intervalSeconds: 30 } });
    assert.equal(loadConfig(doc('"version":1'), 'x.json').settings.metrics, undefined, 'metrics are opt-in');
  });

  const bad: Array<[string, string, RegExp]> = [
    ['a pagerduty sink without routingKeySecret', sinks('{"type":"pagerduty"}'), /missing 'routingKeySecret'/],
    ['a routing key literal in the file', sinks('{"type":"pagerduty","routingKeySecret":"pd","routingKey":"abc"}'), /routingKey/],
    ['a secret name with a slash', sinks('{"type":"pagerduty","routingKeySecret":"a/b"}'), /keychain entry/],
    ['a pagerduty url over plain http to a public host', sinks('{"type":"pagerduty","routingKeySecret":"pd","url":"http://events.example.com/v2/enqueue"}'), /plain http/],
    ['an email sink without passwordSecret', sinks('{"type":"email","host":"h","username":"u","from":"a@b.c","to":["x@y.z"]}'), /passwordSecret/],
    ['an email password literal', sinks('{"type":"email","host":"h","username":"u","passwordSecret":"p","password":"hunter2","from":"a@b.c","to":["x@y.z"]}'), /password/],
    ['clear-text SMTP', sinks('{"type":"email","host":"h","username":"u","passwordSecret":"p","security":"none","from":"a@b.c","to":["x@y.z"]}'), /security/],
    ['an email sink with no recipients', sinks('{"type":"email","host":"h","username":"u","passwordSecret":"p","from":"a@b.c","to":[]}'), /recipient/],
    ['a recipient that is not an address', sinks('{"type":"email","host":"h","username":"u","passwordSecret":"p","from":"a@b.c","to":["oncall"]}'), /email address/],
    ['a datadog sink without apiKeySecret', sinks('{"type":"datadog"}'), /apiKeySecret/],
    ['an unknown severity', sinks('{"type":"notification","minSeverity":"urgent"}'), /minSeverity/],
    ['a metrics endpoint on all interfaces', doc('"metrics":{"prometheus":{"port":9464,"host":"0.0.0.0"}}'), /host/],
    ['a metrics endpoint without a port', doc('"metrics":{"prometheus":{}}'), /port/],
    ['a misspelt metrics property', doc('"metrics":{"prometheus":{"port":1},"statsd":{}}'), /statsd/],
  ];
  for (const [what, text, reason] of bad) {
    it(`rejects ${what}, in the loader and in the schema`, () => {
      const { errors } = loadConfig(text, 'x.json');
      assert.ok(errors.length > 0, 'loader reports');
      assert.match(errors.map((e) => `${e.path}: ${e.message}`).join('\n'), reason);
      assert.equal(validate(parse(text)), false, 'schema rejects');
    });
  }

  it('the schema lists exactly the properties the loader understands for sinks and metrics', () => {
    const props = (node: { properties?: object }) => Object.keys(node.properties ?? {}).sort();
    const d = schema.definitions;
    assert.deepEqual(props(d.sink), [...KNOWN_PROPERTIES.sink].sort());
    assert.deepEqual(props(d.metrics), [...KNOWN_PROPERTIES.metrics].sort());
    assert.deepEqual(props(d.metrics.properties.prometheus), [...KNOWN_PROPERTIES.prometheus].sort());
    assert.deepEqual(props(d.metrics.properties.datadog), [...KNOWN_PROPERTIES.datadogMetrics].sort());
  });

  it('createSinks builds the channels, routes PagerDuty to critical by default, and explains what it cannot build', () => {
    const { settings } = loadConfig(full, 'x.json');
    const approvals = memoryApprovals([{ service: 'alerts:slack', host: 'hooks.slack.com' }]);
    const built = createSinks(settings.alerts.sinks, { baseDir: '/tmp', env: { SLACK_URL: 'https://hooks.slack.com/services/T/B/x' }, secrets: mapSecrets({}), approvals });
    assert.deepEqual(built.errors, []);
    assert.deepEqual(built.sinks.map((s) => s.name), ['pagerduty', 'pagerduty', 'email', 'email', 'datadog', 'slack']);
    const warning = alert({ slot: 'fallback', error: 'fallback key rejected (HTTP 401) in 3 of 3 rounds' });
    const critical = alert();
    const info = alert({ severity: 'info' });
    const routes = (a: typeof critical) => built.sinks.map((s) => (s.accepts ? s.accepts(a) : true));
    assert.deepEqual(routes(critical), [true, true, true, true, true, true]);
    assert.deepEqual(routes(warning), [false, true, true, true, true, false]);
    assert.deepEqual(routes(info), [false, false, false, true, true, false]);

    const none = createSinks(settings.alerts.sinks, { baseDir: '/tmp', env: {} });
    assert.deepEqual(none.errors, [
      'pagerduty sink: its credential lives in the keychain, which is not available here',
      'pagerduty sink: its credential lives in the keychain, which is not available here',
      'email sink: its credential lives in the keychain, which is not available here',
      'email sink: its credential lives in the keychain, which is not available here',
      'datadog sink: its credential lives in the keychain, which is not available here',
      'slack sink: environment variable SLACK_URL is not set',
    ]);
  });

  it('a channel secret name maps to one keychain account that cannot collide with a service', async () => {
    const keychain = new MemoryKeychain();
    await storeChannelSecret(keychain, 'ws-0123', 'pagerduty-routing', 'r'.repeat(32));
    assert.equal(accountName(channelSecretAddress('ws-0123', 'pagerduty-routing')), 'ws-0123/_channel/pagerduty-routing/primary');
    const secrets = keychainChannelSecrets(keychain, 'ws-0123');
    assert.equal(await secrets.get('pagerduty-routing'), 'r'.repeat(32));
    assert.equal(await secrets.get('other'), undefined);
    assert.equal(secrets.describe('x'), "keychain service 'rotation-ready', account 'ws-0123/_channel/x/primary'");
    await assert.rejects(storeChannelSecret(keychain, 'ws-0123', '../x', 'v'), /not a valid channel secret name/);
    // '_channel' is not a valid service name, so no service's keys share these accounts.
    assert.ok(loadConfig('{"services":[{"name":"_channel","probe":{"url":"https://x.example","auth":{"type":"bearer"}}}]}', 'x.json').errors.length > 0);
  });
});
