#!/usr/bin/env python3
"""Regenerate pricing/catalog.csv (see pricing/KEYS.md for the key scheme).

Inputs
  ../shared/reference/aws-prices.csv (relative to the project root, i.e. the
  parent of this script's directory) -- the researched reference table, and
  EXTRA_ROWS below -- rows researched for items the reference lacks, each with
  its own source and effective date.

Rules applied (see pricing/SOURCES.md):
  * reference rows whose usd is "not found" are skipped (they are the research list);
  * "USD per 1M ..." prices are divided by 1,000,000 with decimal.Decimal (exact);
  * usd / tier values are written without exponent notation, trailing zeros stripped;
  * empty tier_begin -> 0, empty or "Inf" tier_end -> empty (unbounded);
  * effective = first 10 chars of source_date (YYYY-MM-DD), with the overrides in
    ROW_OVERRIDES for reference rows whose date is not a real date;
  * rows sorted by region, key, tier_begin.

Python 3 standard library only. Usage: python3 pricing/build_catalog.py [--check-only]
"""

import csv
import re
import sys
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
REFERENCE = ROOT / ".." / "shared" / "reference" / "aws-prices.csv"
OUT = HERE / "catalog.csv"

COLUMNS = ["key", "region", "unit", "tier_begin", "tier_end", "usd", "sku", "effective", "source"]
REGIONS = ("us-east-1", "ap-northeast-1")
MILLION = Decimal(1000000)

# ---------------------------------------------------------------------------
# Units per key (KEYS.md). Key prefixes ending with "." match any suffix.
# ---------------------------------------------------------------------------
UNITS = [
    ("lambda.requests.free_tier", "request"),
    ("lambda.requests.", "request"),
    ("lambda.duration.free_tier", "GB-second"),
    ("lambda.duration.", "GB-second"),
    ("lambda.ephemeral_storage.", "GB-second"),
    ("lambda.provisioned_concurrency.", "GB-second"),
    ("lambda.provisioned_duration.", "GB-second"),
    ("fargate.vcpu.", "vCPU-hour"),
    ("fargate.memory.", "GB-hour"),
    ("fargate.windows_license", "vCPU-hour"),
    ("fargate.ephemeral_storage", "GB-hour"),
    ("fargate.spot_vcpu.", "vCPU-hour"),
    ("fargate.spot_memory.", "GB-hour"),
    ("apigw.rest.requests", "request"),
    ("apigw.http.requests", "request"),
    ("apigw.websocket.messages", "message"),
    ("apigw.websocket.connection_minutes", "connection-minute"),
    ("apigw.cache.", "hour"),
    ("vpce.hours", "endpoint-AZ-hour"),
    ("vpce.data", "GB"),
    ("dynamodb.reads.", "read request unit"),
    ("dynamodb.writes.", "write request unit"),
    ("dynamodb.rcu.free_tier", "RCU"),
    ("dynamodb.wcu.free_tier", "WCU"),
    ("dynamodb.rcu.", "RCU-hour"),
    ("dynamodb.wcu.", "WCU-hour"),
    ("dynamodb.storage.", "GB-month"),
    ("alb.hours", "hour"),
    ("alb.lcu", "LCU-hour"),
    ("nat.hours", "hour"),
    ("nat.data", "GB"),
    ("vpc.public_ipv4", "hour"),
    ("data_transfer.out.free_tier", "GB"),
    ("data_transfer.out", "GB"),
    ("ec2.linux.", "hour"),
    ("ebs.gp3", "GB-month"),
    ("rds.storage.", "GB-month"),
    ("rds.", "hour"),
    ("ecr.storage", "GB-month"),
    ("eks.cluster", "hour"),
    ("waf.web_acl", "month"),
    ("waf.rule", "month"),
    ("waf.requests", "request"),
]


def unit_for(key):
    for prefix, unit in UNITS:
        if key == prefix or (prefix.endswith(".") and key.startswith(prefix)):
            return unit
    raise ValueError("no unit for key %r" % key)


# ---------------------------------------------------------------------------
# Reference item text -> catalog key(s). None = deliberately not in the catalog.
# ---------------------------------------------------------------------------
SKIPPED_ITEMS = {
    # KEYS.md: EKS = standard-support cluster hour only.
    "cluster hour, extended support surcharge (added to the 0.10 standard fee: 0.60 in total)",
    # KEYS.md: vpc.public_ipv4 = the "in use" row.
    "public IPv4 address idle",
}

