-- DuckDB doing the work cleanweb does: the rules `cleanweb validate` checks on every
-- row of a bare observation table (check_fields, in src/dataset/), written as
-- SQL, and the aggregation of the side-by-side benchmark over the checked values.
-- Run by `benches/peers.py duckdb-checked FILE`, which first makes the view `cells`
-- (and checks the header, as cleanweb's check_header does).
--
-- `cells` has one row per table row, with every known column as the rules read it:
--   id, region, metric, category, qualifier, unit, basis, quote: text, '' when empty
--     or absent (a CSV is read with every column as VARCHAR and DuckDB's sniffer
--     off, so the rules judge the text itself, not DuckDB's type inference);
--   date, period_start, period_end: DATE when the cell is a real calendar date
--     (exactly YYYY-MM-DD, years 0000-9999), else NULL, with <column>_given telling
--     an empty or absent cell from a cell that is not a date;
--   value, value_max: BIGINT when the cell is a count (digits only, at most the
--     largest BIGINT; a typed integer column: 0 or more), else NULL, with
--     <column>_given likewise;
--   has_long_field: whether some field of a CSV row (any column) is longer than
--     cleanweb's --max-field-length, 10,000 characters (characters are counted only
--     when a field has more bytes than that); always false for Parquet, where
--     cleanweb sets no limit.
--
-- Every column of `rules` that is not a column of `cells` is one rule, TRUE when the
-- row breaks it; peers.py counts a row as bad when any rule is TRUE (or NULL: a rule
-- that cannot be decided counts as broken, so a mistake here shows up on the clean
-- table instead of hiding a problem). The vocabulary is that of a bare table
-- (Vocabulary::open in src/dataset/mod.rs): every qualifier and basis, the default
-- units, any snake_case metric, any source.

-- @rules
CREATE TEMP VIEW rules AS
SELECT
    *,
    -- id: snake_case, a-z then a-z, 0-9, _ (is_snake_case; uniqueness is checked
    -- across rows by peers.py's first query)
    NOT regexp_full_match(id, '[a-z][a-z0-9_]*') AS id_not_snake_case,
    -- date: required, a real date
    NOT date_given AS date_empty,
    date_given AND date IS NULL AS date_not_a_date,
    -- period_start, period_end: real dates when given, both or neither, in order,
    -- and the period ends no later than the figure was announced
    period_start_given AND period_start IS NULL AS period_start_not_a_date,
    period_end_given AND period_end IS NULL AS period_end_not_a_date,
    period_start IS NOT NULL AND period_end IS NULL AS period_start_without_end,
    period_start IS NULL AND period_end IS NOT NULL AS period_end_without_start,
    coalesce(period_end < period_start, false) AS period_ends_before_start,
    coalesce(period_end > date, false) AS period_ends_after_date,
    -- value: required, a count (parse_count); value_max: a count when given
    NOT value_given AS value_empty,
    value_given AND value IS NULL AS value_not_a_count,
    value_max_given AND value_max IS NULL AS value_max_not_a_count,
    -- qualifier: in the vocabulary; a range needs value_max >= value, and value_max
    -- is only for a range
    qualifier NOT IN ('exact', 'at_least', 'at_most', 'approx', 'range') AS qualifier_unknown,
    qualifier = 'range' AND value IS NOT NULL AND value_max IS NULL AS range_without_value_max,
    qualifier = 'range' AND coalesce(value_max < value, false) AS range_max_below_value,
    qualifier IN ('exact', 'at_least', 'at_most', 'approx')
        AND value IS NOT NULL AND value_max IS NOT NULL AS value_max_without_range,
    -- basis: in the vocabulary; a period figure needs a period, a share is in percent
    -- and at most 100, a rate is per unit of time
    basis NOT IN ('event', 'cumulative', 'period', 'rate', 'share') AS basis_unknown,
    basis = 'period' AND period_start IS NULL AS period_basis_without_period,
    basis = 'share' AND unit <> 'percent' AS share_not_in_percent,
    basis = 'share' AND (coalesce(value > 100, false) OR coalesce(value_max > 100, false))
        AS share_over_100,
    basis = 'rate' AND NOT starts_with(unit, 'per_') AS rate_not_per_unit_of_time,
    -- metric: any snake_case name (a bare table declares no vocabulary)
    NOT regexp_full_match(metric, '[a-z][a-z0-9_]*') AS metric_not_snake_case,
    -- unit: one of DEFAULT_UNITS (src/dataset/mod.rs)
    unit NOT IN ('count', 'yuan', 'years', 'months', 'percent', 'per_day', 'multiple') AS unit_unknown,
    -- region, quote: not blank (empty or only whitespace, as Rust's str::trim sees
    -- it: no character outside the Unicode White_Space characters)
    NOT regexp_matches(region, '[^\t\n\x{0B}\f\r \x{85}\x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}]')
        AS region_blank,
    NOT regexp_matches(quote, '[^\t\n\x{0B}\f\r \x{85}\x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}]')
        AS quote_blank,
    -- every field of a CSV row: at most --max-field-length characters (the CSV
    -- reader's limit)
    has_long_field AS field_too_long
FROM cells;

-- @check
-- Query (1): the rows that break any rule, and the repeated ids among the rows that
-- break none (check_dataset in src/dataset/validate.rs compares the valid rows).
-- peers.py fills in any_rule_broken: coalesce(<every rule of `rules`> OR ..., true).
SELECT count(*) AS rows,
       count(*) FILTER (WHERE bad) AS bad_rows,
       count(*) FILTER (WHERE NOT bad) - count(DISTINCT id) FILTER (WHERE NOT bad) AS repeated_ids
FROM (SELECT id, {any_rule_broken} AS bad FROM rules);

-- @aggregate
-- Query (2), run only when query (1) finds nothing: the aggregation of the unchecked
-- DuckDB peer (duckdb_script in peers.py), over the values the rules checked.
COPY (
    SELECT strftime(date, '%Y-%m') AS month, category, sum(value) AS low,
           sum(coalesce(value_max, value)) AS high, count(*) AS n
    FROM cells
    WHERE metric = 'websites_closed'
    GROUP BY ALL
    ORDER BY ALL
) TO '/dev/stdout' (HEADER, DELIMITER ',');
