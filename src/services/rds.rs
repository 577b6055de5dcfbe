//! Amazon RDS for MySQL / PostgreSQL / MariaDB (one instance, Single- or Multi-AZ, gp2/gp3/io1
//! storage) and Amazon Aurora MySQL / PostgreSQL (provisioned instances, I/O-Standard storage).
use super::{Ctx, Line, ServiceModel};
use crate::capacity::plan::TierPlan;
use crate::error::Result;
use crate::messages::Value;
use crate::msg;
use crate::scenario::{Purchase, Rds, SettingsCheck, StorageType, ValidateSettings};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

/// RDS gp2/gp3/io1 volumes for MySQL, PostgreSQL and MariaDB start at 20 GB (io1: 100 GB).
pub const MIN_STORAGE_GB: Decimal = dec!(20);
pub const MIN_IO1_STORAGE_GB: Decimal = dec!(100);

impl Rds {
    pub fn az_key(&self) -> &'static str {
        if self.multi_az {
            "multi_az"
        } else {
            "single_az"
        }
    }

    pub fn storage(&self) -> StorageType {
        self.storage_type.unwrap_or(StorageType::Gp2)
    }

    /// Allocated storage: `storage_gb`, else the workload's data size, never below the volume
    /// type's minimum. Aurora bills the data stored, with no minimum.
    pub fn storage_gb(&self, ctx: &Ctx) -> Decimal {
        let gb = self.storage_gb.unwrap_or(ctx.workload.storage_gb);
        if self.engine.is_aurora() {
            return gb;
        }
        match self.storage() {
            StorageType::Io1 => gb.max(MIN_IO1_STORAGE_GB),
            StorageType::Gp2 | StorageType::Gp3 => gb.max(MIN_STORAGE_GB),
        }
    }

    /// The catalog key of the instance-hour price.
    pub fn instance_key(&self) -> String {
        // Aurora prices every instance alike; Multi-AZ is a second instance (a replica).
        let az = if self.engine.is_aurora() {
            "single_az"
        } else {
            self.az_key()
        };
        format!("rds.{}.{az}.{}", self.engine.key(), self.instance)
    }
}

impl Rds {
    /// Reserved DB instances (`rds.reserved.hours` / `.upfront`): `count` instances all month.
    fn reserved(&self, ctx: &Ctx, count: Decimal) -> Result<Vec<Line>> {
        let t = self.terms();
        let rate = super::purchase::reserved(ctx, &t, &self.reserved_key(), &self.instance_key())?;
        let az = if self.engine.is_aurora() {
            ""
        } else if self.multi_az {
            " Multi-AZ"
        } else {
            " Single-AZ"
        };
        let (engine, instance) = (self.engine.key(), &self.instance);
        let what = match az {
            "" => Value::Plain(format!("RDS {engine} {instance}")),
            " Multi-AZ" => Value::Msg(msg!("line.rds.rds_multi_az", engine, instance)),
            _ => Value::Msg(msg!("line.rds.rds_single_az", engine, instance)),
        };
        super::purchase::reserved_lines(
            ctx,
            &super::purchase::Reservation {
                prefix: "rds.reserved",
                kind: super::purchase::Reserved::Instances,
                what,
                units: count,
                unit: "instance",
            },
            &rate,
            &t,
        )
    }
}

impl ServiceModel for Rds {
    fn lines(&self, ctx: &Ctx, _plan: &TierPlan) -> Result<Vec<Line>> {
        if self.engine.is_aurora() {
            return aurora_lines(self, ctx);
        }
        let engine = self.engine.key();
        let az = self.az_key();
        let multi = self.multi_az;
        let az_text = |multi_id: &'static str, single_id: &'static str| {
            if multi {
                multi_id
            } else {
                single_id
            }
        };
        let mut out = match self.terms().purchase {
            Purchase::Reserved => self.reserved(ctx, Decimal::ONE)?,
            _ => ctx.priced(
                "rds.instance",
                &self.instance_key(),
                msg!(
                    az_text("line.rds.rds_multi_az", "line.rds.rds_single_az"),
                    engine,
                    self.instance
                ),
                ctx.hours_per_month,
            )?,
        };
        let st = match self.storage() {
            StorageType::Gp2 => "gp2",
            StorageType::Gp3 => "gp3",
            StorageType::Io1 => "io1",
        };
        let gb = self.storage_gb(ctx);
        out.extend(ctx.priced(
            "rds.storage",
            &format!("rds.storage.{engine}.{st}.{az}"),
            msg!(
                az_text(
                    "line.rds.rds_storage_gb_multi_az",
                    "line.rds.rds_storage_gb_single_az"
                ),
                st,
                gb.normalize()
            ),
            gb,
        )?);
        if let (StorageType::Io1, Some(iops)) = (self.storage(), self.iops) {
            out.extend(ctx.priced(
                "rds.iops",
                &format!("rds.iops.{engine}.io1.{az}"),
                msg!(
                    az_text("line.rds.io1_iops_multi_az", "line.rds.io1_iops_single_az"),
                    iops.normalize()
                ),
                iops,
            )?);
        }
        Ok(out)
    }
}