ARCH = {"x86": "x86_64", "arm64": "arm64"}


def keys_for(service, item):
    """Return the list of catalog keys for one reference row (or [] to skip)."""
    if item in SKIPPED_ITEMS:
        return []
    m = None
    if service == "Lambda":
        m = re.fullmatch(r"requests (x86|arm64)", item)
        if m:
            return ["lambda.requests." + ARCH[m.group(1)]]
        m = re.fullmatch(r"duration (x86|arm64) tier \d", item)
        if m:
            return ["lambda.duration." + ARCH[m.group(1)]]
        m = re.fullmatch(r"ephemeral storage (x86|arm64) \(above 512 MB\)", item)
        if m:
            return ["lambda.ephemeral_storage." + ARCH[m.group(1)]]
        m = re.fullmatch(r"provisioned concurrency (x86|arm64)", item)
        if m:
            return ["lambda.provisioned_concurrency." + ARCH[m.group(1)]]
        m = re.fullmatch(r"duration while provisioned (x86|arm64)", item)
        if m:
            return ["lambda.provisioned_duration." + ARCH[m.group(1)]]
    elif service == "Fargate":
        table = {
            "Linux x86 vCPU": "fargate.vcpu.linux.x86_64",
            "Linux x86 memory": "fargate.memory.linux.x86_64",
            "Linux ARM vCPU": "fargate.vcpu.linux.arm64",
            "Linux ARM memory": "fargate.memory.linux.arm64",
            "Windows vCPU": "fargate.vcpu.windows.x86_64",
            "Windows memory": "fargate.memory.windows.x86_64",
            "Windows OS licence fee": "fargate.windows_license",
            "ephemeral storage (above 20 GB default)": "fargate.ephemeral_storage",
        }
        if item in table:
            return [table[item]]
    elif service == "API Gateway":
        if re.fullmatch(r"REST API requests tier \d", item):
            return ["apigw.rest.requests"]
        if re.fullmatch(r"HTTP API requests tier \d", item):
            return ["apigw.http.requests"]
        if re.fullmatch(r"WebSocket messages tier \d", item):
            return ["apigw.websocket.messages"]
        if item == "WebSocket connection minutes":
            return ["apigw.websocket.connection_minutes"]
        m = re.fullmatch(r"REST API cache ([0-9.]+) GB", item)
        if m:
            return ["apigw.cache." + m.group(1)]
    elif service == "DynamoDB":
        cls = "standard_ia" if "Standard-IA" in item else "standard"
        if item.startswith("on-demand write request units"):
            return ["dynamodb.writes." + cls]
        if item.startswith("on-demand read request units"):
            return ["dynamodb.reads." + cls]
        if item.startswith("provisioned write capacity"):
            return ["dynamodb.wcu." + cls]
        if item.startswith("provisioned read capacity"):
            return ["dynamodb.rcu." + cls]
        if item == "storage Standard (first 25 GB/month free)":
            return ["dynamodb.storage.free_tier"]
        if item.startswith("storage Standard"):
            return ["dynamodb.storage." + cls]
    elif service == "ELB":
        if item == "Application Load Balancer hour":
            return ["alb.hours"]
        if item == "Application Load Balancer LCU":
            return ["alb.lcu"]
    elif service == "VPC":
        table = {
            "NAT Gateway hour": "nat.hours",
            "NAT Gateway data processed": "nat.data",
            "public IPv4 address in use": "vpc.public_ipv4",
        }
        if item in table:
            return [table[item]]
    elif service == "Data transfer":
        if item == "data transfer out to internet":
            return ["data_transfer.out"]
        if item.startswith("data transfer out to internet: always-free allowance"):
            return ["data_transfer.out.free_tier"]
    elif service == "EC2":
        if item == "EBS gp3 storage":
            return ["ebs.gp3"]
        m = re.fullmatch(r"([a-z0-9]+\.[a-z0-9]+) Linux on-demand \(shared tenancy\)", item)
        if m:
            return ["ec2.linux." + m.group(1)]
    elif service == "RDS":
        engines = {"MySQL": "mysql", "PostgreSQL": "postgresql"}
        azs = {"Single-AZ": "single_az", "Multi-AZ": "multi_az"}
        m = re.fullmatch(r"(MySQL|PostgreSQL) (db\.[a-z0-9]+\.[a-z0-9]+) (Single-AZ|Multi-AZ)"
                         r"( \(substitute for requested t3/m5/r5\))?", item)
        if m:
            return ["rds.%s.%s.%s" % (engines[m.group(1)], azs[m.group(3)], m.group(2))]
        m = re.fullmatch(r"(MySQL|PostgreSQL) (gp2|gp3) storage (Single-AZ|Multi-AZ)", item)
        if m:
            return ["rds.storage.%s.%s.%s" % (engines[m.group(1)], m.group(2), azs[m.group(3)])]
        m = re.fullmatch(r"(gp2|gp3) storage (Single-AZ|Multi-AZ) \(engine-neutral row\)", item)
        if m:
            return ["rds.storage.%s.%s.%s" % (e, m.group(1), azs[m.group(2)])
                    for e in ("mysql", "postgresql")]
    elif service == "ECR":
        if item == "private repository storage":
            return ["ecr.storage"]
    elif service == "EKS":
        if item == "cluster hour, standard support":
            return ["eks.cluster"]
    raise ValueError("unmapped reference row: %s / %s" % (service, item))


