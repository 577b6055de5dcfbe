#!/usr/bin/env python3
"""Build pricing/commitments/{rates,spot}.csv from the fetched commitment-rate sources.

Standard library only. Run from the project root:

    python3 pricing/build_commitments.py            # regenerate from the default source paths
    python3 pricing/build_commitments.py --check-only   # rebuild in memory, compare with the files

Every source path can be overridden (see --help); the defaults are the excerpts kept under
tests/fixtures/ so the CSVs can be rebuilt offline. A full source file (e.g. the whole
spot-advisor-data.json, or a whole AmazonRDS regional CSV) can be given instead: it is filtered
to the same instance families and regions, so the same rows come out plus any extra ones the
bigger file has.

Only the files named as arguments are read. All money is decimal.Decimal, written as plain decimal strings
(no float, no exponent). The files are written only when every check passes, each through a
temporary file and os.replace, so a failed run leaves the previous files untouched.
See pricing/commitments/README.md for the columns, the sources and the worked examples.
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import os
import re
import sys
import tempfile
from decimal import Decimal, ROUND_HALF_EVEN, getcontext

getcontext().prec = 40

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_DIR = os.path.join(ROOT, "pricing", "commitments")

DEFAULTS = {
    "pricesim": "tests/fixtures/commitments/pricesim-ec2.gen.ts-us-east-1-20260924-excerpt.ts",
    # More whole lines of the same file and commit: c8i, m8i, r8i (Intel 8th generation).
    "pricesim_extra": "pricing/excerpts/pricesim-ec2.gen.ts-us-east-1-20260924-8th-gen.ts",
    "getproducts": "tests/fixtures/aws-offers/pricing-api-getproducts/"
                   "AmazonEC2-us-east-1-m5.large-20210205204500-getproducts-item.json",
    "rds_csv": "tests/fixtures/aws-offers/csv/AmazonRDS-eu-west-2-20260904172716-excerpt.csv",
    "spot_advisor": "tests/fixtures/commitments/spot-advisor-data-20250628-excerpt.json",
}

# The 21 regions of issue 9 (the commercial regions the engine covers).
REGIONS = [
    "us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1", "sa-east-1",
    "eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1", "eu-north-1", "eu-south-1",
    "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-southeast-1", "ap-southeast-2",
    "ap-south-1", "ap-east-1", "me-south-1", "af-south-1",
]
# Priority EC2 families and sizes (issue 10 data brief).
EC2_FAMILIES = ["t3", "t3a", "t4g", "m5", "m6i", "m6g", "m7i", "m7g",
                "c5", "c6i", "c6g", "c7g", "r5", "r6i", "r6g", "r7g", "c8i", "m8i", "r8i"]
EC2_SIZES = ["nano", "micro", "small", "medium", "large", "xlarge", "2xlarge", "4xlarge"]
RDS_ENGINES = {"MySQL": "mysql", "PostgreSQL": "postgresql"}
RDS_AZ = {"Single-AZ": "single_az", "Multi-AZ": "multi_az"}

TERM_HOURS = {1: Decimal(8760), 3: Decimal(26280)}  # 365-day years, as AWS amortises
PAYMENTS = ["no-upfront", "partial-upfront", "all-upfront"]
PAYMENT_FROM_AWS = {"No Upfront": "no-upfront", "Partial Upfront": "partial-upfront",
                    "All Upfront": "all-upfront"}
# pricesim tuple order (its ec2CommitmentTerms)
PRICESIM_ORDER = [(1, "no-upfront"), (1, "partial-upfront"), (1, "all-upfront"),
                  (3, "no-upfront"), (3, "partial-upfront"), (3, "all-upfront")]

RATE_COLUMNS = ["key", "region", "unit", "offering_class", "term_years", "payment",
                "usd_upfront", "usd_hourly", "effective_hourly", "on_demand_hourly",
                "basis", "sku", "effective", "source"]
SPOT_COLUMNS = ["key", "region", "unit", "discount_pct", "interruption_band", "effective", "source"]
BASES = {"upfront+hourly", "effective-only", "savings-plan-rate", "spot-price"}

# ---------------------------------------------------------------------------------------------
# Provenance of each source (repository, path, commit, what the numbers mean, grade).

SRC_PRICESIM = (
    "addisonj/pricesim@cbdb505146ff2c34ea44b6b5deaf6083643d5b5f:src/catalog/aws/ec2.gen.ts "
    "(generated from the AWS pricing-page data meteredUnitMaps ec2/ec2-reservedinstance and "
    "computesavingsplan/compute-savings-plan-ec2, Linux, Shared tenancy, us-east-1, 'retrieved "
    "2026-09-24'; whole lines kept in tests/fixtures/commitments/ and pricing/excerpts/)")
SRC_GETPRODUCTS = (
    "AWS Price List API GetProducts AmazonEC2 version {version} (publication {pub}), SKU {sku} "
    "(m5.large Linux Shared us-east-1), offer term {term}, rate codes {rates}; via "
    "aws/amazon-ec2-instance-selector@1863d05c37e6376776205760472e6309b26d0b54:"
    "test/static/GetProducts/m5_large.json (copy: {path})")
SRC_RDS = (
    "AWS Price List AmazonRDS {region} version {version} (publication {pub}), CSV, SKU {sku}, "
    "offer term {term}, rate codes {rates}; via mooncitizen/togen@"
    "07fe203df1849b8d6f97a1b0913d7af3b89b70f1:internal/cost/cmd/testdata/AmazonRDS-eu-west-2.csv "
    "(copy: {path})")
SRC_SPOT = (
    "AWS Spot Instance Advisor feed spot-advisor-data.json via alexei-led/spotinfo@"
    "5bdc33cee2e185c2f62df29dd9c4ad0ad7102a74:internal/spot/data/spot-advisor-data.json "
    "(committed 2025-06-28; blob sha256 06d25100fe665ce321f205bd210aceb00184034be46b9b204b9efa7d1bda481b; "
    "subset: {path}); 's' = savings vs On-Demand averaged over the 30 days before 2025-06-28 across "
    "AZs, 'r' = interruption-frequency band. Spot prices move: this is an average observed then, "
    "not today's price [grade B]")
# Fargate Compute Savings Plan rates and Fargate Spot prices: no public source with a
# repository and commit (or an AWS Price List offer version) was found, so none are carried;
# `pricing fetch --services savingsplan` reads them from the AWSComputeSavingsPlan offer.


class BuildError(Exception):
    pass


# ---------------------------------------------------------------------------------------------
# decimal helpers

def dec(s: str) -> Decimal:
    s = s.strip()
    if not re.fullmatch(r"-?\d+(\.\d+)?", s):
        raise BuildError(f"not a plain decimal: {s!r}")
    return Decimal(s)


def fmt(d: Decimal | None) -> str:
    """Plain decimal string, no exponent, no trailing zeros; '' for None."""
    if d is None:
        return ""
    if d == 0:
        return "0"
    s = format(d.normalize(), "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s


def sig_digits(d: Decimal) -> int:
    t = d.normalize().as_tuple()
    return len(t.digits)


def amortised(upfront: Decimal, hourly: Decimal, term: int) -> Decimal:
    """upfront spread over the term plus the hourly fee, rounded to 10 decimal places (display only)."""
    return (upfront / TERM_HOURS[term] + hourly).quantize(Decimal("1e-10"), rounding=ROUND_HALF_EVEN)


def round_sig(d: Decimal, n: int) -> Decimal:
    if d == 0:
        return d
    exp = d.adjusted() - n + 1
    return d.quantize(Decimal(1).scaleb(exp), rounding=ROUND_HALF_EVEN)


def wanted_ec2(instance: str) -> bool:
    fam, _, size = instance.partition(".")
    return fam in EC2_FAMILIES and size in EC2_SIZES


# ---------------------------------------------------------------------------------------------
# source readers

PRICESIM_LINE = re.compile(
    r"^  '(?P<inst>[a-z0-9.-]+)': \{ vcpu: \d+, memoryGiB: [0-9.]+, od: (?P<od>[0-9.]+), "
    r"ri: (?P<ri>null|\[[^\]]*\]), sp: (?P<sp>null|\[[^\]]*\]) \},$")


def read_pricesim_lines(path: str):
    """{instance: (od, ri[6], sp[6])} of the whole lines in `path` (no header needed)."""
    rows = {}
    with open(path, encoding="utf-8") as f:
        for line in f.read().splitlines():
            lm = PRICESIM_LINE.match(line)
            if not lm or not wanted_ec2(lm.group("inst")):
                continue
            rows[lm.group("inst")] = (dec(lm.group("od")), _tup(path, lm.group("inst"), lm.group("ri")),
                                      _tup(path, lm.group("inst"), lm.group("sp")))
    return rows


def _tup(path, inst, s):
    if s == "null":
        return None
    vals = [v.strip() for v in s[1:-1].split(",")]
    if len(vals) != 6:
        raise BuildError(f"{path}: {inst}: expected 6 values in {s}")
    return [None if v == "null" else dec(v) for v in vals]


def read_pricesim(path: str):
    """Rows of the pricesim ec2.gen.ts (whole file or excerpt): {instance: (od, ri[6], sp[6])}."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    m = re.search(r"export const ec2Retrieved = '(\d{4}-\d{2}-\d{2})'", text)
    region = re.search(r"export const ec2Region = '([a-z0-9-]+)'", text)
    order = re.search(r"export const ec2CommitmentTerms = (\[.*\]) as const", text)
    if not (m and region and order):
        raise BuildError(f"{path}: header lines (ec2Region, ec2Retrieved, ec2CommitmentTerms) missing")
    expect = "[['1y', 'noUpfront'], ['1y', 'partialUpfront'], ['1y', 'allUpfront'], " \
             "['3y', 'noUpfront'], ['3y', 'partialUpfront'], ['3y', 'allUpfront']]"
    if order.group(1) != expect:
        raise BuildError(f"{path}: unexpected commitment order {order.group(1)}")
    rows = {}
    for line in text.splitlines():
        lm = PRICESIM_LINE.match(line)
        if not lm:
            continue
        inst = lm.group("inst")
        if not wanted_ec2(inst):
            continue

        def tup(s):
            if s == "null":
                return None
            vals = [v.strip() for v in s[1:-1].split(",")]
            if len(vals) != 6:
                raise BuildError(f"{path}: {inst}: expected 6 values in {s}")
            return [None if v == "null" else dec(v) for v in vals]

        if inst in rows:
            raise BuildError(f"{path}: duplicate row {inst}")
        rows[inst] = (dec(lm.group("od")), tup(lm.group("ri")), tup(lm.group("sp")))
    if not rows:
        raise BuildError(f"{path}: no instance rows found")
    return region.group(1), m.group(1), rows


