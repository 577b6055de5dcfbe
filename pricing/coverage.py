"""Render pricing/COVERAGE.md: what the regenerated catalog holds, what is absent, and how the
sources agreed. Called by build_catalog.py; Python 3 standard library only."""

from collections import Counter, defaultdict

FAMILIES = ["lambda", "fargate", "apigw", "dynamodb", "alb", "nat", "vpc", "vpce", "data_transfer",
            "ec2", "ebs", "rds", "ecr", "eks", "waf"]


def render(rows, sources, report, regions, required, three_tier_keys):
    by_region = defaultdict(list)
    for r in rows:
        by_region[r["region"]].append(r)
    out = []
    w = out.append
    w("# Bundled catalog coverage (generated)")
    w("")
    w("Written by `pricing/build_catalog.py`; do not edit. Sources and method: `pricing/SOURCES.md`.")
    w("")
    total_keys = len({(r["key"], r["region"]) for r in rows})
    w("%d rows, %d (key, region) prices, %d regions, %d distinct source texts." % (
        len(rows), total_keys, len(by_region), len(sources)))
    w("")
    w("## Per region")
    w("")
    commit = _commitments()
    w("Commitments: rows of `pricing/commitments/rates.csv` (EC2 RI / EC2 Compute SP / RDS RI / Fargate SP /")
    w("Fargate Spot) and EC2 Spot discounts of `spot.csv`; a region with `-` has none (the engine then needs")
    w("`discount_pct`, or a catalog from `archcost pricing fetch`).")
    w("")
    w("| region | location | rows | EC2 types | RDS MySQL / PostgreSQL / MariaDB classes | Aurora MySQL / PostgreSQL classes | commitments (EC2 RI / EC2 SP / RDS RI / Fargate SP / Fargate Spot; EC2 Spot) | oldest | newest | three-tier example |")
    w("|---|---|---:|---:|---|---|---|---|---|---|")
    for code, loc in regions:
        rs = by_region.get(code, [])
        keys = {r["key"] for r in rs}
        ec2 = sum(1 for k in keys if k.startswith("ec2.linux."))
        rds = []
        for engine in ("mysql", "postgresql", "mariadb"):
            rds.append(len({k.split(".", 3)[3] for k in keys if k.startswith("rds.%s." % engine)
                            and (".single_az." in k or ".multi_az." in k)}))
        aur = [len({k for k in keys if k.startswith("rds.aurora-%s.single_az." % e)})
               for e in ("mysql", "postgresql")]
        dates = sorted(r["effective"] for r in rs)
        gap = report["gaps"].get(code)
        status = "prices" if not gap else "absent: " + ", ".join("`%s`" % k for k in gap)
        mark = " (issue 9 list)" if code in required else ""
        cm = commit.get(code, Counter())
        ctext = " / ".join(str(cm[k]) for k in ("ec2_ri", "ec2_sp", "rds_ri", "fargate_sp", "fargate_spot"))
        ctext = "-" if not cm else "%s; %d" % (ctext, cm["ec2_spot"])
        w("| `%s`%s | %s | %d | %d | %d / %d / %d | %d / %d | %s | %s | %s | %s |" % (
            code, mark, loc, len(rs), ec2, rds[0], rds[1], rds[2], aur[0], aur[1], ctext,
            dates[0] if dates else "", dates[-1] if dates else "", status))
    w("")
    w("## Services absent per region")
    w("")
    w("A service family is listed when the region has no row of it; the price was not in the source for")
    w("that location, so it is absent (never guessed).")
    w("")
    any_absent = False
    for code, _ in regions:
        fams = {r["key"].split(".")[0] for r in by_region.get(code, [])}
        missing = [f for f in FAMILIES if f not in fams]
        partial = []
        keys = {r["key"] for r in by_region.get(code, [])}
        for k in ("apigw.http.requests", "apigw.websocket.messages", "fargate.vcpu.windows.x86_64",
                  "dynamodb.reads.standard_ia", "vpce.hours", "waf.web_acl", "ebs.gp3", "nat.hours"):
            if k.split(".")[0] not in missing and k not in keys:
                partial.append(k)
        if missing or partial:
            any_absent = True
            w("- `%s`: %s" % (code, ", ".join(["all of `%s`" % f for f in missing] + ["`%s`" % k for k in partial])))
    if not any_absent:
        w("None.")
    w("")
    w("## Cross-checks")
    w("")
    e = report["ec2"]
    w("### EC2 Linux on-demand")
    w("")
    w("Newest source first, each row keeping its own date: the pricesim excerpt (us-east-1, c8i/m8i/r8i, 2026-09-24), then")
    w("lamngockhuong/aws-price `ec2-transformed.json` (2025-11-03), then price-watcher `processed/ec2.json` (2025-06-18)")
    w("for the types the newer copies lack. Rows per source: %s." % ", ".join(
        "%s %d" % ({"ps": "pricesim", "lk": "aws-price 2025-11", "pw": "price-watcher 2025-06"}[k], n)
        for k, n in sorted(e["by_source"].items())))
    w("")
    w("- aws-price (2025-11) against price-watcher (2025-06): %d equal, %d different (the newer kept), %d types/regions only in the newer copy." % (
        e["lk_same"], len(e["lk_diff"]), e["lk_added"]))
    w("- pricesim (2026-09) against the 2025 copies (us-east-1): %d equal, %d different (the newer kept), %d only in pricesim." % (
        e["pricesim_same"], len(e["pricesim_diff"]), e["pricesim_added"]))
    w("- yeo/ec2.shop `data/ec2/<region>-ondemand.json` (AWS map published 2025-04-04) against the kept price: %d equal, %d different, %d not in that copy." % (
        e["ys_same"], len(e["ys_diff"]), e["ys_missing"]))
    w("- Previous-generation types left out (AWS's previousgen-ondemand map): %s." % ", ".join(
        sorted(e["previous_generation_skipped"])))
    if e["lk_diff"]:
        w("")
        w("Prices that changed between the 2025-06 and 2025-11 copies (2025-06 value first, the 2025-11 one is kept; first 60 of %d):" % len(e["lk_diff"]))
        w("")
        for (code, itype), old, new in sorted(e["lk_diff"])[:60]:
            w("- `%s` `%s`: %s -> %s" % (code, itype, old, new))
    if e["pricesim_diff"]:
        w("")
        w("Prices that differ between an older copy and pricesim 2026-09 (older value and date first, the 2026 one is kept):")
        w("")
        for (code, itype), old, new, date in sorted(e["pricesim_diff"]):
            w("- `%s` `%s`: %s (%s) -> %s" % (code, itype, old, date, new))
    if e["ys_diff"]:
        w("")
        w("Differences with the 2025-04 copy (catalog value first; first 40 of %d):" % len(e["ys_diff"]))
        w("")
        for (code, itype), mine, other in sorted(e["ys_diff"])[:40]:
            w("- `%s` `%s`: %s vs %s" % (code, itype, mine, other))
    w("")
    c = report["curated"]
    w("### Curated rows (us-east-1, ap-northeast-1) against the generated rows")
    w("")
    w("`pricing/curated.csv` rows win for their (key, region). %d curated prices equal the generated ones; %d differ; %d have no generated counterpart." % (
        c["same"], len(c["diff"]), len(c["only_curated"])))
    if c["diff"]:
        w("")
        for (key, region), a, b in c["diff"]:
            w("- `%s` %s: curated %s, generated %s" % (key, region, _tiers(a), _tiers(b)))
    if c["only_curated"]:
        w("")
        w("Only curated: %s." % ", ".join("`%s` %s" % (k, r) for k, r in c["only_curated"]))
    w("")
    lt = report["later"]
    w("### Later copy of the same AWS maps (lamngockhuong/aws-price, 2025-10/11)")
    w("")
    for name, a, b in lt["files"]:
        w("- `%s`: price-watcher %s, later copy %s" % (name, a, b))
    w("")
    w("%d prices equal, %d differ." % (lt["same"], len(lt["diff"])))
    if lt["diff"]:
        w("")
        for name, code, metric, a, b in sorted(lt["diff"])[:60]:
            w("- %s `%s` '%s': %s (catalog) vs %s (later)" % (name, code, metric, _d(a), _d(b)))
    w("")
    rd = report["rds"]
    w("### RDS")
    w("")
    w("- Against vantage-sh/ec2instances.info `www/rds/instances.json` (2021-08, Single-AZ): %d equal, %d different (prices changed since 2021 or classes renamed)." % (
        rd["vt_same"], len(rd["vt_diff"])))
    w("- Against the AWS Price List AmazonRDS eu-west-2 20260904172716 excerpt in `tests/fixtures` (grade A): %d equal, %d different, %d not in the catalog." % (
        len(rd["london_same"]), len(rd["london_diff"]), len(rd["london_missing"])))
    for key, mine, other in rd["london_diff"]:
        w("  - `%s` eu-west-2: %s (catalog, 2025) vs %s (Price List, 2026)" % (key, mine, other))
    if rd["vt_diff"]:
        cnt = Counter((eng, code) for eng, code, _, _, _ in rd["vt_diff"])
        w("- 2021 differences by engine and region: %s." % ", ".join(
            "%s %s: %d" % (eng, code, n) for (eng, code), n in sorted(cnt.items())))
    w("")
    if report["warnings"]:
        w("## Warnings from the last run")
        w("")
        for x in report["warnings"]:
            w("- %s" % x)
        w("")
    return "\n".join(out)


def _commitments():
    """region -> Counter of commitment rows by kind, read from pricing/commitments/."""
    import csv
    import os
    here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "commitments")
    out = defaultdict(Counter)
    kinds = [("ec2.reserved.", "ec2_ri"), ("savings_plan.compute.ec2.", "ec2_sp"),
             ("savings_plan.instance.ec2.", "ec2_sp"), ("rds.reserved.", "rds_ri"),
             ("savings_plan.compute.fargate.", "fargate_sp"), ("fargate.spot_", "fargate_spot")]
    for name in ("rates.csv", "spot.csv"):
        path = os.path.join(here, name)
        if not os.path.exists(path):
            continue
        with open(path, newline="", encoding="utf-8") as f:
            for r in csv.DictReader(f):
                kind = "ec2_spot" if name == "spot.csv" else next(
                    (k for p, k in kinds if r["key"].startswith(p)), "other")
                out[r["region"]][kind] += 1
    return out


def _d(x):
    from decimal import Decimal
    s = format(Decimal(x).normalize(), "f")
    return s


def _tiers(t):
    return "; ".join("%s@%s" % (_d(b), _d(u)) for b, u in t)