# Reference rows needing a date (and SKU) fix: (region, item) -> (date, sku, note for source).
ROW_OVERRIDES = {
    ("ap-northeast-1", "EBS gp3 storage"): (
        "2026-09-10",
        "C8Y3GJZBQTH8T5JV",
        " || effective date: the reference gives '2026 (exact date not known)'. A third-party "
        "Japanese cost script (EBS vs FSx for ONTAP; repository not exposed by the code index) "
        "containing this same Rate(0.096, 'GB-Mo', 'C8Y3GJZBQTH8T5JV', 'APN1-EBS:VolumeUsage.gp3') "
        "line states its rates were pinned from the AWS Price List API on 2026-09-13 for "
        "ap-northeast-1 with EBS effectiveDate 2026-09-01 and publicationDate 2026-09-10 "
        "(AmazonEC2 offer); the publication date 2026-09-10 is used [grade C unchanged]",
    ),
}

# Where a reference row needs an explanatory note in the catalog source.
PW_SNAPSHOT_NOTE = (
    "effective date 2025-06-18 = snapshot date of QuinnyPig/aws-price-watcher HEAD "
    "a6645eb2e53e9399396a714cdc4f3c346c7f06c0 as stated in /work/shared/reference/"
    "aws-prices-notes.md; the commit date of the stored file version could not be read "
    "offline (the repository's history in the index spans 2025-04..2025-06)"
)

# ---------------------------------------------------------------------------
# Researched rows (not in the reference). usd is already per ONE unit.
# (key, region, tier_begin, tier_end, usd, sku, effective, source)
# ---------------------------------------------------------------------------
LAMBDA_FT_SRC = (
    "AWS Price List AWSLambda 20260831092318 (publication 2026-08-31T09:23:18Z; eu-west-2 "
    "regional offer CSV, which carries the global free-tier SKUs) SKU {sku} '{desc}' "
    "(Location 'Any', usagetype {ut}, range 0-{end}, USD 0, EffectiveDate 2026-08-01, "
    "offerTermCode A429C66SYZ) via mooncitizen/togen "
    "internal/cost/cmd/testdata/AWSLambda-eu-west-2.csv @ 36c1abbf17c7cd190fb02627aefb401567190523 "
    "(byte copy: /work/shared/fixtures/aws-offers/csv/AWSLambda-eu-west-2-20260831092318-excerpt.csv). "
    "Global allowance (one per account per month across all regions), recorded for each region "
    "[grade A; cross-check: same SKU, rate code and range in AWSLambda us-east-1 20260521184754 via "
    "cloudkinesis/archway tests/fixtures/sku_pricing/official_offer_slices/AWSLambda.json @ "
    "c1588bc3ba4ee2b6e5ef7b53dc35468e58fc6933; AWS Lambda pricing page "
    "https://aws.amazon.com/lambda/pricing/ (copies quoted in /work/shared/reference/"
    "aws-pricing-examples.md 2.5): 'one million requests and 400,000 GB-seconds per month' (B)]"
)