def read_getproducts(path: str):
    """Standard-class RI terms of one GetProducts item: {(term, payment): (upfront, hourly, src)}."""
    with open(path, encoding="utf-8") as f:
        d = json.load(f)
    a = d["product"]["attributes"]
    if (a.get("location"), a.get("operatingSystem"), a.get("tenancy"), a.get("preInstalledSw"),
            a.get("capacitystatus")) != ("US East (N. Virginia)", "Linux", "Shared", "NA", "Used"):
        raise BuildError(f"{path}: not a Linux/Shared/us-east-1 product")
    version, pub = d["version"], d["publicationDate"]
    out = {}
    for tkey, term in d["terms"].get("Reserved", {}).items():
        ta = term["termAttributes"]
        if ta.get("OfferingClass") != "standard":
            continue
        years = {"1yr": 1, "3yr": 3}[ta["LeaseContractLength"]]
        pay = PAYMENT_FROM_AWS[ta["PurchaseOption"]]
        upfront, hourly, rates = Decimal(0), None, []
        for dim in term["priceDimensions"].values():
            rates.append(dim["rateCode"])
            if dim["unit"] == "Quantity":
                upfront = dec(dim["pricePerUnit"]["USD"])
            elif dim["unit"] == "Hrs":
                hourly = dec(dim["pricePerUnit"]["USD"])
        if hourly is None:
            raise BuildError(f"{path}: {tkey} has no hourly dimension")
        src = SRC_GETPRODUCTS.format(version=version, pub=pub, sku=term["sku"], term=term["offerTermCode"],
                                     rates=" + ".join(sorted(rates)), path=os.path.relpath(path, ROOT))
        out[(years, pay)] = (upfront, hourly, src, term["sku"] + "." + term["offerTermCode"])
    return a["instanceType"], pub[:10], out


