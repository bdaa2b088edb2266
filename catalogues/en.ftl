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
# Between the items of an enumeration (Chinese 、) and between clauses (Chinese ，);
# the last of two names joined ("a and b").
list-comma = {", "}
comma = {", "}
and-list = {" and "}
# A name with what tells it apart: "Fines (Northtown)".
what-which = { $what } ({ $which })

## Charts

honesty = Figures as published; 'more than' figures drawn as lower bounds.
source = Source: { $what }.

## Report: the words under each chart (report/notes.rs)

report-figures = { $n ->
    [1] 1 figure
   *[other] { $n } figures
}
# Items listed: the first few, and how many more there are.
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
report-authorities = { $what } from { $bodies } bodies; the most, { $k }, from { $top }.
report-over-the-cap = { $stem }: the report draws at most { $max } charts of its own choosing; declare views (cleanweb:views) to choose others

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
# A sentence of the chart's remarks ended.
chart-sentence = { $text }.
# The names of metrics joined in a title, and of keys.
chart-and-metric = {" and "}

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

## Checks (reconcile/, report/words.rs, report/verdicts.rs)

# A day in a check's table and its explanation: the ISO date the CSV keeps.
check-day = { $iso }
check-span = { $from }..{ $to }
# Between the parts of what a check compared or explains.
# Between the items of a list within a check's words.
check-and = { $a } and { $b }
check-from-to = { $from } to { $to }

# What the compared figures share and what they do not.
check-one-series = one series: the same metric, region, category, entity and unit
check-period = period: { $span }
check-period-within = period: { $span } within { $of }
check-period-differs = period differs: { $span } against { $of }
check-region = region: { $region }
check-region-differs = region differs: { $a } against { $b }
check-body = body: { $body }
check-body-differs = body differs: { $a } against { $b }

# Running totals that go down.
check-never-down = never goes down
check-goes-down = goes down { $n } time(s)
check-snapshots = { $n } snapshots from { $from } to { $to }
check-restated = restatement: { $lower } on { $later } is lower than { $higher } on { $earlier }

# Shares and daily rates against the totals they describe; $how is holds,
# contradicts or tension.
check-percent = { $low }%
check-percent-range = { $low }% to { $high }%
check-percent-more = { $low }% or more
check-percent-most = at most { $high }%
check-any-change = any change
check-share-computed = { $result } = { $part } / { $total } ({ $period })
check-share-claim = the claim of { $day } is { $how ->
    [holds] consistent with
    [contradicts] contradicted by
   *[tension] not borne out by
} the share in the published breakdown of { $period }
check-per-day = { $low } per day
check-per-day-range = { $low } to { $high } per day
check-per-day-open = { $low } or more per day
check-rate-computed = { $result } = { $total } / { $days } days ({ $span })
check-rate-span-shorter = the rate's span is shorter than the total's
check-rate-span-longer = the rate's span is longer than the total's
check-rate-claim = the daily rate claimed on { $day } { $how ->
    [holds] fits
    [contradicts] is contradicted by
   *[tension] is not borne out by
} the total published for { $span }

# Stated changes against the figures they compare.
check-change-ambiguous-compared = one series: the same metric, region, category, entity and body; { $new } figure(s) of its span, { $old } of the span it compares with
check-change-ambiguous = which figures the change compares cannot be told: { $ids } share one series; tell them apart by authority, category or entity
check-change-formula = ({ $new } - { $old })
check-change-formula-percent = ({ $new } - { $old }) / { $old }
check-change-computed = { $formula } = { $result }
check-change-compared = one series: the same metric, region, category, entity and body; period: { $span } against { $old }
check-change-claim = the change stated on { $day } is { $how ->
    [holds] consistent with
   *[contradicts] contradicted by
} the figures published for { $span } and { $old }, within the rounding of all three

# A package's declared rules; $bound is at-most or at-least.
check-rule-can-hold = the rule can hold
check-rule-not = { $a } is not { $bound ->
    [at-most] at most
   *[at-least] at least
} { $b }
check-why = {" "}({ $why })
check-rule = the package's rule '{ $name }'{ $why }: { $a } of { $a_day } is { $holds ->
    [yes] {""}
   *[no] {"not "}
}{ $bound ->
    [at-most] at most
   *[at-least] at least
} { $b } of { $b_day }

# Across series.
check-jump-computed = a factor of { $factor } between the stated figures in { $days } days
check-no-category = no category
check-jump-compared = one metric, region and unit; another series ({ $a } against { $b })
check-jump = the running total goes from { $a } on { $a_day } to { $b } on { $b_day }, a factor of { $factor } between the stated figures, across two series that are never shown side by side
check-national = national { $amount } to { $to }
check-region-above = { $region }'s { $amount } to { $to } is more than the national running total of { $national } to { $national_to }, which should include it
check-regions-within = within the national running totals that cover them
check-regions-compared = each regional figure with the national running total of its metric that covers it
check-regions-fit = { $n ->
    [one] { $n } regional figure is within the national running total that covers it
   *[other] { $n } regional figures are within the national running total that covers them
}
check-part-total = total { $id } = { $amount }
check-part-compared = a total and its part
check-part-exceeds = a part is larger than its total

