import * as assert from 'node:assert/strict';
import { analyzeText } from '../../../src/core/analyze/index';
import { sampleGen } from '../../../src/core/rules/sampleGen';
import { placementCases } from './placementCases';

/**
 * Placements left at place20 (fp21, issue 17): an Oracle login as its own element of an argument list, SQL*Plus
 * `CONNECT` lines in Markdown SQL fences, PowerShell here-strings of several lines, a Kubernetes Secret named for its
 * provider only by `metadata.name`, and a Twilio auth token passed right after its account SID whatever the call. Each
 * class in several spellings, with the look-alikes that must stay quiet; values are generated.
 */
const g = sampleGen(0x2122);
const password = () => g.alnum(8) + g.digits(2) + '_' + g.alnum(3);
const { findsEach, quietOnEach } = placementCases('fp21-argv');

describe('an Oracle login as its own argument', () => {
  const [a, b, c, d, e, f] = [password(), password(), password(), password(), password(), password()];
  findsEach([
    ['Python subprocess.run([...]) with -s', 'tools/export.py', `import subprocess\nsubprocess.run(["sqlplus", "-s", "scott/${a}@db", "@report.sql"], check=True)\n`, a],
    ['Python, expdp with parameters after the login', 'tools/backup.py', `subprocess.check_call(['expdp', 'system/${b}@prod', 'directory=DP', 'dumpfile=full.dmp'])\n`, b],
    ["Node's spawn(tool, [args])", 'scripts/run.js', `const child = spawn('sqlplus', ['-S', 'app/${c}@//db.internal:1521/svc']);\n`, c],
    ['a Dockerfile CMD in exec form', 'Dockerfile', `FROM ghcr.io/oracle/oraclelinux8-instantclient:21\nCMD ["sqlplus", "-s", "app/${d}@//db:1521/XEPDB1", "@/scripts/init.sql"]\n`, d],
    ['a list over several lines, the tool with its directory', 'jobs/nightly.py', `cmd = [\n    "/u01/app/oracle/product/19c/bin/impdp",\n    "hr/${e}@orcl",\n    "schemas=HR",\n]\n`, e],
    ["Go's exec.Command(tool, args...)", 'cmd/dump/main.go', `out, err := exec.Command("sqlplus", "-L", "-s", "scott/${f}@orcl").Output()\n`, f],
  ]);
  quietOnEach([
    ['/nolog, / as sysdba, and an interpolated password', 'tools/admin.py', `subprocess.run(["sqlplus", "/nolog"])\nsubprocess.run(["sqlplus", "-s", "/ as sysdba"])\nsubprocess.run(["sqlplus", "-s", f"{user}/{pw}@{dsn}"])\nspawn('sqlplus', ['-S', \`\${user}/\${pw}@db\`])\n`],
    ['the login from a variable', 'tools/run.py', 'subprocess.run(["sqlplus", "-s", login, "@x.sql"])\n'],
    ['another program', 'tools/git.py', `subprocess.run(["git", "commit", "-m", "scott/${password()}@db"])\n`],
    ['the tool word inside a longer element', 'tools/docs.py', `steps = ["sqlplus-notes", "scott/${password()}@db"]\n`],
  ]);
});

describe("SQL*Plus CONNECT in Markdown's SQL fences", () => {
  const [a, b] = [password(), password()];
  findsEach([
    ['```sql', 'docs/setup.md', "Connect first:\n\n```sql\nCONNECT app/" + a + "@//db:1521/XEPDB1\nSELECT 1 FROM dual;\n```\n", a],
    ['```plsql, CONN and AS SYSDBA', 'README.md', "```plsql\nconn sys/" + b + "@orcl as sysdba\nALTER SYSTEM SET processes=300 SCOPE=SPFILE;\n```\n", b],
  ]);
  quietOnEach([
    ['a CONNECT BY query and CONNECT / AS SYSDBA', 'docs/queries.md', '```sql\nSELECT id FROM emp\nCONNECT BY PRIOR id = mgr;\nCONNECT / AS SYSDBA\nCONNECT app/&pw@db\n```\n'],
    ['a CONNECT line outside a SQL fence', 'docs/notes.md', `Then:\n\nCONNECT app/${password()}@db is what the old guide said.\n\n\`\`\`python\nCONNECT = "a/b"\n\`\`\`\n`],
  ]);
});

