#!/usr/bin/env python3
"""Regenerate the bundled price catalog: pricing/regions/<region>.csv and pricing/sources.csv.

    python3 pricing/build_catalog.py --pw DIR --lk DIR --ys DIR --vt DIR     # rebuild
    python3 pricing/build_catalog.py --check-only                            # re-check files

(or `pricing/regenerate.sh`, which passes the snapshot directories from the environment).

Inputs (pinned in pricing/snapshots.py; see pricing/SOURCES.md for what each one is):
  pw  QuinnyPig/aws-price-watcher  AWS pricing-page data for EC2, Lambda, Fargate, API Gateway,
      DynamoDB, ELB, VPC, EKS, ECR, WAF, data transfer, RDS and Aurora (2025-06-18)
  lk  lamngockhuong/aws-price      EC2 Linux on-demand (2025-11-03), NAT gateway prices
                                   (2025-10-28) and cross-checks (2025-11)
  pricing/excerpts/                whole lines of addisonj/pricesim src/catalog/aws/ec2.gen.ts
                                   (us-east-1 EC2 c8i/m8i/r8i, retrieved 2026-09-24)
  ys  yeo/ec2.shop                 EBS volume prices (2024-07-18), EC2 rate codes and the
                                   current/previous-generation split (2025-04-04)
  vt  vantage-sh/ec2instances.info RDS Single-AZ prices of 2021 (cross-check only)
  pricing/curated.csv              hand-researched rows for us-east-1 and ap-northeast-1 (many
                                   from AWS Price List offer files, grade A); they win over the
                                   generated rows of the same key and are cross-checked with them

Outputs: one CSV per region (columns in docs/reference/catalog.md; the `source` column holds `ref:ID`, the
full text is in pricing/sources.csv and is expanded when archcost loads the region), plus
pricing/COVERAGE.md (counts, gaps and cross-check results). Nothing is written unless every
quality check passes; the files are written to a temporary directory and renamed into place.

Python 3 standard library only.
"""

import argparse
import csv
import io
import os
import re
import shutil
import sys
import tempfile
from collections import defaultdict
from decimal import Decimal

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import snapshots  # noqa: E402
import bill_rows  # noqa: E402

COLUMNS = ["key", "region", "unit", "tier_begin", "tier_end", "usd", "sku", "effective", "source"]
# A row's `source` cell citing pricing/sources.csv (not "@", which spreadsheets run as a formula).
SOURCE_REF = "ref:"

# Commercial regions the sources cover: (code, location name used by the AWS pricing data).
# GovCloud and China are separate partitions and are left out.
REGIONS = [
    ("af-south-1", "Africa (Cape Town)"),
    ("ap-east-1", "Asia Pacific (Hong Kong)"),
    ("ap-east-2", "Asia Pacific (Taipei)"),
    ("ap-northeast-1", "Asia Pacific (Tokyo)"),
    ("ap-northeast-2", "Asia Pacific (Seoul)"),
    ("ap-northeast-3", "Asia Pacific (Osaka)"),
    ("ap-south-1", "Asia Pacific (Mumbai)"),
    ("ap-south-2", "Asia Pacific (Hyderabad)"),
    ("ap-southeast-1", "Asia Pacific (Singapore)"),
    ("ap-southeast-2", "Asia Pacific (Sydney)"),
    ("ap-southeast-3", "Asia Pacific (Jakarta)"),
    ("ap-southeast-4", "Asia Pacific (Melbourne)"),
    ("ap-southeast-5", "Asia Pacific (Malaysia)"),
    ("ap-southeast-7", "Asia Pacific (Thailand)"),
    ("ca-central-1", "Canada (Central)"),
    ("ca-west-1", "Canada West (Calgary)"),
    ("eu-central-1", "EU (Frankfurt)"),
    ("eu-central-2", "EU (Zurich)"),
    ("eu-north-1", "EU (Stockholm)"),
    ("eu-south-1", "EU (Milan)"),
    ("eu-south-2", "EU (Spain)"),
    ("eu-west-1", "EU (Ireland)"),
    ("eu-west-2", "EU (London)"),
    ("eu-west-3", "EU (Paris)"),
    ("il-central-1", "Israel (Tel Aviv)"),
    ("me-central-1", "Middle East (UAE)"),
    ("me-south-1", "Middle East (Bahrain)"),
    ("mx-central-1", "Mexico (Central)"),
    ("sa-east-1", "South America (Sao Paulo)"),
    ("us-east-1", "US East (N. Virginia)"),
    ("us-east-2", "US East (Ohio)"),
    ("us-west-1", "US West (N. California)"),
    ("us-west-2", "US West (Oregon)"),
]
LOCATION = dict(REGIONS)

# Issue 9: these must price the full three-tier example (scenarios/three-tier.toml).
REQUIRED_REGIONS = [
    "us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1", "sa-east-1",
    "eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1", "eu-north-1", "eu-south-1",
    "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-southeast-1", "ap-southeast-2",
    "ap-south-1", "ap-east-1", "me-south-1", "af-south-1",
]

# The keys scenarios/three-tier.toml prices (checked against the engine by the test suite).
THREE_TIER_KEYS = [
    "apigw.http.requests", "lambda.requests.arm64", "lambda.duration.arm64",
    "dynamodb.reads.standard", "dynamodb.writes.standard", "dynamodb.storage.standard",
    "alb.hours", "alb.lcu", "vpc.public_ipv4", "fargate.vcpu.linux.x86_64",
    "fargate.memory.linux.x86_64", "rds.mysql.multi_az.db.t4g.medium",
    "rds.storage.mysql.gp2.multi_az", "ec2.linux.t3.small", "ec2.linux.m5.large",
    "ec2.linux.r5.large", "ebs.gp3", "data_transfer.out",
]

