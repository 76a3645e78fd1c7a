/**
 * Who is analysing an article. Processes sharing one database each see a new article at about the same
 * moment (a change notice); without a claim every one of them would analyse it, several times the CPU for
 * the same result. A claim is a row per (article, analysis version) with an owner and an expiry that its
 * owner keeps pushing forward while the analysis runs, so a claim left by a process that died lapses and
 * another process takes the article over.
 */
export interface AnalysisClaims {
  /**
   * Claim the analysis of this content of an article for `owner` until `until`. True when there was no
   * claim, when it had lapsed at `now`, when it was made for other content (the article was edited since),
   * or when it was already `owner`'s (then it is extended): the caller analyses. False while another
   * owner's claim on this content lives: the caller waits for that owner's analysis instead.
   */
  claim(articleId: string, version: number, contentHash: string, owner: string, until: Date, now: Date): Promise<boolean>;
  /** Give `owner`'s claim up once its analysis or failure is saved (another owner's claim is left alone). */
  release(articleId: string, version: number, owner: string): Promise<void>;
}