describe('PowerShell here-strings of several lines', () => {
  const [a, b] = [password(), password()];
  const k = g.alnum(32);
  findsEach([
    ['a connection string in @" … "@', 'scripts/db.ps1', `$conn = @"\nServer=db.internal;Database=app;\nUser Id=sa;Password=${a};\n"@\nInvoke-Sqlcmd -ConnectionString $conn -Query 'SELECT 1'\n`, a],
    ["JSON in @' … '@", 'scripts/body.ps1', `$body = @'\n{\n  "client_id": "deploy",\n  "client_secret": "${k}"\n}\n'@\nInvoke-RestMethod -Method Post -Body $body -Uri $uri\n`, k],
    ['password= in a here-string passed to a cmdlet', 'scripts/ini.ps1', `Set-Content -Path app.ini -Value @"\n[db]\nhost = db.internal\npassword = ${b}\n"@\n`, b],
  ]);
  quietOnEach([
    ['expansions in an expanding here-string', 'scripts/db.ps1', '$conn = @"\nServer=$server;Database=app;User Id=$user;Password=$($cred.GetNetworkCredential().Password);\n"@\n'],
  ]);
});

describe('a Kubernetes object named for its provider by metadata.name', () => {
  const providers = (path: string, text: string) => analyzeText(path, text, { salt: 'fp21-argv' }).findings.map((f) => [f.provider, text.slice(f.offset, f.offset + f.length)]);
  it('stringData under metadata.name: sendgrid-credentials', () => {
    const k = g.b64url(40);
    const text = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: sendgrid-credentials\n  namespace: mail\ntype: Opaque\nstringData:\n  api-key: ${k}\n`;
    assert.deepEqual(providers('k8s/mail-secrets.yaml', text), [['SendGrid', k]]);
  });
  it("base64 data: under metadata.name: mailgun-api (and each document's own name)", () => {
    const p = password() + 'x';
    const t = g.alnum(30);
    const text = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: app-db\ndata:\n  password: ${Buffer.from(p).toString('base64')}\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: "mailgun-api"\ndata:\n  token: ${Buffer.from(t).toString('base64')}\n`;
    assert.deepEqual(providers('k8s/secrets.yaml', text).map(([provider]) => provider), ['Generic', 'Mailgun']);
  });
  it('a name that spells no provider names nothing, and other keys of the object are not its data', () => {
    const k = g.alnum(32);
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: datadog-agent\nspec:\n  template:\n    apiKey: ${k}\n---\nkind: Secret\nmetadata:\n  name: app-settings\nstringData:\n  api-key: ${g.alnum(32)}\n`;
    assert.deepEqual(providers('k8s/mixed.yaml', text).map(([provider]) => provider), ['Generic', 'Generic']);
  });
});

describe('a Twilio auth token right after its account SID', () => {
  const sid = () => 'AC' + g.hex(32);
  const [a, b, c, d, e] = [g.hex(32), g.hex(32), g.hex(32), g.hex(32), g.hex(32)];
  findsEach([
    ["Python's Client(sid, token)", 'app/sms.py', `from twilio.rest import Client\n\nclient = Client("${sid()}", "${a}")\n`, a],
    ["PHP's new Client(sid, token)", 'app/Sms.php', `<?php\nuse Twilio\\Rest\\Client;\n$twilio = new Client('${sid()}', '${b}');\n`, b],
    ["Java's Twilio.init over two lines", 'src/main/java/Sms.java', `import com.twilio.Twilio;\nclass Sms {\n  static { Twilio.init(\n      "${sid()}",\n      "${c}"); }\n}\n`, c],
    ["C#'s TwilioClient.Init", 'Sms.cs', `using Twilio;\nTwilioClient.Init("${sid()}", "${d}");\n`, d],
    ["Ruby's Twilio::REST::Client.new", 'lib/sms.rb', `require "twilio-ruby"\n@client = Twilio::REST::Client.new("${sid()}", "${e}")\n`, e],
  ]);
  quietOnEach([
    ['the SID alone, and a SID then a phone number', 'app/sms.py', `from twilio.rest import Client\nACCOUNT = "${sid()}"\nclient.messages.create(to="+15558675310", from_="+15017122661", body="hi")\nlookup("${sid()}", "+15017122661")\n`],
    ['a SID then a variable', 'app/sms.py', `from twilio.rest import Client\nclient = Client("${sid()}", auth_token)\n`],
    ["a SID then another resource's SID", 'app/calls.py', `from twilio.rest import Client\ncall = fetch_call("${sid()}", "CA${g.hex(32)}")\nmsg = fetch("${sid()}", "SM${g.hex(32)}")\n`],
  ]);
});
