//! A checked observation read in place: its text borrowed from the bytes it was
//! read from.

use super::*;

/// A checked observation whose text still sits in the bytes it was read from: what a
/// large table's rows are checked and aggregated as, without copying.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fields<'a> {
    pub id: &'a str,
    pub date: Date,
    pub period_start: Option<Date>,
    pub period_end: Option<Date>,
    pub authority: &'a str,
    pub region: &'a str,
    pub metric: &'a str,
    pub category: &'a str,
    pub entity: &'a str,
    pub value: Value,
    pub value_max: Option<Value>,
    pub qualifier: Qualifier,
    pub unit: &'a str,
    pub basis: Basis,
    pub quote: &'a str,
    pub source: &'a str,
    pub note: &'a str,
    /// See [`Observation::dims`].
    pub dims: &'a [String],
    /// See [`Observation::per_item`].
    pub per_item: Option<per_item::PerItem>,
}

impl<'a> Fields<'a> {
    /// The owned observation, read at `origin`.
    pub fn to_observation(&self, origin: Origin) -> Observation {
        Observation {
            id: self.id.to_string(),
            date: self.date,
            period_start: self.period_start,
            period_end: self.period_end,
            authority: self.authority.to_string(),
            region: self.region.to_string(),
            metric: self.metric.to_string(),
            category: self.category.to_string(),
            entity: self.entity.to_string(),
            value: self.value,
            value_max: self.value_max,
            qualifier: self.qualifier,
            unit: self.unit.to_string(),
            basis: self.basis,
            quote: self.quote.to_string(),
            source: self.source.to_string(),
            note: self.note.to_string(),
            dims: self.dims.to_vec(),
            per_item: self.per_item,
            rounding: Rounding::default(),
            origin,
        }
    }

    /// See [`Observation::interval`].
    pub fn interval(&self) -> Interval {
        let each = self.interval_each();
        self.per_item.map_or(each, |p| p.apply(each))
    }

    /// The interval the wording gives one item: for most figures, the figure. The
    /// wording of a fall qualifies its size: "fell by more than 10%" is -10 or
    /// lower, "fell by up to 10%" is -10 to 0.
    pub fn interval_each(&self) -> Interval {
        let v = self.value.scaled();
        match self.qualifier {
            Qualifier::Exact | Qualifier::Approx => Interval::exact(v),
            Qualifier::AtLeast if v < 0 => Interval::new(None, Some(v)),
            Qualifier::AtMost if v < 0 => Interval::new(Some(v), Some(0)),
            Qualifier::AtLeast | Qualifier::Unknown => Interval::new(Some(v), None),
            Qualifier::AtMost => Interval::new(Some(0), Some(v)),
            Qualifier::Range => Interval::new(Some(v), self.value_max.map(Value::scaled)),
        }
    }

    /// See [`Observation::reference_date`].
    pub fn reference_date(&self) -> Date {
        self.period_end.unwrap_or(self.date)
    }

    /// See [`Observation::month`].
    pub fn month(&self) -> Option<Month> {
        if self.basis == Basis::Period {
            let start = self.period_start.unwrap_or(self.date).month();
            let end = self.reference_date().month();
            return (start == end).then_some(end);
        }
        Some(self.reference_date().month())
    }

    /// The text of a key dimension other than the month.
    pub fn text_key(&self, dim: Dimension) -> &'a str {
        match dim {
            Dimension::Month | Dimension::Period => "",
            Dimension::Named(i) => self.dims.get(usize::from(i)).map_or("", String::as_str),
            Dimension::Category => self.category,
            Dimension::Region => self.region,
            Dimension::Authority => self.authority,
            Dimension::Entity => self.entity,
            Dimension::Metric => self.metric,
        }
    }

    /// See [`Observation::key`].
    pub fn key(&self, dim: Dimension) -> String {
        match dim {
            Dimension::Month => self.month().map(|m| m.to_string()).unwrap_or_default(),
            Dimension::Period => self.period_label(),
            d => self.text_key(d).to_string(),
        }
    }

    /// The span a figure covers, in the words of a calendar where it is one:
    /// `2014-09` (a month), `2014-Q3`, `2014-H1`, `2014` (a year), else
    /// `2014-09-01..2014-10-15`; a figure of one day is that day.
    pub fn period_label(&self) -> String {
        let end = self.reference_date();
        let start = match self.basis {
            Basis::Period | Basis::Share | Basis::Rate | Basis::Change(_) => {
                self.period_start.unwrap_or(end)
            }
            Basis::Event | Basis::Cumulative => end,
        };
        crate::values::calendar::period_label(start, end)
    }
}
