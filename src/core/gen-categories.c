/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* A synthetic full-size category table (10/118/577/3575, flat layout) for benchmarks and tests. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wangge/category.h>

/*
 * Names are built from real words so that pinyin and English search have
 * something to work on, and are fictional as a whole.  Sub-category names
 * (object + issue) are unique across the table; categories and large
 * categories are unique too.
 */
struct word {
	const char *zh, *en;
};

static const struct word sectors[] = {
	{ "城乡面貌", "Townscape" },          { "公共安全", "Public safety" },
	{ "民生保障", "Livelihoods" },        { "社区治理", "Community governance" },
	{ "交通出行", "Getting around" },      { "生态环境", "Ecology" },
	{ "文教卫生", "Culture and health" },  { "住房物业", "Housing and property" },
	{ "市场秩序", "Market order" },        { "邻里服务", "Neighbour services" },
	{ "应急处置", "Emergency response" },  { "基层建设", "Grassroots building" },
};

static const struct word areas[] = {
	{ "市政", "municipal" },     { "街巷", "lane" },        { "小区", "compound" },
	{ "公共空间", "public space" }, { "交通", "traffic" },    { "环境", "environment" },
	{ "水务", "water" },         { "能源", "energy" },      { "消防", "fire safety" },
	{ "治安", "public order" },  { "住房", "housing" },     { "物业", "property" },
	{ "养老", "elderly care" },  { "托育", "childcare" },   { "医疗", "medical" },
	{ "教育", "education" },     { "文化", "culture" },     { "体育", "sport" },
	{ "就业", "employment" },    { "救助", "relief" },      { "市场", "market" },
	{ "食品", "food" },          { "劳动", "labour" },      { "邻里", "neighbourhood" },
};

static const struct word large_kinds[] = {
	{ "管理", "management" }, { "服务", "services" }, { "保障", "support" },
	{ "治理", "governance" }, { "监督", "oversight" },
};

static const struct word objects[] = {
	{ "道路", "road" },                { "路灯", "street light" },       { "井盖", "manhole cover" },
	{ "垃圾桶", "litter bin" },         { "绿地", "green space" },        { "楼道", "stairwell" },
	{ "电梯", "lift" },                { "燃气管道", "gas pipe" },       { "供水管", "water main" },
	{ "排水沟", "drain" },              { "公厕", "public toilet" },      { "广告牌", "billboard" },
	{ "围墙", "boundary wall" },        { "护栏", "guard rail" },         { "树木", "tree" },
	{ "花坛", "flower bed" },           { "停车位", "parking space" },    { "自行车棚", "bicycle shed" },
	{ "充电桩", "charging post" },      { "消防通道", "fire lane" },      { "消火栓", "fire hydrant" },
	{ "监控探头", "camera" },           { "门禁", "door entry system" },  { "健身器材", "exercise equipment" },
	{ "游乐设施", "playground" },       { "公交站台", "bus stop" },       { "人行道", "pavement" },
	{ "盲道", "tactile paving" },       { "桥梁", "bridge" },             { "河道", "river channel" },
	{ "水箱", "water tank" },           { "屋顶", "roof" },               { "外墙", "outer wall" },
	{ "窗户", "window" },               { "空调外机", "air conditioner" }, { "电线", "power line" },
	{ "通信线缆", "telecom cable" },    { "变电箱", "transformer box" },  { "路牌", "road sign" },
	{ "信号灯", "traffic light" },      { "隔离墩", "bollard" },          { "雨水口", "storm drain" },
	{ "化粪池", "septic tank" },        { "餐饮油烟", "kitchen fumes" },  { "施工工地", "building site" },
	{ "渣土车", "spoil truck" },        { "共享单车", "shared bicycle" }, { "快递柜", "parcel locker" },
	{ "垃圾房", "refuse room" },        { "宠物", "pet" },                { "广场", "square" },
	{ "菜市场", "food market" },        { "社区食堂", "community canteen" }, { "养老驿站", "care station" },
	{ "卫生站", "health station" },     { "图书室", "reading room" },     { "活动中心", "activity centre" },
	{ "地下室", "basement" },           { "车库", "garage" },             { "楼梯扶手", "stair handrail" },
	{ "阳台", "balcony" },              { "排风口", "air vent" },         { "水表", "water meter" },
	{ "电表", "electricity meter" },
};

static const struct word category_kinds[] = {
	{ "设施", "facilities" }, { "管理", "management" }, { "维护", "upkeep" },
	{ "秩序", "order" },      { "安全", "safety" },     { "卫生", "hygiene" },
	{ "服务", "services" },   { "改造", "renewal" },    { "巡查", "patrols" },
	{ "运行", "operation" },
};