UNITS = [
    ("lambda.requests.", "request"), ("lambda.duration.", "GB-second"),
    ("lambda.ephemeral_storage.", "GB-second"), ("lambda.provisioned_concurrency.", "GB-second"),
    ("lambda.provisioned_duration.", "GB-second"), ("fargate.vcpu.", "vCPU-hour"),
    ("fargate.memory.", "GB-hour"), ("fargate.windows_license", "vCPU-hour"),
    ("fargate.ephemeral_storage", "GB-hour"), ("apigw.rest.requests", "request"),
    ("apigw.http.requests", "request"), ("apigw.websocket.messages", "message"),
    ("apigw.websocket.connection_minutes", "connection-minute"), ("apigw.cache.", "hour"),
    ("vpce.hours", "endpoint-AZ-hour"), ("vpce.data", "GB"),
    ("dynamodb.reads.", "read request unit"), ("dynamodb.writes.", "write request unit"),
    ("dynamodb.rcu.", "RCU-hour"), ("dynamodb.wcu.", "WCU-hour"), ("dynamodb.storage.", "GB-month"),
    ("alb.hours", "hour"), ("alb.lcu", "LCU-hour"), ("nat.hours", "hour"), ("nat.data", "GB"),
    ("vpc.public_ipv4", "hour"), ("data_transfer.out", "GB"), ("data_transfer.out.free_tier", "GB"), ("ec2.linux.", "hour"),
    ("ebs.", "GB-month"), ("rds.storage.", "GB-month"), ("rds.iops.", "IOPS-month"),
    ("rds.aurora_storage.", "GB-month"), ("rds.aurora_io.", "I/O request"), ("rds.", "hour"),
    ("ecr.storage", "GB-month"), ("eks.cluster", "hour"), ("waf.web_acl", "month"),
    ("waf.rule", "month"), ("waf.requests", "request"),
] + bill_rows.UNITS


def unit_for(key):
    for prefix, unit in UNITS:
        if key == prefix or (prefix.endswith(".") and key.startswith(prefix)):
            return unit
    raise ValueError("no unit for key %r" % key)