def read_rds_csv(path: str):
    """Standard RI terms (and the on-demand rate) of MySQL/PostgreSQL instances in an AmazonRDS CSV."""
    with open(path, encoding="utf-8", newline="") as f:
        meta = [next(f) for _ in range(5)]
        reader = csv.DictReader(f)
        metad = {r[0]: r[1] for r in csv.reader(io.StringIO("".join(meta)))}
        ondemand, terms = {}, {}
        for r in reader:
            if r.get("Product Family") != "Database Instance" or r.get("Location Type") != "AWS Region":
                continue
            eng = RDS_ENGINES.get(r.get("Database Engine", ""))
            az = RDS_AZ.get(r.get("Deployment Option", ""))
            if not eng or not az or r.get("License Model", "").lower() != "no license required":
                continue
            if not r.get("usageType", "").split("-", 1)[-1].startswith("InstanceUsage:"):
                continue
            ident = (r["Region Code"], eng, az, r["Instance Type"])
            if r["TermType"] == "OnDemand":
                if r["Unit"] == "Hrs":
                    ondemand[ident] = dec(r["PricePerUnit"])
                continue
            if r["TermType"] != "Reserved" or r.get("OfferingClass") != "standard":
                continue
            years = {"1yr": 1, "3yr": 3}[r["LeaseContractLength"]]
            pay = PAYMENT_FROM_AWS[r["PurchaseOption"]]
            t = terms.setdefault(ident + (years, pay), {"upfront": Decimal(0), "hourly": None, "rates": [],
                                                        "sku": r["SKU"], "term": r["OfferTermCode"],
                                                        "eff": r["EffectiveDate"]})
            t["rates"].append(r["RateCode"])
            if r["Unit"] == "Quantity":
                t["upfront"] = dec(r["PricePerUnit"])
            elif r["Unit"] == "Hrs":
                t["hourly"] = dec(r["PricePerUnit"])
    return metad, ondemand, terms