PW_VPC = (
    "QuinnyPig/aws-price-watcher processed/vpc.json @ 33830cdbf4afc215596e3248415a0d5cf0ab893b "
    "(derived from the AWS pricing-page meteredUnitMap vpc.json, the data behind "
    "https://aws.amazon.com/privatelink/pricing/ and /vpc/pricing/; no rate codes kept)"
)
PW_WAF = (
    "QuinnyPig/aws-price-watcher processed/waf.json @ 1f008755d4fc472f9f7e2f6f44960bbf564a856d "
    "(derived from the AWS pricing-page meteredUnitMap waf.json, the data behind "
    "https://aws.amazon.com/waf/pricing/; no rate codes kept)"
)
VPCE_US_XCHECK = (
    "third-party research note (repository not exposed by the code index) quoting AWS Price List "
    "AmazonVPC us-east-1, publicationDate 2026-09-17T19:05:28Z: USE1-VpcEndpoint-Hours 0.010000 Hrs; "
    "USE1-VpcEndpoint-Bytes 0.010000 / 0.006000 / 0.004000 per GB over ranges 0-1048576, "
    "1048576-5242880, 5242880-Inf GB, and the PrivateLink pricing page text 'billed for each hour "
    "that your VPC endpoint remains provisioned in each Availability Zone' (C) -- same values"
)
VPCE_JP_XCHECK = (
    "third-party Japanese cost notes (repositories not exposed by the code index): 'AWS Price List "
    "API, 2026-09-13 取得' APN1-VpcEndpoint-Hours $0.014/AZ-hour; another gives APN1-VpcEndpoint-Hours "
    "USD 0.014 and 'first 1 PB/month USD 0.01/GB'; a third-party code comment gives "
    "APN1-VpcEndpoint-Hours 0.014 and APN1-VpcEndpoint-Bytes 0.01 (C) -- same values"
)
WAF_XCHECK = (
    "AWS blog https://aws.amazon.com/blogs/networking-and-content-delivery/"
    "cost-effective-ways-for-securing-your-web-applications-using-aws-waf/ : 'The pricing for AWS WAF "
    "is consistent across all AWS Regions' (B, undated); third-party code comments giving "
    "APN1-WebACL 5.0/month, APN1-Rule 1.0/month, APN1-Request 0.0000006 (C); third-party pages "
    "(e.g. https://c3x.dev/blog/aws-waf-cost-explained/) $5 / $1 / $0.60 per million (C)"
)

EXTRA_ROWS = []
for _region in REGIONS:
    EXTRA_ROWS.append((
        "lambda.requests.free_tier", _region, "0", "1000000", "0", "ZQVCC2M69R4S79XS", "2026-08-31",
        LAMBDA_FT_SRC.format(sku="ZQVCC2M69R4S79XS",
                             desc="AWS Lambda - Requests Free Tier - 1,000,000 Requests",
                             ut="Global-Request", end="1000000")))
    EXTRA_ROWS.append((
        "lambda.duration.free_tier", _region, "0", "400000", "0", "4VCGJ7EG8PJVZG7S", "2026-08-31",
        LAMBDA_FT_SRC.format(sku="4VCGJ7EG8PJVZG7S",
                             desc="AWS Lambda - Compute Free Tier - 400,000 GB-Seconds",
                             ut="Global-Lambda-GB-Second", end="400000")))

EXTRA_ROWS.append((
    "dynamodb.storage.free_tier", "ap-northeast-1", "0", "25", "0", "2HPSAWPXJ2JJJ6XY", "2016-01-07",
    "AWS Price List AmazonDynamoDB 20160107013501 (publication 2016-01-07T01:35:01Z, whole-service "
    "offer) SKU 2HPSAWPXJ2JJJ6XY (Asia Pacific (Tokyo), usagetype APN1-TimedStorage-ByteHrs), rate code "
    "2HPSAWPXJ2JJJ6XY.JRTCKXETXF.G2A93NZ7DT '$0.00 per GB-Month of storage for first 25 free "
    "GB-Months', range 0-25 via krishnan-mani/get-aws-pricing resources/AmazonDynamoDB_offer-index.json "
    "@ 166ea8fdd975ad8bd9a8c86b46a9ffd7ac4a3c62 (byte copy: /work/shared/fixtures/aws-offers/json/"
    "AmazonDynamoDB-global-20160107013501.json) [grade A, old (2016): no newer Tokyo file with the range "
    "was found; cross-check: aws-prices-notes.md says the 2025 meteredUnitMap (QuinnyPig/aws-price-watcher "
    "raw/dynamodb.json @ a6645eb2) still has a Tokyo storage free-tier rate code, range not shown; the same "
    "SKU's paid rate 0.285 beyond 25 GB is unchanged from 2016 to 2025; us-east-1 2026 Price List slice "
    "has the same 0-25 free structure (A)]"))

