/** A street's worth of residents, full of Chinese names and addresses, as a streamed .xlsx and a GBK CSV. */
import { createWriteStream } from 'node:fs';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { makeIdNumber } from '../../../electron/core/people/id-number';

const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
];
const GIVEN = [...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬鑫垚淼焱堃喆犇骉昊旻玥珺婧瑾璇瑶琪'];
const ESTATES = ['幸福小区', '东风里', '和平新村', '建设大院', '光明家园', '锦绣华庭', '翠微苑', '长江路', '汉正街', '鄱阳湖畔'];

export interface BigRow {
  name: string;
  idNumber: string;
  phone: string;
  address: string;
}

export function bigRows(n: number): BigRow[] {
  const rows: BigRow[] = [];
  for (let i = 0; i < n; i++) {
    const given = GIVEN[(i * 7) % GIVEN.length]! + (i % 3 === 0 ? '' : GIVEN[(i * 13) % GIVEN.length]!);
    const year = 1930 + (i % 90);
    const month = String(1 + (i % 12)).padStart(2, '0');
    const day = String(1 + (i % 28)).padStart(2, '0');
    rows.push({
      name: SURNAMES[i % SURNAMES.length]! + given,
      // Regions the demo ledger never draws from (demo-kit HENAN_REGIONS): with 410102 the bench's 100,000 people
      // shared 21 ID numbers with the demo's, under other names, and those rows were rightly refused.
      idNumber: makeIdNumber(['420106', '410202', '110105'][i % 3]!, `${year}-${month}-${day}`, Math.floor(i / 1080) % 1000),
      phone: `13${String(100_000_000 + i).slice(-9)}`,
      address: `${ESTATES[i % ESTATES.length]}${1 + (Math.floor(i / 3) % 40)}栋${1 + (i % 4)}单元${100 + Math.floor(i / 120)}室`,
    });
  }
  return rows;
}

export const HEADER = ['所属社区', '姓名', '身份证号码', '联系电话', '家庭住址'];
export const MAPPING = ['community', 'name', 'idNumber', 'phone', 'address'];

export async function writeBigXlsx(path: string, rows: BigRow[]): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true, useStyles: false });
  const ws = wb.addWorksheet('居民');
  ws.addRow(HEADER).commit();
  for (const r of rows) ws.addRow(['东风社区', r.name, r.idNumber, r.phone, r.address]).commit();
  ws.commit();
  await wb.commit();
}

export async function writeBigGbkCsv(path: string, rows: BigRow[]): Promise<void> {
  const out = createWriteStream(path);
  const lines = [HEADER.join(','), ...rows.map((r) => ['东风社区', r.name, r.idNumber, r.phone, r.address].join(','))];
  out.write(iconv.encode(lines.join('\r\n') + '\r\n', 'gbk'));
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
}

/** The 14 columns a community keeps on a returnee sheet (issue 14 §6), in their order. */
export const COMMUNITY_HEADER = [
  '社区',
  '网格',
  '姓名',
  '性别',
  '身份证号',
  '联系电话',
  '小区',
  '楼栋',
  '单元',
  '室',
  '特殊人群',
  '人员类别',
  '返程日期',
  '来源地',
];
/** What each column becomes in a cases import (性别 is read from the ID number, so it is not imported twice). */
export const COMMUNITY_MAPPING = [
  'community',
  'grid',
  'name',
  null,
  'idNumber',
  'phone',
  'estate',
  'building',
  'unit',
  'room',
  'tags',
  'category',
  'arrivedOn',
  'origin',
];
/** Grids every demo community has (第一网格 … 第四网格). */
export const COMMUNITY_GRIDS = ['第一网格', '第二网格', '第三网格', '第四网格'];
const TAGS = ['', '', '', '', '', '', '独居老人', '慢性病', '残疾人', '孕产妇', '留守儿童'];
const ORIGINS = ['湖北省武汉市', '浙江省温州市', '广东省深圳市', '河南省信阳市', '湖北省孝感市', '北京市朝阳区', '上海市浦东新区', '安徽省阜阳市'];

/** `n` people as a community's 14-column sheet keeps them: returnees, about 2.5 to a household (consecutive rows share an address). */
export function communityRows(n: number, from = 0): string[][] {
  return bigRows(from + n)
    .slice(from)
    .map((r, k) => {
      const i = from + k;
      const sex = Number(r.idNumber[16]) % 2 === 1 ? '男' : '女';
      const day = String(1 + (i % 16)).padStart(2, '0');
      // The household's number, written as estate, building, unit and room (a mixed-radix count, so each is one address).
      const h = Math.floor((i * 2) / 5);
      const place = [
        ESTATES[h % ESTATES.length]!,
        String(1 + (Math.floor(h / 10) % 40)),
        String(1 + (Math.floor(h / 400) % 4)),
        String(101 + Math.floor(h / 1600)),
      ];
      return [
        '东风社区',
        COMMUNITY_GRIDS[h % COMMUNITY_GRIDS.length]!,
        r.name,
        sex,
        r.idNumber,
        r.phone,
        ...place,
        TAGS[i % TAGS.length]!,
        '返程人员',
        `2020-02-${day}`,
        ORIGINS[i % ORIGINS.length]!,
      ];
    });
}

export async function writeCommunityXlsx(path: string, rows: readonly string[][]): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true, useStyles: false });
  const ws = wb.addWorksheet('返程人员');
  ws.addRow(COMMUNITY_HEADER).commit();
  for (const r of rows) ws.addRow(r).commit();
  ws.commit();
  await wb.commit();
}

export function communityGbkCsv(rows: readonly string[][]): Buffer {
  return iconv.encode([COMMUNITY_HEADER, ...rows].map((r) => r.join(',')).join('\r\n') + '\r\n', 'gbk');
}
