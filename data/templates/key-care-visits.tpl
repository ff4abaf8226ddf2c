# 独居老人、残疾人走访记录: every active resident with either tag, one line each; the visit
# columns are left empty for the grid worker to fill in by hand on the printed sheet.
title = {community} 独居老人、残疾人走访记录
title = 月份：{month}    共 {count} 人
columns = 序号 | 姓名 | 性别 | 年龄 | 网格 | 住址 | 联系电话 | 走访日期 | 走访人 | 走访情况
query = residents-tagged 独居老人,残疾人
row = {n} | {name} | {gender} | {age} | {cell} | {address} | {phone} | | |
note = 填表人：{user}    填表日期：{today}
