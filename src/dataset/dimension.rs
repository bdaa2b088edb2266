//! The dimensions observations can be grouped by, and the names a mapped table
//! gives them.

/// A dimension observations can be grouped by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Dimension {
    Month,
    Category,
    Region,
    Authority,
    Entity,
    Metric,
    /// The span a figure covers (a month, quarter, half-year, year, or its dates).
    Period,
    /// A dimension a mapped table declares under its own name: the index into
    /// [`Dataset::dimensions`].
    Named(u8),
}

impl Dimension {
    /// The keys every table has.
    pub const ALL: [Dimension; 7] = [
        Dimension::Month,
        Dimension::Category,
        Dimension::Region,
        Dimension::Authority,
        Dimension::Entity,
        Dimension::Metric,
        Dimension::Period,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Dimension::Month => "month",
            Dimension::Category => "category",
            Dimension::Region => "region",
            Dimension::Authority => "authority",
            Dimension::Entity => "entity",
            Dimension::Metric => "metric",
            Dimension::Period => "period",
            Dimension::Named(_) => "dimension",
        }
    }

    /// One of the keys every table has.
    pub fn parse(text: &str) -> Option<Dimension> {
        Dimension::ALL.into_iter().find(|d| d.as_str() == text)
    }

    /// A key by name among a package's dimensions (a mapped table's own names,
    /// and the names its dimensions with a role answer to), else one every table
    /// has.
    pub fn parse_in(text: &str, names: &[DimensionName]) -> Option<Dimension> {
        names
            .iter()
            .find(|n| n.name == text)
            .map(|n| n.dimension)
            .or_else(|| Dimension::parse(text))
    }

    /// The name a table's header gives the key: the package's own name for it
    /// (`country` for a dimension in the role of region), else its own.
    pub fn label(self, names: &[DimensionName]) -> &str {
        match names.iter().find(|n| n.dimension == self) {
            Some(n) => &n.name,
            None => self.as_str(),
        }
    }
}

/// A dimension of a mapped table, under its own name: its values are kept under
/// `dimension` (a role such as `region`, or [`Dimension::Named`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DimensionName {
    pub name: String,
    pub dimension: Dimension,
}

/// The keys a question may name, for messages: every table's, then a package's own.
pub fn key_names(names: &[DimensionName]) -> String {
    let mut all: Vec<&str> = Dimension::ALL.iter().map(|d| d.as_str()).collect();
    for n in names {
        if !all.contains(&n.name.as_str()) {
            all.push(&n.name);
        }
    }
    all.join(", ")
}
