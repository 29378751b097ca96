//! `google.protobuf.FieldMask`: a set of field paths; JSON `"fooBar,baz.quxQuux"`.

/// Paths of fields (`foo_bar`, `baz.qux_quux`), as proto field names.
#[derive(Clone, PartialEq, Eq, Hash, prost::Message)]
pub struct FieldMask {
    /// The paths, each a dot-separated chain of proto field names.
    #[prost(string, repeated, tag = "1")]
    pub paths: Vec<String>,
}

crate::name!(FieldMask);

impl FieldMask {
    /// The JSON form: paths in lowerCamelCase, comma-separated. Refuses a path that would not
    /// read back the same (an upper-case letter, `__`, or `_` not before a lower-case letter).
    pub fn to_json_string(&self) -> Result<String, String> {
        let mut joined = String::new();
        for (i, path) in self.paths.iter().enumerate() {
            if i > 0 {
                joined.push(',');
            }
            path_to_json(path, &mut joined)?;
        }
        Ok(joined)
    }

    /// Reads the JSON form.
    pub fn parse_json_string(text: &str) -> Result<FieldMask, String> {
        let paths = text
            .split(',')
            .filter(|p| !p.is_empty())
            .map(|path| {
                let mut snake = String::with_capacity(path.len() + 4);
                for c in path.chars() {
                    if c == '_' {
                        return Err(format!(
                            "field mask path `{path}` must be lowerCamelCase, without `_`"
                        ));
                    }
                    if c.is_ascii_uppercase() {
                        snake.push('_');
                        snake.push(c.to_ascii_lowercase());
                    } else {
                        snake.push(c);
                    }
                }
                Ok(snake)
            })
            .collect::<Result<_, _>>()?;
        Ok(FieldMask { paths })
    }
}

/// `foo_bar.baz` to `fooBar.baz`.
fn path_to_json(path: &str, out: &mut String) -> Result<(), String> {
    let mut upper_next = false;
    for c in path.chars() {
        if c.is_ascii_uppercase() {
            return Err(format!("field mask path `{path}` has an upper-case letter"));
        }
        if c == '_' {
            if upper_next {
                return Err(format!("field mask path `{path}` has `__`"));
            }
            upper_next = true;
            continue;
        }
        if upper_next {
            if !c.is_ascii_lowercase() {
                return Err(format!("field mask path `{path}` has `_` before `{c}`"));
            }
            out.push(c.to_ascii_uppercase());
            upper_next = false;
        } else {
            out.push(c);
        }
    }
    if upper_next {
        return Err(format!("field mask path `{path}` ends with `_`"));
    }
    Ok(())
}

#[cfg(feature = "serde")]
mod json {
    use serde::de::{self, Deserializer, Visitor};
    use serde::{Deserialize, Serialize, Serializer};

    use super::FieldMask;

    impl Serialize for FieldMask {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_str(&self.to_json_string().map_err(serde::ser::Error::custom)?)
        }
    }

    impl<'de> Deserialize<'de> for FieldMask {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct MaskVisitor;
            impl Visitor<'_> for MaskVisitor {
                type Value = FieldMask;
                fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                    f.write_str("comma-separated field paths")
                }
                fn visit_str<E: de::Error>(self, v: &str) -> Result<FieldMask, E> {
                    FieldMask::parse_json_string(v).map_err(E::custom)
                }
            }
            d.deserialize_str(MaskVisitor)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::FieldMask;

    #[test]
    fn paths_round_trip() {
        let mask = FieldMask {
            paths: vec!["foo_bar".into(), "baz.qux_quux".into()],
        };
        assert_eq!(mask.to_json_string().unwrap(), "fooBar,baz.quxQuux");
        assert_eq!(
            FieldMask::parse_json_string("fooBar,baz.quxQuux").unwrap(),
            mask
        );
        for bad in ["fooBar", "foo__bar", "foo_", "foo_1"] {
            assert!(
                FieldMask {
                    paths: vec![bad.into()]
                }
                .to_json_string()
                .is_err(),
                "{bad}"
            );
        }
        assert!(FieldMask::parse_json_string("foo_bar").is_err());
    }
}
