/** One file of a release archive, as the zip writer takes it and the zip reader returns it. */
export type FileMode = 0o644 | 0o755;

export interface ArchiveFile {
  /** Relative, '/'-separated, without the archive's top folder (docs/ARCHIVES.md, "Paths"). */
  readonly path: string;
  /** 0o755 when the file is executable, else 0o644: the only permission a release carries. */
  readonly mode: FileMode;
  readonly data: Buffer;
}
