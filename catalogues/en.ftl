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
