#!/usr/bin/env python3
"""Write a synthetic AmazonRDS regional offer file (index.csv layout) of at least SIZE bytes.

The layout is the real CSV offer file's (the header of the AmazonRDS eu-west-2 excerpt in
tests/fixtures/aws-offers/csv/): 5 metadata lines, a quoted header, one row per price
dimension, every present value quoted, absent attributes as unquoted empty fields. Each
product (instance class x engine variant x deployment option) has its OnDemand row and ten
Reserved rows (1yr/3yr x No/Partial/All Upfront, "standard" class, with "Upfront Fee" rows in
"Quantity" without ranges), rows grouped by SKU as in the AWS files.

MIX=realistic (default): 13 engine variants (MySQL, PostgreSQL, MariaDB, Aurora MySQL/PostgreSQL,
Oracle x 3, SQL Server x 4, Db2); only the MySQL and PostgreSQL ones map (2 of 13).
MIX=relevant: every product is MySQL or PostgreSQL, No license required, Single-/Multi-AZ, so every
row, Reserved ones included, maps: the worst case for `archcost pricing import`.

Prices are synthetic (this is benchmark input, never catalog data).

Usage: [MIX=realistic|relevant] python3 bench/gen_rds_offer.py OUT.csv [SIZE_MB=1024]
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import offer_rows  # noqa: E402
from offer_rows import code  # noqa: E402

HEADER = [
    "SKU", "OfferTermCode", "RateCode", "TermType", "PriceDescription", "EffectiveDate",
    "StartingRange", "EndingRange", "Unit", "PricePerUnit", "Currency", "RelatedTo",
    "LeaseContractLength", "PurchaseOption", "OfferingClass", "Product Family", "serviceCode",
    "Location", "Location Type", "Instance Type", "Current Generation", "Instance Family", "vCPU",
    "Physical Processor", "Clock Speed", "Memory", "Storage", "Network Performance",
    "Processor Architecture", "Storage Media", "Volume Type", "Min Volume Size",
    "Max Volume Size", "Engine Code", "Database Engine", "Database Edition", "License Model",
    "Deployment Option", "Group", "Group Description", "usageType", "operation", "ACU",
    "Dedicated EBS Throughput", "Deployment Model", "Engine Major Version", "Engine Media Type",
    "Enhanced Networking Supported", "Extended Support Pricing Year", "Instance Type Family",
    "Normalization Size Factor", "Processor Features", "Region Code", "serviceName",
    "Unbundled Licensing", "Volume Name", "WindowsLicenseMultiplier",
]
IX = {h: i for i, h in enumerate(HEADER)}

# (Database Engine, Database Edition, License Model, Engine Code, Deployment Model)
ENGINES = [
    ("MySQL", None, "No license required", "2", None),
    ("PostgreSQL", None, "No license required", "14", None),
    ("MariaDB", None, "No license required", "18", None),
    ("Aurora MySQL", None, "No license required", "16", None),
    ("Aurora PostgreSQL", None, "No license required", "21", None),
    ("Oracle", "Standard Two", "License included", "45", None),
    ("Oracle", "Standard Two", "Bring your own license", "4", None),
    ("Oracle", "Enterprise", "Bring your own license", "5", "Custom"),
    ("SQL Server", "Express", "License included", "11", None),
    ("SQL Server", "Web", "License included", "12", None),
    ("SQL Server", "Standard", "License included", "10", None),
    ("SQL Server", "Enterprise", "License included", "15", "Custom"),
    ("Db2", "Standard", "Bring your own license", "37", None),
]
DEPLOYMENTS = [("Single-AZ", "InstanceUsage"), ("Multi-AZ", "Multi-AZUsage")]
RESERVED = [(lease, option) for lease in ("1yr", "3yr")
            for option in ("No Upfront", "Partial Upfront", "All Upfront")]
FAMILIES = ["db.t3", "db.t4g", "db.m5", "db.m6g", "db.m6i", "db.m7g", "db.r5", "db.r6g",
            "db.r6i", "db.r7g", "db.x2g", "db.c6gd"]
SIZES = ["micro", "small", "medium", "large", "xlarge", "2xlarge", "4xlarge", "8xlarge",
         "12xlarge", "16xlarge", "24xlarge"]


def rows_for(n, itype, engine, deployment):
    db, edition, lic, ecode, model = engine
    az, usage = deployment
    sku = code(f"{itype}|{db}|{edition}|{lic}|{az}|{model}", 16)
    base = [None] * len(HEADER)
    vcpu = str(2 ** (n % 6 + 1))
    attrs = {
        "Product Family": "Database Instance", "serviceCode": "AmazonRDS",
        "Location": "US East (N. Virginia)", "Location Type": "AWS Region",
        "Instance Type": itype, "Current Generation": "Yes", "Instance Family": "General purpose",
        "vCPU": vcpu, "Physical Processor": "AWS Graviton2", "Memory": f"{int(vcpu) * 4} GiB",
        "Storage": "EBS Only", "Network Performance": "Up to 10 Gigabit",
        "Processor Architecture": "64-bit", "Engine Code": ecode, "Database Engine": db,
        "Database Edition": edition, "License Model": lic, "Deployment Option": az,
        "usageType": f"{usage}:{itype}", "operation": f"CreateDBInstance:{int(ecode):04d}",
        "Deployment Model": model, "Instance Type Family": itype.split(".")[1].upper(),
        "Normalization Size Factor": "4", "Region Code": "us-east-1",
        "serviceName": "Amazon Relational Database Service", "Unbundled Licensing": "FALSE",
    }
    for k, v in attrs.items():
        base[IX[k]] = v
    hourly = (n % 997 + 1) * 0.0013 + len(db) * 0.001
    out = []

    def row(*args, **kw):
        out.append(offer_rows.row(base, IX, sku, *args, **kw))

    row("JRTCKXETXF", "6YS6EN2CT7", "OnDemand",
        f"$ {hourly:.3f} per RDS {itype} {az} instance hour (or partial hour) running {db}",
        "2026-09-01", "0", "Inf", "Hrs", f"{hourly:.10f}")
    for lease, opt in RESERVED:
        tc = code(f"{lease}{opt}", 10)
        years = 1 if lease == "1yr" else 3
        disc = {"No Upfront": 0.7, "Partial Upfront": 0.35, "All Upfront": 0.0}[opt]
        disc = hourly * disc / years
        upfront = str(int(hourly * 8760 * years * 0.6))
        row(tc, "6YS6EN2CT7", "Reserved", f"{db}, {itype} reserved instance applied",
            "2026-09-01", "0", "Inf", "Hrs", f"{disc:.10f}", lease, opt, "standard")
        if opt != "No Upfront":
            row(tc, "2TG2D8R56U", "Reserved", "Upfront Fee", "2026-09-01", None, None,
                "Quantity", upfront, lease, opt, "standard")
    return out


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    path = sys.argv[1]
    target = int(float(sys.argv[2] if len(sys.argv) > 2 else 1024) * 1024 * 1024)
    engines = ENGINES if os.environ.get("MIX", "realistic") == "realistic" else ENGINES[:2]
    written = products = n = 0
    with open(path, "w", newline="\n", encoding="utf-8") as f:
        text = offer_rows.preamble("AmazonRDS", HEADER)
        f.write(text)
        written += len(text)
        while written < target:
            # Every instance class is new, so each mapped product has its own catalog key.
            fam, size = FAMILIES[n % len(FAMILIES)], SIZES[(n // len(FAMILIES)) % len(SIZES)]
            gen = n // (len(FAMILIES) * len(SIZES))
            itype = f"{fam}{'x' * gen}.{size}" if gen < 3 else f"{fam}g{gen}.{size}"
            n += 1
            chunk = []
            for engine in engines:
                for deployment in DEPLOYMENTS:
                    chunk.extend(rows_for(n, itype, engine, deployment))
                    products += 1
            text = "\n".join(chunk) + "\n"
            f.write(text)
            written += len(text)
    print(f"{path}: {written} bytes, {products} products, {n} instance classes", file=sys.stderr)


if __name__ == "__main__":
    main()
