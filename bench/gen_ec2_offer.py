#!/usr/bin/env python3
"""Write a synthetic AmazonEC2 regional offer file (index.csv layout) of at least SIZE bytes.

The layout follows the real CSV offer files (AWS Price List documentation and
the CSV fixtures): 5 metadata lines, a quoted header of display names, one row per price
dimension; every present value quoted, absent attributes as unquoted empty fields; OnDemand
and Reserved rows (1yr/3yr x No/Partial/All Upfront x standard/convertible, with "Upfront
Fee" rows in "Quantity" without ranges) mixed in the same file, rows grouped by SKU.
Products span many instance types, operating systems, tenancies, pre-installed software,
capacity statuses and licence models, so only a small share is "Linux / Shared / NA / Used /
No License required / OnDemand" -- the rows `archcost pricing import` keeps.

Prices are synthetic (this is benchmark input, never catalog data).

Usage: python3 bench/gen_ec2_offer.py OUT.csv [SIZE_MB=1024]
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
    "Location", "Location Type", "Instance Type", "Current Generation", "Instance Family",
    "vCPU", "Physical Processor", "Clock Speed", "Memory", "Storage", "Network Performance",
    "Processor Architecture", "Storage Media", "Volume Type", "Max Volume Size",
    "Max IOPS/volume", "Max IOPS Burst Performance", "Max throughput/volume", "Provisioned",
    "Tenancy", "EBS Optimized", "Operating System", "License Model", "Group",
    "Group Description", "Transfer Type", "From Location", "From Location Type", "To Location",
    "To Location Type", "usageType", "operation", "AvailabilityZone", "CapacityStatus",
    "ClassicNetworkingSupport", "Dedicated EBS Throughput", "ECU", "Elastic Graphics Type",
    "Enhanced Networking Supported", "From Region Code", "GPU", "GPU Memory", "Instance",
    "Instance Capacity - 10xlarge", "Instance Capacity - 12xlarge", "Instance Capacity - 16xlarge",
    "Instance Capacity - 18xlarge", "Instance Capacity - 24xlarge", "Instance Capacity - 2xlarge",
    "Instance Capacity - 32xlarge", "Instance Capacity - 4xlarge", "Instance Capacity - 8xlarge",
    "Instance Capacity - 9xlarge", "Instance Capacity - large", "Instance Capacity - medium",
    "Instance Capacity - metal", "Instance Capacity - xlarge", "instanceSKU",
    "Intel AVX2 Available", "Intel AVX Available", "Intel Turbo Available", "MarketOption",
    "Normalization Size Factor", "Physical Cores", "Pre Installed S/W", "Processor Features",
    "Product Type", "Region Code", "Resource Type", "serviceName", "SnapshotArchiveFeeType",
    "To Region Code", "Volume API Name", "VPCNetworkingSupport",
]
IX = {h: i for i, h in enumerate(HEADER)}

FAMILIES = ["t3", "t3a", "t4g", "m5", "m5a", "m5d", "m6i", "m6a", "m6g", "m7i", "m7g", "c5",
            "c5a", "c6i", "c6g", "c7i", "c7g", "r5", "r5a", "r6i", "r6g", "r7i", "r7g", "x2idn",
            "i3", "i4i", "d3", "g5", "p4d", "inf2", "z1d", "hpc7g", "m8g", "c8g", "r8g", "u-6tb1"]
SIZES = ["nano", "micro", "small", "medium", "large", "xlarge", "2xlarge", "4xlarge",
         "8xlarge", "12xlarge", "16xlarge", "24xlarge", "metal"]
OSES = [("Linux", "RunInstances"), ("Windows", "RunInstances:0002"),
        ("RHEL", "RunInstances:0010"), ("SUSE", "RunInstances:000g"),
        ("Ubuntu Pro", "RunInstances:0g00"), ("Red Hat Enterprise Linux with HA", "RunInstances:1010")]
TENANCIES = [("Shared", "BoxUsage"), ("Dedicated", "DedicatedUsage"), ("Host", "HostUsage")]
SOFTWARE = ["NA", "SQL Std", "SQL Web", "SQL Ent"]
CAPACITY = ["Used", "UnusedCapacityReservation", "AllocatedCapacityReservation"]
LICENCES = ["No License required", "Bring your own license"]
RESERVED = [(lease, option, cls) for lease in ("1yr", "3yr")
            for option in ("No Upfront", "Partial Upfront", "All Upfront")
            for cls in ("standard", "convertible")]


def rows_for(n, itype, os_name, op, tenancy, usage, sw, cap, lic):
    sku = code(f"{itype}|{os_name}|{tenancy}|{sw}|{cap}|{lic}", 16)
    base = [None] * len(HEADER)
    vcpu = str(2 ** (n % 7))
    attrs = {
        "Product Family": "Compute Instance", "serviceCode": "AmazonEC2",
        "Location": "US East (N. Virginia)", "Location Type": "AWS Region",
        "Instance Type": itype, "Current Generation": "Yes", "Instance Family": "General purpose",
        "vCPU": vcpu, "Physical Processor": "Intel Xeon Platinum 8175 (Skylake)",
        "Clock Speed": "3.1 GHz", "Memory": f"{int(vcpu) * 4} GiB", "Storage": "EBS only",
        "Network Performance": "Up to 10 Gigabit", "Processor Architecture": "64-bit",
        "Tenancy": tenancy, "EBS Optimized": "Yes", "Operating System": os_name,
        "License Model": lic, "usageType": f"{usage}:{itype}", "operation": op,
        "CapacityStatus": cap, "ClassicNetworkingSupport": "false",
        "Dedicated EBS Throughput": "Up to 2120 Mbps", "ECU": "10",
        "Enhanced Networking Supported": "Yes", "GPU": "", "GPU Memory": "NA",
        "Intel AVX2 Available": "Yes", "Intel AVX Available": "Yes",
        "Intel Turbo Available": "Yes", "MarketOption": "OnDemand",
        "Normalization Size Factor": "4", "Physical Cores": vcpu, "Pre Installed S/W": sw,
        "Processor Features": "Intel AVX; Intel AVX2; Intel AVX512; Intel Turbo",
        "Region Code": "us-east-1", "serviceName": "Amazon Elastic Compute Cloud",
        "VPCNetworkingSupport": "true",
    }
    for k, v in attrs.items():
        base[IX[k]] = v
    hourly = (n % 997 + 1) * 0.0013 + len(os_name) * 0.001
    out = []

    def row(*args, **kw):
        out.append(offer_rows.row(base, IX, sku, *args, **kw))

    row("JRTCKXETXF", "6YS6EN2CT7", "OnDemand",
        f"${hourly:.4f} per On Demand {os_name} {itype} Instance Hour", "2026-09-01",
        "0", "Inf", "Hrs", f"{hourly:.10f}")
    for i, (lease, opt, cls) in enumerate(RESERVED):
        tc = code(f"{lease}{opt}{cls}", 10)
        disc = hourly * (0.6 if lease == "1yr" else 0.4) * (1.1 if cls == "convertible" else 1.0)
        if opt != "All Upfront":
            row(tc, "6YS6EN2CT7", "Reserved", f"{os_name} (Amazon VPC), {itype} reserved instance applied",
                "2026-09-01", "0", "Inf", "Hrs", f"{disc:.10f}", lease, opt, cls)
        if opt != "No Upfront":
            row(tc, "2TG2D8R56U", "Reserved", "Upfront Fee", "2026-09-01", None, None,
                "Quantity", str(int(disc * 8760 * (1 if lease == "1yr" else 3))), lease, opt, cls)
    return out


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    path = sys.argv[1]
    target = int(float(sys.argv[2] if len(sys.argv) > 2 else 1024) * 1024 * 1024)
    written = 0
    products = 0
    with open(path, "w", newline="\n", encoding="utf-8") as f:
        text = offer_rows.preamble("AmazonEC2", HEADER)
        f.write(text)
        written += len(text)
        n = 0
        while written < target:
            for fam in FAMILIES:
                for size in SIZES:
                    itype = f"{fam}.{size}" if n < len(FAMILIES) * len(SIZES) else f"{fam}{n // 468}.{size}"
                    n += 1
                    for os_name, op in OSES:
                        for tenancy, usage in TENANCIES:
                            for sw in SOFTWARE:
                                for cap in CAPACITY:
                                    for lic in LICENCES:
                                        chunk = "\n".join(rows_for(n, itype, os_name, op, tenancy, usage, sw, cap, lic)) + "\n"
                                        f.write(chunk)
                                        written += len(chunk)
                                        products += 1
                                        if written >= target:
                                            break
                                    if written >= target:
                                        break
                                if written >= target:
                                    break
                            if written >= target:
                                break
                        if written >= target:
                            break
                    if written >= target:
                        break
                if written >= target:
                    break
    print(f"{path}: {written} bytes, {products} products, {n} instance types", file=sys.stderr)


if __name__ == "__main__":
    main()
