/**
 * The small subset of Block Kit newsdesk sends, typed locally so the
 * renderer stays a pure function with no Slack SDK dependency, plus the
 * platform limits it must respect (https://api.slack.com/reference/block-kit).
 */

/** A Block Kit text object. */
export interface SlackText {
  type: 'mrkdwn' | 'plain_text';
  text: string;
  emoji?: boolean;
}

/** A button inside an actions block. */
export interface SlackButton {
  type: 'button';
  text: SlackText;
  action_id: string;
  value: string;
  style?: 'primary' | 'danger';
}

/** The blocks newsdesk uses. */
export type SlackBlock =
  | { type: 'header'; text: SlackText }
  | { type: 'section'; text?: SlackText; fields?: SlackText[] }
  | { type: 'context'; elements: SlackText[] }
  | { type: 'divider' }
  | { type: 'actions'; elements: SlackButton[] };

/** One chat message: notification/fallback text plus blocks. */
export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

/** Slack's documented limits, and our own per-message reading budget. */
export const SLACK_LIMITS = {
  headerText: 150,
  sectionText: 3000,
  fieldText: 2000,
  fieldsPerSection: 10,
  contextElements: 10,
  contextText: 3000,
  blocksPerMessage: 50,
  buttonText: 75,
  buttonValue: 2000,
  actionsElements: 25,
  actionId: 255,
  /** `text` beyond ~4,000 characters is truncated by Slack; we stay well below. */
  fallbackText: 3000,
  /**
   * Not a hard Slack limit: very large block payloads are rejected
   * (`msg_too_long`/`invalid_blocks`) well before 50 × 3,000 characters, and
   * nobody reads a wall that long, so each message carries at most this much.
   */
  messageChars: 12000,
} as const;

/** Total characters of text carried by some blocks (what counts toward the budget). */
export function blockChars(blocks: readonly SlackBlock[]): number {
  let n = 0;
  for (const b of blocks) {
    if (b.type === 'header') n += b.text.text.length;
    else if (b.type === 'section') n += (b.text?.text.length ?? 0) + (b.fields ?? []).reduce((a, f) => a + f.text.length, 0);
    else if (b.type === 'context') n += b.elements.reduce((a, e) => a + e.text.length, 0);
    else if (b.type === 'actions') n += b.elements.reduce((a, e) => a + e.text.text.length + e.value.length, 0);
  }
  return n;
}

/** A mrkdwn text object. */
export function mrkdwn(text: string): SlackText {
  return { type: 'mrkdwn', text };
}

/** A section block with mrkdwn text. */
export function section(text: string): SlackBlock {
  return { type: 'section', text: mrkdwn(text) };
}

/** A context block with mrkdwn elements (at most 10; blank ones dropped, as Slack refuses empty text). */
export function context(elements: string[]): SlackBlock {
  return { type: 'context', elements: elements.filter((e) => e.trim()).slice(0, SLACK_LIMITS.contextElements).map(mrkdwn) };
}

/** True when a block would be refused for having no content (an empty context). */
export function isEmptyBlock(b: SlackBlock): boolean {
  return b.type === 'context' && b.elements.length === 0;
}
