import type { Reply } from '../../core/reply.js';
import { SLACK_LIMITS, type SlackBlock, type SlackButton, type SlackMessage, blockChars, context, isEmptyBlock } from './block-kit.js';
import { escapeCapped, escapeMrkdwn, escapePlain, truncate } from './escape.js';
import { type BlockUnit, replyUnits } from './reply-units.js';

export type { SlackBlock, SlackMessage } from './block-kit.js';

/** action_id of the "Share to channel" button; the adapter listens for it. */
export const SHARE_ACTION_ID = 'newsdesk_share';
/** Prefix of action_ids for the Reply's own actions (`newsdesk_action_0`, …). */
export const REPLY_ACTION_PREFIX = 'newsdesk_action_';

/** Options for rendering a Reply. */
export interface RenderBlocksOptions {
  /**
   * Add a "Share to channel" button carrying this value (the command to
   * re-run publicly). Omit for messages that are already public.
   */
  shareValue?: string;
  /**
   * Most messages one reply may become. respond() accepts five uses of a
   * response_url, and more than a few messages is a flood, so the rest is
   * replaced by a "more not shown" note.
   */
  maxMessages?: number;
}

/** Blocks kept free in every message for header/continuation, footer, actions and the "more" note. */
const RESERVED_BLOCKS = 4;
const RESERVED_CHARS = 4000;
/** Reply actions are short command lines; a longer value is cut so the last message stays in budget. */
const ACTION_VALUE_MAX = 500;
const MAX_REPLY_ACTIONS = 4;

/**
 * Render a Reply as one or more Slack messages (Block Kit + `text`
 * fallback), each within Slack's limits: header ≤150, section text ≤3,000,
 * ≤50 blocks, a bounded total size. Pure: same Reply, same messages. All
 * text from users and articles is escaped so it cannot ping or break layout.
 */
export function renderBlocks(reply: Reply, opts: RenderBlocksOptions = {}): SlackMessage[] {
  const maxMessages = Math.max(1, opts.maxMessages ?? 5);
  const title = headerTitle(reply);
  const header: SlackBlock = { type: 'header', text: { type: 'plain_text', text: title, emoji: true } };
  const continued = context([`*${escapeCapped(reply.title, 200)}* (continued)`]);

  const pages = paginate(replyUnits(reply), [header], continued, maxMessages);
  const last = pages[pages.length - 1];
  if (pages.hiddenItems > 0 || pages.hiddenUnits > 0) {
    const what = pages.hiddenItems > 0 ? `${pages.hiddenItems} more item${pages.hiddenItems === 1 ? '' : 's'}` : 'More';
    last.push(context([`_${what} not shown — too long for one Slack answer. Narrow the request (e.g. add a window such as 7d)._`]));
  }
  if (reply.footer) last.push(context([escapeCapped(reply.footer, 1000)]));
  for (const p of pages) for (let i = p.length - 1; i >= 0; i--) if (isEmptyBlock(p[i])) p.splice(i, 1);
  const actions = actionButtons(reply, opts.shareValue);
  if (actions.length) last.push({ type: 'actions', elements: actions });

  const fallback = escapeCapped(reply.text || reply.title, SLACK_LIMITS.fallbackText, false);
  return pages.map((blocks, i) => ({
    text: i === 0 ? fallback : `${escapeCapped(reply.title, 200)} (continued ${i + 1}/${pages.length})`,
    blocks,
  }));
}

/** The header text: the title, marked for errors, within 150 characters. */
function headerTitle(reply: Reply): string {
  const mark = reply.kind === 'error' ? ':warning: ' : '';
  const title = escapePlain(truncate(reply.title, SLACK_LIMITS.headerText)).trim() || 'newsdesk';
  return truncate(mark + title, SLACK_LIMITS.headerText);
}

type Pages = SlackBlock[][] & { hiddenItems: number; hiddenUnits: number };

/**
 * Greedy packing of units into messages under the block and size budgets.
 * Units past `maxMessages` are dropped and counted for the "more" note.
 */
function paginate(units: BlockUnit[], first: SlackBlock[], continued: SlackBlock, maxMessages: number): Pages {
  const maxBlocks = SLACK_LIMITS.blocksPerMessage - RESERVED_BLOCKS;
  const maxChars = SLACK_LIMITS.messageChars - RESERVED_CHARS;
  const pages = [[...first]] as Pages;
  pages.hiddenItems = 0;
  pages.hiddenUnits = 0;
  let cur = pages[0];
  let full = false;
  for (const unit of units) {
    if (full) {
      pages.hiddenItems += unit.items;
      if (unit.blocks.some((b) => b.type !== 'divider')) pages.hiddenUnits += 1;
      continue;
    }
    const fits = cur.length + unit.blocks.length <= maxBlocks && blockChars(cur) + blockChars(unit.blocks) <= maxChars;
    if (!fits && cur.length > 1) {
      if (pages.length >= maxMessages) {
        full = true;
        pages.hiddenItems += unit.items;
        pages.hiddenUnits += 1;
        continue;
      }
      cur = [continued];
      pages.push(cur);
    }
    // A divider that would open a continuation message adds nothing.
    if (unit.blocks.length === 1 && unit.blocks[0].type === 'divider' && cur.length === 1 && cur[0] === continued) continue;
    cur.push(...unit.blocks);
  }
  // Drop a trailing divider that would sit right before the footer.
  for (const p of pages) if (p[p.length - 1]?.type === 'divider') p.pop();
  return pages;
}

/** Buttons for the Reply's own actions, then "Share to channel" when asked for. */
function actionButtons(reply: Reply, shareValue: string | undefined): SlackButton[] {
  const buttons: SlackButton[] = (reply.actions ?? []).slice(0, MAX_REPLY_ACTIONS).map((a, i) => ({
    type: 'button',
    text: { type: 'plain_text', text: truncate(escapePlain(truncate(a.label, SLACK_LIMITS.buttonText)), SLACK_LIMITS.buttonText) || '…', emoji: true },
    action_id: `${REPLY_ACTION_PREFIX}${i}`,
    value: a.command.slice(0, ACTION_VALUE_MAX),
    ...(a.style ? { style: a.style } : {}),
  }));
  if (shareValue !== undefined) {
    buttons.push({
      type: 'button',
      text: { type: 'plain_text', text: 'Share to channel', emoji: true },
      action_id: SHARE_ACTION_ID,
      value: shareValue.slice(0, ACTION_VALUE_MAX),
    });
  }
  return buttons;
}