# Always-free provisioned capacity: 25 RCU and 25 WCU. The Price List writes each as a 0-18600
# unit-hour range per month (25 units x 744 h, the longest month); archcost applies it as 25
# units in every hour of the modelled month, so the row's range is in units (RCU / WCU).
DDB_FT_SRC = (
    "AWS Price List AmazonDynamoDB 20160107013501 (publication 2016-01-07T01:35:01Z, whole-service "
    "offer) SKU {sku} ({loc}, usagetype {ut}), rate code {sku}.JRTCKXETXF.HBHVWY47CM "
    "'$0.00 per hour for 25 units of {what} capacity for a month (free tier)', range 0-18600 "
    "unit-hours (= 25 units x 744 h; the paid rate code {sku}.JRTCKXETXF.E63J5HTPNN starts at 18600) "
    "via krishnan-mani/get-aws-pricing resources/AmazonDynamoDB_offer-index.json "
    "@ 166ea8fdd975ad8bd9a8c86b46a9ffd7ac4a3c62 (byte copy: tests/fixtures/aws-offers/json/"
    "AmazonDynamoDB-global-20160107013501.json) [grade A, old (2016); cross-check: the 2025 "
    "meteredUnitMap rows of the paid rate are described as 'beyond free tier' (B); "
    "aws-pricing-examples.md 6: '25 provisioned WCU and 25 provisioned RCU per account per Region' (C)] "
    "|| catalog: recorded as 25 units per hour (tier_end 25, unit {unit}); archcost spends it as "
    "25 x hours_per_month {unit}-hours"
)
for _region, _loc, _rsku, _wsku, _pfx in (
        ("us-east-1", "US East (N. Virginia)", "4V475Q49DCKGXQZ2", "R6PXMNYCEDGZ2EYN", ""),
        ("ap-northeast-1", "Asia Pacific (Tokyo)", "QS5WYUWZHW5DU5CA", "GVBT7JN4X2B6STN4", "APN1-")):
    EXTRA_ROWS.append((
        "dynamodb.rcu.free_tier", _region, "0", "25", "0", _rsku, "2016-01-07",
        DDB_FT_SRC.format(sku=_rsku, loc=_loc, ut=_pfx + "ReadCapacityUnit-Hrs", what="read",
                          unit="RCU")))
    EXTRA_ROWS.append((
        "dynamodb.wcu.free_tier", _region, "0", "25", "0", _wsku, "2016-01-07",
        DDB_FT_SRC.format(sku=_wsku, loc=_loc, ut=_pfx + "WriteCapacityUnit-Hrs", what="write",
                          unit="WCU")))

for _region, _hours, _xc in (("us-east-1", "0.01", VPCE_US_XCHECK),
                             ("ap-northeast-1", "0.014", VPCE_JP_XCHECK)):
    _name = "US East (N. Virginia)" if _region == "us-east-1" else "Asia Pacific (Tokyo)"
    EXTRA_ROWS.append((
        "vpce.hours", _region, "0", "", _hours, "", "2025-06-18",
        "%s metric 'Hourly charge for VPC Endpoints per Hrs' [%s] = %s (interface endpoint, "
        "AWS PrivateLink; billed per endpoint per AZ; the separate 'AWS Gateway Load Balancer VPC "
        "Endpoint' metric was not used); %s [grade B; cross-check: %s]"
        % (PW_VPC, _name, _hours, PW_SNAPSHOT_NOTE, _xc)))
    for _b, _e, _p, _label in (("0", "1048576", "0.01", "from 0 to 1048576"),
                               ("1048576", "5242880", "0.006", "from 1048576 to 5242880"),
                               ("5242880", "", "0.004", "from 5242880 to Inf")):
        EXTRA_ROWS.append((
            "vpce.data", _region, _b, _e, _p, "", "2025-06-18",
            "%s metric 'Charge for per GB data processed by VPC Endpoints per GB %s' [%s] = %s "
            "(interface endpoint data processed; tiers are per region across all interface "
            "endpoints: first 1 PB, next 4 PB, over 5 PB; 1 PB = 1048576 GB as in the Price List "
            "ranges); %s [grade B; cross-check: %s]"
            % (PW_VPC, _label, _name, _p, PW_SNAPSHOT_NOTE, _xc)))