def dec_str(value):
    """Exact decimal text without exponent or trailing zeros."""
    d = Decimal(value)
    if d == 0:
        return "0"
    s = format(d.normalize(), "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s


class Book:
    """Rows and the source texts they cite (id -> text)."""

    def __init__(self):
        self.rows = []
        self.sources = {}

    def source(self, sid, text):
        old = self.sources.get(sid)
        if old is not None and old != text:
            raise ValueError("source id %s registered twice with different texts" % sid)
        self.sources[sid] = text
        return sid

    def add(self, key, region, begin, end, usd, sku, effective, sid):
        if sid not in self.sources:
            raise ValueError("unknown source id %s" % sid)
        self.rows.append({
            "key": key, "region": region, "unit": unit_for(key),
            "tier_begin": dec_str(begin), "tier_end": dec_str(end) if end is not None else "",
            "usd": dec_str(usd), "sku": sku or "", "effective": effective, "source": SOURCE_REF + sid,
        })


def manifest_date(doc):
    return doc["manifest"]["hawkFilePublicationDate"][:10]


def is_hash_key(name):
    return bool(re.fullmatch(r"[A-Za-z0-9_-]{43}( V\d+)?", name))


# ---------------------------------------------------------------------------------------------
# Services read from one meteredUnitMap file each: key -> list of (metric, tier begin, tier end).
# ---------------------------------------------------------------------------------------------
LAMBDA = {
    "lambda.requests.x86_64": [("Lambda Requests", 0, None)],
    "lambda.requests.arm64": [("Lambda Requests-ARM", 0, None)],
    # Tier bounds (GB-seconds per month): AWS Lambda pricing page; the same ranges are in the
    # AWS Price List files (us-east-1 20260521184754 x86, eu-west-2 20260831092318 both archs).
    "lambda.duration.x86_64": [("Lambda Duration", 0, 6000000000),
                               ("Lambda Duration Tier2", 6000000000, 15000000000),
                               ("Lambda Duration Tier3", 15000000000, None)],
    "lambda.duration.arm64": [("Lambda Duration-ARM", 0, 7500000000),
                              ("Lambda Duration-ARM Tier2", 7500000000, 18750000000),
                              ("Lambda Duration-ARM Tier3", 18750000000, None)],
    "lambda.ephemeral_storage.x86_64": [("Lambda Storage-Duration", 0, None)],
    "lambda.ephemeral_storage.arm64": [("Lambda Storage-Duration-ARM", 0, None)],
    "lambda.provisioned_concurrency.x86_64": [("Lambda Provisioned-Concurrency", 0, None)],
    "lambda.provisioned_concurrency.arm64": [("Lambda Provisioned-Concurrency-ARM", 0, None)],
    "lambda.provisioned_duration.x86_64": [("Lambda Duration-Provisioned", 0, None)],
    "lambda.provisioned_duration.arm64": [("Lambda Duration-Provisioned-ARM", 0, None)],
}
FARGATE = {
    "fargate.vcpu.linux.x86_64": [("perCPU per hour", 0, None)],
    "fargate.memory.linux.x86_64": [("perGB per hour", 0, None)],
    "fargate.vcpu.linux.arm64": [("ARM perCPU per hour", 0, None)],
    "fargate.memory.linux.arm64": [("ARM perGB per hour", 0, None)],
    "fargate.vcpu.windows.x86_64": [("perCPU per hour Windows", 0, None)],
    "fargate.memory.windows.x86_64": [("perGB per hour Windows", 0, None)],
    "fargate.windows_license": [("perCPU OS License Fee per hour Windows", 0, None)],
    "fargate.ephemeral_storage": [("Storage per GB-Hours", 0, None)],
}
APIGW = {
    # Tier bounds: the metric names ("up to 333 million", "Next 667 million", ...) and the
    # AWS Price List AmazonApiGateway eu-west-2 20260831092134 file (tests/fixtures).
    "apigw.rest.requests": [("API Calls Number of up to 333 million", 0, 333000000),
                            ("API Calls Number of Request Next 667 million", 333000000, 1000000000),
                            ("API Calls Number of Request Next 19 billion", 1000000000, 20000000000),
                            ("API Calls Number of Request Over 20 billion", 20000000000, None)],
    "apigw.http.requests": [("ApiGatewayHttpApi First 300 million", 0, 300000000),
                            ("ApiGatewayHttpApi more than 300 million", 300000000, None)],
    "apigw.websocket.messages": [("WebSocket Messages Messages first 1 billion", 0, 1000000000),
                                 ("WebSocket Messages Messages over 1 billion", 1000000000, None)],
    "apigw.websocket.connection_minutes": [("WebSocket Connection Minutes", 0, None)],
}
for _size, _metric in (("0.5", "0 5"), ("1.6", "1 6"), ("6.1", "6 1"), ("13.5", "13 5"),
                       ("28.4", "28 4"), ("58.2", "58 2"), ("118", "118"), ("237", "237")):
    APIGW["apigw.cache." + _size] = [("Caching Memory Size " + _metric, 0, None)]
DYNAMODB = {
    "dynamodb.reads.standard": [("PayPerRequest Read Request Units", 0, None)],
    "dynamodb.writes.standard": [("PayPerRequest Write Request Units", 0, None)],
    "dynamodb.reads.standard_ia": [("PayPerRequest Read Request Units IA", 0, None)],
    "dynamodb.writes.standard_ia": [("PayPerRequest Write Request Units IA", 0, None)],
    "dynamodb.rcu.standard": [("Provisioned Read Units", 0, None)],
    "dynamodb.wcu.standard": [("Provisioned Write Units", 0, None)],
    "dynamodb.rcu.standard_ia": [("Provisioned Read Units IA", 0, None)],
    "dynamodb.wcu.standard_ia": [("Provisioned Write Units IA", 0, None)],
    # The Price List tiers Standard storage 0-25 GB at 0 and 25 GB up at the rate: written as
    # a `.free_tier` row (below) plus an untiered rate row, as pricing/KEYS.md says.
    "dynamodb.storage.standard": [("Data Storage Indexed GB-Mo", 0, None)],
    "dynamodb.storage.standard_ia": [("Data Storage Indexed - IA GB-Mo", 0, None)],
}
ELB = {
    "alb.hours": [("Application Load Balancer Hours", 0, None)],
    "alb.lcu": [("Application Load Balancer LCU Hours", 0, None)],
}
VPC = {
    "vpc.public_ipv4": [("Hourly charge for In use Public IPv4 Addresses per Hrs", 0, None)],
    "vpce.hours": [("Hourly charge for VPC Endpoints per Hrs", 0, None)],
    "vpce.data": [
        ("Charge for per GB data processed by VPC Endpoints per GB from 0 to 1048576", 0, 1048576),
        ("Charge for per GB data processed by VPC Endpoints per GB from 1048576 to 5242880",
         1048576, 5242880),
        ("Charge for per GB data processed by VPC Endpoints per GB from 5242880 to Inf",
         5242880, None)],
}
EKS = {"eks.cluster": [("Compute per Hours", 0, None)]}
ECR = {"ecr.storage": [("EC2 Container Registry", 0, None)]}
WAF = {
    "waf.web_acl": [("Web ACL Activated per Month", 0, None)],
    "waf.rule": [("Rules added per WebACL per month", 0, None)],
    "waf.requests": [("Web Requests received per Request", 0, None)],
}
NAT = {
    "nat.hours": [("Hourly charge for NAT Gateways", 0, None)],
    "nat.data": [("Charge for per GB data processed by NatGateways", 0, None)],
}
EBS = {
    "ebs.gp3": [("Storage General Purpose gp3 GB Mo", 0, None)],
    "ebs.gp2": [("Storage General Purpose gp2 GB Mo", 0, None)],
}
RDS_ENGINES = {"mysql": "MySQL", "postgresql": "PostgreSQL", "mariadb": "MariaDB"}
AZ = {"single_az": "Single", "multi_az": "Multi"}
RDS_STORAGE = {}
for _engine in RDS_ENGINES:
    for _az, _word in AZ.items():
        RDS_STORAGE["rds.storage.%s.gp2.%s" % (_engine, _az)] = [
            ("Database Storage %s AZ General Purpose" % _word, 0, None)]
        RDS_STORAGE["rds.storage.%s.gp3.%s" % (_engine, _az)] = [
            ("Database Storage %s AZ General Purpose-GP3" % _word, 0, None)]
        RDS_STORAGE["rds.storage.%s.io1.%s" % (_engine, _az)] = [
            ("Database Storage %s AZ Provisioned IOPS" % _word, 0, None)]
        RDS_STORAGE["rds.iops.%s.io1.%s" % (_engine, _az)] = [
            ("Provisioned IOPS %s AZ" % _word, 0, None)]
RDS_STORAGE["rds.aurora_storage.aurora-mysql"] = [
    ("Database Storage Single AZ General Purpose-Aurora", 0, None)]
AURORA_STORAGE = {
    "rds.aurora_storage.aurora-postgresql": [
        ("Database Storage DB Engine Aurora PostgreSQL General Purpose Aurora", 0, None)],
    "rds.aurora_io.aurora-mysql": [("System Operation Aurora I O Operation", 0, None)],
    "rds.aurora_io.aurora-postgresql": [("System Operation Aurora I O Operation", 0, None)],
}

RAW_FILES = [
    # (snapshot, path, id, service words for the source text, table)
    ("pw", "raw/lambda.json", "pw-lambda", "AWS Lambda", LAMBDA),
    ("pw", "raw/ecs.json", "pw-ecs", "AWS Fargate (ECS)", FARGATE),
    ("pw", "raw/apigateway.json", "pw-apigateway", "Amazon API Gateway", APIGW),
    ("pw", "raw/dynamodb.json", "pw-dynamodb", "Amazon DynamoDB", DYNAMODB),
    ("pw", "raw/elb.json", "pw-elb", "Elastic Load Balancing", ELB),
    ("pw", "raw/vpc.json", "pw-vpc", "Amazon VPC (public IPv4, PrivateLink)", VPC),
    ("pw", "raw/eks.json", "pw-eks", "Amazon EKS (standard support)", EKS),
    ("pw", "raw/ecr.json", "pw-ecr", "Amazon ECR", ECR),
    ("pw", "raw/waf.json", "pw-waf", "AWS WAF", WAF),
    ("pw", "raw/rds-storage.json", "pw-rds-storage",
     "Amazon RDS storage (engine-neutral rows, used for MySQL, PostgreSQL and MariaDB; the "
     "'General Purpose-Aurora' row is Aurora MySQL I/O-Standard storage)", RDS_STORAGE),
    ("pw", "raw/rds-aurora-storage.json", "pw-rds-aurora-storage",
     "Amazon Aurora storage and I/O (I/O-Standard)", AURORA_STORAGE),
    ("lk", "lib/data/pricing/natgateway.json", "lk-natgateway", "NAT gateway", NAT),
    ("ys", "data/ebs/ebs.json", "ys-ebs", "Amazon EBS volumes", EBS),
]


def raw_rows(book, snaps, report):
    """Rows from meteredUnitMap files kept whole (every price with its Price List rate code)."""
    for snap, path, sid, words, table in RAW_FILES:
        s = snaps[snap]
        doc = s.json(path)
        date = manifest_date(doc)
        book.source(sid, (
            "%s (AWS pricing-page meteredUnitMap %s, %s %s, published %s; metric named in "
            "pricing/build_catalog.py; sku = its Price List rate code) [grade B: AWS's own "
            "machine-readable pricing data through a third-party snapshot; cross-checks in "
            "pricing/COVERAGE.md]"
            % (s.cite(path), doc["manifest"]["source"], words, doc["manifest"]["esIndex"], date)))
        for code, loc in REGIONS:
            prices = doc["regions"].get(loc)
            if prices is None:
                report["absent"][(code, sid)] = "location not in the file"
                continue
            for key, tiers in table.items():
                found = [prices.get(metric) for metric, _, _ in tiers]
                if any(f is None for f in found):
                    if any(f is not None for f in found):
                        report["warnings"].append("%s %s: only some tiers in %s" % (code, key, path))
                    continue
                for (metric, begin, end), p in zip(tiers, found):
                    book.add(key, code, begin, end, p["price"], p["rateCode"], date, sid)
            if table is DYNAMODB:
                free = prices.get("Data Storage Indexed Free Tier GB-Mo")
                # Rate code G2A93NZ7DT is the "first 25 free GB-Months" dimension in the Price
                # List files for us-east-1 (2026) and Tokyo (2016); other codes are not used.
                if free and free["rateCode"].endswith(".G2A93NZ7DT") and Decimal(free["price"]) == 0:
                    book.add("dynamodb.storage.free_tier", code, 0, 25, 0, free["rateCode"], date,
                             book.source("pw-dynamodb-free", (
                                 "%s metric 'Data Storage Indexed Free Tier GB-Mo' (USD 0, rate code "
                                 "...G2A93NZ7DT); range 0-25 GB-month = the range of that rate "
                                 "code in AWS Price List AmazonDynamoDB us-east-1 20260608234428 and "
                                 "the 2016 whole-service offer (Tokyo) [grade B]"
                                 % s.cite(path))))


# ---------------------------------------------------------------------------------------------
# Global allowances (one per account, location "Any"): the same rows in every region.
# ---------------------------------------------------------------------------------------------
def global_free_rows(book, curated):
    src = {}
    for r in curated:
        if r["region"] == "us-east-1" and r["key"] in (
                "lambda.requests.free_tier", "lambda.duration.free_tier", "data_transfer.out.free_tier"):
            src[r["key"]] = r
    for key, r in sorted(src.items()):
        sid = book.source("global-" + key, r["source"] + " || the allowance is global (one per "
                          "account, Price List location 'Any'), so the same row is given in every region")
        for code, _ in REGIONS:
            if code in ("us-east-1", "ap-northeast-1"):
                continue  # the curated rows cover these two
            book.add(key, code, r["tier_begin"], r["tier_end"] or None, r["usd"], r["sku"],
                     r["effective"], sid)


# ---------------------------------------------------------------------------------------------
# EC2 Linux on-demand, newest source first, each row with its own date:
#   pricesim excerpt (us-east-1, 2026-09-24) > lk ec2-transformed.json (2025-11-03) > pw
#   processed/ec2.json (2025-06-18). Where a newer source replaces a different older price, both
#   are recorded in the cross-check (pricing/COVERAGE.md). Previous-generation types (AWS's
#   previousgen-ondemand map in ys) are left out; rate codes from ys where its price is the same.
# ---------------------------------------------------------------------------------------------
# lamngockhuong/aws-price lib/data/pricing/ec2-transformed.json last changed in commit
# ce57d15e54b2 of 2025-11-03 (the data is the pricing-page map as fetched by then).
LK_EC2_PATH = "lib/data/pricing/ec2-transformed.json"
LK_EC2_DATE = "2025-11-03"
PRICESIM_EXCERPT = os.path.join(HERE, "excerpts", "pricesim-ec2.gen.ts-us-east-1-20260924-8th-gen.ts")
PRICESIM = ("addisonj/pricesim", "cbdb505146ff2c34ea44b6b5deaf6083643d5b5f",
            "src/catalog/aws/ec2.gen.ts", "2026-09-24")


def read_pricesim_excerpt():
    """{instance type: on-demand USD} from the whole-line excerpt, after the guard that every
    size step of a family doubles the price (vCPU doubles too), so a mistyped digit fails."""
    rx = re.compile(r"  '([a-z0-9-]+\.[a-z0-9-]+)': \{ vcpu: (\d+), memoryGiB: [\d.]+, od: ([\d.]+), ")
    out, vcpus = {}, {}
    with open(PRICESIM_EXCERPT, encoding="utf-8") as f:
        for line in f:
            if line.startswith("//"):
                continue
            m = rx.match(line)
            if not m:
                raise SystemExit("%s: unreadable line %r" % (PRICESIM_EXCERPT, line[:60]))
            out[m.group(1)] = m.group(3)
            vcpus[m.group(1)] = int(m.group(2))
    for itype, od in out.items():
        fam = itype.split(".")[0]
        base = fam + ".large"
        if base not in out:
            raise SystemExit("pricesim excerpt: %s without %s" % (itype, base))
        want = Decimal(out[base]) * vcpus[itype] / vcpus[base]
        if Decimal(od) != want:
            raise SystemExit("pricesim excerpt: %s od %s, expected %s (= %s x %d/%d vCPU)"
                             % (itype, od, want, out[base], vcpus[itype], vcpus[base]))
    return out


def ec2_rows(book, snaps, report):
    pw, ys, lk = snaps["pw"], snaps["ys"], snaps["lk"]
    doc = pw.json("processed/ec2.json")
    previous = set()
    ys_rate = {}
    ys_price = {}
    names = ys.ls("data/ec2")
    for code, loc in REGIONS:
        pg = "%s-previousgen-ondemand.json" % code
        doc_pg = ys.json_or_none("data/ec2/" + pg) if pg in names else None
        if doc_pg is not None:
            for v in _only_region(doc_pg).values():
                previous.add(v["Instance Type"])
        cur = "%s-ondemand.json" % code
        if cur in names:
            for v in _only_region(ys.json("data/ec2/" + cur)).values():
                if v.get("Operating System") == "Linux" and v.get("Pre Installed S/W", "NA") == "NA":
                    ys_rate[(code, v["Instance Type"])] = v["rateCode"]
                    ys_price[(code, v["Instance Type"])] = v["price"]
    lk_price = {}
    for e in lk.json(LK_EC2_PATH):
        if e["attributes"].get("operatingSystem") == "Linux":
            lk_price[(e["region"], e["attributes"]["instanceType"])] = e["pricePerUnit"]
    lk_slug = {loc: _lk_slug(code, loc) for code, loc in REGIONS}
    pricesim = read_pricesim_excerpt()

    gen = ("current generation = not in AWS's previousgen-ondemand map "
           "(%s)" % ys.cite("data/ec2/<region>-previousgen-ondemand.json"))
    rc = ("sku = the Price List rate code of the same type and price in %s "
          "(meteredUnitMap ec2-ondemand-without-sec-sel, published 2025-04-04)"
          % ys.cite("data/ec2/<region>-ondemand.json"))
    pw_base = (
        "%s (snapshot of the AWS pricing-page meteredUnitMap ec2.json, data as of the snapshot "
        "2025-06-18; key 'OnDemand Linux-instancetype-<type>' at the region's location; Linux, "
        "shared tenancy, on-demand; %s)" % (pw.cite("processed/ec2.json"), gen))
    lk_base = (
        "%s (the AWS pricing-page meteredUnitMap ec2-ondemand-without-sec-sel .../Linux/index.json "
        "as transformed by that project: key 'OnDemand Linux-instancetype-<type>' per location; "
        "Linux, shared tenancy, on-demand; the file last changed in commit ce57d15e54b2 of %s; %s)"
        % (lk.cite(LK_EC2_PATH), LK_EC2_DATE, gen))
    sources = {
        ("pw", False): book.source("pw-ec2", pw_base + " [grade B; no rate code in this file; "
                                   "used where the newer copies lack the type; cross-checks in "
                                   "pricing/COVERAGE.md]"),
        ("pw", True): book.source("pw-ec2-rc", pw_base + " [grade B; %s; cross-checks in "
                                  "pricing/COVERAGE.md]" % rc),
        ("lk", False): book.source("lk-ec2", lk_base + " [grade B; no rate code in this file; "
                                   "cross-checks in pricing/COVERAGE.md]"),
        ("lk", True): book.source("lk-ec2-rc", lk_base + " [grade B; %s; cross-checks in "
                                  "pricing/COVERAGE.md]" % rc),
        ("ps", False): book.source("pricesim-ec2", (
            "%s@%s:%s (generated from the AWS pricing-page meteredUnitMap "
            "https://b0.p.awsstatic.com/pricing/2.0/meteredUnitMaps/ec2/USD/current/"
            "ec2-ondemand-without-sec-sel/US%%20East%%20(N.%%20Virginia)/Linux/index.json, "
            "'retrieved %s' in the file; field `od`, Linux, shared tenancy; whole lines kept in "
            "pricing/excerpts/, each family checked to double per size step) [grade B]"
            % (PRICESIM[0], PRICESIM[1][:12], PRICESIM[2], PRICESIM[3]))),
    }
    xc = report["ec2"]
    chosen = {}  # (code, itype) -> (price, date, source name)
    for metric, by_loc in doc.items():
        m = re.fullmatch(r"OnDemand Linux-instancetype-([a-z0-9-]+\.[a-z0-9-]+)", metric)
        if not m:
            continue
        itype = m.group(1)
        if itype in previous:
            xc["previous_generation_skipped"].add(itype)
            continue
        for code, loc in REGIONS:
            price = by_loc.get(loc)
            if price is None:
                continue
            if ";" in price:
                report["warnings"].append("ec2 %s %s: conflicting prices %s" % (code, itype, price))
                continue
            chosen[(code, itype)] = (price, "2025-06-18", "pw")
    for (slug, itype), price in lk_price.items():
        code = next((c for c, loc in REGIONS if lk_slug[loc] == slug), None)
        if code is None or itype in previous:
            continue
        old = chosen.get((code, itype))
        if old is None:
            xc["lk_added"] += 1
        elif Decimal(old[0]) == Decimal(price):
            xc["lk_same"] += 1
        else:
            xc["lk_diff"].append(((code, itype), old[0], price))
        chosen[(code, itype)] = (price, LK_EC2_DATE, "lk")
    for itype, price in pricesim.items():
        old = chosen.get(("us-east-1", itype))
        if old is None:
            xc["pricesim_added"] += 1
        elif Decimal(old[0]) == Decimal(price):
            xc["pricesim_same"] += 1
        else:
            xc["pricesim_diff"].append((("us-east-1", itype), old[0], price, old[1]))
        chosen[("us-east-1", itype)] = (price, PRICESIM[3], "ps")
    for (code, itype), (price, date, src) in sorted(chosen.items()):
        other = ys_price.get((code, itype))
        _tally(xc, "ys", other, price, (code, itype))
        rate = ys_rate.get((code, itype)) if other is not None and Decimal(other) == Decimal(price) else None
        has_rc = bool(rate) and src != "ps"
        xc["by_source"][src] += 1
        book.add("ec2.linux." + itype, code, 0, None, price, rate if has_rc else None, date,
                 sources[(src, has_rc)])


def _only_region(doc):
    regions = doc["regions"]
    if len(regions) != 1:
        raise ValueError("expected one location per ec2.shop file, found %d" % len(regions))
    return next(iter(regions.values()))


def _lk_slug(code, loc):
    # lamngockhuong/aws-price names ten regions by code and the rest by a slug of the location.
    if code in ("us-east-1", "us-east-2", "us-west-1", "us-west-2", "ap-southeast-1",
                "ap-southeast-2", "ap-northeast-1", "eu-west-1", "eu-west-2", "eu-central-1"):
        return code
    return loc.lower().replace(" ", "-")


def _tally(xc, other_name, other, price, ident):
    if other is None:
        xc[other_name + "_missing"] += 1
    elif Decimal(other) == Decimal(price):
        xc[other_name + "_same"] += 1
    else:
        xc[other_name + "_diff"].append((ident, price, other))


# ---------------------------------------------------------------------------------------------
# RDS MySQL / PostgreSQL / MariaDB instances (pw processed/rds-*-ondemand.json, readable keys).
# ---------------------------------------------------------------------------------------------
RDS_KEY = re.compile(r"Database Instance (MySQL|PostgreSQL|MariaDB) No license required db "
                     r"([a-z0-9-]+\.[a-z0-9]+) .+? (Single-AZ|Multi-AZ readable standbys|Multi-AZ) "
                     r"Current Generation")


def rds_rows(book, snaps, report):
    pw = snaps["pw"]
    for engine, label in RDS_ENGINES.items():
        path = "processed/rds-%s-ondemand.json" % engine
        doc = pw.json(path)
        sid = book.source("pw-rds-" + engine, (
            "%s (snapshot of the AWS pricing-page meteredUnitMap rds-%s-ondemand.json, data as "
            "of the snapshot 2025-06-18; key 'Database Instance %s No license required db <class> "
            "... <Single-AZ|Multi-AZ> Current Generation'; Multi-AZ = one standby, not the "
            "readable-standbys cluster; keys that are opaque hashes are not used) [grade B; no "
            "rate code in this file; cross-checks in pricing/COVERAGE.md]" % (pw.cite(path), engine, label)))
        seen = set()
        for metric, by_loc in doc.items():
            m = RDS_KEY.fullmatch(metric)
            if not m or m.group(3) == "Multi-AZ readable standbys":
                continue
            assert m.group(1) == label, metric
            cls = "db." + m.group(2)
            az = "single_az" if m.group(3) == "Single-AZ" else "multi_az"
            for loc_text, price in by_loc.items():
                loc = loc_text.split(" (Instance Type:")[0]
                code = _code_of(loc)
                if code is None:
                    continue
                if ";" in price:
                    report["warnings"].append("rds %s %s %s: conflicting prices" % (engine, code, cls))
                    continue
                ident = (engine, az, cls, code)
                if ident in seen:
                    raise ValueError("duplicate RDS price %s" % (ident,))
                seen.add(ident)
                book.add("rds.%s.%s.%s" % (engine, az, cls), code, 0, None, price, "",
                         "2025-06-18", sid)


def aurora_rows(book, snaps, report):
    pw = snaps["pw"]
    path = "raw/rds-aurora-ondemand.json"
    doc = pw.json(path)
    date = manifest_date(doc)
    sid = book.source("pw-aurora", (
        "%s (AWS pricing-page meteredUnitMap rds-aurora-ondemand, %s, published %s; sets "
        "'Database Instance Aurora <MySQL|PostgreSQL> No license required ... Single-AZ Current "
        "Generation' without 'Aurora IO Optimization Mode' = provisioned instances on "
        "I/O-Standard clusters; sku = Price List rate code) [grade B]"
        % (pw.cite(path), doc["manifest"]["esIndex"], date)))
    for set_name, members in doc["sets"].items():
        m = re.fullmatch(r"Database Instance Aurora (MySQL|PostgreSQL) No license required (.+) "
                         r"Single-AZ Current Generation", set_name)
        if not m or "IO Optimization" in m.group(2):
            continue
        engine = "aurora-" + m.group(1).lower()
        for code, loc in REGIONS:
            prices = doc["regions"].get(loc, {})
            for h in members:
                p = prices.get(h)
                if p is None:
                    continue
                book.add("rds.%s.single_az.%s" % (engine, p["Instance Type"]), code, 0, None,
                         p["price"], p["rateCode"], date, sid)


def _code_of(loc):
    for code, name in REGIONS:
        if name == loc:
            return code
    return None


# ---------------------------------------------------------------------------------------------
# Data transfer out to the internet (pw processed/datatransfer.json, ranges in the file).
# ---------------------------------------------------------------------------------------------
DT_METRICS = ["DataTransfer External Outbound Next 10 TB", "DataTransfer External Outbound Next 40 TB",
              "DataTransfer External Outbound Next 100 TB",
              "DataTransfer External Outbound Greater than 150 TB"]


def transfer_rows(book, snaps, report):
    pw = snaps["pw"]
    doc = pw.json("processed/datatransfer.json")
    sid = book.source("pw-datatransfer", (
        "%s (snapshot of the AWS pricing-page meteredUnitMap datatransfer.json, data as of the "
        "snapshot 2025-06-18; metrics 'DataTransfer External Outbound Next 10 TB / Next 40 TB / "
        "Next 100 TB / Greater than 150 TB'; tier ranges in GB from the file's StartingRange / "
        "EndingRange) [grade B; the file's 'New' and 'No Wavelength' variants carry the same "
        "prices; no rate code in this file]" % pw.cite("processed/datatransfer.json")))
    rx = re.compile(r"(.+) \(StartingRange: (\d+), EndingRange: (\d+|Inf)\)")
    for code, loc in REGIONS:
        tiers = []
        for metric in DT_METRICS:
            for loc_text, price in doc.get(metric, {}).items():
                m = rx.fullmatch(loc_text)
                if m and m.group(1) == loc:
                    end = None if m.group(3) == "Inf" else m.group(3)
                    tiers.append((Decimal(m.group(2)), end, price))
                    for variant in (" New", " No Wavelength"):
                        other = doc.get(metric + variant, {}).get(loc_text)
                        if other is not None and Decimal(other) != Decimal(price):
                            report["warnings"].append("datatransfer %s %s%s differs" % (code, metric, variant))
        if len(tiers) != len(DT_METRICS):
            if tiers:
                report["warnings"].append("datatransfer %s: %d of 4 tiers" % (code, len(tiers)))
            continue
        for begin, end, price in sorted(tiers, key=lambda t: t[0]):
            book.add("data_transfer.out", code, begin, end, price, "", "2025-06-18", sid)


# ---------------------------------------------------------------------------------------------
# Curated rows (pricing/curated.csv) and the cross-checks against them.
# ---------------------------------------------------------------------------------------------
def read_curated():
    with open(os.path.join(HERE, "curated.csv"), newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def merge_curated(book, curated, report):
    """Curated rows replace generated rows of the same (key, region); differences are reported."""
    cur_by = defaultdict(list)
    for r in curated:
        cur_by[(r["key"], r["region"])].append(r)
    gen_by = defaultdict(list)
    for r in book.rows:
        gen_by[(r["key"], r["region"])].append(r)
    texts = {}
    for r in curated:
        texts.setdefault(r["source"], None)
    for i, text in enumerate(sorted(texts)):
        texts[text] = book.source("cur-%03d" % (i + 1), text)
    kept = [r for r in book.rows if (r["key"], r["region"]) not in cur_by]
    xc = report["curated"]
    for ident, rows in sorted(cur_by.items()):
        gen = gen_by.get(ident)
        if gen is None:
            xc["only_curated"].append(ident)
        else:
            a = [(Decimal(r["tier_begin"]), Decimal(r["usd"])) for r in rows]
            b = [(Decimal(r["tier_begin"]), Decimal(r["usd"])) for r in gen]
            if sorted(a) == sorted(b):
                xc["same"] += 1
            else:
                xc["diff"].append((ident, sorted(a), sorted(b)))
        for r in rows:
            kept.append(dict(r, source=SOURCE_REF + texts[r["source"]]))
    book.rows = kept


# ---------------------------------------------------------------------------------------------
# Cross-checks that produce no rows.
# ---------------------------------------------------------------------------------------------
LK_FILES = [("raw/lambda.json", "lambda"), ("raw/ecs.json", "ecs"),
            ("raw/apigateway.json", "apigateway"), ("raw/dynamodb.json", "dynamodb"),
            ("raw/eks.json", "eks"), ("raw/vpc.json", "vpc"), ("raw/waf.json", "waf")]


def cross_check_later_copy(snaps, report):
    """The same meteredUnitMaps as fetched 2025-10/11 (lk) against the June 2025 copies (pw)."""
    pw, lk = snaps["pw"], snaps["lk"]
    tables = {p: t for _, p, _, _, t in RAW_FILES}
    xc = report["later"]
    for pw_path, name in LK_FILES:
        lk_path = "lib/data/pricing/%s.json" % name
        if not lk.exists(lk_path):
            xc["files_missing"].append(lk_path)
            continue
        a, b = pw.json(pw_path), lk.json(lk_path)
        xc["files"].append((name, manifest_date(a), manifest_date(b)))
        metrics = [m for tiers in tables[pw_path].values() for m, _, _ in tiers]
        for code, loc in REGIONS:
            pa, pb = a["regions"].get(loc, {}), b["regions"].get(loc, {})
            for metric in metrics:
                if metric in pa and metric in pb:
                    if Decimal(pa[metric]["price"]) == Decimal(pb[metric]["price"]):
                        xc["same"] += 1
                    else:
                        xc["diff"].append((name, code, metric, pa[metric]["price"], pb[metric]["price"]))


def cross_check_rds(book, snaps, report):
    """pw RDS prices (2025) against vantage's 2021 Single-AZ prices and the London Price List
    excerpt in tests/fixtures (2026, grade A)."""
    vt = snaps["vt"].json("www/rds/instances.json")
    names = {"mysql": "MySQL", "postgresql": "PostgreSQL", "mariadb": "MariaDB"}
    have = {}
    for r in book.rows:
        if r["key"].startswith("rds.") and ".single_az.db." in r["key"]:
            have[(r["key"], r["region"])] = r["usd"]
    xc = report["rds"]
    for inst in vt:
        for code, by_engine in inst.get("pricing", {}).items():
            for engine, label in names.items():
                od = by_engine.get(label, {}).get("ondemand")
                mine = have.get(("rds.%s.single_az.%s" % (engine, inst["instance_type"]), code))
                if od is None or mine is None:
                    continue
                if Decimal(str(od)) == Decimal(mine):
                    xc["vt_same"] += 1
                else:
                    xc["vt_diff"].append((engine, code, inst["instance_type"], mine, od))
    fixture = os.path.join(HERE, "..", "tests", "fixtures", "aws-offers", "csv",
                           "AmazonRDS-eu-west-2-20260904172716-excerpt.csv")
    with open(fixture, newline="", encoding="utf-8") as f:
        lines = list(csv.reader(f))
    head = lines[5]
    allrows = {(r["key"], r["region"]): r["usd"] for r in book.rows}
    for line in lines[6:]:
        d = dict(zip(head, line))
        if d["TermType"] != "OnDemand" or d["Database Engine"] not in names.values() or not d["Instance Type"]:
            continue
        engine = {v: k for k, v in names.items()}[d["Database Engine"]]
        az = {"Single-AZ": "single_az", "Multi-AZ": "multi_az"}.get(d["Deployment Option"])
        if az is None:
            continue
        key = "rds.%s.%s.%s" % (engine, az, d["Instance Type"])
        mine = allrows.get((key, "eu-west-2"))
        if mine is None:
            xc["london_missing"].append(key)
        elif Decimal(mine) == Decimal(d["PricePerUnit"]):
            xc["london_same"].append(key)
        else:
            xc["london_diff"].append((key, mine, d["PricePerUnit"]))


# ---------------------------------------------------------------------------------------------
# Quality checks
# ---------------------------------------------------------------------------------------------
def check(rows, sources, report):
    problems = []
    seen = set()
    by = defaultdict(list)
    for r in rows:
        for c in ("key", "region", "unit", "tier_begin", "usd", "effective", "source"):
            if not r[c].strip():
                problems.append("empty %s in %s/%s" % (c, r["key"], r["region"]))
        if re.search(r"[eE]", r["usd"]) or not re.fullmatch(r"\d+(\.\d+)?", r["usd"]):
            problems.append("usd not a plain non-negative decimal: %s %s %s" % (r["key"], r["region"], r["usd"]))
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["effective"]):
            problems.append("bad effective %r (%s %s)" % (r["effective"], r["key"], r["region"]))
        if r["source"].startswith(SOURCE_REF) and r["source"][len(SOURCE_REF):] not in sources:
            problems.append("unknown source id %s" % r["source"])
        if r["key"].endswith(".free_tier") and (Decimal(r["usd"]) != 0 or not r["tier_end"]):
            problems.append("free-tier row must be usd 0 with a tier_end: %s %s" % (r["key"], r["region"]))
        ident = (r["key"], r["region"], Decimal(r["tier_begin"]))
        if ident in seen:
            problems.append("duplicate row %s" % (ident,))
        seen.add(ident)
        by[(r["key"], r["region"])].append(r)
    for (key, region), rs in by.items():
        rs.sort(key=lambda x: Decimal(x["tier_begin"]))
        if Decimal(rs[0]["tier_begin"]) != 0:
            problems.append("%s %s does not start at 0" % (key, region))
        for a, b in zip(rs, rs[1:]):
            if not a["tier_end"] or Decimal(a["tier_end"]) != Decimal(b["tier_begin"]):
                problems.append("%s %s tiers not contiguous at %s" % (key, region, b["tier_begin"]))
        for x in rs:
            if x["tier_end"] and Decimal(x["tier_end"]) <= Decimal(x["tier_begin"]):
                problems.append("%s %s empty tier %s..%s" % (key, region, x["tier_begin"], x["tier_end"]))
    keys = defaultdict(set)
    for key, region in by:
        keys[region].add(key)
    gaps = {}
    for code, _ in REGIONS:
        missing = [k for k in THREE_TIER_KEYS if k not in keys[code]]
        if missing:
            gaps[code] = missing
            if code in REQUIRED_REGIONS:
                problems.append("%s lacks keys the three-tier example needs: %s" % (code, ", ".join(missing)))
    report["gaps"] = gaps
    return problems


# ---------------------------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------------------------
def sort_key(r):
    return (r["key"], Decimal(r["tier_begin"]))


def region_csv(rows):
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    w.writeheader()
    w.writerows(sorted(rows, key=sort_key))
    return out.getvalue()


def sources_csv(sources):
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["id", "text"])
    for sid in sorted(sources):
        w.writerow([sid, sources[sid]])
    return out.getvalue()


