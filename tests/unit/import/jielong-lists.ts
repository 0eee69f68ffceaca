/**
 * 接龙 lists in the shapes communities send them (a notice line or two, then numbered entries with relations,
 * addresses, notes, places come back from, parentheses, 「+1」, nicknames), each entry with the name it is read as.
 * Made by code: the ID numbers are valid and distinct, the phones distinct.
 */
import { makeIdNumber } from '../../../electron/core/people/id-number';

export interface Jielong {
  text: string;
  /** By entry number: the name read (null: none read). */
  names: (string | null)[];
}

const id = (n: number): string => makeIdNumber('410105', `19${50 + (n % 40)}-0${1 + (n % 9)}-1${n % 10}`, n);
const phone = (n: number): string => `138037${String(11000 + n).padStart(5, '0')}`;

/** 返程人员: relation words, addresses, places people came back from, notes, 「+1」, a nickname in parentheses. */
export const RETURNEES: Jielong = {
  text: [
    '#接龙',
    '青松里社区返程人员登记',
    '请按格式接龙：序号 姓名 身份证号 电话 住址 备注，谢谢！',
    '',
    `1. 张三 ${id(1)} ${phone(1)} 3号楼2单元 本人 已返程`,
    `2. 李秀英 母亲 ${id(2)} ${phone(2)} 3号楼2单元 居家`,
    `3. 王五 ${id(3)} ${phone(3)} 幸福小区5栋 武汉返 无症状`,
    `4. 赵六，${id(4)}，${phone(4)}，东三街12号，黄冈`,
    `5. 钱七 ${id(5)} ${phone(5)} 和平里6号楼 居家观察`,
    `6. 孙丽 ${phone(6)} 4号楼1单元 明天到`,
    `7. 周八 ${id(7)} ${phone(7)} 幸福小区2栋 +1`,
    `8. 吴九（毛毛）${id(8)} ${phone(8)} 5号楼`,
    `9. 郑十 毛毛 ${id(9)} ${phone(9)} 5号楼 全家3人`,
    `10. 欧阳娜娜 ${id(10)} ${phone(10)} 东风社区 第二网格`,
    `11. 冯一 ${id(11)} ${phone(11)} 阿姨 高风险 郑州`,
    `12. 陈二 ${id(12)} ${phone(12)} 楼长 党员`,
    `13. 褚卫 ${id(13)} ${phone(13)} 孙女 幸福里3号 黄码`,
    `14. 蒋芳+1 ${phone(14)} 7号楼`,
  ].join('\n'),
  names: ['张三', '李秀英', '王五', '赵六', '钱七', '孙丽', '周八', null, '郑十', '欧阳娜娜', '冯一', '陈二', '褚卫', null],
};

/** 居家观察: 、 and ） after the number, full-width commas, notes first, a place before the name, a minority name. */
export const OBSERVATION: Jielong = {
  text: [
    '东风社区居家观察人员接龙 2月12日',
    '格式：姓名+身份证+电话+楼号',
    `1、刘洋，${id(21)}，${phone(21)}，幸福小区3栋，本人`,
    `2、居家 何军 ${id(22)} ${phone(22)} 二网格`,
    `3）武汉 马丽 ${id(23)} ${phone(23)}`,
    `4、阿依古丽·买买提 ${id(24)} ${phone(24)} 6号楼`,
    `5、高峰 ${id(25)} 来自温州 ${phone(25)}`,
    `6、林小红 ${phone(26)} 明天 核酸`,
    `7、金华 ${id(27)} ${phone(27)}`,
    `8、安康 ${phone(28)} 常住 东三街`,
    `9、罗明 ${id(29)} 韩国 入境 ${phone(29)}`,
    `10、谢婷 ${id(30)} ${phone(30)} 司机 车牌豫A12345`,
    `11、宋佳 ${id(31)} ${phone(31)} 和家人 阴性`,
    '12、明天再报',
  ].join('\n'),
  names: ['刘洋', '何军', '马丽', '阿依古丽·买买提', '高峰', '林小红', '金华', '安康', '罗明', '谢婷', '宋佳', null],
};
