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
list-comma = 、
comma = ，
and-list = 、
what-which = { $what }（{ $which }）

## Charts

honesty = 数据按公布原文；“以上”“逾”等数字按下限绘制。
source = 来源：{ $what }。

## Report: the words under each chart (report/notes.rs)

report-figures = { $n }个数字
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
report-authorities = { $what }来自{ $bodies }个机构；最多的是{ $top }，{ $k }个。
report-over-the-cap = { $stem }：报告自行选择的图表至多{ $max }幅；可在cleanweb:views中声明要绘制的图表

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
chart-sentence = { $text }。
chart-and-metric = 与

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

## Checks (reconcile/, report/words.rs, report/verdicts.rs)

check-day = { $year }年{ $month }月{ $day }日
check-span = { $from }至{ $to }
check-and = { $a }、{ $b }
check-from-to = { $from }至{ $to }

check-one-series = 同一系列：指标、地区、类别、对象和单位均相同
check-period = 期间：{ $span }
check-period-within = 期间：{ $span }，属于{ $of }
check-period-differs = 期间不同：{ $span }与{ $of }
check-region = 地区：{ $region ->
    [national] 全国
   *[other] { $region }
}
check-region-differs = 地区不同：{ $a ->
    [national] 全国
   *[other] { $a }
}与{ $b ->
    [national] 全国
   *[other] { $b }
}
check-body = 机构：{ $body }
check-body-differs = 机构不同：{ $a }与{ $b }

check-never-down = 从未下降
check-goes-down = 下降{ $n }次
check-snapshots = { $from }至{ $to }的{ $n }个时点数字
check-restated = 修正：{ $later }的{ $lower }低于{ $earlier }的{ $higher }

check-percent = { $low }%
check-percent-range = { $low }%至{ $high }%
check-percent-more = { $low }%或以上
check-percent-most = 至多{ $high }%
check-any-change = 任何变化
check-share-computed = { $result } = { $part } / { $total }（{ $period }）
check-share-claim = { $day }的说法与{ $period }公布的分项中的比例{ $how ->
    [holds] 一致
    [contradicts] 相矛盾
   *[tension] 不符（两者的期间、地区或机构不同）
}
check-per-day = 每日{ $low }
check-per-day-range = 每日{ $low }至{ $high }
check-per-day-open = 每日{ $low }以上
check-rate-computed = { $result } = { $total } / { $days }天（{ $span }）
check-rate-span-shorter = 比率的期间短于总数的期间
check-rate-span-longer = 比率的期间长于总数的期间
check-rate-claim = { $day }所称的每日比率{ $how ->
    [holds] 符合{ $span }公布的总数
    [contradicts] 与{ $span }公布的总数相矛盾
   *[tension] 不符合{ $span }公布的总数（两者的期间、地区或机构不同）
}

check-change-ambiguous-compared = 同一系列：指标、地区、类别、对象和机构均相同；其期间有{ $new }个数字，所比较的期间有{ $old }个
check-change-ambiguous = 无法判断该变化比较的是哪两个数字：{ $ids }属于同一系列；请以机构、类别或对象区分
check-change-formula = ({ $new } - { $old })
check-change-formula-percent = ({ $new } - { $old }) / { $old }
check-change-computed = { $formula } = { $result }
check-change-compared = 同一系列：指标、地区、类别、对象和机构均相同；期间：{ $span }与{ $old }
check-change-claim = { $day }所称的{ $against ->
    [year] 同比
   *[period] 环比
}变化与{ $span }和{ $old }公布的数字{ $how ->
    [holds] 一致
   *[contradicts] 相矛盾
}（三者均计入其舍入）

check-rule-can-hold = 规则可以成立
check-rule-not = { $a }{ $bound ->
    [at-most] 超过了
   *[at-least] 少于
}{ $b }
check-why = （{ $why }）
check-rule = 数据包声明的规则“{ $name }”{ $why }：{ $a_day }的{ $a }{ $holds ->
    [yes] { $bound ->
        [at-most] 不超过
       *[at-least] 不少于
    }
   *[no] { $bound ->
        [at-most] 超过了
       *[at-least] 少于
    }
}{ $b_day }的{ $b }

