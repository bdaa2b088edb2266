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

## Checks (reconcile/, report/words.rs, report/verdicts.rs)

check-day = { $year }年{ $month }月{ $day }日
check-span = { $from }至{ $to }
check-separator = ；
check-comma = 、
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

check-figures = { $n }个数字
check-of-n = { $all ->
    [yes] { $n ->
        [1] 该数字是{ $one }
       *[other] { $n }个全部是{ $one }
    }
   *[no] { $n }个中有{ $k }个是{ $one }
}
check-and-more = { $shown }等{ $all }项
check-unit = { $unit ->
    [count] {""}
    [yuan] 元
    [years] 年
    [months] 个月
    [percent] %
   *[other] {" "}{ $words }
}
check-key-comma = ，
check-key-which = { $what }（{ $which }）
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
