//! A reader wrapper that bounds the length of every JSON string passing through it, so a
//! damaged or hostile offer file (one string of a gigabyte) fails fast instead of being
//! buffered whole by the JSON parser.
use std::io::{self, Read};

/// The longest JSON string accepted in an offer file: AWS's longest are product descriptions
/// of a few hundred bytes; 1 MiB leaves room for anything real.
pub const MAX_JSON_STRING_BYTES: usize = 1 << 20;

/// Passes bytes through unchanged while tracking whether it is inside a JSON string.
pub struct StringGuard<R> {
    inner: R,
    max_bytes: usize,
    in_string: bool,
    escaped: bool,
    run: usize,
}

impl<R> StringGuard<R> {
    pub fn new(inner: R, max_bytes: usize) -> Self {
        StringGuard {
            inner,
            max_bytes,
            in_string: false,
            escaped: false,
            run: 0,
        }
    }
}

impl<R: Read> Read for StringGuard<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        for &b in &buf[..n] {
            if !self.in_string {
                if b == b'"' {
                    self.in_string = true;
                    self.run = 0;
                }
                continue;
            }
            if self.escaped {
                self.escaped = false;
            } else if b == b'\\' {
                self.escaped = true;
            } else if b == b'"' {
                self.in_string = false;
                continue;
            }
            self.run += 1;
            if self.run > self.max_bytes {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!(
                        "a JSON string longer than {} bytes; no AWS offer file has one (the file is damaged or not an offer file)",
                        self.max_bytes
                    ),
                ));
            }
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pass(text: &str, max: usize) -> io::Result<String> {
        let mut out = String::new();
        StringGuard::new(text.as_bytes(), max).read_to_string(&mut out)?;
        Ok(out)
    }

    #[test]
    fn long_strings_fail_and_escapes_are_followed() {
        assert_eq!(pass(r#"{"ab":"cd"}"#, 2).unwrap(), r#"{"ab":"cd"}"#);
        assert!(pass(r#"{"abc":1}"#, 2).is_err());
        // An escaped quote does not end the string: 4 bytes inside.
        assert!(pass(r#"["a\"b"]"#, 3).is_err());
        assert!(pass(r#"["a\"b"]"#, 4).is_ok());
        // Bytes between strings are not counted.
        assert!(pass(r#"[1234567890, "ab"]"#, 2).is_ok());
    }
}
