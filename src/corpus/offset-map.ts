/**
 * Maps positions in cleaned text back to positions in the raw input.
 *
 * Cleaning only ever *drops* input ranges or inserts short synthetic
 * separators, so the map is a sorted list of runs: text[t0, t0+len) was
 * copied from input[i0, i0+len). Synthetic characters map to the input
 * position where they were inserted. Lookups are a binary search.
 */
export interface OffsetRun {
  textStart: number;
  inputStart: number;
  length: number;
  /** Synthetic characters (inserted separators) all map to `inputStart`. */
  synthetic?: boolean;
}

export class OffsetMap {
  private readonly runs: OffsetRun[];

  constructor(runs: OffsetRun[]) {
    this.runs = runs;
  }

  /** Identity map for text that was not changed. */
  static identity(length: number): OffsetMap {
    return new OffsetMap(length > 0 ? [{ textStart: 0, inputStart: 0, length }] : []);
  }

  /** Input offset for a text offset. `end` positions (one past a char) map one past the char's input position. */
  toInput(textOffset: number, isEnd = false): number {
    if (this.runs.length === 0) return textOffset;
    const probe = isEnd ? textOffset - 1 : textOffset;
    let lo = 0;
    let hi = this.runs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.runs[mid].textStart <= probe) lo = mid;
      else hi = mid - 1;
    }
    const run = this.runs[lo];
    if (run.synthetic) return run.inputStart;
    const within = Math.min(Math.max(probe - run.textStart, 0), Math.max(run.length - 1, 0));
    const inputPos = run.inputStart + within;
    return isEnd ? inputPos + 1 : inputPos;
  }

  /** Map a half-open text span to an input span. */
  spanToInput(span: readonly [number, number]): [number, number] {
    if (span[1] <= span[0]) {
      const p = this.toInput(span[0]);
      return [p, p];
    }
    return [this.toInput(span[0]), this.toInput(span[1], true)];
  }

  toJSON(): OffsetRun[] {
    return this.runs;
  }
}

/** Builds cleaned text and its offset map together, so they can never disagree. */
export class TextBuilder {
  private parts: string[] = [];
  private runs: OffsetRun[] = [];
  private length = 0;
  private lastInput = 0;

  /** Copy input[start, end) into the text. */
  copy(input: string, start: number, end: number): void {
    if (end <= start) return;
    const last = this.runs[this.runs.length - 1];
    if (last && !last.synthetic && last.inputStart + last.length === start && last.textStart + last.length === this.length) {
      last.length += end - start;
    } else {
      this.runs.push({ textStart: this.length, inputStart: start, length: end - start });
    }
    this.parts.push(input.slice(start, end));
    this.length += end - start;
    this.lastInput = end;
  }

  /** Insert synthetic text (e.g. a paragraph break) that has no input counterpart. */
  insert(s: string): void {
    if (!s) return;
    this.runs.push({ textStart: this.length, inputStart: this.lastInput, length: s.length, synthetic: true });
    this.parts.push(s);
    this.length += s.length;
  }

  get textLength(): number {
    return this.length;
  }

  build(): { text: string; offsets: OffsetMap } {
    return { text: this.parts.join(''), offsets: new OffsetMap(this.runs.map((r) => ({ ...r }))) };
  }
}