check-jump-computed = { $days }天内所述数字相差{ $factor }倍
check-no-category = 无类别
check-jump-compared = 同一指标、地区和单位；另一系列（{ $a }与{ $b }）
check-jump = 累计数从{ $a_day }的{ $a }变为{ $b_day }的{ $b }，所述数字相差{ $factor }倍，跨越两个从未并列显示的系列
check-national = 全国截至{ $to }为{ $amount }
check-region-above = { $region }截至{ $to }的{ $amount }超过了截至{ $national_to }的全国累计数{ $national }，而后者应包含前者
check-regions-within = 未超过涵盖它们的全国累计数
check-regions-compared = 每个地区数字与涵盖它的同一指标全国累计数相比
check-regions-fit = { $n }个地区数字未超过涵盖它们的全国累计数
check-part-total = 总数{ $id } = { $amount }
check-part-compared = 总数及其分项
check-part-exceeds = 分项大于其总数

check-shares-rounding = 按其舍入（{ $rounding }）为{ $low }..{ $high }%
check-shares-compared = 同一行中同一基数的各比例
check-column-ref = “{ $name }”（第{ $col }列）
check-shares = { $at }：{ $columns }中的比例即使考虑舍入也{ $complete ->
    [yes] 不可能合计为
   *[no] 超过
}100%
check-count-none = { $base }的任何整数部分都不会舍入为{ $share }
check-count-compared = 同一行中的比例及其基数（{ $cell }）
check-count = { $cell }：{ $base }中的{ $share }不可能成立：每一个占{ $step }%，任何整数个都不会（{ $rounding }）舍入为它
check-rows-sum = 在舍入范围内合计为100%
check-rows-within = 在舍入范围内合计不超过100%
check-rows-whole = 都可能来自其基数的整数部分
check-rows-compared = 每行的比例与该行自己的基数相比
check-rows = { $file }的{ $n }行中，比例{ $what }

check-later-compared = 同一系列（指标、地区、类别、对象、单位）；关于{ $about }（分别于{ $said }和{ $other }所述）
check-later-computed = { $said }公布截至{ $to }为{ $amount }（{ $id }）
check-later-agrees = { $said }关于{ $about }的说法与{ $other }公布的累计数相符
check-later-differs = { $said }称截至{ $about }为{ $given }，但{ $other }公布的是{ $announced }
check-doubt = “{ $id }”是这{ $n }项矛盾唯一的共同依据：只改动它就可能使它们相符，应首先存疑

check-unit = { $unit ->
    [count] {""}
    [yuan] 元
    [years] 年
    [months] 个月
    [percent] %
   *[other] {" "}{ $words }
}
check-key-running = { $what }：截至{ $date }为{ $amount }{ $unit }，是公布的{ $k }个累计数中最新的。
check-key-kind = { $basis ->
    [event] { $n }个单项数字
   *[period] { $n }个期间合计
}
check-key-sum = { $metric }：合计{ $amount }{ $unit }，为公布的{ $kind }之和。
check-summary = { $first }至{ $last }公布的{ $figures }个数字，每个都附有原文引语；总数与分项之间的关系{ $relations }条。{ $checked }条关系中{ $matches }条完全吻合，{ $failures }条对不上；与其他数字核对的{ $checks }项中{ $failed }项相矛盾，{ $tensions }项存在张力（期间、地区或机构不同）。
check-not-adding-up = 对不上：总数“{ $id }”公布为{ $published }，分项合计为{ $parts }（{ $status }）。引语：{ $quotes }。
check-finding-head = { $verdict ->
    [contradicts] 矛盾
   *[tension] 张力
}：{ $text }
check-finding = { $head }（{ $compared }）。引语：{ $quotes }。
check-details = { $explanation }
check-finding-lead = { $lead }{ $restates ->
    [yes] {""}
   *[no] 详情：{ $details }
}（{ $compared }）。引语：{ $quotes }。
check-hold = 成立：{ $totals }个总数中{ $held }个与分项相符，{ $checks }项核对中{ $holds }项成立。
check-status = { $status ->
    [complete] 完整分项
    [partial] 部分分项
    [restates] 重述
    [holds] 成立
    [contradicts] 相矛盾
    [tension] 存在张力
    [cannot_tell] 无法判断
    [match] 吻合
    [consistent] 可以吻合
    [mismatch] 不符
    [partial_ok] 分项未超总数
    [partial_violation] 分项超过总数
   *[other] { $status }
}
check-basis = { $basis ->
    [event] 单次
    [cumulative] 累计
    [period] 期间
    [rate] 比率
    [share] 比例
    [change_previous_period] 环比
   *[change_previous_year] 同比
}
check-column = { $name ->
    [total_id] 总数编号
    [kind] 关系
    [parts] 分项
    [published_low] 公布下限
    [published_high] 公布上限
    [parts_low] 分项下限
    [parts_high] 分项上限
    [difference] 差额
    [status] 结果
    [check] 检查
    [subject] 对象
    [claimed] 所称
    [computed] 计算
    [verdict] 结论
    [compared] 比较
    [explanation] 说明
    [ids] 编号
    [month] 月份
    [period] 时期
    [category] 类别
    [region] 地区
    [authority] 机构
    [entity] 对象
    [metric] 指标
    [low] 下限
    [high] 上限
    [n] 数字条数
    [approx] 约数
    [note] 备注
    [date] 日期
    [part] 分项
    [figure] 数字
    [share_of_total] 占总数
   *[other] { $name }
}
check-running-to = 截至{ $date }的累计数
check-flag = { $flag ->
    [true] 是
   *[false] 否
}

