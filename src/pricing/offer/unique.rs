//! JSON objects whose keys must be unique. serde_json keeps the last of two equal keys without
//! a word, so a damaged or hand-edited offer file could lose or swap prices silently; these
//! helpers refuse the second occurrence (serde_json adds the line and column).
use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::marker::PhantomData;

/// The error for a key given twice.
pub fn duplicate<E: de::Error>(key: &str) -> E {
    E::custom(format!(
        "the key `{key}` appears twice in one object; the file is damaged or edited (an AWS offer file has each key once)"
    ))
}

/// Keys seen so far in one object that a visitor walks itself.
#[derive(Default)]
pub struct SeenKeys(HashSet<String>);

impl SeenKeys {
    pub fn check<E: de::Error>(&mut self, key: &str) -> Result<(), E> {
        if self.0.contains(key) {
            return Err(duplicate(key));
        }
        self.0.insert(key.to_owned());
        Ok(())
    }
}

/// A `HashMap<String, T>` read from a JSON object that has each key once.
pub struct UniqueMap<T>(pub HashMap<String, T>);

impl<T> Default for UniqueMap<T> {
    fn default() -> Self {
        UniqueMap(HashMap::new())
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for UniqueMap<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = UniqueMap<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = HashMap::new();
                while let Some(k) = map.next_key::<String>()? {
                    if out.contains_key(&k) {
                        return Err(duplicate(&k));
                    }
                    let v = map.next_value()?;
                    out.insert(k, v);
                }
                Ok(UniqueMap(out))
            }
        }
        d.deserialize_map(V(PhantomData))
    }
}

impl<T> std::ops::Deref for UniqueMap<T> {
    type Target = HashMap<String, T>;
    fn deref(&self) -> &Self::Target {
        &self.0
    }
}