for _region in REGIONS:
    _name = "US East (N. Virginia)" if _region == "us-east-1" else "Asia Pacific (Tokyo)"
    for _key, _metric, _p in (("waf.web_acl", "Web ACL Activated per Month", "5"),
                              ("waf.rule", "Rules added per WebACL per month", "1"),
                              ("waf.requests", "Web Requests received per Request", "0.0000006")):
        EXTRA_ROWS.append((
            _key, _region, "0", "", _p, "", "2025-06-18",
            "%s metric '%s' [%s] = %s (same value in us-east-1 and ap-northeast-1); %s "
            "[grade B; raw/waf.json (stored version, manifest plc-waf-usd-20250404151533) shows "
            "the matching Price List rate codes at 5.0 / 1.0 / 0.0000006 for other regions; "
            "cross-check: %s]"
            % (PW_WAF, _metric, _name, _p, PW_SNAPSHOT_NOTE, WAF_XCHECK)))


# ---------------------------------------------------------------------------
def dec_str(value):
    """Exact decimal string without exponent, trailing zeros stripped."""
    d = Decimal(value)
    if d == 0:
        return "0"
    d = d.normalize()
    s = format(d, "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s


SKU_RE = re.compile(r"\bSKU ([A-Z0-9]{16})\b")
RATE_RE = re.compile(r"\brateCode ([A-Z0-9]{16}\.[A-Z0-9]{10}\.[A-Z0-9]{10})\b")


def primary_part(source):
    i = source.find("[grade")
    return source if i < 0 else source[:i]


def sku_from_source(source):
    head = primary_part(source)
    m = SKU_RE.search(head)
    if m:
        return m.group(1)
    m = RATE_RE.search(head)
    if m:
        return m.group(1)
    return ""


def reference_rows():
    rows = []
    with open(REFERENCE, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["usd"].strip().lower() == "not found":
                continue
            region = r["region"]
            if region not in REGIONS:
                continue
            keys = keys_for(r["service"], r["item"])
            if not keys:
                continue
            usd = Decimal(r["usd"])
            note = ""
            if r["unit"].startswith("USD per 1M"):
                usd = usd / MILLION
                note = " || catalog: reference price %s %s divided by 1,000,000" % (r["usd"], r["unit"][4:])
            tb = r["tier_begin"].strip() or "0"
            te = r["tier_end"].strip()
            if te == "Inf":
                te = ""
            date = r["source_date"][:10]
            sku = sku_from_source(r["source"])
            override = ROW_OVERRIDES.get((region, r["item"]))
            if override:
                date, sku, extra = override
                note += extra
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
                raise ValueError("bad date %r for %s / %s" % (r["source_date"], region, r["item"]))
            if "(snapshot" in r["source_date"]:
                note += " || effective date: reference source_date '%s' (snapshot date)" % r["source_date"]
            for key in keys:
                k_tb, k_te, k_note = tb, te, note
                # DynamoDB us-east-1 Standard storage: reference rows 0-25 @0 (free) and
                # 25-Inf @0.25 -> free_tier row 0..25 and a non-tiered 0.25 row.
                if key == "dynamodb.storage.free_tier":
                    k_tb, k_te = "0", "25"
                    k_note += " || catalog: free-tier range 0-25 GB-month of SKU F3E2EDSYC6ZNW7XP"
                elif key == "dynamodb.storage.standard" and tb == "25":
                    k_tb, k_te = "0", ""
                    k_note += (" || catalog: Price List tier 25-Inf written as non-tiered; the first "
                               "25 GB-month are the dynamodb.storage.free_tier row")
                elif key == "data_transfer.out.free_tier":
                    k_tb, k_te = "0", "100"
                elif r["service"] == "RDS" and "engine-neutral" in r["item"]:
                    k_note += (" || catalog: engine-neutral row (meteredUnitMap gp3 storage has no "
                               "engine), emitted for both mysql and postgresql")
                rows.append({
                    "key": key,
                    "region": region,
                    "unit": unit_for(key),
                    "tier_begin": dec_str(k_tb),
                    "tier_end": dec_str(k_te) if k_te else "",
                    "usd": dec_str(usd),
                    "sku": sku,
                    "effective": date,
                    "source": r["source"] + k_note,
                })
    return rows


def extra_rows():
    rows = []
    for key, region, tb, te, usd, sku, date, source in EXTRA_ROWS:
        rows.append({
            "key": key, "region": region, "unit": unit_for(key),
            "tier_begin": dec_str(tb), "tier_end": dec_str(te) if te else "",
            "usd": dec_str(usd), "sku": sku, "effective": date, "source": source,
        })
    return rows


def sort_key(r):
    return (r["region"], r["key"], Decimal(r["tier_begin"]))


def check(rows):
    """Quality checks; returns the number of problems found (and prints them)."""
    problems = 0

    def bad(msg):
        nonlocal problems
        problems += 1
        print("PROBLEM:", msg)

    seen = set()
    by = defaultdict(list)
    for r in rows:
        for c in COLUMNS:
            if c in ("sku", "tier_end"):
                continue
            if not r[c].strip():
                bad("empty %s in %s/%s" % (c, r["key"], r["region"]))
        if "E" in r["usd"] or "e" in r["usd"]:
            bad("exponent in usd %s (%s)" % (r["usd"], r["key"]))
        try:
            if Decimal(r["usd"]) < 0:
                bad("negative usd %s" % r["key"])
        except Exception:
            bad("usd not decimal: %r" % r["usd"])
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["effective"]):
            bad("bad effective %r" % r["effective"])
        if r["key"].endswith(".free_tier") and (Decimal(r["usd"]) != 0 or not r["tier_end"]):
            bad("free_tier row not usd 0 with tier_end: %s" % r["key"])
        ident = (r["key"], r["region"], r["tier_begin"])
        if ident in seen:
            bad("duplicate %s" % (ident,))
        seen.add(ident)
        by[(r["key"], r["region"])].append(r)
    for (key, region), rs in sorted(by.items()):
        rs = sorted(rs, key=lambda x: Decimal(x["tier_begin"]))
        if Decimal(rs[0]["tier_begin"]) != 0:
            bad("%s %s does not start at 0" % (key, region))
        for a, b in zip(rs, rs[1:]):
            if not a["tier_end"] or Decimal(a["tier_end"]) != Decimal(b["tier_begin"]):
                bad("%s %s tiers not contiguous: %s..%s then %s" % (
                    key, region, a["tier_begin"], a["tier_end"], b["tier_begin"]))
        for x in rs:
            if x["tier_end"] and Decimal(x["tier_end"]) <= Decimal(x["tier_begin"]):
                bad("%s %s empty tier %s..%s" % (key, region, x["tier_begin"], x["tier_end"]))
    keys = {reg: {k for (k, r2) in by if r2 == reg} for reg in REGIONS}
    only_us = sorted(keys["us-east-1"] - keys["ap-northeast-1"])
    only_jp = sorted(keys["ap-northeast-1"] - keys["us-east-1"])
    print("keys only in us-east-1:", only_us or "none")
    print("keys only in ap-northeast-1:", only_jp or "none")
    prefix = defaultdict(int)
    for r in rows:
        prefix[(r["key"].split(".")[0], r["region"])] += 1
    print("rows per key prefix (us-east-1 / ap-northeast-1):")
    for p in sorted({p for p, _ in prefix}):
        print("  %-14s %3d / %3d" % (p, prefix[(p, "us-east-1")], prefix[(p, "ap-northeast-1")]))
    print("total rows:", len(rows), "| distinct keys:", len({r["key"] for r in rows}))
    return problems


def main(argv):
    if "--check-only" in argv:
        with open(OUT, newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        return 1 if check(rows) else 0
    rows = sorted(reference_rows() + extra_rows(), key=sort_key)
    problems = check(rows)
    if problems:
        print("not writing %s: %d problem(s)" % (OUT, problems))
        return 1
    with open(OUT, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    print("wrote", OUT)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
