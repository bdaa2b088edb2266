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

## Charts (chart/)

chart-words-spaced = no
chart-pair = { $label }：{ $value }
chart-comma = ，
chart-sentence = { $text }。
chart-and-metric = 与
chart-and-key = 、

chart-title = { $what }（按{ $by }）
chart-title-increments = { $what }：两次公布之间的变化
chart-title-running-total = { $what }：累计数
chart-subtitle-what = { $unit }，{ $basis }
chart-basis = { $basis ->
    [increments] 累计数之间的变化（按公布）
    [cumulative] 公布的累计数
    [event] 公布的单次行动
    [period] 所述期间的合计
    [rate] 所称的比率
    [share] 所称的比例
    [change_previous_period] 所称的环比变化
   *[change_previous_year] 所称的同比变化
}
chart-unit = { $unit ->
    [count] 数量
    [yuan] 元
    [years] 年
    [months] 月
    [percent] 百分比
    [per_day] 每日
    [multiple] 倍数
   *[other] { $words }
}
chart-dimension = { $dimension ->
    [month] 月份
    [period] 时期
    [category] 类别
    [region] 地区
    [authority] 机构
    [entity] 对象
    [metric] 指标
   *[other] dimension
}
chart-blank-key = { $dimension ->
    [category] 无类别
    [entity] 未指明对象
    [authority] 未指明机构
   *[other] 未指明
}
chart-span-one-year = { $year }年{ $from }–{ $to }月
chart-span = { $from }–{ $to }

## Charts: the filters of the question

chart-national = 全国数据
chart-all-regions = 所有地区
chart-up-to = 按{ $level }计
chart-dates = { $span ->
    [from] { $from }起
    [until] 截至{ $to }
   *[between] { $from }至{ $to }
}

## Charts: bars, remarks and the footer

chart-others = 其他{ $n }项
chart-smallest-hidden = { $total }项中最小的{ $n }项未显示。
chart-gaps = 标为“未公布”的月份没有公布数字，不等于零。
chart-steps = 每个点是当日公布的累计数；到下一次公布之前，线保持水平。
chart-includes = { $whole }包括{ $parts }
chart-per-item = 部分数字按项计：{ $figures }。
chart-per-item-figure = 每项{ $each }，合计{ $total }
chart-not-published = 未公布：{ $shown }{ $more ->
    [0] {""}
   *[other] 等{ $total }项
}；含未公布数字的条形为下限（+）。
chart-footer = 来源：{ $sources }（{ $title }）。{ honesty }
chart-described = { $title }。{ $subtitle }。{ $items }{ $more ->
    [0] {""}
   *[other] ；另有{ $more }项
}。
