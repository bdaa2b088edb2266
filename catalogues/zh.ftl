# cleanweb 的中文用语。每条消息由代码按其名称取用；变量是代码传入的事实。

## Dates and months

month-short = { $month }月
year = { $year }年
month-year = { $year }年{ $month }月
day-month = { $month }月{ $day }日
date = { $year }年{ $month }月{ $day }日

## Amounts

not-reported = 未公布
amount-unknown = 未知
amount-exact = { $approx ->
    [yes] 约{ $low }
   *[no] { $low }
}
amount-at-least = { $approx ->
    [yes] 约{ $low }以上
   *[no] { $low }以上
}
amount-at-most = 至多{ $high }
amount-range = { $approx ->
    [yes] 约{ $low }至{ $high }
   *[no] { $low }至{ $high }
}
list-separator = ；

## Charts

honesty = 数据按公布原文；“以上”“逾”等数字按下限绘制。
source = 来源：{ $what }。