def write_all(rows, sources, coverage):
    by_region = defaultdict(list)
    for r in rows:
        by_region[r["region"]].append(r)
    tmp = tempfile.mkdtemp(prefix=".regen-", dir=HERE)
    try:
        os.mkdir(os.path.join(tmp, "regions"))
        for region, rs in by_region.items():
            with open(os.path.join(tmp, "regions", region + ".csv"), "w", encoding="utf-8", newline="") as f:
                f.write(region_csv(rs))
        for name, text in (("sources.csv", sources_csv(sources)), ("COVERAGE.md", coverage)):
            with open(os.path.join(tmp, name), "w", encoding="utf-8", newline="") as f:
                f.write(text)
        old = os.path.join(HERE, "regions")
        if os.path.isdir(old):
            os.rename(old, os.path.join(tmp, "regions.old"))
        os.rename(os.path.join(tmp, "regions"), old)
        for name in ("sources.csv", "COVERAGE.md"):
            os.replace(os.path.join(tmp, name), os.path.join(HERE, name))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def read_existing():
    rows = []
    folder = os.path.join(HERE, "regions")
    for name in sorted(os.listdir(folder)):
        if name.endswith(".csv"):
            with open(os.path.join(folder, name), newline="", encoding="utf-8") as f:
                for r in csv.DictReader(f):
                    if r["region"] + ".csv" != name:
                        raise SystemExit("%s: row for region %s" % (name, r["region"]))
                    rows.append(r)
    with open(os.path.join(HERE, "sources.csv"), newline="", encoding="utf-8") as f:
        sources = {r["id"]: r["text"] for r in csv.DictReader(f)}
    return rows, sources