# Shares in the rows of a table.
check-shares-rounding = { $low }..{ $high }% within their rounding ({ $rounding })
check-shares-compared = the shares of one base in one row
check-column-ref = '{ $name }' (column { $col })
check-shares = at { $at }, the shares in { $columns } { $complete ->
    [yes] cannot sum to
   *[no] exceed
} 100% even allowing for their rounding
check-count-none = no whole count of { $base } rounds to { $share }
check-count-compared = a share and its base, in one row ({ $cell })
check-count = at { $cell }, { $share } of { $base } cannot be: each of the { $base } counts { $step }%, and no whole number of them rounds ({ $rounding }) to it
check-rows-sum = sum to 100% within their rounding
check-rows-within = sum to at most 100% within their rounding
check-rows-whole = can each come from a whole count of their base
check-rows-compared = each row's shares with its own base
check-rows = { $n ->
    [one] in { $n } row
   *[other] in { $n } rows
} of { $file }, the shares { $what }

# A statement made later against the snapshot of its day.
check-later-compared = one series (metric, region, category, entity, unit); about { $about } (said on { $said } and on { $other })
check-later-computed = { $amount } to { $to }, said on { $said } ({ $id })
check-later-agrees = what was said on { $said } about { $about } agrees with the total announced on { $other }
check-later-differs = on { $said } the total to { $about } is given as { $given }, but on { $other } it was announced as { $announced }
check-doubt = '{ $id }' is the one figure behind all { $n } contradictions that rest on it: a change to it alone could reconcile them, so it is the figure to doubt first

# The report's sentences about the figures and the checks.
# A unit after an amount; $words is the unit's key with spaces.
check-unit = { $unit ->
    [count] {""}
   *[other] {" "}{ $words }
}
check-key-running = { $what }: { $amount }{ $unit } by { $date }, the latest of { $k ->
    [one] 1 running total
   *[other] { $k } running totals
} announced.
check-key-kind = { $basis ->
    [event] { $n ->
        [one] 1 single figure
       *[other] { $n } single figures
    }
   *[period] { $n ->
        [one] 1 period total
       *[other] { $n } period totals
    }
}
check-key-sum = { $used ->
    [one] { $metric }: { $amount }{ $unit }, from { $kind } published.
   *[other] { $metric }: { $amount }{ $unit } in all, the sum of { $kind } published.
}
check-summary = { $figures ->
    [one] 1 published figure
   *[other] { $figures } published figures
} announced between { $first } and { $last }, each with its verbatim quote, and { $relations ->
    [one] 1 relation
   *[other] { $relations } relations
} between totals and their parts. Of { $checked ->
    [one] 1 total checked
   *[other] { $checked } totals checked
}, { $matches } match exactly and { $failures } do not add up; of { $checks ->
    [one] 1 check
   *[other] { $checks } checks
} against other figures, { $failed ->
    [one] 1 finds
   *[other] { $failed } find
} a contradiction and { $tensions } a tension (figures that disagree across periods, regions or bodies).
check-not-adding-up = Does not add up: the total '{ $id }' is published as { $published }, its parts give { $parts } ({ $status }). Quotes: { $quotes }.
# $verdict is contradicts or tension.
check-finding-head = { $verdict ->
    [contradicts] Contradiction
   *[tension] Tension
}: { $text }
check-finding = { $head } ({ $compared }). Quotes: { $quotes }.
check-details = { $explanation }{" "}
check-finding-lead = { $lead } Details: { $details }({ $compared }). Quotes: { $quotes }.
check-hold = Hold: { $held } of { $totals } totals against their parts, and { $holds } of { $checks } checks against other figures.
# A relation's kind, a status or a verdict, as the tables write it.
check-status = { $status ->
    [complete] complete
    [partial] partial
    [restates] restates
    [holds] holds
    [contradicts] contradicts
    [tension] tension
    [cannot_tell] cannot_tell
    [match] match
    [consistent] consistent
    [mismatch] mismatch
    [partial_ok] partial_ok
    [partial_violation] partial_violation
   *[other] { $status }
}
check-basis = { $basis ->
    [event] event
    [cumulative] cumulative
    [period] period
    [rate] rate
    [share] share
    [change_previous_period] change on the period before
   *[change_previous_year] change on a year before
}
# A column of the tool's tables, by its name in the CSV.
check-column = { $name ->
    [total_id] total id
    [kind] kind
    [parts] parts
    [published_low] published low
    [published_high] published high
    [parts_low] parts low
    [parts_high] parts high
    [difference] difference
    [status] status
    [check] check
    [subject] subject
    [claimed] claimed
    [computed] computed
    [verdict] verdict
    [compared] compared
    [explanation] explanation
    [ids] ids
    [month] month
    [period] period
    [category] category
    [region] region
    [authority] authority
    [entity] entity
    [metric] metric
    [low] low
    [high] high
    [n] n
    [approx] approx
    [note] note
    [date] date
    [part] part
    [figure] figure
    [share_of_total] share of total
   *[other] { $name }
}
check-running-to = running total to { $date }
check-flag = { $flag ->
    [true] true
   *[false] false
}