# ---------------------------------------------------------------------------------------------
# row builders

def rate_row(**kw):
    row = {c: "" for c in RATE_COLUMNS}
    row.update({k: (fmt(v) if isinstance(v, Decimal) else ("" if v is None else str(v))) for k, v in kw.items()})
    return row


def build_rates(args):
    rows = []
    region, retrieved, ps = read_pricesim(args.pricesim)
    for inst, row in read_pricesim_lines(args.pricesim_extra).items():
        if inst in ps:
            raise BuildError(f"{args.pricesim_extra}: {inst} is already in {args.pricesim}")
        ps[inst] = row
    gp_inst, gp_date, gp_terms = read_getproducts(args.getproducts)
    crosschecks = []

    for inst in sorted(ps):
        od, ri, sp = ps[inst]
        if ri:
            for (term, pay), eff in zip(PRICESIM_ORDER, ri):
                if eff is None:
                    continue
                key = f"ec2.reserved.linux.{inst}"
                src_ps = f"{SRC_PRICESIM} standard RI {term}-year {pay}: effective hourly {fmt(eff)}"
                if inst == gp_inst and (term, pay) in gp_terms:
                    upfront, hourly, src, sku = gp_terms[(term, pay)]
                    exact = upfront / TERM_HOURS[term] + hourly
                    agree = round_sig(exact, 6) == eff
                    crosschecks.append((inst, term, pay, upfront, hourly, exact, eff, agree))
                    if not agree:
                        raise BuildError(f"{inst} {term}y {pay}: Price List split {fmt(upfront)} + {fmt(hourly)}/h "
                                         f"gives {exact} but pricesim 2026 says {fmt(eff)}")
                    rows.append(rate_row(
                        key=key, region=region, unit="hour", offering_class="standard", term_years=term,
                        payment=pay, usd_upfront=upfront, usd_hourly=hourly,
                        effective_hourly=amortised(upfront, hourly, term), on_demand_hourly=od,
                        basis="upfront+hourly", sku=sku, effective=gp_date,
                        source=f"{src} [grade A, 2021; cross-check: {src_ps} = upfront/{TERM_HOURS[term]} h + "
                               f"hourly to 6 significant digits, so unchanged at 2026-09-24 (B)]"))
                    continue
                if pay == "no-upfront":
                    if sig_digits(eff) > 5:
                        raise BuildError(f"{inst} {term}y no-upfront {eff}: more than 5 significant digits, "
                                         "may be rounded by the 6-digit source")
                    rows.append(rate_row(
                        key=key, region=region, unit="hour", offering_class="standard", term_years=term,
                        payment=pay, usd_upfront=Decimal(0), usd_hourly=eff, effective_hourly=eff,
                        on_demand_hourly=od, basis="upfront+hourly", effective=retrieved,
                        source=src_ps + " (No Upfront: no upfront fee, so the effective rate is the hourly fee) [grade B]"))
                else:
                    rows.append(rate_row(
                        key=key, region=region, unit="hour", offering_class="standard", term_years=term,
                        payment=pay, usd_upfront=None,
                        usd_hourly=Decimal(0) if pay == "all-upfront" else None,
                        effective_hourly=eff, on_demand_hourly=od, basis="effective-only", effective=retrieved,
                        source=src_ps + " (upfront fee and hourly fee not published separately by this source; "
                                        "rounded to 6 significant digits) [grade B]"))
        if sp:
            for (term, pay), rate in zip(PRICESIM_ORDER, sp):
                if rate is None:
                    continue
                rows.append(rate_row(
                    key=f"savings_plan.compute.ec2.linux.{inst}", region=region, unit="hour",
                    term_years=term, payment=pay, usd_hourly=rate, effective_hourly=rate, on_demand_hourly=od,
                    basis="savings-plan-rate", effective=retrieved,
                    source=f"{SRC_PRICESIM} Compute Savings Plan {term}-year {pay}: rate {fmt(rate)} per instance-hour "
                           "(printed to 10 significant digits, i.e. as published) [grade B]"))

    metad, rds_od, rds_terms = read_rds_csv(args.rds_csv)
    for ident in sorted(rds_terms):
        reg, eng, az, inst, term, pay = ident
        if reg not in REGIONS:
            continue
        t = rds_terms[ident]
        if t["hourly"] is None:
            raise BuildError(f"{args.rds_csv}: {ident} has no hourly row")
        src = SRC_RDS.format(region=reg, version=metad["Version"], pub=metad["Publication Date"], sku=t["sku"],
                             term=t["term"], rates=" + ".join(sorted(t["rates"])),
                             path=os.path.relpath(args.rds_csv, ROOT))
        rows.append(rate_row(
            key=f"rds.reserved.{eng}.{az}.{inst}", region=reg, unit="hour", offering_class="standard",
            term_years=term, payment=pay, usd_upfront=t["upfront"], usd_hourly=t["hourly"],
            effective_hourly=amortised(t["upfront"], t["hourly"], term),
            on_demand_hourly=rds_od.get((reg, eng, az, inst)), basis="upfront+hourly",
            sku=f"{t['sku']}.{t['term']}", effective=metad["Publication Date"][:10], source=src + " [grade A]"))

    pay_order = {p: i for i, p in enumerate(PAYMENTS)}
    rows.sort(key=lambda r: (r["region"], r["key"], r["term_years"], pay_order.get(r["payment"], -1)))
    return rows, crosschecks


