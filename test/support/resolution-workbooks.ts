// The sample workbook with a 解决时限 sheet, for tests of resolution targets on requests: one working day for
// 私有云 尊享 问题反馈 (7*24问题反馈) unless told otherwise, nothing for anything else.
import ExcelJS from 'exceljs';
import { sampleWorkbook } from './fixtures.ts';

export async function sampleWithResolutionTargets(target = '1个工作日'): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(sampleWorkbook() as unknown as ArrayBuffer);
  const sheet = workbook.addWorksheet('解决时限');
  sheet.addRow(['部署', '服务产品', '服务项目', '解决时限']);
  sheet.addRow(['私有云', '尊享', '7*24问题反馈', target]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
