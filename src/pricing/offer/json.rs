//! Streaming reader of JSON offer files (`{products, terms}`), and of one Pricing API
//! `GetProducts` item: serde visitors walk the top-level map, keep only products that map
//! to a catalog key, and skip everything else (other SKUs, other term types) with `IgnoredAny`.
//! Reserved terms of kept SKUs (EC2 / RDS Standard RIs) become commitment rows.
use super::mapping::{self, Attr, Target};
use super::unique::{SeenKeys, UniqueMap};
use super::{parse_decimal, parse_range, Collector, Dim, Imported, OfferMeta, RegionFilter};
use crate::error::{Error, Result};
use rust_decimal::Decimal;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use std::collections::HashMap;
use std::fmt;

#[derive(Deserialize)]
struct Product {
    #[serde(default)]
    sku: String,
    #[serde(default, rename = "productFamily")]
    product_family: String,
    #[serde(default)]
    attributes: UniqueMap<String>,
}

#[derive(Deserialize)]
struct Term {
    #[serde(default, rename = "priceDimensions")]
    price_dimensions: UniqueMap<PriceDim>,
    #[serde(default, rename = "offerTermCode")]
    offer_term_code: String,
    #[serde(default, rename = "termAttributes")]
    term_attributes: UniqueMap<String>,
}

#[derive(Deserialize)]
struct PriceDim {
    #[serde(default, rename = "beginRange")]
    begin_range: Option<String>,
    #[serde(default, rename = "endRange")]
    end_range: Option<String>,
    #[serde(default)]
    unit: String,
    #[serde(default)]
    description: String,
    #[serde(default, rename = "pricePerUnit")]
    price_per_unit: UniqueMap<String>,
}

/// State shared by the visitors of one file.
struct State<'a> {
    name: &'a str,
    meta: OfferMeta,
    /// SKU → where its prices go (only SKUs that map).
    kept: HashMap<String, Target>,
    collector: Collector,
    products_seen: bool,
    /// `terms` came before `products`: a second pass reads the terms.
    terms_first: bool,
    /// Pricing API item (`product` instead of `products`).
    single_product: bool,
    error: Option<Error>,
}

impl State<'_> {
    fn map_product(&mut self, p: Product) {
        let offer = if self.meta.offer_code.is_empty() {
            p.attributes
                .0
                .get("servicecode")
                .cloned()
                .unwrap_or_default()
        } else {
            self.meta.offer_code.clone()
        };
        let mut canon: [&str; Attr::ALL.len()] = [""; Attr::ALL.len()];
        let owned: Vec<(String, &String)> = p
            .attributes
            .iter()
            .map(|(k, v)| (mapping::canonical_name(k), v))
            .collect();
        for (k, v) in &owned {
            if let Some(a) = Attr::ALL.iter().find(|a| a.canonical() == k) {
                canon[a.index()] = v.as_str();
            }
        }
        canon[Attr::ProductFamily.index()] = p.product_family.as_str();
        let get = |a: Attr| canon[a.index()];
        if let Some(t) = mapping::map_product(&offer, &get) {
            self.kept.insert(p.sku.clone(), t);
        }
    }

    fn add_term(&mut self, sku: &str, term: Term) {
        let Some(target) = self.kept.get(sku).cloned() else {
            return;
        };
        for d in term.price_dimensions.0.into_values() {
            let Some(usd_text) = d.price_per_unit.get("USD") else {
                continue;
            };
            let parsed = (
                parse_decimal(usd_text),
                d.begin_range.as_deref().map(parse_range),
                d.end_range.as_deref().map(parse_range),
            );
            let (usd, begin, end) = match parsed {
                (Some(usd), b, e) if usd >= Decimal::ZERO => {
                    let begin = match b {
                        None | Some(None) => Decimal::ZERO,
                        Some(Some(Some(v))) => v,
                        Some(Some(None)) => {
                            self.fail(sku, "beginRange");
                            return;
                        }
                    };
                    let end = match e {
                        None | Some(None) | Some(Some(None)) => None,
                        Some(Some(Some(v))) => Some(v),
                    };
                    if matches!(e, Some(None)) && d.end_range.as_deref() != Some("") {
                        self.fail(sku, "endRange");
                        return;
                    }
                    (usd, begin, end)
                }
                _ => {
                    self.fail(sku, "pricePerUnit.USD");
                    return;
                }
            };
            self.collector.add(
                &target,
                sku,
                Dim {
                    begin,
                    end,
                    usd,
                    unit: &d.unit,
                },
            );
        }
    }

    /// A Reserved term of a kept SKU: its `Hrs` fee and "Upfront Fee" into the collector.
    fn add_reserved_term(&mut self, sku: &str, term: Term) {
        let Some(target) = self.kept.get(sku).cloned() else {
            return;
        };
        let attr = |name: &str| {
            term.term_attributes
                .iter()
                .find(|(k, _)| mapping::canonical_name(k) == name)
                .map(|(_, v)| v.as_str())
                .unwrap_or("")
        };
        let attrs = super::reserved::TermAttrs {
            lease: attr("leasecontractlength"),
            purchase_option: attr("purchaseoption"),
            offering_class: attr("offeringclass"),
        };
        let Some(years_payment) = attrs.parse() else {
            return;
        };
        let sku_term = match term.offer_term_code.as_str() {
            "" => sku.to_string(),
            code => format!("{sku}.{code}"),
        };
        for d in term.price_dimensions.0.values() {
            let part = match d.unit.as_str() {
                "Hrs" => super::reserved::Part::Hourly,
                "Quantity" if d.description.eq_ignore_ascii_case("Upfront Fee") => {
                    super::reserved::Part::Upfront
                }
                _ => continue,
            };
            let Some(usd_text) = d.price_per_unit.get("USD") else {
                continue;
            };
            let Some(usd) = parse_decimal(usd_text).filter(|u| *u >= Decimal::ZERO) else {
                self.fail(sku, "pricePerUnit.USD");
                return;
            };
            let added = self.collector.reserved.add(
                self.name,
                super::reserved::At::Sku(sku),
                &target.key,
                &target.region,
                &sku_term,
                years_payment,
                part,
                usd,
            );
            if let Err(e) = added {
                if self.error.is_none() {
                    self.error = Some(e);
                }
                return;
            }
        }
    }

    fn fail(&mut self, sku: &str, field: &str) {
        if self.error.is_none() {
            self.error = Some(Error::Input(format!(
                "{}: SKU {sku}: `{field}` is not a decimal number\n  hint: the offer file looks damaged; download it again",
                self.name
            )));
        }
    }
}

