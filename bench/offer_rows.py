"""The parts of a synthetic AWS Price List CSV offer file (index.csv layout) that
bench/gen_ec2_offer.py and bench/gen_rds_offer.py share: stable codes, quoting, the metadata
lines and header, and one price row over a product's attribute columns.
Python 3 standard library only; prices written with it are synthetic benchmark input."""
import hashlib

ALNUM = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def code(seed, n):
    """A stable n-character SKU / term code derived from `seed`."""
    h = hashlib.blake2b(seed.encode(), digest_size=16).digest()
    return "".join(ALNUM[b % 32] for b in h[:n])


def q(v):
    """A CSV field as AWS writes it: quoted when present, empty and unquoted when absent."""
    return "" if v is None else '"' + v.replace('"', '""') + '"'


def preamble(offer_code, header):
    """The five metadata lines and the quoted header, newline-terminated."""
    meta = ['"FormatVersion","v1.0"',
            '"Disclaimer","This pricing list is for informational purposes only. Synthetic benchmark file."',
            '"Publication Date","2026-09-10T18:04:21Z"', '"Version","20260910180421"',
            f'"OfferCode","{offer_code}"', ",".join(q(h) for h in header)]
    return "\n".join(meta) + "\n"


def row(base, ix, sku, term_code, rate, term_type, desc, eff, begin, end, unit, price,
        lease=None, opt=None, cls=None):
    """One price row: the product's attribute columns (`base`) with the term columns set."""
    r = list(base)
    r[0:12] = [sku, term_code, f"{sku}.{term_code}.{rate}", term_type, desc, eff, begin, end,
               unit, price, "USD", None]
    r[ix["LeaseContractLength"]] = lease
    r[ix["PurchaseOption"]] = opt
    r[ix["OfferingClass"]] = cls
    return ",".join(q(v) for v in r)