# The lead of a finding: what was said and what the other figures give.
check-said = “{ $quote }” ({ $when })
check-lead-claim = The claim of { $day }, “{ $quote }”, { $how ->
    [contradicts] is contradicted by
   *[tension] is not borne out by
} the { $what ->
    [share] breakdown
   *[rate] total
} of { $when }: { $result }.
check-lead-rule = The package's rule '{ $name }'{ $why } does not hold between { $a } and { $b }: { $computed }.
check-lead-plain = { $explanation }.
check-lead-tail = { $lead } { $tail }
check-why-contradiction = The same period, region and body: a contradiction.
check-differ-periods = periods
check-differ-regions = regions
check-differ-bodies = bodies
check-why-tension = Different { $list }: a tension, not a contradiction.
report-reading = How to read: every figure is an interval. A figure published as "more than" a number is that number or more (an empty high end in a table means unbounded); ranges keep both ends. Running totals are snapshots and are never added to each other or to single actions; a total and its parts are never both counted; a month with no published figure is "not reported", not zero.
# A column of the tool's tables as a reader reads it; $words is its name with
# spaces and a capital.
report-column-name = { $name ->
    [n] Figures
   *[other] { $words }
}
# A figure left out of a sum, and why: $why is within, restates, through-parts
# or part-of; $other is the figure it refers to.
report-left-out-why = '{ $id }': { $why ->
    [within] counted within its total '{ $other }'
    [restates] restates '{ $other }'
    [through-parts] shown through its { $n } parts
   *[part-of] part of the total '{ $other }', which is counted
}
check-subject-regions = regional figures
# The kind of a check, as a checks table names it.
check-kind = { $kind ->
    [change_claim] change claim
    [declared_rule] declared rule
    [later_statement] later statement
    [part_exceeds_total] part exceeds total
    [rate_claim] rate claim
    [region_above_national] region above national
    [related_series_jump] related series jump
    [running_total_down] running total down
    [share_claim] share claim
    [share_of_count] share of count
   *[other] { $kind }
}
report-status-count = { $k } { $status }
report-left-out-spans = '{ $id }': its period { $from }..{ $to } spans more than one month

## What a check is about and what it claims

# A check's subject: a figure's metric ($what) with its category, then with its
# region or entity ($which), where it has them; two figures; a declared rule's.
check-subject-category = { $what } ({ $category })
check-subject-which = { $what }, { $which }
check-subject-and = { $a } and { $b }
check-subject-against = { $a } against { $b }
check-subject-rule = { $name }: { $what }
# A mapped table's shares: $at is file:line, $base and $column column names.
check-subject-shares = { $at }, shares of '{ $base }'
check-subject-share-of = { $at }, '{ $column }' of '{ $base }'
# What the figures claim, as published.
check-claimed-on = { $amount } ({ $day })
# Between the running totals of a series, earliest first.
check-then = {" -> "}
check-claimed-share-more = more than { $low }%
check-claimed-rate = { $amount } per day ({ $day })
# $against is period or year; $percent is yes when the change is in percent.
check-claimed-change = change of { $value }{ $percent ->
    [yes] %
   *[no] {""}
} { $against ->
    [year] on a year before
   *[period] on the period before
} ({ $span }; stated { $day })
check-claimed-later = { $amount } to { $to }, said on { $said } ({ $id })
check-claimed-region = { $amount } ({ $region }, { $day })
check-claimed-figures = { $n ->
    [one] { $n } figure
   *[other] { $n } figures
}
check-claimed-part = part { $id } = { $amount }
# $bound is at-most or at-least.
check-claimed-rule = { $a } ({ $a_id }) { $bound ->
    [at-most] at most
   *[at-least] at least
} { $b } ({ $b_id })
check-claimed-shares = { $shares } = { $sum }%
check-claimed-share-of = { $share } of { $base }
check-claimed-rows = { $n ->
    [one] { $n } row
   *[other] { $n } rows
}

# The note on a row of figures never added: its basis and unit, as files write it.
row-claim = { $basis } { $unit }
row-first-snapshot = first snapshot: { $now } since the start
row-increment = { $now } - { $before } ({ $on })
row-restated = restatement: { $now } on { $now_on } is lower than { $before } on { $on }
