@@@ carewell-infra/edge/nginx/conf.d/fhir-proxy.conf
upstream fhir_backend {
    server fhir.internal.carewell.health:443;
}

server {
    listen 443 ssl http2;
    server_name fhir.carewell.health;

    ssl_certificate     /etc/nginx/tls/fhir.crt;
    ssl_certificate_key /etc/nginx/tls/fhir.key; ⟦n:secret-name-harmless-value@nginx-directive⟧

    location /r4/ {
        proxy_pass https://fhir_backend;
        # partner gateway expects our key; moved to Vault in Q3 (see OPS-901) but this box still has it
        proxy_set_header X-Partner-Key "⟦P:health-gorilla@nginx-directive⟧";
        proxy_set_header Authorization "Basic ⟦G:basic-auth-b64@nginx-directive⟧";
    }

    add_header Content-Security-Policy "script-src 'self' ⟦N:csp-hash@nginx-directive⟧";
}

@@@ carewell-infra/edge/caddy/Caddyfile
{
	email ops@carewell.health
	acme_dns cloudflare ⟦P:cloudflare-token@caddyfile⟧
}

status.carewell.health {
	basicauth /internal/* {
		oncall ⟦N:bcrypt-hash@caddyfile⟧
	}
	reverse_proxy localhost:3001
}

@@@ carewell-infra/edge/traefik/traefik.yml
entryPoints:
  websecure:
    address: ":443"
certificatesResolvers:
  le:
    acme:
      email: ops@carewell.health
      dnsChallenge:
        provider: digitalocean
providers:
  file:
    filename: /etc/traefik/dynamic.yml
metrics:
  datadog:
    address: 127.0.0.1:8125

@@@ carewell-infra/edge/traefik/dynamic.yml
http:
  middlewares:
    ops-auth:
      basicAuth:
        users:
          - "ops:⟦N:password-hash-htpasswd@traefik-dynamic⟧"
    kiosk-header:
      headers:
        customRequestHeaders:
          X-Kiosk-Token: "⟦G:internal-api-token@traefik-dynamic⟧"

@@@ carewell-infra/edge/traefik/traefik.env
DO_AUTH_TOKEN=⟦P:digitalocean@dotenv⟧
TRAEFIK_LOG_LEVEL=INFO

@@@ carewell-infra/edge/envoy/envoy.yaml
static_resources:
  listeners:
    - name: ingress
      address:
        socket_address: { address: 0.0.0.0, port_value: 8443 }
      filter_chains:
        - filters:
            - name: envoy.filters.network.http_connection_manager
              typed_config:
                "@type": type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager
                stat_prefix: ingress
                route_config:
                  virtual_hosts:
                    - name: ehr
                      domains: ["*"]
                      routes:
                        - match: { prefix: "/elation/" }
                          route: { cluster: elation }
                          request_headers_to_add:
                            - header:
                                key: Authorization
                                value: "Bearer ⟦P:elation@envoy-yaml⟧"
          transport_socket:
            name: envoy.transport_sockets.tls
            typed_config:
              "@type": type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext
              common_tls_context:
                tls_certificates:
                  - certificate_chain:
                      inline_string: |
                        ⟦N:certificate-pem@envoy-yaml|indent24⟧
                    private_key:
                      inline_string: |
                        ⟦G:private-key-ec@envoy-yaml-inline|indent24⟧

@@@ carewell-infra/edge/haproxy/haproxy.cfg
global
    log stdout format raw local0
    stats socket /run/haproxy/admin.sock mode 660 level admin

userlist ops_users
    user oncall insecure-password ⟦G:human-password@haproxy-userlist⟧
    user grafana password ⟦N:bcrypt-hash@haproxy-userlist⟧

frontend fe_telehealth
    bind *:443 ssl crt /etc/haproxy/certs/telehealth.pem
    http-request set-header X-Api-Key ⟦P:daily@haproxy-set-header⟧ if { path_beg /video-api }
    default_backend be_video

backend be_video
    server daily api.daily.co:443 ssl verify required ca-file /etc/ssl/certs/ca-certificates.crt

@@@ carewell-infra/monitoring/alertmanager/alertmanager.yml
global:
  resolve_timeout: 5m
  slack_api_url: ⟦P:slack-webhook@alertmanager-global⟧
  opsgenie_api_key: ⟦P:opsgenie@alertmanager-global⟧

route:
  receiver: default
  routes:
    - matchers: [severity="page"]
      receiver: pagerduty-oncall
    - matchers: [team="clinical-integrations"]
      receiver: teams-integrations

receivers:
  - name: default
    slack_configs:
      - channel: '#alerts'
  - name: pagerduty-oncall
    pagerduty_configs:
      - routing_key: ⟦P:pagerduty@alertmanager-receiver⟧
  - name: teams-integrations
    webhook_configs:
      - url: ⟦P:teams-webhook@alertmanager-receiver⟧
  - name: telegram-founders
    telegram_configs:
      - bot_token: ⟦P:telegram@alertmanager-receiver⟧
        chat_id: -1001234567890
  - name: discord-eng
    discord_configs:
      - webhook_url: ⟦P:discord-webhook@alertmanager-receiver⟧

@@@ carewell-infra/monitoring/grafana/provisioning/datasources/datasources.yaml
apiVersion: 1
datasources:
  - name: Postgres (reporting)
    type: postgres
    url: reporting-replica.carewell.internal:5432
    user: grafana_ro
    secureJsonData:
      password: ⟦G:db-password@grafana-provisioning⟧
  - name: Elasticsearch
    type: elasticsearch
    url: https://carewell-logs.es.us-central1.gcp.cloud.es.io
    jsonData:
      httpHeaderName1: Authorization
    secureJsonData:
      httpHeaderValue1: ApiKey ⟦P:elastic@grafana-provisioning⟧
  - name: Loki
    type: loki
    url: http://loki:3100
    basicAuth: true
    basicAuthUser: "418233"
    secureJsonData:
      basicAuthPassword: $GRAFANA_CLOUD_TOKEN ⟦n:env-reference@grafana-provisioning⟧

@@@ carewell-infra/monitoring/grafana/grafana.ini
[server]
root_url = https://grafana.carewell.internal

[security]
admin_user = admin
admin_password = ⟦G:human-password@grafana-ini⟧
secret_key = ⟦G:encryption-key-b64@grafana-ini⟧

[auth.generic_oauth]
enabled = true
client_id = carewell-grafana
client_secret = ⟦P:keycloak@grafana-ini⟧

@@@ carewell-infra/monitoring/vector/vector.toml
[sources.app_logs]
type = "file"
include = ["/var/log/carewell/*.log"]

[transforms.scrub]
type = "remap"
inputs = ["app_logs"]
source = '''
.message = redact(.message, filters: ["us_social_security_number", r'\b\d{10}\b'])
'''

[sinks.datadog]
type = "datadog_logs"
inputs = ["scrub"]
default_api_key = "⟦P:datadog-api@vector-toml-sink⟧"

[sinks.betterstack]
type = "http"
inputs = ["scrub"]
uri = "https://in.logs.betterstack.com"
auth.strategy = "bearer"
auth.token = "⟦P:betterstack@vector-toml-sink⟧"
encoding.codec = "json"

@@@ carewell-infra/monitoring/fluentd/fluent.conf
<source>
  @type forward
  port 24224
</source>

<match carewell.**>
  @type copy
  <store>
    @type splunk_hec
    hec_host splunk-hec.carewell.internal
    hec_port 8088
    hec_token ⟦P:splunk-hec@fluentd-conf⟧
  </store>
  <store>
    @type sumologic
    endpoint https://endpoint4.collection.us2.sumologic.com/receiver/v1/http/⟦P:sumologic@fluentd-url-path⟧
    log_format json
  </store>
</match>

@@@ carewell-infra/monitoring/logstash/pipeline/audit.conf
input {
  beats { port => 5044 }
}
filter {
  mutate { remove_field => ["[patient][ssn]"] }
}
output {
  elasticsearch {
    hosts => ["https://carewell-logs.es.us-central1.gcp.cloud.es.io:443"]
    user => "logstash_writer"
    password => "⟦G:random-password@logstash-conf⟧"
    index => "audit-%{+YYYY.MM.dd}"
  }
  http {
    url => "https://api.bugsnag.com/"
    http_method => "post"
    headers => { "Bugsnag-Api-Key" => "⟦P:bugsnag@logstash-conf⟧" }
  }
}

@@@ carewell-infra/kafka/connectors/postgres-appointments-source.json
{
  "name": "postgres-appointments-source",
  "config": {
    "connector.class": "io.debezium.connector.postgresql.PostgresConnector",
    "database.hostname": "pg-primary.carewell.internal",
    "database.port": "5432",
    "database.user": "debezium",
    "database.password": "⟦G:db-password@kafka-connect-json⟧",
    "database.dbname": "carewell",
    "topic.prefix": "cw",
    "table.include.list": "public.appointments,public.visits",
    "plugin.name": "pgoutput"
  }
}

@@@ carewell-infra/kafka/connectors/bigquery-sink.json
{
  "name": "bq-sink",
  "config": {
    "connector.class": "com.wepay.kafka.connect.bigquery.BigQuerySinkConnector",
    "topics": "cw.public.appointments",
    "project": "carewell-analytics",
    "keySource": "JSON",
    "keyfile": "{\"type\":\"service_account\",\"project_id\":\"carewell-analytics\",\"private_key\":\"⟦P:gcp-service-account@kafka-connect-keyfile|pemflat⟧\",\"client_email\":\"kafka-bq@carewell-analytics.iam.gserviceaccount.com\"}",
    "sasl.jaas.config": "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"CWKAFKA7Q2MZ4X1B\" password=\"⟦G:kafka-sasl-password@kafka-connect-json⟧\";"
  }
}

@@@ carewell-infra/hasura/metadata/actions.yaml
actions:
  - name: bookAppointment
    definition:
      kind: synchronous
      handler: '{{ACTIONS_BASE_URL}}/book'
      headers:
        - name: X-Hasura-Action-Secret
          value_from_env: ACTION_SECRET ⟦n:env-reference@hasura-metadata⟧
  - name: cancelAppointment
    definition:
      kind: synchronous
      handler: https://api.carewell.health/hasura/cancel
      headers:
        - name: X-Internal-Token
          value: ⟦G:internal-api-token@hasura-metadata⟧

@@@ carewell-infra/hasura/docker-compose.yml
services:
  hasura:
    image: hasura/graphql-engine:v2.38.0
    ports: ["8080:8080"]
    environment:
      HASURA_GRAPHQL_DATABASE_URL: postgres://hasura:⟦G:conn-string-password@compose-env⟧@pg:5432/carewell
      HASURA_GRAPHQL_ADMIN_SECRET: ⟦G:random-password@compose-env⟧
      HASURA_GRAPHQL_JWT_SECRET: '{"type":"HS256","key":"⟦G:jwt-signing-secret@compose-env-json⟧"}'
      HASURA_GRAPHQL_ENABLE_CONSOLE: "true"
  pg:
    image: postgres:16@⟦N:docker-image-digest@compose-image⟧
    environment:
      POSTGRES_PASSWORD_FILE: /run/secrets/pg_password ⟦n:secret-name-harmless-value@compose-env⟧
