@@@ carewell-platform/functions/src/index.ts
import * as functions from 'firebase-functions/v2';
import { defineSecret } from 'firebase-functions/params';
import * as admin from 'firebase-admin';

admin.initializeApp();

const twilioToken = defineSecret('TWILIO_AUTH_TOKEN'); ⟦n:secret-manager-reference@firebase-functions⟧

// Reminder 24h before the visit. Retries are handled by Cloud Tasks.
export const remindPatient = functions.firestore.onDocumentCreated({ document: 'reminders/{id}', secrets: [twilioToken] }, async (event) => {
  const data = event.data?.data();
  if (!data) return;
  const res = await fetch('https://api.brevo.com/v3/transactionalSMS/sms', {
    method: 'POST',
    headers: { 'api-key': '⟦P:brevo@firebase-functions⟧', 'content-type': 'application/json' },
    body: JSON.stringify({ sender: 'Carewell', recipient: data.phone, content: data.text }),
  });
  functions.logger.info('reminder sent', { status: res.status });
});

@@@ carewell-platform/functions/.runtimeconfig.json
{
  "slack": {
    "webhook": "⟦P:slack-webhook@firebase-runtimeconfig⟧"
  },
  "postmark": {
    "server_token": "⟦P:postmark@firebase-runtimeconfig⟧",
    "from": "care@carewell.health"
  },
  "sms": {
    "provider": "messagebird",
    "access_key": "⟦P:messagebird@firebase-runtimeconfig⟧"
  }
}

@@@ carewell-platform/functions/service-account.json
{
  "type": "service_account",
  "project_id": "carewell-prod",
  "private_key_id": "⟦N:public-key-id@gcp-sa-json⟧",
  "private_key": "⟦P:gcp-service-account@gcp-sa-json|jsonnl⟧",
  "client_email": "firebase-adminsdk-x7q2p@carewell-prod.iam.gserviceaccount.com",
  "client_id": "⟦N:numeric-id@gcp-sa-json⟧",
  "auth_uri": "https://accounts.google.com/o/oauth2/auth",
  "token_uri": "https://oauth2.googleapis.com/token",
  "auth_provider_x509_cert_url": "https://www.googleapis.com/oauth2/v1/certs",
  "client_x509_cert_url": "https://www.googleapis.com/robot/v1/metadata/x509/firebase-adminsdk-x7q2p%40carewell-prod.iam.gserviceaccount.com",
  "universe_domain": "googleapis.com"
}

@@@ carewell-platform/supabase/functions/intake-ocr/index.ts
import { serve } from 'https://deno.land/std@0.208.0/http/server.ts';
import { createClient } from 'https://esm.sh/@supabase/supabase-js@2';

// Reads insurance card photos. Runs with the service role because it writes to `coverage` bypassing RLS.
const supabase = createClient(
  Deno.env.get('SUPABASE_URL') ?? 'https://qzxkvnwtrbplmjdhgfsa.supabase.co',
  Deno.env.get('SUPABASE_SERVICE_ROLE_KEY') ?? '⟦P:supabase-service@deno-env-fallback⟧',
);

const MISTRAL_KEY = Deno.env.get('MISTRAL_API_KEY') || '⟦P:mistral@deno-env-fallback⟧';

