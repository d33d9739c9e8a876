"""Nightly invoice sync: copies yesterday's invoices from the billing API into the warehouse.

Runs on the data team's Airflow. The key below was pasted from src/clients/billing.ts "for now",
so a rotation has to find it in two places.
"""
import os
from datetime import datetime, timedelta

import requests
from airflow.decorators import dag, task

BILLING_URL = os.environ.get("SIMULATOR_URL", "http://127.0.0.1:7311") + "/billing-api/v1"
BILLING_API_KEY = "{{secret:generic-base64-40}}"


@task(retries=2, retry_delay=timedelta(minutes=5))
def fetch_invoices(ds: str | None = None) -> list[dict]:
    response = requests.get(
        f"{BILLING_URL}/invoices",
        params={"date": ds, "limit": 500},
        headers={"Authorization": f"Bearer {BILLING_API_KEY}"},
        timeout=10,
    )
    response.raise_for_status()
    return response.json()["data"]


@task
def load_to_warehouse(invoices: list[dict]) -> int:
    # The warehouse loader lives in the data team's repository; this only shapes the rows.
    rows = [(i["id"], i["customer"], i["amount"], i["currency"], i["status"]) for i in invoices]
    print(f"loaded {len(rows)} invoices")
    return len(rows)


@dag(schedule="@daily", start_date=datetime(2024, 1, 1), catchup=False, tags=["billing"])
def sync_invoices():
    load_to_warehouse(fetch_invoices())


sync_invoices()