/// Aurora: instance-hours (two instances for Multi-AZ: the writer and one replica in another
/// AZ), cluster storage per GB-month, and I/O requests.
fn aurora_lines(r: &Rds, ctx: &Ctx) -> Result<Vec<Line>> {
    let engine = r.engine.key();
    let (count, text) = if r.multi_az {
        (dec!(2), "line.rds.aurora_writer_replica")
    } else {
        (Decimal::ONE, "line.rds.aurora_one_instance")
    };
    let mut out = match r.terms().purchase {
        Purchase::Reserved => r.reserved(ctx, count)?,
        _ => ctx.priced(
            "rds.instance",
            &r.instance_key(),
            msg!(text, engine, r.instance),
            ctx.hours_per_month * count,
        )?,
    };
    let gb = r.storage_gb(ctx);
    out.extend(ctx.priced(
        "rds.storage",
        &format!("rds.aurora_storage.{engine}"),
        msg!("line.rds.aurora_storage", gb.normalize()),
        gb,
    )?);
    let per_request = r
        .ios_per_request
        .unwrap_or(ctx.workload.db_reads_per_request + ctx.workload.db_writes_per_request);
    out.extend(ctx.priced(
        "rds.io",
        &format!("rds.aurora_io.{engine}"),
        msg!("line.rds.aurora_io", per_request.normalize()),
        per_request * ctx.load.monthly_requests,
    )?);
    Ok(out)
}

impl ValidateSettings for Rds {
    /// An RDS instance's keys: the class in the catalog, Aurora or instance storage, io1 IOPS.
    fn validate_settings(&self, at: &SettingsCheck) -> Result<()> {
        let c = at.check;
        let r = self;
        let p = |k: &str| at.key(k);
        let region = at.region;
        let catalog = at.catalog;
        let key = r.instance_key();
        let prefix = &key[..key.len() - r.instance.len()];
        if !catalog.has(&key, region) {
            let what = format!(
                "RDS {} {} class",
                r.engine.key(),
                r.az_key().replace('_', "-")
            );
            let (message, hint) =
                crate::scenario::suggest_instance(catalog, region, prefix, &r.instance, &what);
            return Err(c.fail(&p("instance"), message, hint));
        }
        if r.engine.is_aurora() {
            if r.storage_type.is_some() {
                return Err(c.fail(
                    &p("storage_type"),
                    crate::said!("error.svc.rds.aurora_storage_type"),
                    crate::said!("error.svc.rds.aurora_storage_type_hint"),
                ));
            }
            if let Some(gb) = r.storage_gb {
                c.non_negative(&p("storage_gb"), gb, dec!(131072))?;
            }
            if let Some(n) = r.ios_per_request {
                c.non_negative(&p("ios_per_request"), n, dec!(1_000_000))?;
            }
        } else {
            if r.ios_per_request.is_some() {
                return Err(c.fail(
                    &p("ios_per_request"),
                    crate::said!("error.svc.rds.ios_aurora_only"),
                    crate::said!("error.svc.rds.ios_aurora_only_hint"),
                ));
            }
            let io1 = r.storage_type == Some(StorageType::Io1);
            let (min_gb, kind) = if io1 {
                (dec!(100), "GB (RDS io1 storage)")
            } else {
                (dec!(20), "GB (RDS gp2/gp3 storage)")
            };
            if let Some(gb) = r.storage_gb {
                c.range(&p("storage_gb"), gb, min_gb, dec!(65536), kind)?;
            }
            match (io1, r.iops) {
                (true, None) => {
                    return Err(c.fail(
                        &p("iops"),
                        crate::said!("error.svc.rds.io1_needs_iops"),
                        crate::said!("error.svc.rds.io1_needs_iops_hint"),
                    ))
                }
                (true, Some(iops)) => {
                    c.range(
                        &p("iops"),
                        iops,
                        dec!(1000),
                        dec!(256000),
                        "provisioned IOPS",
                    )?;
                    c.whole(&p("iops"), iops)?;
                }
                (false, Some(_)) => {
                    return Err(c.fail(
                        &p("iops"),
                        crate::said!("error.svc.rds.iops_io1_only"),
                        crate::said!("error.svc.rds.iops_io1_only_hint"),
                    ))
                }
                (false, None) => {}
            }
        }
        Ok(())
    }
}
