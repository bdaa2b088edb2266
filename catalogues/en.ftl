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

## Checks (reconcile/, report/words.rs, report/verdicts.rs)

# A day in a check's table and its explanation: the ISO date the CSV keeps.
check-day = { $iso }
check-span = { $from }..{ $to }
# Between the parts of what a check compared or explains.
check-separator = {"; "}
# Between the items of a list within a check's words.
check-comma = {", "}
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
check-figures = { $n ->
    [one] 1 figure
   *[other] { $n } figures
}
check-of-n = { $all ->
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
check-and-more = { $shown } and { $more } more
# A unit after an amount; $words is the unit's key with spaces.
check-unit = { $unit ->
    [count] {""}
   *[other] {" "}{ $words }
}
check-key-comma = {", "}
check-key-which = { $what } ({ $which })
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
check-status = { $status }
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
check-column = { $name }
check-running-to = running total to { $date }
check-flag = { $flag }

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
