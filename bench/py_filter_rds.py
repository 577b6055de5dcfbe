#!/usr/bin/env python3
"""Baseline for the RDS offer-import benchmark (BENCHMARKS.md, "Offer import: RDS with Reserved
terms"): Python's csv module doing the filtering that `archcost pricing import` does on an
AmazonRDS offer file, streaming row by row: OnDemand instance hours of MySQL / PostgreSQL,
Single-AZ / Multi-AZ, No license required, not RDS Custom; and the Standard Reserved terms
(Hrs fee and Upfront Fee) of the same products, combined per (SKU, term, payment)."""
import csv
import sys

ENGINES = {"MySQL": "mysql", "PostgreSQL": "postgresql"}
AZ = {"Single-AZ": ("single_az", "InstanceUsage:"), "Multi-AZ": ("multi_az", "Multi-AZUsage:")}


def main(path):
    keep, terms = {}, {}
    with open(path, newline="", encoding="utf-8") as f:
        rows = csv.reader(f)
        for row in rows:
            if row and row[0] == "SKU":
                header = row
                break
        ix = {h: i for i, h in enumerate(header)}
        sku, term, tcode, fam = ix["SKU"], ix["TermType"], ix["OfferTermCode"], ix["Product Family"]
        eng, dep, lic, model = ix["Database Engine"], ix["Deployment Option"], ix["License Model"], ix["Deployment Model"]
        usage, itype, price, unit = ix["usageType"], ix["Instance Type"], ix["PricePerUnit"], ix["Unit"]
        lease, opt, cls, desc = ix["LeaseContractLength"], ix["PurchaseOption"], ix["OfferingClass"], ix["PriceDescription"]
        for row in rows:
            engine = ENGINES.get(row[eng])
            az = AZ.get(row[dep])
            if (engine is None or az is None or row[model] or row[fam] != "Database Instance"
                    or row[lic] != "No license required"
                    or not (row[usage] == az[1] + row[itype] or row[usage].endswith("-" + az[1] + row[itype]))):
                continue
            key = f"rds.{engine}.{az[0]}.{row[itype]}"
            if row[term] == "OnDemand":
                keep[key] = row[price]
            elif row[term] == "Reserved" and row[cls] == "standard":
                part = "hourly" if row[unit] == "Hrs" else "upfront" if row[desc] == "Upfront Fee" else None
                if part:
                    terms.setdefault((key, row[sku] + "." + row[tcode], row[lease], row[opt]), {})[part] = row[price]
    print(f"{len(keep)} rows, {len(terms)} terms", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1])
