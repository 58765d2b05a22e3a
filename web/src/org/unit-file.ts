/**
 * Reads a unit file picked by the user, in the browser. Excel in China saves CSV as GBK
 * unless told otherwise, so text that is not valid UTF-8 is read as GB18030 (a superset).
 */

export interface UnitFile {
  name: string;
  format: 'csv' | 'json';
  content: string;
}

export async function readUnitFile(file: File): Promise<UnitFile> {
  const format = formatOf(file.name);
  if (!format) throw new Error('请选择扩展名为 .csv 或 .json 的文件');

  const bytes = await readBytes(file);

  return { name: file.name, format, content: decodeText(bytes) };
}

function formatOf(name: string): UnitFile['format'] | null {
  const lower = name.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.json')) return 'json';

  return null;
}

function readBytes(file: File): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(new Error('无法读取文件，请重新选择'));
    reader.readAsArrayBuffer(file);
  });
}

function decodeText(bytes: ArrayBuffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}