def new_report():
    return {
        "warnings": [], "absent": {}, "gaps": {},
        "ec2": {"ys_same": 0, "ys_diff": [], "ys_missing": 0, "lk_same": 0, "lk_diff": [],
                "lk_added": 0, "pricesim_same": 0, "pricesim_diff": [], "pricesim_added": 0,
                "by_source": defaultdict(int), "previous_generation_skipped": set()},
        "curated": {"same": 0, "diff": [], "only_curated": []},
        "later": {"same": 0, "diff": [], "files": [], "files_missing": []},
        "rds": {"vt_same": 0, "vt_diff": [], "london_same": [], "london_diff": [], "london_missing": []},
    }


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    for name, (repo, commit, _) in snapshots.SNAPSHOTS.items():
        ap.add_argument("--" + name, metavar="DIR",
                        help="snapshot of %s at %s (default: $%s)" % (repo, commit[:12], snapshots.ENV[name]))
    ap.add_argument("--check-only", action="store_true", help="re-check the files already written")
    args = ap.parse_args(argv)
    report = new_report()
    if args.check_only:
        rows, sources = read_existing()
        problems = check(rows, sources, report)
        for p in problems:
            print("PROBLEM:", p)
        print("%d rows in %d regions, %d source texts: %s" % (
            len(rows), len({r["region"] for r in rows}), len(sources), "FAILED" if problems else "ok"))
        return 1 if problems else 0
    snaps = snapshots.open_all({n: getattr(args, n) for n in snapshots.SNAPSHOTS})
    book = Book()
    curated = read_curated()
    raw_rows(book, snaps, report)
    global_free_rows(book, curated)
    ec2_rows(book, snaps, report)
    rds_rows(book, snaps, report)
    aurora_rows(book, snaps, report)
    transfer_rows(book, snaps, report)
    bill_rows.add(book, snaps, report, REGIONS)
    merge_curated(book, curated, report)
    cross_check_later_copy(snaps, report)
    cross_check_rds(book, snaps, report)
    problems = check(book.rows, book.sources, report)
    import coverage  # noqa: E402  (next to this file)
    text = coverage.render(book.rows, book.sources, report, REGIONS, REQUIRED_REGIONS, THREE_TIER_KEYS)
    for w in report["warnings"]:
        print("warning:", w)
    for p in problems:
        print("PROBLEM:", p)
    if problems:
        print("not writing: %d problem(s)" % len(problems))
        return 1
    write_all(book.rows, book.sources, text)
    print("wrote %d rows for %d regions (%d source texts) to %s" % (
        len(book.rows), len({r["region"] for r in book.rows}), len(book.sources), HERE))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
