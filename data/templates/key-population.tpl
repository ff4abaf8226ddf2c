# 重点人群花名册 for the street office: every active resident with a key-care tag (the tags
# marked as key care: 独居老人, 残疾人, 低保 in the default list). ID numbers and phones are
# masked unless an administrator renders it with --unmasked (recorded in the audit log).
title = {community} 重点人群花名册
title = 截至 {today}    共 {count} 人
columns = 序号 | 姓名 | 性别 | 年龄 | 身份证号 | 联系电话 | 网格 | 住址 | 人员类别
query = key-population
row = {n} | {name} | {gender} | {age} | {id_number} | {phone} | {cell} | {address} | {tags}
note = 制表：{community}    制表人：{user}
