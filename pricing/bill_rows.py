"""Rows for the whole bill (issue 17): CloudWatch Logs ingestion and storage in every region the
pinned pricing-page snapshot covers, and traffic between Availability Zones where a dated AWS
Price List source exists.

Called from build_catalog.py (`bill_rows.add(book, snaps, report, REGIONS)`); kept in its own file so the
catalog build can change around it. Python 3 standard library only.
"""

from decimal import Decimal

# (key, unit) for the keys this file adds; build_catalog.UNITS is extended with them.
UNITS = [("logs.ingest", "GB"), ("logs.storage", "GB-month"), ("data_transfer.cross_az", "GB")]

# CloudWatch pricing-page meteredUnitMap (pw raw/cloudwatch.json). Ingestion is the named metric
# "Logs Collected Data Ingestion" (CloudWatch Logs Standard class, custom logs). Storage has no
# name in the file, only its regionless rate code; that code is the one whose us-east-1 rate
# code is SKU 6K9ADYQAHV5KX9KZ, the USD 0.03/GB-month logs storage SKU of the AWS Price List
# offer AmazonCloudWatch 20260831092148 for us-east-1.
INGEST_METRIC = "Logs Collected Data Ingestion"
STORAGE_REGIONLESS = "QBQsQiKvZ_gPYzkrhvQ2K9Bc2aQyKICH3JDdgAX3dds"
STORAGE_US_EAST_1_SKU = "6K9ADYQAHV5KX9KZ"

# Cross-AZ transfer: AWS bills USD 0.01 per GB out of one AZ and 0.01 per GB into the other
# (EC2 on-demand pricing page, "Data Transfer within the same AWS Region"). Only the regions
# below have a dated, public per-region Price List citation; the others are left out (see
# pricing/COVERAGE.md) and archcost says so where the line would be.
CROSS_AZ = [
    ("us-east-1", "0.01", "PNUBVW4CPC8XA46W", "2026-08-31",
     "AWS Price List AWSDataTransfer 20260831121448 us-east-1 SKU PNUBVW4CPC8XA46W (USD 0.01 "
     "per GB, regional data transfer between Availability Zones, each direction), "
     "https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AWSDataTransfer/20260831121448/"
     "us-east-1/index.json [grade A through its public URL and version]"),
    ("ap-northeast-1", "0.01", "RVH645383RKU285J", "2026-09-27",
     "AWS Price List AWSDataTransfer ap-northeast-1 usagetype APN1-DataTransfer-Regional-Bytes, "
     "SKU RVH645383RKU285J, USD 0.010 per GB 'regional data transfer - in/out/between EC2 AZs "
     "or using elastic IPs or ELB', observed 2026-09-27 at https://pricing.us-east-1.amazonaws"
     ".com/offers/v1.0/aws/AWSDataTransfer/current/ap-northeast-1/index.json [grade B: the "
     "current offer as read on that date]"),
]


def add(book, snaps, report, regions):
    pw = snaps["pw"]
    path = "raw/cloudwatch.json"
    doc = pw.json(path)
    date = doc["manifest"]["hawkFilePublicationDate"][:10]
    sid = book.source("pw-cloudwatch-logs", (
        "%s (AWS pricing-page meteredUnitMap %s, Amazon CloudWatch Logs, published %s): "
        "ingestion = metric '%s' (Standard log class); storage = the rate whose regionless code "
        "is %s, identified as logs storage by its us-east-1 rate code %s = SKU of AWS Price List "
        "AmazonCloudWatch 20260831092148 us-east-1 (USD 0.03/GB-month) [grade B]"
        % (pw.cite(path), doc["manifest"]["esIndex"], date, INGEST_METRIC,
           STORAGE_REGIONLESS, STORAGE_US_EAST_1_SKU)))
    missing = []
    for code, loc in regions:
        prices = doc["regions"].get(loc) or {}
        ingest = prices.get(INGEST_METRIC)
        storage = prices.get(STORAGE_REGIONLESS)
        if ingest is None or storage is None:
            missing.append(code)
            continue
        book.add("logs.ingest", code, 0, None, ingest["price"], ingest["rateCode"], date, sid)
        book.add("logs.storage", code, 0, None, storage["price"], storage["rateCode"], date, sid)
    if missing:
        report["warnings"].append("cloudwatch logs: no price for %s" % ", ".join(missing))
    for code, usd, sku, effective, text in CROSS_AZ:
        xsid = book.source("cross-az-" + code, text)
        book.add("data_transfer.cross_az", code, 0, None, Decimal(usd), sku, effective, xsid)
