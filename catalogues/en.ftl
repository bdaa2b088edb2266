# cleanweb's own words in English. Each message is named by the code that says
# it; the values are the facts it passes ($n, $what, $low ...), already written
# as numbers and dates of this language where they are not for plurals.
#
# A language is one file like this one: copy it, keep the ids and variables,
# and put the words of the language in place of the English.

## Dates and months

# A month under a column of a chart.
month-short = { $month ->
    [1] Jan
    [2] Feb
    [3] Mar
    [4] Apr
    [5] May
    [6] Jun
    [7] Jul
    [8] Aug
    [9] Sep
    [10] Oct
    [11] Nov
   *[12] Dec
}
# A year under the first month of it.
year = { $year }
month-year = { month-short } { $year }
day-month = { $day } { month-short }
date = { $day } { month-short } { $year }

## Amounts

not-reported = not reported
amount-unknown = unknown
amount-exact = { $approx ->
    [yes] about { $low }
   *[no] { $low }
}
amount-at-least = { $approx ->
    [yes] about { $low } or more
   *[no] { $low } or more
}
amount-at-most = at most { $high }
amount-range = { $approx ->
    [yes] about { $low } to { $high }
   *[no] { $low } to { $high }
}
# Between the items of a list.
list-separator = {"; "}

## Charts

honesty = Figures as published; 'more than' figures drawn as lower bounds.
source = Source: { $what }.

## Report: the words under each chart (report/notes.rs)

report-figures = { $n ->
    [1] 1 figure
   *[other] { $n } figures
}
# Items listed: the first few, and how many more there are.
report-list-separator = {", "}
report-and-more = { $shown } and { $more } more
# "k of n figures are something": $one and $many are the something.
report-of-n = { $all ->
    [yes] { $n ->
        [1] It is { $one }
        [2] Both are { $many }
       *[other] All { $n } are { $many }
    }
   *[no] { $k ->
        [1] 1 of the { $n } is { $one }
       *[other] { $k } of the { $n } are { $many }
    }
}
report-span-on = , announced on { $date }
report-span-from = , announced from { $from } to { $to }
report-bars = { $kind ->
    [increments] Each bar is the change between two consecutive running totals of one series; { $what }{ $span }.
    [points] Each point is a running total as announced; { $what }{ $span }. Running totals are snapshots and are never added up.
    [latest] Each bar is the latest running total of its series as announced; { $what }{ $span }. Running totals are snapshots and are never added up.
    [claims] Each bar is one figure as claimed; { $what }{ $span }. Rates and shares are never added up.
    [changes] Each bar is one stated change as claimed; { $what }{ $span }. Changes are never added up.
   *[sums] Each bar adds up the published figures that fall in it, as intervals (low ends and high ends added apart); { $what }{ $span }.
}
report-lower-one = a lower bound
report-lower-many = lower bounds
report-lower = { $summed ->
    [yes] { $of_n } ("more than"), drawn with an arrow: the true value may be higher, and a sum that holds one has no upper end.
   *[no] { $of_n } ("more than"), drawn with an arrow: the true value may be higher.
}
report-upper-one = an upper bound
report-upper-many = upper bounds
report-upper = { $of_n } ("at most").
report-range-one = a range
report-range-many = ranges
report-ranges = { $of_n }, drawn from the low to the high end.
report-approx-one = approximate
report-approx-many = approximate
report-approx = { $of_n } ("about"), marked ~.
report-items = { $kind ->
    [one] one item
    [exactly] each of { $n } items
    [at-most] each of at most { $n } items
   *[unknown] each of an unknown number of items
}
report-per-item-figure = '{ $id }' is { $each } for { $items }, so it counts { $total }
report-per-item-one = a figure for each of several items
report-per-item-many = figures for each of several items
report-per-item = { $of_n }, which is why the interval is wide: { $list }.
report-gaps = Not reported, which is not zero: { $list }.
report-left-out = Left out so that no figure is counted twice: { $list }.
report-includes = { $up } includes { $below }
report-includes-and = {" and "}
report-rolled-up = Each figure is counted once, under the place or kind that holds it: { $list }.
report-also = Also: { $list }.
report-at-least = {" "}(at least { $value })
report-not-published-name = { $who ->
    [none] { $what } for { $when }{ $floor }
   *[some] { $who }'s { $what } for { $when }{ $floor }
}
report-not-published-from = { $kind ->
    [one] { $value } up
    [floors] 0 up (or from the floor shown)
   *[zero] 0 up
}
report-not-published = { $n ->
    [1] { $summed ->
        [yes] { $list } is not published. It is counted from { $from }, so a sum that holds it has no upper end.
       *[no] { $list } is not published. It is drawn from { $from }.
    }
   *[other] { $summed ->
        [yes] { $n } figures are not published: { $list }. Each is counted from { $from }, so a sum that holds one has no upper end.
       *[no] { $n } figures are not published: { $list }. Each is drawn from { $from }.
    }
}
report-breakdown = { $status ->
    [match] The { $k } parts as published give { $parts }, the total as published: they add up exactly.
    [consistent] The { $k } parts as published give { $parts } against a published total of { $published }: they can add up within their bounds, but need not.
   *[other] The { $k } parts as published give { $parts } against a published total of { $published }: they do not add up, by { $difference }.
}
report-announcement = { $what } announced on { $date }, on a logarithmic scale because they span orders of magnitude.
report-announcement-checked = {" "}The totals among them checked against their parts: { $list }.
report-announcement-summed = {" "}Added up, each figure once: { $list }.
report-announcement-summed-separator = {"; "}
report-authorities = { $what } from { $bodies } bodies; the most, { $k }, from { $top }.
report-over-the-cap = { $stem }: the report draws at most { $max } charts of its own choosing; declare views (cleanweb:views) to choose others
report-announcement-checked-separator = {", "}