struct Top<'s, 'a>(&'s mut State<'a>);

impl<'de> DeserializeSeed<'de> for Top<'_, '_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Top<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an AWS Price List offer file: a JSON object with products and terms")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<(), A::Error> {
        let st = self.0;
        let mut seen = SeenKeys::default();
        while let Some(key) = map.next_key::<String>()? {
            seen.check(&key)?;
            match key.as_str() {
                "offerCode" => st.meta.offer_code = map.next_value()?,
                "serviceCode" if st.meta.offer_code.is_empty() => {
                    st.meta.offer_code = map.next_value()?
                }
                "version" => st.meta.version = map.next_value()?,
                "publicationDate" => st.meta.publication_date = map.next_value()?,
                "products" => {
                    map.next_value_seed(Products(st))?;
                    st.products_seen = true;
                }
                "product" => {
                    let p: Product = map.next_value()?;
                    st.single_product = true;
                    st.products_seen = true;
                    st.map_product(p);
                }
                "terms" if st.products_seen => map.next_value_seed(Terms(st))?,
                "terms" => {
                    st.terms_first = true;
                    map.next_value::<IgnoredAny>()?;
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

struct Products<'s, 'a>(&'s mut State<'a>);

impl<'de> DeserializeSeed<'de> for Products<'_, '_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Products<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("`products` as an object of SKU → product")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<(), A::Error> {
        let mut seen = SeenKeys::default();
        while let Some(sku) = map.next_key::<String>()? {
            seen.check(&sku)?;
            let p: Product = map.next_value()?;
            self.0.map_product(p);
        }
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, _seq: A) -> std::result::Result<(), A::Error> {
        Err(de::Error::custom(
            "`products` is an array: this is a Savings Plan file, which archcost does not import (use the service's own offer file)",
        ))
    }
}

struct Terms<'s, 'a>(&'s mut State<'a>);

impl<'de> DeserializeSeed<'de> for Terms<'_, '_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Terms<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("`terms` as an object of term type → terms")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<(), A::Error> {
        let mut seen = SeenKeys::default();
        while let Some(term_type) = map.next_key::<String>()? {
            seen.check(&term_type)?;
            if term_type == "OnDemand" {
                map.next_value_seed(OnDemand(self.0, false))?;
            } else if term_type == "Reserved" {
                map.next_value_seed(OnDemand(self.0, true))?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }
}

/// The terms of one term type: `OnDemand` (false) or `Reserved` (true).
struct OnDemand<'s, 'a>(&'s mut State<'a>, bool);

impl<'de> DeserializeSeed<'de> for OnDemand<'_, '_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for OnDemand<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("`OnDemand` / `Reserved` terms as an object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<(), A::Error> {
        let st = self.0;
        let reserved = self.1;
        let add = |st: &mut State, sku: &str, term: Term| {
            if reserved {
                st.add_reserved_term(sku, term);
            } else {
                st.add_term(sku, term);
            }
        };
        let mut seen = SeenKeys::default();
        while let Some(k) = map.next_key::<String>()? {
            if st.single_product {
                // GetProducts item: `OnDemand: { "<SKU>.<term>": Term }`.
                let term: Term = map.next_value()?;
                let sku = k.split('.').next().unwrap_or("").to_string();
                add(st, &sku, term);
            } else if st.kept.contains_key(&k) {
                seen.check(&k)?;
                let terms: UniqueMap<Term> = map.next_value()?;
                for term in terms.0.into_values() {
                    add(st, &k, term);
                }
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }
}

fn run_pass<R: std::io::Read>(st: &mut State, reader: R) -> Result<()> {
    let guarded = super::guard::StringGuard::new(reader, super::guard::MAX_JSON_STRING_BYTES);
    let mut de = serde_json::Deserializer::from_reader(guarded);
    let res = Top(st).deserialize(&mut de).and_then(|_| de.end());
    res.map_err(|e| {
        if e.io_error_kind() == Some(std::io::ErrorKind::InvalidData) {
            Error::Input(format!(
                "{}: line {}, column {}: {}",
                st.name,
                e.line(),
                e.column(),
                strip_position(&e.to_string())
            ))
        } else if e.is_io() {
            Error::io(st.name, std::io::Error::other(e.to_string()))
        } else {
            Error::Input(format!(
                "{}: line {}, column {}: {}\n  hint: expected an AWS Price List JSON offer file (formatVersion, offerCode, version, publicationDate, products, terms)",
                st.name,
                e.line(),
                e.column(),
                strip_position(&e.to_string())
            ))
        }
    })
}

/// serde_json appends " at line L column C"; the message already says where.
fn strip_position(msg: &str) -> &str {
    match msg.rfind(" at line ") {
        Some(i) => &msg[..i],
        None => msg,
    }
}

/// Import a JSON offer file in one pass. When `terms` come before `products` (not the case in
/// AWS's files) and products needed them, the file is rejected with a clear message.
pub fn import<R: std::io::Read>(name: &str, reader: R, regions: &RegionFilter) -> Result<Imported> {
    let mut st = State {
        name,
        meta: OfferMeta {
            file: name.to_string(),
            ..OfferMeta::default()
        },
        kept: HashMap::new(),
        collector: Collector::default(),
        products_seen: false,
        terms_first: false,
        single_product: false,
        error: None,
    };
    run_pass(&mut st, reader)?;
    if let Some(e) = st.error.take() {
        return Err(e);
    }
    if st.terms_first && st.kept.values().next().is_some() {
        return Err(Error::Input(format!(
            "{name}: `terms` come before `products`; archcost reads offer files in one streaming pass and needs the products first (as AWS writes them)"
        )));
    }
    if !st.products_seen {
        return Err(Error::Input(format!(
            "{name}: no `products` object; expected an AWS Price List JSON offer file (formatVersion, offerCode, version, publicationDate, products, terms)"
        )));
    }
    for (what, v) in [
        ("offerCode", &st.meta.offer_code),
        ("version", &st.meta.version),
        ("publicationDate", &st.meta.publication_date),
    ] {
        if v.is_empty() {
            return Err(Error::Input(format!(
                "{name}: the top-level `{what}` is missing; expected an AWS Price List JSON offer file"
            )));
        }
    }
    if !mapping::OFFERS.contains(&st.meta.offer_code.as_str()) {
        return Err(Error::Input(format!(
            "{name}: offer `{}` has no prices archcost uses; supported offers: {}",
            st.meta.offer_code,
            mapping::OFFERS.join(", ")
        )));
    }
    let collector = std::mem::take(&mut st.collector);
    collector.into_imported(st.meta.clone(), regions)
}