def build_spot(args):
    with open(args.spot_advisor, encoding="utf-8") as f:
        d = json.load(f)
    bands = {r["index"]: r["label"] for r in d["ranges"]}
    src = SRC_SPOT.format(path=os.path.relpath(args.spot_advisor, ROOT))
    rows = []
    for reg in REGIONS:
        linux = d["spot_advisor"].get(reg, {}).get("Linux", {})
        for inst in sorted(linux):
            if not wanted_ec2(inst):
                continue
            v = linux[inst]
            rows.append({"key": f"ec2.spot.discount.linux.{inst}", "region": reg, "unit": "percent",
                         "discount_pct": str(int(v["s"])), "interruption_band": bands[v["r"]],
                         "effective": "2025-06-28", "source": src})
    rows.sort(key=lambda r: (r["region"], r["key"]))
    return rows


# ---------------------------------------------------------------------------------------------
# checks

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
PLAIN = re.compile(r"^(0|[1-9]\d*)(\.\d*[1-9])?$")


def near_integer(x: Decimal, tol: Decimal) -> bool:
    return abs(x - x.to_integral_value()) <= tol


def check_rates(rows):
    errors = []
    seen = set()
    for r in rows:
        ident = (r["key"], r["region"], r["term_years"], r["payment"])
        where = " ".join(x for x in ident if x)
        if ident in seen:
            errors.append(f"duplicate row {where}")
        seen.add(ident)
        for c in ("key", "region", "unit", "basis", "effective", "source", "effective_hourly"):
            if not r[c]:
                errors.append(f"{where}: empty {c}")
        if r["region"] not in REGIONS:
            errors.append(f"{where}: region outside the 21")
        if not DATE.match(r["effective"]):
            errors.append(f"{where}: effective {r['effective']!r} is not a date")
        if "[grade " not in r["source"]:
            errors.append(f"{where}: source has no grade")
        if r["basis"] not in BASES:
            errors.append(f"{where}: unknown basis {r['basis']}")
        for c in ("usd_upfront", "usd_hourly", "effective_hourly", "on_demand_hourly"):
            if r[c] and not PLAIN.match(r[c]):
                errors.append(f"{where}: {c} {r[c]!r} is not a plain decimal")
        if errors:
            continue
        eff = Decimal(r["effective_hourly"])
        od = Decimal(r["on_demand_hourly"]) if r["on_demand_hourly"] else None
        if od is not None and not eff < od:
            errors.append(f"{where}: effective {eff} not below on-demand {od}")
        if r["basis"] in ("spot-price",):
            if r["term_years"] or r["payment"]:
                errors.append(f"{where}: a spot price has no term or payment")
            continue
        if r["term_years"] not in ("1", "3") or r["payment"] not in PAYMENTS:
            errors.append(f"{where}: bad term/payment")
            continue
        term, pay, H = int(r["term_years"]), r["payment"], TERM_HOURS[int(r["term_years"])]
        if r["basis"] == "savings-plan-rate":
            if r["usd_upfront"]:
                errors.append(f"{where}: a Savings Plan rate carries no per-unit upfront fee")
            if r["usd_hourly"] != r["effective_hourly"]:
                errors.append(f"{where}: Savings Plan rate and effective rate differ")
            continue
        # reserved instances
        if r["offering_class"] != "standard":
            errors.append(f"{where}: offering_class must be standard")
        if r["basis"] == "upfront+hourly":
            up, hr = Decimal(r["usd_upfront"]), Decimal(r["usd_hourly"])
            if pay == "no-upfront" and up != 0:
                errors.append(f"{where}: no-upfront with upfront {up}")
            if pay == "all-upfront" and (hr != 0 or up <= 0):
                errors.append(f"{where}: all-upfront must have hourly 0 and an upfront fee")
            if pay == "partial-upfront":
                share = up / (up + hr * H)
                if not (Decimal("0.4") <= share <= Decimal("0.6")):
                    errors.append(f"{where}: partial upfront pays {share:.3f} of the total upfront, not about half")
            if abs(eff - (up / H + hr)) > Decimal("1e-10"):
                errors.append(f"{where}: effective {eff} != upfront/{H} + hourly")
        else:  # effective-only
            if r["usd_upfront"]:
                errors.append(f"{where}: effective-only row with an upfront fee")
            if pay == "no-upfront":
                errors.append(f"{where}: no-upfront rows must carry the hourly fee")
            if pay == "all-upfront":
                if r["usd_hourly"] != "0":
                    errors.append(f"{where}: all-upfront hourly must be 0")
                # transcription guard: an all-upfront fee is a whole number of dollars, so the
                # 6-significant-digit effective rate times the term hours must land next to an integer
                tol = Decimal(1).scaleb(eff.adjusted() - 5) * H / 2 + Decimal("0.0001")
                if not near_integer(eff * H, tol):
                    errors.append(f"{where}: all-upfront effective {eff} x {H} h = {eff * H} is not near a whole "
                                  "upfront fee (transcription error?)")
            elif r["usd_hourly"]:
                errors.append(f"{where}: partial-upfront effective-only row with an hourly fee")
    # ordering within each key: no-upfront >= partial >= all-upfront, 3-year below 1-year
    by = {}
    for r in rows:
        if r["term_years"]:
            by.setdefault((r["key"], r["region"]), {})[(int(r["term_years"]), r["payment"])] = Decimal(r["effective_hourly"])
    for (key, reg), v in by.items():
        for term in (1, 3):
            seq = [v.get((term, p)) for p in PAYMENTS]
            seq = [x for x in seq if x is not None]
            if seq != sorted(seq, reverse=True):
                errors.append(f"{key} {reg} {term}y: effective rates not falling from no- to all-upfront: {seq}")
        for p in PAYMENTS:
            if (1, p) in v and (3, p) in v and not v[(3, p)] < v[(1, p)]:
                errors.append(f"{key} {reg} {p}: 3-year rate not below 1-year")
    return errors