## Report: headings and tables (report/html.rs, markdown.rs, big.rs, mod.rs)

report-key-figures = Key figures
report-findings = What holds and what does not
report-behind-chart = The figures behind this chart
report-behind-chart-label = The figures behind the chart: { $title }
report-reconciliation = Reconciliation: do the published figures add up?
report-reconciliation-short = Reconciliation
report-relations = Published totals and their parts
report-checks = Claims tested against other figures
report-every-figure = Every figure with its quote
report-every-figure-lead = Each figure as recorded, with the shortest verbatim passage of the source that states it.
report-every-figure-label = every figure with its quote
report-charts-left-out = Charts left out
report-sources = Sources
report-footer = Sources: { $sources }. Made with cleanweb { $version }. { $honesty }
report-source-title = Source: { $title }
report-col-date = date
report-col-figure = figure
report-col-value = value
report-col-basis = basis
report-col-authority = authority
report-col-quote = quote (hover for the source)
report-figure-extra = { $figure }, { $extra }
report-figure-region = { $figure } ({ $region })
report-rows-drawn = The rows drawn in the chart; all { $n } rows are in { $file }.
report-more-rows = { $n } more rows in { $file }.
report-col-value-words = Value
report-col-note = Note
report-figure-keys = { $figure }: { $keys }
report-one-authority = every figure has one authority
report-no-metric = no figure has the metric '{ $metric }'
report-no-basis = no figure of { $metrics } has the basis '{ $basis }' ({ $view }.basis)
report-no-figures = no figures for this question
report-col-snapshot-date = Date

## Report: the charts it chooses (report/auto.rs)

report-chart-which = { $what } ({ $which })
report-chart-which-separator = {", "}
report-chart-title = { $what }: { $words }
report-chart-running-total = the running total as announced
report-chart-increments = the change between announcements
report-basis-single = single figures
report-basis-period = period totals
report-chart-by = { $metric }: { $basis } by { $key }
report-parts-title = { $whole }: the parts of the total published on { $date }
report-parts-subtitle = Each part as published, with its share of the total of { $total }
report-authority-title = Who announced the figures
report-authority-subtitle = Number of published figures in the dataset, by the authority that acted or announced; { $n } figures in all
report-authority-value = Figures
report-parts-status = (parts: { $status })
report-log-scale = on a logarithmic scale (each gridline is ten times the one before)
report-announced-title = The figures announced on { $date }
report-announced-subtitle = { $all ->
    [yes] Each figure as published, { $scale }
   *[no] The { $shown } largest of { $n } figures as published, { $scale }
}
report-log-value = Count (log scale)

