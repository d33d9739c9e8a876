import { sampleGen } from '../../../src/core/rules/sampleGen';
import { placementCases } from './placementCases';

/**
 * Placements missed for where the key sits, not for its shape (issue 17, place20): Make's assignment operators
 * (`:=`, `?=`, `+=`, `::=`) in build files and notes, PowerShell (`ConvertTo-SecureString '…' -AsPlainText`, `-Password
 * '…'`, here-strings, CI `pwsh:` steps), Oracle logins in code strings and SQL*Plus `CONNECT` lines, hash entries
 * commented out (`// 'api_key' => '…'`) and quoted config directives (`token "…"`). Each class in several spellings,
 * with the look-alikes that must stay quiet; values are generated.
 */
const g = sampleGen(0x2021);
const password = () => g.alnum(8) + g.digits(2) + '_' + g.alnum(3);

const { findsEach, quietOnEach } = placementCases('place20');

describe("Make's assignment operators", () => {
  const hex = g.hex(64);
  const k = g.alnum(28);
  const p = password();
  findsEach([
    ['NAME := value in a Makefile (64 hex under a Sentry name)', 'Makefile', `SENTRY_ORG := acme\nSENTRY_AUTH_TOKEN := ${hex}\n\nrelease:\n\tsentry-cli releases new $(VERSION)\n`, hex],
    ['NAME ?= value', 'Makefile', `API_KEY ?= ${k}\n`, k],
    ['NAME += value in a .mk file', 'build/deploy.mk', `REGISTRY_PASSWORD += ${p}\n`, p],
    ['NAME ::= value in a GNUmakefile', 'GNUmakefile', `DEPLOY_SECRET ::= ${k}\n`, k],
    ['export NAME := value', 'Makefile', `export DEPLOY_TOKEN := ${k}\n`, k],
    ['override NAME := value', 'Makefile', `override API_TOKEN := ${k}\n`, k],
    ['override-free spacing: NAME:=value', 'make/vars.mk', `CLIENT_SECRET:=${k}\n`, k],
    ['a Go-ish line in Markdown notes', 'docs/NOTES.md', `Set the token before a release:\n\nSENTRY_AUTH_TOKEN := ${hex}\n`, hex],
    ['a .txt note', 'notes/release.txt', `sentry_auth_token := ${hex}\n`, hex],
  ]);
  quietOnEach([
    ['Make variables and $(shell …)', 'Makefile', 'API_KEY := $(shell cat .secrets/api_key)\nTOKEN ?= $(TOKEN_FROM_ENV)\nSECRET = ${SECRET}\nPASSWORD := $(PASSWORD)\nexport AUTH_TOKEN := $(strip $(AUTH_TOKEN))\n'],
    ['placeholders', 'Makefile', 'API_KEY ?= your-api-key-here\nDEPLOY_TOKEN := changeme\nCLIENT_SECRET ::= <client-secret>\n'],
    ['names that say nothing secret', 'Makefile', `VERSION := 1.4.2-${g.hex(10)}\nIMAGE ?= registry.example.com/acme/api:${g.hex(12)}\nLDFLAGS += -X main.commit=${g.hex(40)}\n`],
    ["`!=` runs a command", 'Makefile', 'API_TOKEN != security find-generic-password -w -s deploy-token\n'],
  ]);
});