static const struct word issues[] = {
	{ "破损", "damaged" },             { "缺失", "missing" },            { "堵塞", "blocked" },
	{ "被占用", "obstructed" },         { "污染", "polluted" },           { "故障", "out of order" },
	{ "积水", "waterlogged" },          { "漏水", "leaking" },            { "倾斜", "leaning" },
	{ "脱落", "coming loose" },         { "噪声扰民", "too noisy" },      { "违规张贴", "fly-posted" },
	{ "乱堆乱放", "cluttered" },        { "私搭乱建", "illegally extended" }, { "无人管理", "unattended" },
	{ "照明不足", "poorly lit" },       { "有异味", "smelly" },           { "结冰", "icy" },
	{ "塌陷", "caved in" },             { "锈蚀", "rusted" },             { "断裂", "broken" },
	{ "松动", "loose" },                { "被盗", "stolen" },             { "涂鸦", "graffitied" },
	{ "冒烟", "smoking" },              { "渗漏", "seeping" },            { "老化", "worn out" },
	{ "超载", "overloaded" },           { "变形", "bent out of shape" },  { "裂缝", "cracked" },
	{ "满溢", "overflowing" },          { "闲置", "disused" },            { "违停", "parked illegally" },
	{ "占道经营", "used for street trading" }, { "安全隐患", "unsafe" },  { "标识不清", "badly signed" },
	{ "设置不当", "badly placed" },     { "维护不及时", "poorly maintained" }, { "收费争议", "charges disputed" },
	{ "脏乱", "dirty" },                { "鼠害", "infested by rats" },   { "蚊虫滋生", "breeding mosquitoes" },
	{ "冒水", "gushing water" },        { "断电", "without power" },      { "停水", "without water" },
	{ "信号弱", "with a weak signal" }, { "摇晃", "shaking" },            { "坠物风险", "at risk of falling" },
	{ "火灾隐患", "a fire risk" },      { "积雪", "snowed over" },        { "遮挡视线", "blocking the view" },
	{ "缺少指引", "without directions" }, { "夜间施工", "worked on at night" }, { "扬尘", "dusty" },
	{ "排放超标", "over emission limits" }, { "无障碍缺失", "not step-free" }, { "使用不便", "hard to use" },
	{ "投诉集中", "much complained about" }, { "管理混乱", "badly run" }, { "需要巡查", "due for inspection" },
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char *const parties[] = { "grid_worker", "property",  "urban_mgmt", "community",
				       "utility",     "housing",   "market",     "public_security",
				       "water",       "environment", "landscaping", "fire" };
static const char *const priorities[] = { "normal", "normal", "normal", "high", "low", "urgent" };
static const int limits[] = { 2, 4, 8, 12, 24, 48, 72, 120, 168, 240 };

static const int level_counts[WG_CAT_LEVELS] = { 10, 118, 577, 3575 };

/* xorshift32: the same table from the same seed on every machine. */
static uint32_t next_rand(uint32_t *s)
{
	uint32_t x = *s;
	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return *s = x;
}

static void shuffle(int *a, int n, uint32_t *s)
{
	for (int i = 0; i < n; i++)
		a[i] = i;
	for (int i = n - 1; i > 0; i--) {
		int j = (int)(next_rand(s) % (uint32_t)(i + 1)), t = a[i];
		a[i] = a[j];
		a[j] = t;
	}
}

/* Spreads total children over n parents (n <= 577): each gets total/n, a random few one more. */
static void spread(int *out, int n, int total, uint32_t *s)
{
	int order[577];
	for (int i = 0; i < n; i++)
		out[i] = total / n;
	shuffle(order, n, s);
	for (int i = 0; i < total % n; i++)
		out[order[i]]++;
}

struct gen {
	FILE *out;
	uint32_t rand;
	int *large_names, *cat_names, *sub_names; /* permutations of word pairs */
	int nlarge, ncat, nsub;                   /* nodes written so far per level */
	int large_per[10], cat_per[118], sub_per[577];
	char code[WG_CAT_LEVELS][16];
	char zh[WG_CAT_LEVELS][64], en[WG_CAT_LEVELS][96];
};

/* Names pair number k of two word lists: "Zh" + "zh" and "En en". */
static void compose(struct gen *g, int level, const struct word *a, size_t na, const struct word *b,
		    int k)
{
	const struct word *x = &a[(size_t)k % na], *y = &b[(size_t)k / na];
	snprintf(g->zh[level], sizeof g->zh[level], "%s%s", x->zh, y->zh);
	snprintf(g->en[level], sizeof g->en[level], "%s %s", x->en, y->en);
	if (g->en[level][0] >= 'a' && g->en[level][0] <= 'z')
		g->en[level][0] = (char)(g->en[level][0] - 'a' + 'A');
}

/* Two digits per level: the parent's code and this node's number among its siblings. */
static void set_code(struct gen *g, int level, int nth)
{
	char *c = g->code[level];
	memcpy(c, g->code[level > 0 ? level - 1 : 0], (size_t)level * 2);
	c[level * 2] = (char)('0' + (nth + 1) / 10);
	c[level * 2 + 1] = (char)('0' + (nth + 1) % 10);
	c[level * 2 + 2] = '\0';
}

static int write_sub(struct gen *g)
{
	char limit[8];
	compose(g, 3, objects, COUNT(objects), issues, g->sub_names[g->nsub++]);
	snprintf(limit, sizeof limit, "%d", limits[next_rand(&g->rand) % COUNT(limits)]);
	const char *party = parties[next_rand(&g->rand) % COUNT(parties)];
	const char *prio = priorities[next_rand(&g->rand) % COUNT(priorities)];
	const char *row[15] = { g->code[0], g->zh[0], g->en[0], g->code[1], g->zh[1], g->en[1],
				g->code[2], g->zh[2], g->en[2], g->code[3], g->zh[3], g->en[3],
				limit, party, prio };
	return wg_csv_write_row(g->out, row, 15);
}

static int write_category(struct gen *g)
{
	int n = g->sub_per[g->ncat];
	compose(g, 2, objects, COUNT(objects), category_kinds, g->cat_names[g->ncat++]);
	for (int i = 0; i < n; i++) {
		set_code(g, 3, i);
		if (write_sub(g) != 0)
			return -1;
	}
	return 0;
}

static int write_large(struct gen *g)
{
	int n = g->cat_per[g->nlarge];
	compose(g, 1, areas, COUNT(areas), large_kinds, g->large_names[g->nlarge++]);
	for (int i = 0; i < n; i++) {
		set_code(g, 2, i);
		if (write_category(g) != 0)
			return -1;
	}
	return 0;
}

static int write_table(struct gen *g)
{
	static const char *const header[15] = {
		"sector_code", "sector_name", "sector_name_en", "large_code", "large_name",
		"large_name_en", "category_code", "category_name", "category_name_en", "sub_code",
		"sub_name", "sub_name_en", "time_limit_hours", "responsible", "priority",
	};
	int order[COUNT(sectors)];
	shuffle(order, (int)COUNT(sectors), &g->rand);
	if (wg_csv_write_row(g->out, header, 15) != 0)
		return -1;
	for (int s = 0; s < level_counts[0]; s++) {
		set_code(g, 0, s);
		snprintf(g->zh[0], sizeof g->zh[0], "%s", sectors[order[s]].zh);
		snprintf(g->en[0], sizeof g->en[0], "%s", sectors[order[s]].en);
		for (int i = 0; i < g->large_per[s]; i++) {
			set_code(g, 1, i);
			if (write_large(g) != 0)
				return -1;
		}
	}
	return 0;
}

int wg_gen_categories(FILE *out, unsigned seed)
{
	struct gen g = { .out = out, .rand = seed ? (uint32_t)seed : 0x9E3779B9u };
	int rc = -1;
	g.large_names = malloc(COUNT(areas) * COUNT(large_kinds) * sizeof(int));
	g.cat_names = malloc(COUNT(objects) * COUNT(category_kinds) * sizeof(int));
	g.sub_names = malloc(COUNT(objects) * COUNT(issues) * sizeof(int));
	if (g.large_names && g.cat_names && g.sub_names) {
		shuffle(g.large_names, (int)(COUNT(areas) * COUNT(large_kinds)), &g.rand);
		shuffle(g.cat_names, (int)(COUNT(objects) * COUNT(category_kinds)), &g.rand);
		shuffle(g.sub_names, (int)(COUNT(objects) * COUNT(issues)), &g.rand);
		spread(g.large_per, 10, level_counts[1], &g.rand);
		spread(g.cat_per, 118, level_counts[2], &g.rand);
		spread(g.sub_per, 577, level_counts[3], &g.rand);
		rc = write_table(&g);
	}
	free(g.large_names);
	free(g.cat_names);
	free(g.sub_names);
	return rc == 0 && !ferror(out) ? WG_OK : WG_EIO;
}
