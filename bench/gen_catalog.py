#!/usr/bin/env python3
"""Write a synthetic catalog.csv (docs/reference/catalog.md columns) of at least SIZE MiB, in
the shape `archcost pricing fetch` writes: rows sorted by region, key and tier; each region's
rows from one offer file, so they share that file's `source` URL and `effective` date; every
row has its own SKU.OfferTermCode.RateCode. Keys repeat across regions (the same instance
types are sold in every region), with an EC2-like `ec2.linux.<type>` key per instance type and
a few tiered keys. SOURCES=unique gives every row its own source URL instead (worst case for
interning). Prices are synthetic (benchmark input, never catalog data).

Usage: [SOURCES=shared|unique] python3 bench/gen_catalog.py OUT.csv [SIZE_MB=60]
"""
import hashlib
import os
import sys

REGIONS = ["af-south-1", "ap-east-1", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
           "ap-south-1", "ap-south-2", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3",
           "ap-southeast-4", "ca-central-1", "ca-west-1", "eu-central-1", "eu-central-2",
           "eu-north-1", "eu-south-1", "eu-south-2", "eu-west-1", "eu-west-2", "eu-west-3",
           "il-central-1", "me-central-1", "me-south-1", "mx-central-1", "sa-east-1",
           "us-east-1", "us-east-2", "us-west-1", "us-west-2", "ap-southeast-5",
           "ap-southeast-7", "ap-east-2"]
ALNUM = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
SIZES = ["nano", "micro", "small", "medium", "large", "xlarge", "2xlarge", "4xlarge", "8xlarge",
         "12xlarge", "16xlarge", "24xlarge", "metal"]


def code(seed, n):
    h = hashlib.blake2b(seed.encode(), digest_size=16).digest()
    return "".join(ALNUM[b % 32] for b in h[:n])


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    path = sys.argv[1]
    target = int(float(sys.argv[2]) if len(sys.argv) > 2 else 60) * 1024 * 1024
    unique = os.environ.get("SOURCES", "shared") == "unique"
    # Rows per region so that all regions together reach the size (about 160 bytes a row).
    per_region = target // 160 // len(REGIONS) + 1
    types = sorted(f"ec2.linux.x{n // len(SIZES)}g.{SIZES[n % len(SIZES)]}" for n in range(per_region))
    written = rows = 0
    with open(path, "w", newline="\n", encoding="utf-8") as f:
        head = "key,region,unit,tier_begin,tier_end,usd,sku,effective,source\n"
        f.write(head)
        written += len(head)
        for region in sorted(REGIONS):
            url = f"https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonEC2/20260910180421/{region}/index.csv"
            lines = []
            for i, key in enumerate(types):
                sku = f"{code(region + key, 16)}.JRTCKXETXF.6YS6EN2CT7"
                usd = f"{(i % 997 + 1) * 0.0013:.4f}"
                src = f"{url}#{sku}" if unique else url
                lines.append(f"{key},{region},hour,0,,{usd},{sku},2026-09-10,{src}\n")
            text = "".join(lines)
            f.write(text)
            written += len(text)
            rows += len(lines)
            if written >= target:
                break
    print(f"{path}: {written} bytes, {rows} rows", file=sys.stderr)


if __name__ == "__main__":
    main()