def check_spot(rows):
    errors, seen = [], set()
    for r in rows:
        ident = (r["key"], r["region"])
        if ident in seen:
            errors.append(f"duplicate spot row {ident}")
        seen.add(ident)
        if not all(r[c] for c in SPOT_COLUMNS):
            errors.append(f"{ident}: empty column")
        if not (0 < int(r["discount_pct"]) < 100):
            errors.append(f"{ident}: discount {r['discount_pct']} outside 0-100")
        if not DATE.match(r["effective"]) or "[grade " not in r["source"]:
            errors.append(f"{ident}: undated or ungraded")
    return errors


# ---------------------------------------------------------------------------------------------
# output

def render(rows, columns) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
    w.writeheader()
    for r in rows:
        w.writerow(r)
    return buf.getvalue()


def write_atomic(path: str, text: str) -> None:
    d = os.path.dirname(path)
    os.makedirs(d, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=d)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--pricesim-extra", default=DEFAULTS["pricesim_extra"],
                   help="more whole lines of the same pricesim file (pricing/excerpts/)")
    p.add_argument("--pricesim", default=DEFAULTS["pricesim"],
                   help="addisonj/pricesim src/catalog/aws/ec2.gen.ts (whole file or the excerpt)")
    p.add_argument("--getproducts", default=DEFAULTS["getproducts"],
                   help="one AWS Pricing API GetProducts item (m5.large us-east-1) with Reserved terms")
    p.add_argument("--rds-csv", default=DEFAULTS["rds_csv"], help="an AWS Price List AmazonRDS regional CSV")
    p.add_argument("--spot-advisor", default=DEFAULTS["spot_advisor"], help="spot-advisor-data.json (whole or subset)")
    p.add_argument("--out-dir", default=OUT_DIR)
    p.add_argument("--check-only", action="store_true",
                   help="rebuild in memory, run the checks, and compare with the files in --out-dir")
    args = p.parse_args(argv)
    for k in ("pricesim", "pricesim_extra", "getproducts", "rds_csv", "spot_advisor"):
        v = getattr(args, k)
        if not os.path.isabs(v):
            setattr(args, k, os.path.join(ROOT, v))

    try:
        rates, crosschecks = build_rates(args)
        spot = build_spot(args)
    except (BuildError, OSError, KeyError, ValueError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    errors = check_rates(rates) + check_spot(spot)
    if errors:
        for e in errors:
            print(f"check failed: {e}", file=sys.stderr)
        print(f"{len(errors)} check(s) failed; nothing written", file=sys.stderr)
        return 1

    outputs = {os.path.join(args.out_dir, "rates.csv"): render(rates, RATE_COLUMNS),
               os.path.join(args.out_dir, "spot.csv"): render(spot, SPOT_COLUMNS)}
    if args.check_only:
        stale = []
        for path, text in outputs.items():
            try:
                with open(path, encoding="utf-8", newline="") as f:
                    if f.read() != text:
                        stale.append(path)
            except FileNotFoundError:
                stale.append(path)
        if stale:
            print("out of date (re-run pricing/build_commitments.py): " + ", ".join(stale), file=sys.stderr)
            return 1
    else:
        for path, text in outputs.items():
            write_atomic(path, text)

    # summary
    count = {}
    for r in rates:
        svc = r["key"].split(".")[0] + ("." + r["key"].split(".")[1] if r["key"].startswith("savings_plan") else "")
        count[(r["region"], svc, r["basis"])] = count.get((r["region"], svc, r["basis"]), 0) + 1
    print(f"rates.csv: {len(rates)} rows")
    for k in sorted(count):
        print(f"  {k[0]:15} {k[1]:24} {k[2]:18} {count[k]}")
    sreg = {}
    for r in spot:
        sreg[r["region"]] = sreg.get(r["region"], 0) + 1
    print(f"spot.csv: {len(spot)} rows in {len(sreg)} regions ("
          + ", ".join(f"{k} {v}" for k, v in sorted(sreg.items())) + ")")
    for inst, term, pay, up, hr, exact, eff, ok in crosschecks:
        print(f"  cross-check {inst} {term}y {pay}: {fmt(up)} + {fmt(hr)}/h -> {fmt(round_sig(exact, 6))} "
              f"vs pricesim {fmt(eff)} {'OK' if ok else 'MISMATCH'}")
    print("checked only; files unchanged" if args.check_only else f"written to {os.path.relpath(args.out_dir, ROOT)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
