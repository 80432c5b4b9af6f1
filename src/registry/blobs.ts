/**
 * Archives as content-addressed files: `<dir>/<sha256[0..2]>/<sha256>.zip`, written durably
 * (src/durable-file.ts), so a reader or a crash never sees half an archive.
 */
import { mkdirSync } from 'node:fs';
import { readFile, unlink, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { makeDirs, syncDirs, writeFileDurable } from '../durable-file.js';

const SHA256 = /^[0-9a-f]{64}$/;

export class BlobStore {
  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true, mode: 0o755 });
  }

  path(sha256: string): string {
    if (!SHA256.test(sha256)) throw new Error(`internal: not a sha256 ${sha256}`);
    return join(this.dir, sha256.slice(0, 2), `${sha256}.zip`);
  }

  async put(sha256: string, data: Uint8Array): Promise<void> {
    // The store's own folder is fsynced every time, not only by the put that created the subfolder: a
    // put racing that one into the same new subfolder must not return before its entry is durable.
    const dirs = new Set<string>([this.dir]);
    await makeDirs(join(this.dir, sha256.slice(0, 2)), dirs, 0o755);
    await writeFileDurable(this.path(sha256), data, { mode: 0o644, dirs });
    await syncDirs(dirs);
  }

  async get(sha256: string): Promise<Buffer | undefined> {
    try {
      return await readFile(this.path(sha256));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
  }

  async has(sha256: string): Promise<boolean> {
    return stat(this.path(sha256)).then(
      () => true,
      () => false,
    );
  }

  async delete(sha256: string): Promise<void> {
    await unlink(this.path(sha256)).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw e;
    });
  }
}