## Charts (chart/)

# Whether the words of this language are separated by spaces (yes/no): a label
# too long for its column breaks between words, else it is only shortened.
chart-words-spaced = yes
# A label and its value: "Sep 2014: 1,200", a filter "region: Beijing".
chart-pair = { $label }: { $value }
# Between the parts of one item (the series of a stacked column).
chart-comma = {", "}
# A sentence of the chart's remarks ended.
chart-sentence = { $text }.
# The names of metrics joined in a title, and of keys.
chart-and-metric = {" and "}
chart-and-key = {" and "}

# The default title: what is counted, by which keys.
chart-title = { $what } by { $by }
chart-title-increments = { $what }: change between announcements
chart-title-running-total = { $what }: the running total
# The subtitle begins with the unit and what kind of figure is drawn.
chart-subtitle-what = { $unit }, { $basis }
chart-basis = { $basis ->
    [increments] change between running totals as announced
    [cumulative] running total as announced
    [event] single actions as announced
    [period] totals over the period stated
    [rate] rates as claimed
    [share] shares as claimed
    [change_previous_period] changes on the period before, as stated
   *[change_previous_year] changes on a year before, as stated
}
# The title of the value axis ($words: the unit's own name, for any other unit).
chart-unit = { $unit ->
    [count] Count
    [yuan] Yuan
    [years] Years
    [months] Months
    [percent] Percent
    [per_day] Per day
    [multiple] Times the amount
   *[other] { $words }
}
# A key of the tool's own, where the package names none.
chart-dimension = { $dimension ->
    [month] month
    [period] period
    [category] category
    [region] region
    [authority] authority
    [entity] entity
    [metric] metric
   *[other] dimension
}
# What an empty key is called.
chart-blank-key = { $dimension ->
    [category] no category
    [entity] no entity named
    [authority] authority not named
   *[other] unspecified
}
# The months the figures span: within one year, and over several.
chart-span-one-year = { $from_name }–{ $to_name } { $year }
chart-span = { $from }–{ $to }

## Charts: the filters of the question

chart-national = national figures
chart-all-regions = all regions
# --up-to: the level figures are rolled up to ($words: its name in words).
chart-up-to = by { $words }
# --from and --to: $span is on (one day), between, from or until; $periods is
# yes for totals over periods (selected when the whole period lies within the
# dates); $dated is announced for running totals.
chart-dates = { $periods ->
    [yes] { $span ->
        [from] periods from { $from } on
        [until] periods ending by { $to }
       *[between] periods within { $from } to { $to }
    }
   *[no] { $dated ->
        [announced] announced
       *[dated] dated
    } { $span ->
        [on] { $from }
        [from] { $from } or later
        [until] { $to } or earlier
       *[between] { $from } to { $to }
    }
}

## Charts: bars, remarks and the footer

# The bars past the most drawn, summed into one.
chart-others = { $n ->
    [one] { $n } other
   *[other] { $n } others
}
chart-smallest-hidden = The { $n } smallest of { $total } are not shown.
chart-gaps = Months marked 'not reported' have no published figure; they are not zero.
chart-steps = Each point is a running total as announced on that day; the line stays flat until the next announcement.
# A bar rolled up from the places below it.
chart-includes = { $whole } includes { $parts }
# Figures that count each of several items ($n: how many such figures).
chart-per-item = { $n ->
    [one] One figure counts
   *[other] Some figures count
} for each of several items: { $figures }.
chart-per-item-figure = { $each } for { $items }, so { $total }
# Figures drawn whose value is not published: the first few, and how many
# more ($more; $total in all).
chart-not-published = Not published: { $shown }{ $more ->
    [0] {""}
   *[other] {" "}and { $more } more
}; a bar that holds one is a lower bound (+).
chart-footer = Source: { $sources } ({ $title }). { honesty }
# The chart in words: title, subtitle, each value, and how many more.
chart-described = { $title }. { $subtitle }. { $items }{ $more ->
    [0] {""}
   *[other] ; and { $more } more
}.
