/** Zip record signatures and field values shared by the writer and the reader (PKWARE APPNOTE 6.3). */
export const SIG_LOCAL = 0x04034b50;
export const SIG_CENTRAL = 0x02014b50;
export const SIG_END = 0x06054b50;
export const SIG_ZIP64_END_LOCATOR = 0x07064b50;
export const LOCAL_HEADER_SIZE = 30;
export const CENTRAL_HEADER_SIZE = 46;
export const END_RECORD_SIZE = 22;
export const METHOD_STORED = 0;
export const METHOD_DEFLATED = 8;
export const FLAG_ENCRYPTED = 0x0001;
export const FLAG_DATA_DESCRIPTOR = 0x0008;
export const FLAG_STRONG_ENCRYPTION = 0x0040;
export const FLAG_UTF8 = 0x0800;
/** Version made by: upper byte 3 = Unix (external attributes hold a st_mode), lower byte 30 = 3.0. */
export const MADE_BY_UNIX_30 = 0x031e;
export const VERSION_STORED = 10;
export const VERSION_DEFLATED = 20;
/** Without zip64, counts and sizes must stay below these sentinels. */
export const MAX_ENTRIES = 0xffff;
export const MAX_U32 = 0xffffffff;
export const S_IFMT = 0o170000;
export const S_IFREG = 0o100000;
export const S_IFDIR = 0o040000;
export const S_IFLNK = 0o120000;
/** Extra field: Info-ZIP Unicode Path, a second name some extractors prefer over the header's. */
export const EXTRA_UNICODE_PATH = 0x7075;
export const EXTRA_ZIP64 = 0x0001;
//# sourceMappingURL=zip-format.js.map