describe('PowerShell', () => {
  const p = password();
  const q = password();
  const k = g.alnum(32);
  findsEach([
    ["ConvertTo-SecureString '…' -AsPlainText -Force", 'deploy/deploy.ps1', `$secure = ConvertTo-SecureString '${p}' -AsPlainText -Force\n`, p],
    ['ConvertTo-SecureString -String "…" -AsPlainText', 'deploy/deploy.ps1', `$s = ConvertTo-SecureString -String "${p}" -AsPlainText -Force\n`, p],
    ['a PSCredential built from a literal (.psm1)', 'modules/Deploy.psm1', `$cred = New-Object System.Management.Automation.PSCredential('svc-deploy', (ConvertTo-SecureString "${p}" -AsPlainText -Force))\n`, p],
    ["'…' | ConvertTo-SecureString -AsPlainText", 'scripts/pipe.ps1', `$secure = '${p}' | ConvertTo-SecureString -AsPlainText -Force\n`, p],
    ['a pwsh: step piping to ConvertTo-SecureString', '.github/workflows/sign.yml', `jobs:\n  sign:\n    steps:\n      - pwsh: |\n          $s = "${q}" | ConvertTo-SecureString -AsPlainText -Force\n`, q],
    ["-Password '…'", 'scripts/connect.ps1', `Connect-Appliance -Server $server -User admin -Password '${p}'\n`, p],
    ["-NuGetApiKey '…'", 'build/publish.ps1', `Publish-Module -Path ./out/Acme -NuGetApiKey '${k}'\n`, k],
    ["a here-string under a variable", 'scripts/token.ps1', `$apiToken = @'\n${k}\n'@\n`, k],
    ['a here-string under $env:', 'scripts/env.ps1', `$env:CLIENT_SECRET = @"\n${k}\n"@\n`, k],
    ['a GitHub Actions pwsh: step', '.github/workflows/deploy.yml', `jobs:\n  deploy:\n    runs-on: windows-latest\n    steps:\n      - pwsh: |\n          $secure = ConvertTo-SecureString '${p}' -AsPlainText -Force\n`, p],
    ['an Azure Pipelines powershell: step', 'azure-pipelines.yml', `steps:\n- powershell: |\n    $pw = ConvertTo-SecureString "${q}" -AsPlainText -Force\n    Connect-Thing -Credential $pw\n`, q],
    ['a Markdown powershell fence', 'README.md', `Sign in:\n\n\`\`\`powershell\n$pw = ConvertTo-SecureString '${p}' -AsPlainText -Force\n\`\`\`\n`, p],
  ]);
  quietOnEach([
    ['Read-Host -AsSecureString, env reads, Get-Secret', 'scripts/login.ps1', "$p = Read-Host -AsSecureString -Prompt 'Enter the deploy password'\n$k = $env:API_KEY\n$t = Get-Secret -Name 'DeployTokenProd' -AsPlainText\n"],
    ['ConvertTo-SecureString of a variable', 'scripts/login.ps1', '$s = ConvertTo-SecureString $env:DB_PASSWORD -AsPlainText -Force\n$t = ConvertTo-SecureString "$password" -AsPlainText -Force\n$u = ConvertTo-SecureString "$($cfg.Password)" -AsPlainText -Force\n'],
    ['an encrypted standard string (no -AsPlainText)', 'scripts/stored.ps1', `$s = ConvertTo-SecureString '01000000d08c9ddf0115d1118c7a00c04fc297eb0100000${g.hex(60)}'\n$t = ConvertTo-SecureString -String '${g.alnum(40)}' -Key $key\n$u = '${g.alnum(40)}' | ConvertTo-SecureString -Key $key\n`],
    ['a file or a variable piped to ConvertTo-SecureString', 'scripts/stored.ps1', `$s = Get-Content '${g.alnum(24)}' | ConvertTo-SecureString -AsPlainText -Force\n$t = $env:DEPLOY_PASSWORD | ConvertTo-SecureString -AsPlainText -Force\n`],
    ['placeholders', 'scripts/example.ps1', "$s = ConvertTo-SecureString '<password>' -AsPlainText -Force\nConnect-Thing -Password 'changeme'\nPublish-Module -NuGetApiKey 'YOUR_API_KEY'\n"],
    ['parameters that name nothing secret', 'scripts/build.ps1', `Invoke-Build -Configuration 'Release' -Name '${g.alnum(20)}' -Version '1.2.3-${g.hex(8)}'\n`],
    ['a here-string of several lines (a document)', 'scripts/body.ps1', `$tokenRequest = @"\n{\n  "grant_type": "client_credentials",\n  "scope": "${g.alnum(20)}"\n}\n"@\n`],
  ]);
});

