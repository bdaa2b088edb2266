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

## Report: the words under each chart (report/notes.rs)

report-figures = { $n }个数字
report-list-separator = 、
report-and-more = { $shown }等{ $all }项
report-of-n = { $all ->
    [yes] { $n ->
        [1] 该数字是{ $one }
       *[other] { $n }个全部是{ $one }
    }
   *[no] { $n }个中有{ $k }个是{ $one }
}
report-span-on = ，{ $date }公布
report-span-from = ，{ $from }至{ $to }公布
report-bars = { $kind ->
    [increments] 每个柱是同一系列相邻两次公布的累计数之差；共{ $what }{ $span }。
    [points] 每个点是公布的累计数；共{ $what }{ $span }。累计数是某一时点的数字，从不相加。
    [latest] 每个柱是其系列最新公布的累计数；共{ $what }{ $span }。累计数是某一时点的数字，从不相加。
    [claims] 每个柱是所称的一个数字；共{ $what }{ $span }。比率和比例从不相加。
    [changes] 每个柱是所称的一个变化；共{ $what }{ $span }。变化从不相加。
   *[sums] 每个柱把落在其中的公布数字按区间相加（下限与上限分别相加）；共{ $what }{ $span }。
}
report-lower-one = 下限
report-lower-many = 下限
report-lower = { $summed ->
    [yes] { $of_n }（“以上”“余”），以箭头表示：实际数值可能更高，含有下限的合计没有上限。
   *[no] { $of_n }（“以上”“余”），以箭头表示：实际数值可能更高。
}
report-upper-one = 上限
report-upper-many = 上限
report-upper = { $of_n }（“至多”）。
report-range-one = 范围
report-range-many = 范围
report-ranges = { $of_n }，从下限画到上限。
report-approx-one = 约数
report-approx-many = 约数
report-approx = { $of_n }（“约”），标有~。
report-items = { $kind ->
    [one] 1项
    [exactly] { $n }项
    [at-most] 至多{ $n }项
   *[unknown] 项数未知
}
report-per-item-figure = “{ $id }”每项{ $each }，共{ $items }，合计{ $total }
report-per-item-one = 按项计的数字
report-per-item-many = 按项计的数字
report-per-item = { $of_n }，因此区间较宽：{ $list }。
report-gaps = 未公布（不等于零）：{ $list }。
report-left-out = 为避免重复计算而未计入：{ $list }。
report-includes = { $up }包括{ $below }
report-includes-and = 、
report-rolled-up = 每个数字只计一次，计入包含它的上级：{ $list }。
report-also = 另：{ $list }。
report-at-least = （至少{ $value }）
report-not-published-name = { $who ->
    [none] { $when }的{ $what }{ $floor }
   *[some] { $who }{ $when }的{ $what }{ $floor }
}
report-not-published-from = { $kind ->
    [one] { $value }以上
    [floors] 0以上（或所示下限以上）
   *[zero] 0以上
}
report-not-published = { $n ->
    [1] { $summed ->
        [yes] { $list }未公布，按{ $from }计入，含有它的合计没有上限。
       *[no] { $list }未公布，按{ $from }绘制。
    }
   *[other] { $summed ->
        [yes] { $n }个数字未公布：{ $list }。各按{ $from }计入，含有它们的合计没有上限。
       *[no] { $n }个数字未公布：{ $list }。各按{ $from }绘制。
    }
}
report-breakdown = { $status ->
    [match] { $k }个分项按公布合计为{ $parts }，与公布的总数相同：完全吻合。
    [consistent] { $k }个分项按公布合计为{ $parts }，公布的总数为{ $published }：在区间内可以吻合，但不一定吻合。
   *[other] { $k }个分项按公布合计为{ $parts }，公布的总数为{ $published }：对不上，相差{ $difference }。
}
report-announcement = { $date }公布的{ $what }，因数值相差多个数量级而用对数刻度。
report-announcement-checked = 其中与分项核对的总数：{ $list }。
report-announcement-summed = 逐项相加（每个数字计一次）：{ $list }。
report-announcement-summed-separator = ；
report-authorities = { $what }来自{ $bodies }个机构；最多的是{ $top }，{ $k }个。
report-over-the-cap = { $stem }：报告自行选择的图表至多{ $max }幅；可在cleanweb:views中声明要绘制的图表
report-announcement-checked-separator = ，

## Report: headings and tables (report/html.rs, markdown.rs, big.rs, mod.rs)

report-key-figures = 主要数字
report-findings = 哪些成立，哪些不成立
report-behind-chart = 图表背后的数字
report-behind-chart-label = 图表背后的数字：{ $title }
report-reconciliation = 核对：公布的数字对得上吗？
report-reconciliation-short = 核对
report-relations = 公布的总数及其分项
report-checks = 与其他数字核对的说法
report-every-figure = 每个数字及其引语
report-every-figure-lead = 每个数字按记录列出，附来源中陈述它的最短原文。
report-every-figure-label = 每个数字及其引语
report-charts-left-out = 未绘制的图表
report-sources = 来源
report-footer = 来源：{ $sources }。由 cleanweb { $version } 生成。 { $honesty }
report-source-title = 来源：{ $title }
report-col-date = 日期
report-col-figure = 数字
report-col-value = 数值
report-col-basis = 口径
report-col-authority = 机构
report-col-quote = 引语（悬停显示来源）
report-figure-extra = { $figure }，{ $extra }
report-figure-region = { $figure }（{ $region }）
report-rows-drawn = 上表为图中所绘各行；全部{ $n }行见{ $file }。
report-more-rows = 另有{ $n }行，见{ $file }。
report-col-value-words = 数值
report-col-note = 备注
report-figure-keys = { $figure }：{ $keys }
report-one-authority = 所有数字来自同一机构
report-no-metric = 没有指标为“{ $metric }”的数字
report-no-basis = { $metrics }没有基准为“{ $basis }”的数字（{ $view }.basis）
report-no-figures = 没有可回答此问题的数字
report-col-snapshot-date = 日期

## Report: the charts it chooses (report/auto.rs)

report-chart-which = { $what }（{ $which }）
report-chart-which-separator = ，
report-chart-title = { $what }：{ $words }
report-chart-running-total = 公布的累计数
report-chart-increments = 两次公布之间的变化
report-basis-single = 单项数字
report-basis-period = 期间合计
report-chart-by = { $metric }：按{ $key }的{ $basis }
report-parts-title = { $whole }：{ $date }公布的总数的分项
report-parts-subtitle = 按公布的各分项，及其占总数{ $total }的比例
report-authority-title = 数字由谁公布
report-authority-subtitle = 数据集中公布的数字条数，按采取行动或公布的机构；共{ $n }条
report-authority-value = 数字条数
report-parts-status = （分项：{ $status }）
report-log-scale = 对数刻度（每条网格线是前一条的十倍）
report-announced-title = { $date }公布的数字
report-announced-subtitle = { $all ->
    [yes] 按公布的各项数字，{ $scale }
   *[no] { $n }项数字中最大的{ $shown }项，按公布，{ $scale }
}
report-log-value = 数量（对数刻度）

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
