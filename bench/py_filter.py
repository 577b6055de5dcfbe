#!/usr/bin/env python3
"""Baseline for bench/import_bench.sh: Python's csv module doing the filtering that
`archcost pricing import` does on an AmazonEC2 offer file (Linux, shared tenancy, no
pre-installed software, capacity used, OnDemand hourly prices), streaming row by row."""
import csv
import sys


def main(path):
    keep = {}
    with open(path, newline="", encoding="utf-8") as f:
        rows = csv.reader(f)
        for row in rows:
            if row and row[0] == "SKU":
                header = row
                break
        ix = {h: i for i, h in enumerate(header)}
        term, fam, os_, ten = ix["TermType"], ix["Product Family"], ix["Operating System"], ix["Tenancy"]
        sw, cap, lic = ix["Pre Installed S/W"], ix["CapacityStatus"], ix["License Model"]
        op, usage, itype, price = ix["operation"], ix["usageType"], ix["Instance Type"], ix["PricePerUnit"]
        for row in rows:
            if (row[term] == "OnDemand" and row[fam] == "Compute Instance" and row[os_] == "Linux"
                    and row[ten] == "Shared" and row[sw] == "NA" and row[cap] == "Used"
                    and row[lic] == "No License required" and row[op] == "RunInstances"
                    and row[usage].split("-")[-1].startswith("BoxUsage:")):
                keep["ec2.linux." + row[itype]] = row[price]
    print(f"{len(keep)} rows", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1])