check-said = { $when }的“{ $quote }”
check-lead-claim = { $day }的说法“{ $quote }”{ $how ->
    [contradicts] 与{ $when }的{ $what ->
        [share] 分项
       *[rate] 总数
    }相矛盾
   *[tension] 得不到{ $when }的{ $what ->
        [share] 分项
       *[rate] 总数
    }的支持
}：{ $result }。
check-lead-rule = 数据包的规则“{ $name }”{ $why }在{ $a }与{ $b }之间不成立：{ $computed }。
check-lead-plain = { $explanation }
check-lead-tail = { $lead }{ $tail }
check-why-contradiction = 期间、地区和机构均相同：这是矛盾。
check-differ-periods = 期间
check-differ-regions = 地区
check-differ-bodies = 机构
check-why-tension = { $list }不同：是张力，不是矛盾。
report-reading = 阅读说明：每个数字都是一个区间。公布为“以上”“余”“超过”某数的数字，表示该数或更多（表中上限为空表示没有上限）；范围保留两端。累计数是某一时点的数字，从不彼此相加，也不与单次行动相加；总数与其分项从不同时计入；没有公布数字的月份为“未公布”，不等于零。
report-column-name = { check-column }
report-left-out-why = “{ $id }”：{ $why ->
    [within] 已计入其总数“{ $other }”
    [restates] 重述“{ $other }”
    [through-parts] 以其{ $n }个分项表示
   *[part-of] 是总数“{ $other }”的分项，该总数已计入
}
check-subject-regions = 各地区数字
check-kind = { $kind ->
    [change_claim] 变化说法
    [declared_rule] 声明的规则
    [later_statement] 后来的说法
    [part_exceeds_total] 分项超过总数
    [rate_claim] 比率说法
    [region_above_national] 地区高于全国
    [related_series_jump] 相关系列跳变
    [running_total_down] 累计数下降
    [share_claim] 比例说法
    [share_of_count] 计数中的比例
   *[other] { $kind }
}
report-status-count = { $k }个{ $status }
report-left-out-spans = “{ $id }”：其期间{ $from }至{ $to }跨越多个月

## What a check is about and what it claims

check-subject-category = { $what }（{ $category }）
check-subject-which = { $what }，{ $which }
check-subject-and = { $a }与{ $b }
check-subject-against = { $a }对比{ $b }
check-subject-rule = { $name }：{ $what }
check-subject-shares = { $at }：“{ $base }”的各项比例
check-subject-share-of = { $at }：“{ $base }”中的“{ $column }”
check-claimed-on = { $amount }（{ $day }）
check-then = {" → "}
check-claimed-share-more = 超过{ $low }%
check-claimed-rate = 每日{ $amount }（{ $day }）
check-claimed-change = { $span }{ $against ->
    [year] 同比
   *[period] 环比
}变化{ $value }{ $percent ->
    [yes] %
   *[no] {""}
}（{ $day }公布）
check-claimed-later = { $said }称截至{ $to }为{ $amount }（{ $id }）
check-claimed-region = { $amount }（{ $region }，{ $day }）
check-claimed-figures = { $n }个数字
check-claimed-part = 分项{ $id } = { $amount }
check-claimed-rule = { $a }（{ $a_id }）{ $bound ->
    [at-most] 不超过
   *[at-least] 不少于
}{ $b }（{ $b_id }）
check-claimed-shares = { $shares } = { $sum }%
check-claimed-share-of = { $base }中的{ $share }
check-claimed-rows = { $n }行

# The note on a row of figures never added: its basis and unit, as files write it.
row-claim = { check-basis }（{ $unit }）
row-first-snapshot = 首个累计数：自开始以来{ $now }
row-increment = { $now } - { $before }（{ $on }）
row-restated = 数字被修正：{ $now_on }的{ $now }低于{ $on }的{ $before }
