//! RFC 4180 fields: quoted when they hold a separator, a quote or a line break.

/// Appends `field` to `line`, quoted and escaped when it needs to be.
pub(crate) fn push_field(line: &mut String, field: &str, separator: char) {
    if field.contains([separator, '"', '\n', '\r']) {
        line.push('"');
        line.push_str(&field.replace('"', "\"\""));
        line.push('"');
    } else {
        line.push_str(field);
    }
}

/// Joins fields into one CSV line (no line break).
pub(crate) fn line(fields: &[String], separator: char) -> String {
    let mut out = String::new();
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(separator);
        }
        push_field(&mut out, f, separator);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_only_when_needed() {
        let f = [
            "plain".to_string(),
            "a, b".into(),
            "say \"hi\"".into(),
            "two\nlines".into(),
        ];
        assert_eq!(
            line(&f, ','),
            "plain,\"a, b\",\"say \"\"hi\"\"\",\"two\nlines\""
        );
    }
}
