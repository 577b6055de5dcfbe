//! Lambda duration across memory sizes: measured by AWS Lambda Power Tuning
//! (https://github.com/alexcasalboni/aws-lambda-power-tuning, the state machine's output with
//! `includeOutputResults`: `power`, `cost`, `duration`, `stats[{value, averageDuration,
//! averagePrice}]`, alone or wrapped in `{"results": ...}`), or scaled from one measured
//! duration by the share of it that is CPU time (`cpu_share`). Lambda allocates CPU in
//! proportion to memory, a full vCPU at 1,769 MB ("Memory and computing power",
//! https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html); a single request
//! uses at most one vCPU, so CPU time stops shrinking above 1,769 MB.
use crate::error::{Error, Result};
use crate::scenario::{self, Scenario};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

/// Memory at which a function has the equivalent of one vCPU (Lambda developer guide).
pub const MB_PER_VCPU: Decimal = dec!(1769);

/// Average duration measured at each memory size, ascending by memory.
#[derive(Debug, Clone, PartialEq)]
pub struct Measured {
    /// The file's name, for messages.
    pub file: String,
    /// (memory MB, average duration ms), strictly ascending by memory.
    pub points: Vec<(Decimal, Decimal)>,
}

/// Read every architecture's `search.app.power_tuning` file (relative to the folder of
/// `scenario_path`; `file` is the scenario's name in messages, `text` its text).
pub fn read_files(
    s: &Scenario,
    scenario_path: &Path,
    file: &str,
    text: &str,
) -> Result<BTreeMap<String, Measured>> {
    let mut out = BTreeMap::new();
    for (i, arch) in s.architectures.iter().enumerate() {
        let search = scenario::search::of(file, i, &arch.name, arch.search.as_ref())?;
        let Some(p) = search
            .as_ref()
            .and_then(|sr| sr.app.as_ref())
            .and_then(|t| t.power_tuning.as_ref())
        else {
            continue;
        };
        let path = match scenario_path.parent() {
            Some(dir) if Path::new(p).is_relative() => dir.join(p),
            _ => Path::new(p).to_path_buf(),
        };
        let at = scenario::key_location(
            file,
            text,
            &format!("architecture[{i}] ({}).search.app.power_tuning", arch.name),
        );
        let body = crate::fsio::read_input_text(
            &path,
            crate::fsio::Input {
                what: "Power Tuning output (JSON)",
                max_bytes: 16 * 1024 * 1024,
            },
        )
        .map_err(|e| Error::Said(crate::said!("error.optimize.pt_read", at, e.into_text())))?;
        let name = path.display().to_string();
        out.insert(arch.name.clone(), parse(&name, &body)?);
    }
    Ok(out)
}

/// Read a Power Tuning output (`text` of the file named `file`).
pub fn parse(file: &str, text: &str) -> Result<Measured> {
    // `what`: an `error.optimize.pt_*` message.
    let bad = |field: &str, what: crate::text::Text| {
        Error::Said(crate::said!("error.optimize.pt_bad", file, field, what))
    };
    let root: Value = serde_json::from_str(text).map_err(|e| {
        Error::Said(crate::said!(
            "error.optimize.pt_not_json",
            file,
            e.line(),
            e.column(),
            e.to_string()
        ))
    })?;
    let (prefix, results) = match root.get("results") {
        Some(r) => ("results.", r),
        None => ("", &root),
    };
    let stats = results
        .get("stats")
        .ok_or_else(|| {
            bad(
                &format!("{prefix}stats"),
                crate::said!("error.optimize.pt_missing"),
            )
        })?
        .as_array()
        .ok_or_else(|| {
            bad(
                &format!("{prefix}stats"),
                crate::said!("error.optimize.pt_not_list"),
            )
        })?;
    if stats.is_empty() {
        return Err(bad(
            &format!("{prefix}stats"),
            crate::said!("error.optimize.pt_empty"),
        ));
    }
    let mut points = Vec::with_capacity(stats.len());
    for (i, s) in stats.iter().enumerate() {
        let field = |k: &str| format!("{prefix}stats[{i}].{k}");
        let num = |k: &str| -> Result<Decimal> {
            let v = s
                .get(k)
                .ok_or_else(|| bad(&field(k), crate::said!("error.optimize.pt_missing")))?;
            v.as_f64()
                .and_then(crate::scenario::from_f64)
                .ok_or_else(|| bad(&field(k), crate::said!("error.optimize.pt_not_number")))
        };
        let memory_mb = num("value")?;
        if memory_mb < dec!(128) || memory_mb > dec!(10240) || !memory_mb.fract().is_zero() {
            return Err(bad(
                &field("value"),
                crate::said!("error.optimize.pt_not_memory", memory_mb),
            ));
        }
        let duration_ms = num("averageDuration")?;
        if duration_ms <= Decimal::ZERO {
            return Err(bad(
                &field("averageDuration"),
                crate::said!("error.optimize.pt_not_duration"),
            ));
        }
        // averagePrice is part of the format; read it so a damaged file is caught, but price
        // from the catalog (the region, architecture and date of the scenario).
        let price = num("averagePrice")?;
        if price < Decimal::ZERO {
            return Err(bad(
                &field("averagePrice"),
                crate::said!("error.optimize.pt_negative_price"),
            ));
        }
        points.push((memory_mb, duration_ms));
    }
    points.sort_by_key(|p| p.0);
    if let Some(w) = points.windows(2).find(|w| w[0].0 == w[1].0) {
        return Err(bad(
            &format!("{prefix}stats"),
            crate::said!("error.optimize.pt_twice", w[0].0),
        ));
    }
    Ok(Measured {
        file: file.to_string(),
        points,
    })
}

