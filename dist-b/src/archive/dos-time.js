/** MS-DOS date and time fields of zip headers, computed in UTC (docs/ARCHIVES.md, "Time stamps"). */
import { SignetError } from '../errors.js';
/** The earliest instant a DOS date can hold: 1980-01-01 00:00:00 UTC. */
const DOS_EPOCH_MS = Date.UTC(1980, 0, 1);
/** The last: 2107-12-31 23:59:58 UTC. */
const DOS_LAST_MS = Date.UTC(2107, 11, 31, 23, 59, 58);
/** UTC fields of `t`, clamped to the DOS range, seconds rounded down to even. Never the local zone. */
export function toDosDateTime(t) {
    if (Number.isNaN(t.getTime()))
        throw new SignetError('USAGE', 'the archive time stamp is not a valid date');
    const ms = Math.min(Math.max(t.getTime(), DOS_EPOCH_MS), DOS_LAST_MS);
    const d = new Date(ms);
    const date = ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate();
    const time = (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | (d.getUTCSeconds() >> 1);
    return { date, time };
}
/** The UTC instant a DOS date and time name (for tests and listings). */
export function fromDosDateTime({ date, time }) {
    return new Date(Date.UTC((date >> 9) + 1980, ((date >> 5) & 0xf) - 1, date & 0x1f, time >> 11, (time >> 5) & 0x3f, (time & 0x1f) * 2));
}
//# sourceMappingURL=dos-time.js.map