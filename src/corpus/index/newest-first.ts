/**
 * Collects ordinals newest first by `when`, ties in the order offered (callers offer ascending ordinals, so the
 * older ordinal first). With `max`, only the newest `max` are kept, by insertion into a short list as they are
 * offered: a name in 300,000 articles needs its latest few, not a sort of them all.
 */
export class NewestFirst {
  private readonly kept: number[] = [];

  constructor(
    private readonly when: (ord: number) => number,
    private readonly max: number | undefined,
  ) {}

  offer(ord: number): void {
    const { kept, max, when } = this;
    if (max === undefined) {
      kept.push(ord);
      return;
    }
    if (kept.length === max && !(when(ord) > when(kept[max - 1]))) return;
    // After every kept ordinal at least as recent: the place a stable sort gives it.
    let at = kept.length;
    while (at > 0 && when(kept[at - 1]) < when(ord)) at--;
    kept.splice(at, 0, ord);
    if (kept.length > max) kept.pop();
  }

  /** The ordinals kept, newest first. */
  result(): number[] {
    if (this.max === undefined) this.kept.sort((a, b) => this.when(b) - this.when(a) || a - b);
    return this.kept;
  }
}
