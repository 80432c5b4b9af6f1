/** True when the string has no lone UTF-16 surrogate, i.e. it has a valid UTF-8 encoding. */
export function isWellFormedUnicode(s) {
    for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        if (c >= 0xd800 && c <= 0xdbff) {
            const n = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
            if (n >= 0xdc00 && n <= 0xdfff) {
                i++;
                continue;
            }
            return false;
        }
        if (c >= 0xdc00 && c <= 0xdfff)
            return false;
    }
    return true;
}
//# sourceMappingURL=text.js.map