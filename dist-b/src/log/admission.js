/** Accepts any entry: for logs of opaque data (and tests of the sequencing machinery). */
export class OpenAdmission {
    parse(bytes) {
        return { bytes: Buffer.from(bytes), lookupKeys: [], parsed: null };
    }
    admit() { }
    replay(_bytes) {
        return [];
    }
}
//# sourceMappingURL=admission.js.map