# 城市管理问题月度统计表: the month's cases by sector, as the monthly report counts them
# (按期结案率 = closed on time / due less suspended; 返工率 = rework / closed), with a total.
title = {community} 城市管理问题月度统计表
title = 统计月份：{month}
columns = 序号 | 领域编码 | 领域 | 受理数 | 立案数 | 结案数 | 应结案数 | 按期结案数 | 按期结案率 | 返工数 | 返工率
query = cases-by-sector
row = {n} | {code} | {sector} | {received} | {filed} | {closed} | {due} | {closed_on_time} | {on_time_rate} | {rework} | {rework_rate}
total = | | 合计 | {received} | {filed} | {closed} | {due} | {closed_on_time} | {on_time_rate} | {rework} | {rework_rate}
note = 填报单位：{community}    填报人：{user}    填报日期：{today}
