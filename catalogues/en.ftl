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
