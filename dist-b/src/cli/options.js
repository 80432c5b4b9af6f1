/** Shared commander option helpers. */
/** For a repeatable option: collects every value given, in order. */
export function collect(value, previous) {
    return [...(previous ?? []), value];
}
//# sourceMappingURL=options.js.map