//! How a commitment is paid: the vocabulary the scenario (what you write) and the commitment
//! rate tables (what AWS lists) share, in a leaf so neither imports the other.

/// How a term's money is paid (the scenario's `payment`).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Payment {
    NoUpfront,
    PartialUpfront,
    AllUpfront,
}

impl Payment {
    /// The spelling of the scenario and the data files.
    pub fn key(self) -> &'static str {
        match self {
            Payment::NoUpfront => "no-upfront",
            Payment::PartialUpfront => "partial-upfront",
            Payment::AllUpfront => "all-upfront",
        }
    }

    pub fn parse(text: &str) -> Option<Payment> {
        match text {
            "no-upfront" => Some(Payment::NoUpfront),
            "partial-upfront" => Some(Payment::PartialUpfront),
            "all-upfront" => Some(Payment::AllUpfront),
            _ => None,
        }
    }
}
