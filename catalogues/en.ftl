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