serve(async (req) => {
  const { imageUrl } = await req.json();
  const r = await fetch('https://api.mistral.ai/v1/ocr', {
    method: 'POST',
    headers: { Authorization: `Bearer ${MISTRAL_KEY}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ model: 'mistral-ocr-latest', document: { type: 'image_url', image_url: imageUrl } }),
  });
  const parsed = await r.json();
  await supabase.from('coverage').insert({ raw: parsed });
  return new Response('ok');
});

@@@ carewell-platform/supabase/config.toml
project_id = "carewell"

[api]
port = 54321

[auth]
site_url = "http://localhost:3000"
jwt_expiry = 3600

[auth.external.google]
enabled = true
client_id = "⟦N:google-oauth-client-id@supabase-config-toml⟧"
secret = "env(SUPABASE_AUTH_GOOGLE_SECRET)" ⟦n:env-reference@supabase-config-toml⟧

[auth.sms.twilio]
enabled = true
account_sid = "⟦N:twilio-account-sid@supabase-config-toml⟧"
message_service_sid = "MG9f1e2d3c4b5a69788796a5b4c3d2e1f0" ⟦n:vendor-identifier@supabase-config-toml⟧
auth_token = "⟦P:twilio-auth@supabase-config-toml⟧"

@@@ carewell-platform/supabase/seed.sql
-- Local dev seed. anon key below is the local default and is public.
insert into public.settings (key, value) values
  ('supabase_anon_key', '⟦N:supabase-anon@sql-insert⟧'),
  ('support_phone', '+1-555-0100'),
  ('pharmacy_webhook_secret', '⟦G:hmac-key-hex@sql-insert⟧');

insert into auth.users (id, email, encrypted_password) values
  ('⟦N:uuid-identifier@sql-insert⟧', 'nurse.demo@carewell.health', '⟦N:bcrypt-hash@sql-insert⟧');

@@@ carewell-platform/services/hl7-bridge/main.go
package main

import (
	"log"
	"net/http"
	"os"
)

// HL7v2 over MLLP to FHIR bridge for the lab partner. Runs next to the interface engine.
const (
	mirthAPIUser = "bridge"
	labPartnerID = "LABCORP-CW-0042"
)

var sharedSecret = getenv("BRIDGE_HMAC_KEY", "⟦G:hmac-key-hex@go-getenv-default⟧")

var twilioAPIKeySecret = "⟦P:twilio-apikey-secret@go-var⟧"

func getenv(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

func main() {
	req, _ := http.NewRequest("GET", "https://mirth.internal.carewell.health/api/channels", nil)
	req.SetBasicAuth(mirthAPIUser, "⟦G:random-password@go-positional⟧")
	log.Println("bridge up", labPartnerID, len(sharedSecret), len(twilioAPIKeySecret), req.URL)
}

@@@ carewell-platform/services/hl7-bridge/go.sum
github.com/golang/protobuf v1.5.4 h1:i7eJL8qZTpSEXOPTxNKhASYpMn+8e5Q6AdndVa1dWek= ⟦n:terraform-lock-hash@go-sum⟧
github.com/google/uuid v1.6.0 h1:NIvaJDMOsjHA8n1jAhLSgzrAzy1Hgr+hNrb57e+94F0= ⟦n:terraform-lock-hash@go-sum⟧

@@@ carewell-platform/services/claims-java/src/main/resources/application.yml
spring:
  datasource:
    url: jdbc:sqlserver://claims.database.windows.net:1433;database=claims;encrypt=true
    username: claims_svc
    password: ⟦G:db-password@spring-yaml⟧
  kafka:
    bootstrap-servers: pkc-619z3.us-east1.gcp.confluent.cloud:9092
    properties:
      sasl.mechanism: PLAIN
      sasl.jaas.config: org.apache.kafka.common.security.plain.PlainLoginModule required username="⟦N:public-client-key@spring-yaml⟧" password="⟦P:confluent@spring-yaml-jaas⟧";
management:
  endpoints:
    web:
      exposure:
        include: health,info

@@@ carewell-platform/services/claims-java/src/main/resources/application-local.properties
# local overrides (don't commit your own! copy application-local.properties.sample)
spring.datasource.password=${CLAIMS_DB_PASSWORD:changeme} ⟦n:placeholder-words@java-properties⟧
availity.client-id=carewell-claims
availity.client-secret=⟦P:availity@java-properties⟧
server.ssl.key-store-password=⟦G:keystore-password@java-properties⟧

@@@ carewell-data/intake_service/app.py
import os
from flask import Flask, request, jsonify
from flask_wtf.csrf import CSRFProtect

app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ.get("FLASK_SECRET_KEY", "⟦G:session-secret@py-getenv-default⟧")
app.config["SQLALCHEMY_DATABASE_URI"] = os.getenv("DATABASE_URL") ⟦n:env-reference@py-getenv⟧
csrf = CSRFProtect(app)

ELIGIBILITY_API = "https://api.availity.com/availity/v1/coverages"


@app.post("/intake")
def intake():
    payload = request.get_json()
    # patient_id is an MRN, not a secret
    patient_id = payload.get("mrn", "⟦N:medical-identifier@py-dict-get-default⟧")
    return jsonify({"ok": True, "patient": patient_id})

@@@ carewell-data/intake_service/settings.py
"""Settings for the intake workers. Values here are defaults for local runs; prod reads env."""
import os

CELERY_BROKER_URL = os.getenv("CELERY_BROKER_URL", "amqp://intake:⟦G:conn-string-password@py-getenv-default⟧@rabbitmq:5672/intake")
CELERY_RESULT_BACKEND = "redis://:⟦G:redis-password@py-url-userinfo⟧@redis:6379/1"

SMTP = {
    "host": "smtp.sendgrid.net",
    "port": 587,
    "username": "apikey",
    "password": "⟦P:sendgrid@py-dict⟧",
}

ZENDESK_SUBDOMAIN = "carewellhelp"
ZENDESK_EMAIL = "support-bot@carewell.health/token"
ZENDESK_API_TOKEN = "⟦P:zendesk@py-assign⟧"

# Bugsnag for the workers (the web app uses Sentry)
BUGSNAG = dict(api_key="⟦P:bugsnag@py-dict-call⟧", release_stage="production")

ENCRYPTION_KEYS = [
    # newest first; MultiFernet tries each
    "⟦G:fernet-key@py-list⟧",
    "⟦G:fernet-key@py-list⟧",
]

@@@ carewell-data/intake_service/tasks.py
from celery import Celery
import requests
from twilio.rest import Client

celery = Celery("intake")
celery.config_from_object("intake_service.settings")


@celery.task(bind=True, max_retries=5)
def send_sms(self, to, body):
    client = Client("⟦N:twilio-account-sid@py-positional⟧", "⟦P:twilio-auth@py-positional⟧")
    client.messages.create(to=to, from_="+15555550142", body=body)


@celery.task
def push_to_sinch(to, body):
    requests.post(
        "https://us.sms.api.sinch.com/xms/v1/3f9a0c2b7d/batches",
        headers={"Authorization": "Bearer ⟦P:sinch@py-header-dict⟧"},
        json={"from": "12345", "to": [to], "body": body},
        timeout=10,
    )


@celery.task
def page_oncall(summary):
    requests.post(
        "https://events.pagerduty.com/v2/enqueue",
        json={
            "routing_key": "⟦P:pagerduty@py-json-kwarg⟧",
            "event_action": "trigger",
            "payload": {"summary": summary, "severity": "error", "source": "intake-worker"},
        },
        timeout=10,
    )

@@@ carewell-data/intake_service/bandwidth_client.py
from bandwidth import ApiClient, Configuration

# Bandwidth voice for the nurse line IVR.
config = Configuration(
    username="nurse-line-api",
    password="⟦P:bandwidth@py-kwarg⟧",
)
client = ApiClient(config)

@@@ carewell-data/spiders/provider_directory/settings.py
BOT_NAME = "provider_directory"
SPIDER_MODULES = ["provider_directory.spiders"]
ROBOTSTXT_OBEY = True
DOWNLOAD_DELAY = 1.5
USER_AGENT = "CarewellDirectoryBot/1.2 (+https://carewell.health/bot)"

# rotating proxies (vendor: brightdata). user and zone are in the URL.
ROTATING_PROXY_LIST = [
    "http://brd-customer-hl_4f2a91c0-zone-dc1:⟦G:url-basic-auth@scrapy-settings⟧@brd.superproxy.io:22225",
]

ITEM_PIPELINES = {"provider_directory.pipelines.AlgoliaPipeline": 300}
ALGOLIA_APP_ID = "KX41PLM0QZ"
ALGOLIA_ADMIN_KEY = "⟦P:algolia-admin@scrapy-settings⟧"
ALGOLIA_SEARCH_KEY = "⟦N:algolia-search-only@scrapy-settings⟧"

@@@ carewell-data/spiders/provider_directory/spiders/npi_registry.py
import scrapy


class NpiRegistrySpider(scrapy.Spider):
    """Pulls clinician licensure data from the public NPI registry (no key needed)."""

    name = "npi_registry"
    custom_settings = {"CONCURRENT_REQUESTS": 4}
    known_npis = ["⟦N:medical-identifier@py-list⟧", "1538296478"]  ⟦n:medical-identifier@py-list⟧

    def start_requests(self):
        for npi in self.known_npis:
            yield scrapy.Request(f"https://npiregistry.cms.hhs.gov/api/?number={npi}&version=2.1")

    def parse(self, response):
        yield response.json()

@@@ carewell-data/dashboards/streamlit_app.py
import streamlit as st
import pandas as pd
import snowflake.connector

st.set_page_config(page_title="Clinic utilisation", layout="wide")

# Deployed on Streamlit Community Cloud first; the secrets below were meant for .streamlit/secrets.toml
conn = snowflake.connector.connect(
    account="carewell-xy12345",
    user="STREAMLIT_RO",
    password="⟦G:random-password@py-kwarg⟧",
    warehouse="REPORTING_WH",
)

df = pd.read_sql("select * from analytics.utilisation_daily", conn)
st.line_chart(df, x="day", y="visits")

@@@ carewell-data/dashboards/.streamlit/secrets.toml
[connections.postgres]
dialect = "postgresql"
host = "reporting-replica.carewell.internal"
port = "5432"
database = "analytics"
username = "streamlit"
password = "⟦G:db-password@streamlit-secrets-toml⟧"

[openai]
api_key = "⟦P:openai-svcacct@streamlit-secrets-toml⟧"

[mixpanel]
project_token = "⟦N:public-client-key@streamlit-secrets-toml⟧"
api_secret = "⟦P:mixpanel@streamlit-secrets-toml⟧"

@@@ carewell-data/etl/load_claims.py
"""Nightly: pull 835 remittances from the clearinghouse SFTP, normalise with pandas, load to BigQuery."""
import pandas as pd
import paramiko
from google.cloud import bigquery

SFTP_HOST = "sftp.changehealthcare.com"
SFTP_USER = "carewell_era"

def fetch():
    transport = paramiko.Transport((SFTP_HOST, 22))
    transport.connect(username=SFTP_USER, password="⟦G:random-password@py-kwarg⟧")
    return paramiko.SFTPClient.from_transport(transport)


def load(frame: pd.DataFrame):
    client = bigquery.Client.from_service_account_json("/secrets/bq-loader.json")  ⟦n:secret-manager-reference@py-positional⟧
    client.load_table_from_dataframe(frame, "carewell-prod.claims.remittance").result()

@@@ carewell-data/etl/sync_atlas.py
import os
import requests
from requests.auth import HTTPDigestAuth
from pymongo import MongoClient

# Atlas Admin API: programmatic key (public part is the username).
ATLAS_PUBLIC_KEY = "xqwzhgnb"
ATLAS_PRIVATE_KEY = "⟦P:mongodb-atlas@py-assign⟧"

mongo = MongoClient(os.environ.get("MONGO_URL", "mongodb+srv://etl:⟦G:conn-string-password@py-getenv-default⟧@cluster0.q8z1x.mongodb.net/intake?retryWrites=true"))


def snapshot(project_id: str):
    return requests.get(
        f"https://cloud.mongodb.com/api/atlas/v2/groups/{project_id}/clusters",
        auth=HTTPDigestAuth(ATLAS_PUBLIC_KEY, ATLAS_PRIVATE_KEY),
        timeout=30,
    )

@@@ carewell-data/etl/wandb_train.py
import wandb
import os

os.environ.setdefault("WANDB_API_KEY", "⟦P:wandb@py-setdefault⟧")
os.environ.setdefault("HF_TOKEN", "⟦P:huggingface@py-setdefault⟧")

run = wandb.init(project="no-show-model", config={"lr": 3e-4, "epochs": 12})

@@@ carewell-data/etl/databricks_job.py
from databricks.sdk import WorkspaceClient

w = WorkspaceClient(
    host="https://adb-4417283901234567.7.azuredatabricks.net",
    token="⟦P:databricks@py-kwarg⟧",
)

for job in w.jobs.list():
    print(job.settings.name)

@@@ carewell-data/etl/export_to_neon.py
import psycopg

NEON_API = "https://console.neon.tech/api/v2"
headers = {
    "Accept": "application/json",
    # branch-per-PR previews for the data team
    "Authorization": "Bearer " + "⟦P:neon@py-string-concat⟧",
}

with psycopg.connect("postgresql://etl_owner:⟦G:conn-string-password@py-connect-positional⟧@ep-wispy-lake-a1b2c3d4.us-east-2.aws.neon.tech/etl?sslmode=require") as conn:
    conn.execute("select 1")

@@@ carewell-data/etl/cohere_rerank.py
import cohere

co = cohere.Client("⟦P:cohere@py-positional⟧")

def rerank(query, docs):
    return co.rerank(model="rerank-english-v3.0", query=query, documents=docs, top_n=5)

@@@ carewell-data/etl/llm_triage.py
"""Symptom-checker triage prototype. Several vendors compared in notebooks/triage-eval.ipynb."""
from groq import Groq
import replicate
from pinecone import Pinecone

groq = Groq(api_key="⟦P:groq@py-kwarg⟧")
replicate_client = replicate.Client(api_token="⟦P:replicate@py-kwarg⟧")
pc = Pinecone(api_key="⟦P:pinecone@py-kwarg⟧")
index = pc.Index("triage-notes")

PERPLEXITY_KEY = (
    "⟦P:perplexity@py-paren-continuation⟧"
)

LANGSMITH = {"LANGCHAIN_TRACING_V2": "true", "LANGCHAIN_API_KEY": "⟦P:langsmith@py-dict⟧"}

@@@ carewell-data/etl/azure_openai_eval.py
from openai import AzureOpenAI

client = AzureOpenAI(
    azure_endpoint="https://carewell-eastus2.openai.azure.com/",
    api_version="2024-06-01",
    api_key="⟦P:azure-openai@py-kwarg⟧",
)

@@@ carewell-data/etl/elevenlabs_tts.py
# Voice reminders for patients who opted into calls instead of SMS.
from elevenlabs.client import ElevenLabs

VOICE_ID = "EXAVITQu4vr4xnSDxMaL" ⟦n:vendor-identifier@py-assign⟧


def client():
    return ElevenLabs(api_key="⟦P:elevenlabs@py-kwarg⟧")

@@@ carewell-data/etl/reports_to_box.py
import dropbox
from boxsdk import OAuth2, Client

auth = OAuth2(client_id="q3n9v1x7c5z2b8m4k6j0h1g2f3d4s5a6", client_secret="⟦P:box@py-kwarg⟧")
box = Client(auth)

dbx = dropbox.Dropbox(
    "⟦P:dropbox@py-positional-multiline⟧"
)

@@@ carewell-data/admin/carewell_admin/settings/base.py
from pathlib import Path
import environ

env = environ.Env()
BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = env("DJANGO_SECRET_KEY", default="⟦G:django-secret-key@django-settings⟧")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = ["admin.carewell.internal"]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "carewell_admin",
        "USER": "admin_app",
        "PASSWORD": env("DB_PASSWORD"), ⟦n:env-reference@django-settings⟧
        "HOST": "pg-admin.carewell.internal",
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}}, ⟦n:secret-name-harmless-value@django-settings⟧
]

EMAIL_BACKEND = "anymail.backends.mailjet.EmailBackend"
ANYMAIL = {
    "MAILJET_API_KEY": "⟦N:public-client-key@django-settings⟧",
    "MAILJET_SECRET_KEY": "⟦P:mailjet@django-settings⟧",
}

AUTH_LDAP_SERVER_URI = "ldaps://dc1.corp.carewell.health"
AUTH_LDAP_BIND_DN = "CN=svc-django,OU=Service Accounts,DC=corp,DC=carewell,DC=health"
AUTH_LDAP_BIND_PASSWORD = "⟦G:ldap-bind-password@django-settings⟧"

@@@ carewell-data/admin/carewell_admin/settings/prod.py
from .base import *  # noqa

SECRET_KEY = env("DJANGO_SECRET_KEY")  ⟦n:env-reference@django-settings⟧

# Kept until the Sparkpost contract ends in March.
SPARKPOST_API_KEY = "⟦P:sparkpost@py-assign⟧"

ROLLBAR = {
    "access_token": "⟦P:rollbar@py-dict⟧",
    "environment": "production",
    "root": BASE_DIR,
}

@@@ carewell-data/admin/clinics/fixtures/demo_clinics.json
[
  {
    "model": "auth.user",
    "pk": 1,
    "fields": {
      "username": "demo_admin",
      "password": "⟦N:django-pbkdf2-hash@django-fixture⟧",
      "is_superuser": true
    }
  },
  {
    "model": "clinics.integration",
    "pk": 7,
    "fields": {
      "clinic": 3,
      "vendor": "keycloak",
      "realm": "clinic-sso",
      "client_secret": "⟦P:keycloak@django-fixture⟧"
    }
  }
]

@@@ carewell-data/admin/clinics/tests/test_integrations.py
import pytest
import responses

from clinics.integrations import athena_token

ATHENA_TEST_SECRET = "not-a-real-secret"  ⟦n:obvious-test-dummy@py-test⟧


@responses.activate
def test_athena_token_refresh():
    responses.add(
        responses.POST,
        "https://api.preview.platform.athenahealth.com/oauth2/v1/token",
        json={"access_token": "⟦G:bearer-token@responses-recording⟧", "expires_in": 300},
    )
    assert athena_token("cid", ATHENA_TEST_SECRET)


def test_password_is_hashed(django_user_model):
    user = django_user_model.objects.create_user("x", password="hunter2")  ⟦n:obvious-test-dummy@py-test⟧
    assert user.password.startswith("pbkdf2_sha256$")

@@@ carewell-data/airflow/dags/eligibility_refresh.py
from datetime import datetime
from airflow import DAG
from airflow.providers.http.operators.http import HttpOperator
from airflow.models import Variable

with DAG("eligibility_refresh", start_date=datetime(2024, 1, 1), schedule="0 5 * * *", catchup=False) as dag:
    refresh = HttpOperator(
        task_id="availity_refresh",
        http_conn_id="availity",
        endpoint="/availity/v1/coverages",
        headers={"Authorization": "Bearer {{ var.value.availity_token }}"},  ⟦n:template-variable@airflow-dag⟧
    )

    notify = HttpOperator(
        task_id="notify_slack",
        http_conn_id="slack_default",
        endpoint="/api/chat.postMessage",
        headers={"Authorization": "Bearer ⟦P:slack-bot@airflow-dag⟧"},
        data='{"channel": "#data-eng", "text": "eligibility refreshed"}',
    )

    refresh >> notify

@@@ carewell-data/airflow/airflow_settings.yaml
airflow:
  connections:
    - conn_id: availity
      conn_type: http
      conn_host: api.availity.com
      conn_schema: https
    - conn_id: snowflake_default
      conn_type: snowflake
      conn_login: AIRFLOW
      conn_password: ⟦G:random-password@astro-airflow-settings⟧
      conn_extra:
        account: carewell-xy12345
        warehouse: ETL_WH
  variables:
    - variable_name: availity_token
      variable_value: "" ⟦n:empty-value@astro-airflow-settings⟧
    - variable_name: epic_private_key_b64
      variable_value: ⟦G:private-key-b64@astro-airflow-settings⟧

@@@ carewell-data/dbt/profiles.yml
carewell:
  target: dev
  outputs:
    dev:
      type: bigquery
      method: oauth
      project: carewell-analytics-dev
      dataset: dbt_{{ env_var('USER') }}
      threads: 4
    prod:
      type: bigquery
      method: service-account-json
      project: carewell-analytics
      dataset: analytics
      keyfile_json:
        type: service_account
        project_id: carewell-analytics
        private_key_id: ⟦N:public-key-id@dbt-profiles⟧
        private_key: "⟦P:gcp-service-account@dbt-profiles|pemflat⟧"
        client_email: dbt-prod@carewell-analytics.iam.gserviceaccount.com
    snowflake_legacy:
      type: snowflake
      account: carewell-xy12345
      user: DBT_PROD
      password: "{{ env_var('DBT_SNOWFLAKE_PASSWORD') }}" ⟦n:template-variable@dbt-profiles⟧
      role: TRANSFORMER

@@@ carewell-data/notebooks/no_show_eda.ipynb
{
 "cells": [
  {
   "cell_type": "markdown",
   "metadata": {},
   "source": ["# No-show exploration\n", "Appointments 2023-2024, de-identified."]
  },
  {
   "cell_type": "code",
   "execution_count": 3,
   "metadata": {},
   "outputs": [],
   "source": [
    "import pandas as pd\n",
    "from sqlalchemy import create_engine\n",
    "engine = create_engine('postgresql://analyst:⟦G:conn-string-password@notebook-source⟧@reporting-replica.carewell.internal/analytics')\n",
    "df = pd.read_sql('select * from appointments_deid', engine)"
   ]
  },
  {
   "cell_type": "code",
   "execution_count": 7,
   "metadata": {},
   "outputs": [
    {
     "name": "stdout",
     "output_type": "stream",
     "text": ["Using key ⟦P:openai@notebook-output⟧ for org carewell\n"]
    }
   ],
   "source": [
    "import os\n",
    "os.environ['OPENAI_API_KEY'] = open('/Users/mhernandez/.openai').read().strip()\n",
    "print('Using key', os.environ['OPENAI_API_KEY'], 'for org carewell')"
   ]
  },
  {
   "cell_type": "code",
   "execution_count": 9,
   "metadata": {},
   "outputs": [
    {
     "data": {"image/png": "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="}, ⟦n:data-uri-image@notebook-output⟧
     "metadata": {},
     "output_type": "display_data"
    }
   ],
   "source": ["df.groupby('weekday').no_show.mean().plot()"]
  }
 ],
 "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
 "nbformat": 4,
 "nbformat_minor": 5
}

@@@ carewell-data/notebooks/triage-eval.ipynb
{
 "cells": [
  {
   "cell_type": "code",
   "execution_count": 1,
   "metadata": {},
   "outputs": [],
   "source": [
    "ANTHROPIC_API_KEY = \"⟦P:anthropic@notebook-source⟧\"\n",
    "GEMINI_API_KEY = \"⟦P:gemini@notebook-source⟧\"\n",
    "COHERE_KEY = \"⟦P:cohere@notebook-source⟧\""
   ]
  },
  {
   "cell_type": "code",
   "execution_count": 2,
   "metadata": {},
   "outputs": [],
   "source": [
    "import google.generativeai as genai\n",
    "genai.configure(api_key=GEMINI_API_KEY)"
   ]
  }
 ],
 "metadata": {},
 "nbformat": 4,
 "nbformat_minor": 5
}

@@@ carewell-data/requirements.lock
# pip-compile --generate-hashes
celery==5.3.6 \
    --hash=sha256:⟦N:checksum-hex@requirements-hashes⟧
flask==3.0.2 \
    --hash=sha256:⟦N:checksum-hex@requirements-hashes⟧
pandas==2.2.1 \
    --hash=sha256:⟦N:checksum-hex@requirements-hashes⟧

@@@ carewell-data/pyproject.toml
[project]
name = "carewell-data"
version = "2024.11.0"
requires-python = ">=3.11"
dependencies = ["celery>=5.3", "flask>=3.0", "pandas>=2.2", "scrapy>=2.11", "streamlit>=1.33"]

[tool.poetry.source]
name = "carewell-private"
url = "https://carewell.jfrog.io/artifactory/api/pypi/pypi-local/simple"

[tool.pytest.ini_options]
env = ["DJANGO_SETTINGS_MODULE=carewell_admin.settings.test", "SECRET_KEY=pytest-insecure-key"] ⟦n:obvious-test-dummy@pyproject-toml⟧
