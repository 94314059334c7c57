//! Rows of the `sitrep eval` table and their rendering.

use std::fmt::Write as _;

use serde::Serialize;

/// A target a figure must reach (from the issue that set it).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub enum Bar {
    /// Value must be at least this.
    AtLeast(f64),
    /// Value must be at most this.
    AtMost(f64),
}

impl Bar {
    /// Whether `value` meets the bar.
    pub fn met(&self, value: f64) -> bool {
        match *self {
            Bar::AtLeast(b) => value >= b,
            Bar::AtMost(b) => value <= b,
        }
    }
}

/// One figure: data set, metric name, value, optional bar, and a free-form note
/// (counts, what was skipped).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Metric {
    /// Data set ("plover-gsr-dev").
    pub dataset: String,
    /// Metric name ("micro-F1").
    pub metric: String,
    /// The figure.
    pub value: f64,
    /// Target, when an issue set one.
    pub bar: Option<Bar>,
    /// Counts and caveats.
    pub note: String,
}

impl Metric {
    /// Builds a row.
    pub fn new(dataset: &str, metric: &str, value: f64) -> Metric {
        Metric {
            dataset: dataset.to_string(),
            metric: metric.to_string(),
            value,
            bar: None,
            note: String::new(),
        }
    }

    /// Sets the bar.
    pub fn bar(mut self, bar: Bar) -> Metric {
        self.bar = Some(bar);
        self
    }

    /// Sets the note.
    pub fn note(mut self, note: impl Into<String>) -> Metric {
        self.note = note.into();
        self
    }
}

/// All rows of one evaluation run, plus data sets that could not be evaluated.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    /// The figures.
    pub metrics: Vec<Metric>,
    /// (data set, reason) for data sets that were skipped.
    pub skipped: Vec<(String, String)>,
}

impl Report {
    /// True when every row with a bar meets it.
    pub fn all_bars_met(&self) -> bool {
        self.metrics
            .iter()
            .all(|m| m.bar.is_none_or(|b| b.met(m.value)))
    }

    /// Renders the table shown by `sitrep eval`.
    pub fn to_table(&self) -> String {
        let mut out = String::new();
        let w0 = self
            .metrics
            .iter()
            .map(|m| m.dataset.len())
            .max()
            .unwrap_or(7)
            .max(7);
        let w1 = self
            .metrics
            .iter()
            .map(|m| m.metric.len())
            .max()
            .unwrap_or(6)
            .max(6);
        let _ = writeln!(
            out,
            "{:<w0$}  {:<w1$}  {:>9}  {:<10}  note",
            "dataset", "metric", "value", "bar"
        );
        let _ = writeln!(out, "{}", "-".repeat(w0 + w1 + 40));
        for m in &self.metrics {
            let bar = match m.bar {
                None => String::new(),
                Some(b) => {
                    let (sym, v) = match b {
                        Bar::AtLeast(v) => (">=", v),
                        Bar::AtMost(v) => ("<=", v),
                    };
                    let mark = if b.met(m.value) { "ok" } else { "MISS" };
                    format!("{sym}{} {mark}", fmt_num(v))
                }
            };
            let _ = writeln!(
                out,
                "{:<w0$}  {:<w1$}  {:>9}  {:<10}  {}",
                m.dataset,
                m.metric,
                fmt_num(m.value),
                bar,
                m.note
            );
        }
        for (d, why) in &self.skipped {
            let _ = writeln!(out, "{d:<w0$}  (skipped: {why})");
        }
        out
    }
}

fn fmt_num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e12 {
        format!("{v:.0}")
    } else if v.abs() >= 100.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.3}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_and_table() {
        let mut r = Report::default();
        r.metrics
            .push(Metric::new("d", "f1", 0.8).bar(Bar::AtLeast(0.75)));
        assert!(r.all_bars_met());
        r.metrics
            .push(Metric::new("d", "ms", 12.0).bar(Bar::AtMost(10.0)));
        assert!(!r.all_bars_met());
        let t = r.to_table();
        assert!(t.contains(">=0.750 ok"));
        assert!(t.contains("MISS"));
    }
}
