#!/usr/bin/env python3
"""Sanity check for the archcost limits tables. Run: python3 limits/check_limits.py"""
import csv, math, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
PREFIXES = ("lambda.", "apigw.", "dynamodb.", "fargate.", "alb.", "rds.", "ec2.", "ecs.", "eks.", "nat.")
KINDS = {"hard", "quota", "behaviour"}
errors = []

def num(s):
    try:
        v = float(s)
    except (TypeError, ValueError):
        return None
    return v if math.isfinite(v) else None

def load(name, header):
    with open(os.path.join(HERE, name), encoding="utf-8", newline="") as f:
        rd = csv.DictReader(f)
        if rd.fieldnames != header:
            errors.append(f"{name}: header {rd.fieldnames} != {header}")
        return list(rd)

rows = load("limits.csv", ["id", "service", "name", "value", "unit", "kind", "applies_to", "source", "remedy"])
seen = set()
for i, r in enumerate(rows, start=2):
    rid = (r.get("id") or "").strip()
    where = f"limits.csv line {i} ({rid or '?'})"
    if not rid:
        errors.append(f"{where}: empty id")
    elif rid in seen:
        errors.append(f"{where}: duplicate id")
    seen.add(rid)
    if rid and not rid.startswith(PREFIXES):
        errors.append(f"{where}: id has unknown service prefix")
    if rid and r["service"] != rid.split(".")[0]:
        errors.append(f"{where}: service '{r['service']}' does not match id prefix")
    if num(r["value"]) is None or "," in r["value"]:
        errors.append(f"{where}: value '{r['value']}' is not a plain number")
    if r["kind"] not in KINDS:
        errors.append(f"{where}: kind '{r['kind']}' not in {sorted(KINDS)}")
    for col in ("name", "unit", "source", "remedy"):
        if not (r.get(col) or "").strip():
            errors.append(f"{where}: empty {col}")
    if r["source"] and "http" not in r["source"]:
        errors.append(f"{where}: source has no URL")
    at = r["applies_to"].strip()
    if at and not all("=" in part and part.split("=", 1)[0] and part.split("=", 1)[1] for part in at.split(",")):
        errors.append(f"{where}: applies_to '{at}' is not key=value[,key=value]")

def check_numeric(name, header, numeric_cols):
    for i, r in enumerate(load(name, header), start=2):
        for c in numeric_cols:
            if num(r[c]) is None:
                errors.append(f"{name} line {i}: {c} '{r[c]}' not numeric")
        if not r["source"].strip():
            errors.append(f"{name} line {i}: empty source")
    return True

check_numeric("fargate-sizes.csv", ["vcpu", "memory_gb_min", "memory_gb_max", "memory_gb_step", "source"],
              ["vcpu", "memory_gb_min", "memory_gb_max", "memory_gb_step"])
for i, r in enumerate(load("fargate-sizes.csv", ["vcpu", "memory_gb_min", "memory_gb_max", "memory_gb_step", "source"]), start=2):
    lo, hi, st = num(r["memory_gb_min"]), num(r["memory_gb_max"]), num(r["memory_gb_step"])
    if None not in (lo, hi, st) and (hi < lo or st <= 0):
        errors.append(f"fargate-sizes.csv line {i}: bad range/step")
check_numeric("rds-instance-memory.csv", ["instance", "memory_gib", "vcpu", "source"], ["memory_gib", "vcpu"])
check_numeric("ec2-instances.csv", ["instance", "vcpu", "memory_gib", "arch", "source"], ["vcpu", "memory_gib"])

# remedies-ja.csv: the Japanese of every remedy, one row per limits.csv id, same order.
ja = load("remedies-ja.csv", ["id", "remedy_ja"])
ja_ids = [r["id"] for r in ja]
if ja_ids != [r["id"] for r in rows]:
    missing = sorted(seen - set(ja_ids))
    orphans = sorted(set(ja_ids) - seen)
    errors.append(f"remedies-ja.csv: ids differ from limits.csv (missing {missing}, orphans {orphans}, or order)")
for i, r in enumerate(ja, start=2):
    if not r["remedy_ja"].strip() or not r["remedy_ja"].endswith("。"):
        errors.append(f"remedies-ja.csv line {i} ({r['id']}): empty or not a sentence")

if errors:
    print("\n".join(errors))
    sys.exit(1)
print(f"OK: limits.csv {len(rows)} rows, ids unique, values numeric, kinds valid; remedies-ja.csv {len(ja)} rows")
