/**
 * Where a tiled log's resources come from: a URL prefix, a folder, a test fixture. The auditor and
 * every client read through this one small interface.
 */
export interface LogSource {
  /**
   * The bytes of `path` ("checkpoint", "tile/0/000.p/5", "tile/entries/000"), or null when the
   * resource does not exist (HTTP 404, no such file). Any other failure throws FETCH_FAILED.
   * Reads more than `maxBytes` bytes must fail rather than be buffered.
   */
  read(path: string, maxBytes: number): Promise<Uint8Array | null>;
  /** A printable description of the source, for messages ("https://log.example/", "./log"). */
  readonly description: string;
}
