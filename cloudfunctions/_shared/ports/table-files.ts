/**
 * The files finance exchanges with banks: CSV (UTF-8 with BOM, so Excel opens it; GBK accepted on the
 * way in, as many bank systems write it) and xlsx through exceljs, loaded only when a sheet is asked for.
 */

export type Table = string[][];

const FORMULA_START = /^[=+@\t\r]/;

function csvCell(value: string): string {
  // A cell that a spreadsheet would run as a formula is written as text.
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(rows: Table): Buffer {
  const text = rows.map((r) => r.map(csvCell).join(',')).join('\r\n');
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${text}\r\n`, 'utf8')]);
}

function decodeText(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gbk').decode(bytes);
  }
}

/** RFC 4180 CSV: quoted cells, doubled quotes, CRLF or LF; blank lines kept as empty rows. */
export function parseCsv(bytes: Buffer): Table {
  const text = decodeText(bytes);
  const rows: Table = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

type ExcelJs = typeof import('exceljs');

async function excel(): Promise<ExcelJs> {
  const mod = (await import('exceljs')) as ExcelJs & { default?: ExcelJs };
  return mod.default ?? mod;
}

export async function toXlsx(sheetName: string, rows: Table): Promise<Buffer> {
  const { Workbook } = await excel();
  const book = new Workbook();
  const sheet = book.addWorksheet(sheetName);
  for (const r of rows) sheet.addRow(r);
  // Card numbers and ids stay text: a number format would turn them into 6.2E+18.
  sheet.columns.forEach((c) => {
    c.numFmt = '@';
    c.width = 22;
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    const d = new Date(value.getTime());
    return d.toISOString().slice(0, 10);
  }
  if (typeof value === 'object') {
    const v = value as { text?: unknown; result?: unknown; richText?: Array<{ text: string }> };
    if (Array.isArray(v.richText)) return v.richText.map((t) => t.text).join('');
    if (v.result !== undefined) return cellText(v.result);
    if (typeof v.text === 'string') return v.text;
  }
  return String(value);
}

/** The first sheet as text cells, row 1 first; empty rows kept so row numbers match the file. */
export async function parseXlsx(bytes: Buffer): Promise<Table> {
  const { Workbook } = await excel();
  const book = new Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = book.worksheets[0];
  if (!sheet) return [];
  const rows: Table = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value).trim());
    rows.push(cells);
  }
  return rows;
}

export async function parseTable(fileName: string, bytes: Buffer): Promise<Table> {
  const isZip = bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (/\.xlsx$/i.test(fileName) || isZip) return parseXlsx(bytes);
  return parseCsv(bytes);
}

/** Finds each wanted column by its header (any of its names); null if a required one is missing. */
export function columns<K extends string>(
  header: string[],
  wanted: Record<K, { names: string[]; required: boolean }>,
): { ok: true; index: Record<K, number> } | { ok: false; missing: string[] } {
  const norm = header.map((h) => h.replace(/\s/g, '').replace(/（.*）|\(.*\)/g, ''));
  const index = {} as Record<K, number>;
  const missing: string[] = [];
  for (const key of Object.keys(wanted) as K[]) {
    const spec = wanted[key];
    const at = norm.findIndex((h) => spec.names.includes(h));
    if (at < 0 && spec.required) missing.push(spec.names[0] ?? key);
    index[key] = at;
  }
  return missing.length ? { ok: false, missing } : { ok: true, index };
}
