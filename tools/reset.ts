/**
 * `npm run reset`: wipes the local cloud's data (`.data/`: database, files, development data key) so
 * that the next `npm start` begins from fresh demo data. Refuses while a local cloud answers on the
 * port, since deleting a database under a running server corrupts nothing but confuses everyone.
 * `--force` skips that check.
 */
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const DATA_DIR = path.join(ROOT, '.data');

function sizeOf(p: string): { files: number; bytes: number } {
  const stat = fs.statSync(p, { throwIfNoEntry: false });
  if (!stat) return { files: 0, bytes: 0 };
  if (!stat.isDirectory()) return { files: 1, bytes: stat.size };
  let files = 0;
  let bytes = 0;
  for (const child of fs.readdirSync(p)) {
    const s = sizeOf(path.join(p, child));
    files += s.files;
    bytes += s.bytes;
  }
  return { files, bytes };
}

function human(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

async function cloudRunning(port: number): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(1000) });
    return res.ok;
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  const rel = path.relative(ROOT, DATA_DIR);
  if (!fs.existsSync(DATA_DIR)) {
    console.log(`${rel}/ 不存在：没有需要清空的数据。`);
    return;
  }
  const port = Number(process.env.YKT_PORT ?? 3900);
  if (!process.argv.includes('--force') && (await cloudRunning(port))) {
    console.error(`本地云正在 127.0.0.1:${port} 运行：请先停止 npm start 再清空数据（或加 --force）。`);
    process.exit(1);
  }
  console.log(`将删除 ${rel}/ 中的本地云数据：`);
  for (const entry of fs.readdirSync(DATA_DIR).sort()) {
    const { files, bytes } = sizeOf(path.join(DATA_DIR, entry));
    console.log(`  ${entry.padEnd(16)} ${String(files).padStart(6)} 个文件  ${human(bytes).padStart(10)}`);
  }
  fs.rmSync(DATA_DIR, { recursive: true, force: true });
  console.log(`已删除 ${rel}/。下次 npm start 会重新写入演示数据。`);
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