describe('Oracle logins in code strings and SQL*Plus scripts', () => {
  const p = password();
  findsEach([
    ['subprocess.run("sqlplus …")', 'tools/report.py', `import subprocess\nsubprocess.run("sqlplus scott/${p}@ORCL @report.sql", shell=True)\n`, p],
    ["check_output('sqlplus -s user/pw@//host:port/svc')", 'tools/check.py', `import subprocess\nout = subprocess.check_output('sqlplus -s app_user/${p}@//db.internal:1521/SALES @q.sql', shell=True)\n`, p],
    ["exec('sqlplus -s …') in JavaScript", 'scripts/run.js', `const { exec } = require('child_process');\nexec('sqlplus -s app/${p}@//host/svc @x.sql');\n`, p],
    ['a Java exec of expdp with its directory', 'src/Backup.java', `class Backup {\n  void run() throws Exception {\n    Runtime.getRuntime().exec("/u01/app/oracle/bin/expdp system/${p}@PROD schemas=HR");\n  }\n}\n`, p],
    ['a Ruby system("rman target …")', 'ops/backup.rb', `system("rman target sys/${p}@PRODDB cmdfile=full.rcv")\n`, p],
    ['a Go sh -c of sqlldr userid=…', 'cmd/load/main.go', `package main\n\nfunc load() { exec.Command("sh", "-c", "sqlldr userid=loader/${p} control=x.ctl").Run() }\n`, p],
    ['a shell su -c "sqlplus …"', 'scripts/as_oracle.sh', `su - oracle -c "sqlplus scott/${p}@ORCL @run.sql"\n`, p],
    ['CONNECT user/pw@db in a .sql script', 'db/deploy.sql', `CONNECT scott/${p}@ORCL\nselect 1 from dual;\n`, p],
    ['conn user/pw (local)', 'db/setup.sql', `set echo on\nconn hr/${p}\n@create_tables.sql\n`, p],
    ['CONNECT … AS SYSDBA, indented', 'db/admin.sql', `WHENEVER SQLERROR EXIT\n  CONNECT sys/${p}@CDB1 AS SYSDBA\nshutdown immediate\n`, p],
  ]);
  quietOnEach([
    ['interpolated passwords', 'tools/export.py', 'import os\nos.system(f"expdp system/{pw}@PROD schemas=HR")\nos.system("sqlplus %s/%s@%s" % (u, p, db))\nos.system("sqlplus {}/{}@{}".format(u, p, db))\nos.system("sqlplus " + user + "/" + pw + "@db")\n'],
    ['a JavaScript template and an argument list', 'scripts/run.js', "exec(`sqlplus ${user}/${pw}@${db}`);\nspawn('sqlplus', ['-s', login, '@x.sql']);\n"],
    ['OS authentication and /nolog in strings', 'tools/admin.py', 'subprocess.run("sqlplus / as sysdba @startup.sql", shell=True)\nsubprocess.run("sqlplus -s /nolog @connect.sql", shell=True)\n'],
    ['a placeholder login in a string', 'tools/example.py', 'subprocess.run("sqlplus user/password@db @x.sql", shell=True)\n'],
    ['CONNECT BY, OS logins and substitution variables in a .sql script', 'db/report.sql', 'SELECT employee_id FROM employees\nCONNECT BY PRIOR employee_id = manager_id;\nCONNECT / AS SYSDBA\nCONNECT scott/&password@ORCL\nCONNECT system/${DB_PASSWORD}@db\nconn &&app_user/&&app_pw@&&tns\n'],
    ['a connect sentence outside a .sql file', 'docs/howto.txt', `connect input/${g.alnum(12)}x9 to the mixer\n`],
  ]);
});

describe('hash entries in comments and quoted config directives', () => {
  const k = g.alnum(32);
  const p = password();
  const geo = 'a' + g.digits(2) + g.alnum(13);
  findsEach([
    ["// 'api_key' => '…' in PHP", 'config/services.php', `<?php\nreturn [\n    // 'api_key' => '${k}',\n    'api_key' => env('API_KEY'),\n];\n`, k],
    ['# "secret_token" => "…" in Ruby', 'config/initializers/app.rb', `# "secret_token" => "${k}",\nApp.configure(secret_token: ENV.fetch('SECRET_TOKEN'))\n`, k],
    ["# 'password' => '…' in Perl", 'lib/Db.pm', `my %db = (\n  # 'password' => '${p}',\n  'password' => $ENV{DB_PASSWORD},\n);\n`, p],
    ["/* 'auth_token' => '…' */", 'config/api.php', `<?php\n/* 'auth_token' => '${k}' */\n`, k],
    ['token "…" in a .conf', 'etc/agent.conf', `server "api.example.com"\ntoken "${k}"\n`, k],
    ["geoip '…'; in a .conf", 'etc/geo.conf', `geoip '${geo}';\n`, geo],
    ['secret "…" in a text note', 'notes/agent.txt', `secret "${k}"\n`, k],
  ]);
  quietOnEach([
    ['commented entries that read the environment', 'config/services.php', "<?php\n// 'api_key' => env('STRIPE_API_KEY'),\n# 'token' => $token,\n// 'password' => '********',\n"],
    ['commented entries that name nothing secret', 'config/app.php', `<?php\n// 'name' => '${g.alnum(24)}',\n// 'cache_prefix' => '${g.alnum(24)}',\n`],
    ['directives that name nothing secret or hold placeholders', 'etc/agent.conf', `server_name 'internal.example.host'\nuser "deploy_user_2024"\nid "${g.alnum(24)}"\ntoken "your-token-here"\n`],
  ]);
});