impl Measured {
    /// The measured memory range (lowest, highest).
    pub fn span(&self) -> (Decimal, Decimal) {
        let lo = self.points.first().map_or(Decimal::ZERO, |p| p.0);
        let hi = self.points.last().map_or(Decimal::ZERO, |p| p.0);
        (lo, hi)
    }

    /// Average duration at `memory_mb`: measured, or linearly interpolated between the two
    /// measured sizes around it; None outside the measured range (never extrapolated).
    pub fn duration_ms(&self, memory_mb: Decimal) -> Option<Decimal> {
        let i = self.points.partition_point(|p| p.0 < memory_mb);
        let &(m1, d1) = self.points.get(i)?;
        if m1 == memory_mb {
            return Some(d1);
        }
        let &(m0, d0) = self.points.get(i.checked_sub(1)?)?;
        let t = (memory_mb - m0).checked_div(m1 - m0)?;
        d0.checked_add((d1 - d0).checked_mul(t)?)
    }

    /// Whether `memory_mb` was measured (not interpolated).
    pub fn is_measured(&self, memory_mb: Decimal) -> bool {
        self.points.iter().any(|p| p.0 == memory_mb)
    }
}

/// Duration at `memory_mb` of a function measured at `duration_ms` with `base_memory_mb`, when
/// `cpu_share` of that time is CPU-bound: the CPU part scales with the function's share of a
/// vCPU (memory / 1,769 MB, at most 1), the rest stays.
pub fn scaled_duration_ms(
    duration_ms: Decimal,
    base_memory_mb: Decimal,
    memory_mb: Decimal,
    cpu_share: Decimal,
) -> Option<Decimal> {
    let cpu = |m: Decimal| m.min(MB_PER_VCPU);
    let ratio = cpu(base_memory_mb).checked_div(cpu(memory_mb))?;
    vcpu_scaled(duration_ms, cpu_share, ratio)
}

/// `duration_ms` with its `cpu_share` multiplied by `ratio` (old CPU / new CPU).
pub fn vcpu_scaled(duration_ms: Decimal, cpu_share: Decimal, ratio: Decimal) -> Option<Decimal> {
    let fixed = duration_ms.checked_mul(Decimal::ONE - cpu_share)?;
    let cpu = duration_ms.checked_mul(cpu_share)?.checked_mul(ratio)?;
    fixed.checked_add(cpu)
}

#[cfg(test)]
mod tests {
    use super::*;

    const OUT: &str = r#"{"power":512,"cost":2.1e-7,"duration":20.5,
      "stats":[{"value":128,"averagePrice":3.4e-7,"averageDuration":160.0},
               {"value":512,"averagePrice":2.1e-7,"averageDuration":20.5},
               {"value":256,"averagePrice":2.5e-7,"averageDuration":60.0}]}"#;

    #[test]
    fn reads_stats_and_interpolates_between_measured_sizes_only() {
        let m = parse("pt.json", OUT).unwrap();
        assert_eq!(m.span(), (dec!(128), dec!(512)));
        assert_eq!(m.duration_ms(dec!(256)), Some(dec!(60)));
        // 384 MB is halfway between 256 (60 ms) and 512 (20.5 ms): 60 - 39.5 / 2 = 40.25.
        assert_eq!(m.duration_ms(dec!(384)), Some(dec!(40.25)));
        assert_eq!(m.duration_ms(dec!(127)), None);
        assert_eq!(m.duration_ms(dec!(513)), None);
        let wrapped = format!("{{\"results\": {OUT}}}");
        assert_eq!(parse("pt.json", &wrapped).unwrap(), m);
    }

    #[test]
    fn a_bad_field_is_named() {
        let e = parse("pt.json", r#"{"stats":[{"value":128,"averagePrice":1}]}"#).unwrap_err();
        assert!(
            e.to_string()
                .contains("pt.json: `stats[0].averageDuration`: missing"),
            "{e}"
        );
        let e = parse("pt.json", r#"{"results":{"stats":{}}}"#).unwrap_err();
        assert!(
            e.to_string().contains("`results.stats`: expected a list"),
            "{e}"
        );
        let e = parse("pt.json", "{").unwrap_err();
        assert!(e.to_string().starts_with("pt.json:1:"), "{e}");
    }

    #[test]
    fn cpu_share_scales_up_to_one_vcpu() {
        // 100 ms at 1,769 MB, 60 % CPU: at 884.5 MB the CPU part doubles: 40 + 60 x 2 = 160.
        assert_eq!(
            scaled_duration_ms(dec!(100), dec!(1769), dec!(884.5), dec!(0.6)),
            Some(dec!(160))
        );
        // Above 1,769 MB nothing gets faster.
        assert_eq!(
            scaled_duration_ms(dec!(100), dec!(1769), dec!(3538), dec!(0.6)),
            Some(dec!(100))
        );
    }
}
