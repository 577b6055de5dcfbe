"""Readers for the pinned source snapshots behind the bundled catalog (see pricing/SOURCES.md).

Every source is a public GitHub repository that committed AWS's own pricing-page data files
(the "meteredUnitMap" JSON behind aws.amazon.com/*/pricing and calculator.aws). Each one is
pinned to a commit here, so a regeneration from the same snapshots gives the same bytes.

A snapshot is given as a directory: either a git directory (bare, as `git clone --mirror` or
the project's `fetch` tool leaves it) -- files are then read with `git show COMMIT:PATH`, so the
pinned commit is what is read -- or a work tree checked out at that commit (files read from
disk; the script then checks `git rev-parse HEAD` when it can).

Python 3 standard library only.
"""

import json
import os
import subprocess

# name -> (repository, pinned commit, human description)
SNAPSHOTS = {
    "pw": (
        "QuinnyPig/aws-price-watcher",
        "a6645eb2e53e9399396a714cdc4f3c346c7f06c0",
        "hourly copies of the AWS pricing-page meteredUnitMaps, HEAD of 2025-06-18",
    ),
    "lk": (
        "lamngockhuong/aws-price",
        "508fb45296c89efe38772babd7ec766644629267",
        "AWS pricing-page meteredUnitMaps fetched 2025-11-04 (lib/data/pricing/metadata.json); "
        "EC2 Linux on-demand in ec2-transformed.json (last changed 2025-11-03)",
    ),
    "ys": (
        "yeo/ec2.shop",
        "74c9fd8ab5acfd9511cd6535f914d47071601ad2",
        "AWS pricing-page meteredUnitMaps for EC2/EBS, data committed 2024-07 .. 2025-04",
    ),
    "vt": (
        "vantage-sh/ec2instances.info",
        "14ede5a54df6e33be6ccf96ae9cb60e168635844",
        "www/rds/instances.json as committed 2021-08-03 (RDS Single-AZ on-demand by engine)",
    ),
}

ENV = {"pw": "PRICE_WATCHER", "lk": "AWS_PRICE", "ys": "EC2_SHOP", "vt": "EC2INSTANCES_INFO"}


class Snapshot:
    """One pinned repository snapshot: read(path) -> bytes."""

    def __init__(self, name, directory):
        self.name = name
        self.repo, self.commit, self.about = SNAPSHOTS[name]
        self.dir = directory
        self.bare = os.path.isfile(os.path.join(directory, "HEAD")) and os.path.isdir(
            os.path.join(directory, "objects"))
        if not self.bare:
            head = _git(directory, ["rev-parse", "HEAD"], check=False)
            if head and not head.decode().strip().startswith(self.commit[:7]):
                raise SystemExit(
                    "%s: work tree is at %s, expected %s (%s); check out the pinned commit"
                    % (directory, head.decode().strip(), self.commit, self.repo))

    def read(self, path):
        if self.bare:
            return _git(self.dir, ["show", "%s:%s" % (self.commit, path)])
        with open(os.path.join(self.dir, path), "rb") as f:
            return f.read()

    def json(self, path):
        return json.loads(self.read(path))

    def json_or_none(self, path):
        """The JSON document at `path`, or None when the committed file is not JSON (some
        snapshots committed the XML error page AWS served for a map it does not publish)."""
        data = self.read(path)
        return json.loads(data) if data.lstrip()[:1] == b"{" else None

    def exists(self, path):
        if self.bare:
            out = _git(self.dir, ["cat-file", "-e", "%s:%s" % (self.commit, path)], check=False)
            return out is not None
        return os.path.exists(os.path.join(self.dir, path))

    def ls(self, folder):
        """File names (not paths) directly under `folder` at the pinned commit."""
        if self.bare:
            out = _git(self.dir, ["ls-tree", "--name-only", "%s:%s" % (self.commit, folder)])
            return out.decode().split()
        return sorted(os.listdir(os.path.join(self.dir, folder)))

    def cite(self, path):
        return "%s@%s:%s" % (self.repo, self.commit[:12], path)


def _git(directory, args, check=True):
    try:
        return subprocess.run(["git", "--git-dir" if _is_bare(directory) else "-C", directory] + args,
                              check=True, capture_output=True).stdout
    except (subprocess.CalledProcessError, FileNotFoundError) as e:
        if check:
            raise SystemExit("git %s in %s failed: %s" % (" ".join(args), directory, e))
        return None


def _is_bare(directory):
    return os.path.isfile(os.path.join(directory, "HEAD")) and os.path.isdir(
        os.path.join(directory, "objects"))


def open_all(dirs):
    """dirs: name -> directory (None = take it from the environment variable)."""
    out = {}
    missing = []
    for name in SNAPSHOTS:
        d = dirs.get(name) or os.environ.get(ENV[name])
        if not d:
            missing.append(name)
            continue
        if not os.path.isdir(d):
            raise SystemExit("%s: not a directory (snapshot of %s)" % (d, SNAPSHOTS[name][0]))
        out[name] = Snapshot(name, d)
    if missing:
        lines = ["missing snapshot(s); give each as --%s DIR or in $%s:" % (n, ENV[n]) for n in missing]
        for n in missing:
            repo, commit, _ = SNAPSHOTS[n]
            lines.append("  %s: git clone --mirror https://github.com/%s %s.git  (commit %s)"
                         % (n, repo, repo.split("/")[1], commit))
        raise SystemExit("\n".join(lines))
    return out
