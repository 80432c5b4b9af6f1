/** Shared commander option helpers. */

/** For a repeatable option: collects every value given, in order. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}
