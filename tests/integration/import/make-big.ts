/** A street's worth of residents, full of Chinese names and addresses, as a streamed .xlsx and a GBK CSV. */
import { createWriteStream } from 'node:fs';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { makeIdNumber } from '../../../electron/core/people/id-number';

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'];
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
      idNumber: makeIdNumber(['420106', '410102', '110105'][i % 3]!, `${year}-${month}-${day}`, Math.floor(i / 1080) % 1000),
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
