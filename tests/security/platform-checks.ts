import { EMBED_LIMITS } from '../../src/adapters/discord/embed-limits.js';
import { type DiscordMessagePayload, embedSize } from '../../src/adapters/discord/render-embeds.js';
import { SLACK_LIMITS, type SlackMessage } from '../../src/adapters/slack/block-kit.js';

/**
 * What "safe" means for a rendered message, written independently of the
 * renderers: the platform limits, and no text that a client would turn into
 * a mention. Text is NFKC-normalised before the check, as a client might.
 */

/** Slack syntax that mentions or broadcasts; our own links (`<https://…|label>`) are allowed. */
const SLACK_LIVE = [/<[!@#]/, /<(?!https?:\/\/)[^>|]*\|/, /(?<![\w\u200B])@(?:here|channel|everyone)\b/i, /<!(?:here|channel|everyone)/i];
/** Discord user/role/channel mentions, slash-command mentions and broadcasts. */
const DISCORD_LIVE = [/<@[!&]?\d+>/, /<#\d+>/, /<\/[\w -]+:\d+>/, /@(?:everyone|here)\b/i];

/** Every live mention pattern found in `text` (empty when safe). */
export function liveMentions(text: string, platform: 'slack' | 'discord'): string[] {
  const t = text.normalize('NFKC');
  return (platform === 'slack' ? SLACK_LIVE : DISCORD_LIVE).filter((re) => re.test(t)).map((re) => `${re} in ${JSON.stringify(t.slice(0, 200))}`);
}

/** All human-visible text of a Slack message (button values are not shown, so they are left out). */
export function slackTexts(m: SlackMessage): string[] {
  const out = [m.text];
  for (const b of m.blocks) {
    if (b.type === 'header') out.push(b.text.text);
    else if (b.type === 'section') out.push(b.text?.text ?? '', ...(b.fields ?? []).map((f) => f.text));
    else if (b.type === 'context') out.push(...b.elements.map((e) => e.text));
    else if (b.type === 'actions') out.push(...b.elements.map((e) => e.text.text));
  }
  return out;
}

/** Limit violations in a Slack message (empty when within every limit). */
export function slackLimitProblems(m: SlackMessage): string[] {
  const p: string[] = [];
  if (m.blocks.length > SLACK_LIMITS.blocksPerMessage) p.push(`${m.blocks.length} blocks`);
  if (m.text.length > SLACK_LIMITS.fallbackText) p.push(`text ${m.text.length}`);
  for (const b of m.blocks) {
    if (b.type === 'header' && (b.text.text.length > SLACK_LIMITS.headerText || !b.text.text.trim())) p.push(`header ${b.text.text.length}`);
    if (b.type === 'section') {
      if ((b.text?.text.length ?? 0) > SLACK_LIMITS.sectionText) p.push(`section ${b.text?.text.length}`);
      if ((b.fields ?? []).length > SLACK_LIMITS.fieldsPerSection) p.push(`${b.fields?.length} fields`);
      for (const f of b.fields ?? []) if (f.text.length > SLACK_LIMITS.fieldText) p.push(`field ${f.text.length}`);
      if (!b.text?.text && !(b.fields ?? []).length) p.push('empty section');
    }
    if (b.type === 'context') {
      if (b.elements.length > SLACK_LIMITS.contextElements || b.elements.length === 0) p.push(`${b.elements.length} context elements`);
      for (const e of b.elements) if (e.text.length > SLACK_LIMITS.contextText || e.text.length === 0) p.push(`context ${e.text.length}`);
    }
    if (b.type === 'actions') {
      if (b.elements.length > SLACK_LIMITS.actionsElements) p.push(`${b.elements.length} buttons`);
      for (const e of b.elements) {
        if (e.text.text.length > SLACK_LIMITS.buttonText || !e.text.text) p.push(`button ${e.text.text.length}`);
        if (e.value.length > SLACK_LIMITS.buttonValue) p.push(`value ${e.value.length}`);
        if (e.action_id.length > SLACK_LIMITS.actionId) p.push(`action_id ${e.action_id.length}`);
      }
    }
  }
  return p;
}

/** All visible text of a Discord payload. */
export function discordTexts(m: DiscordMessagePayload): string[] {
  const out = [m.content ?? ''];
  for (const e of m.embeds) out.push(e.title ?? '', e.description ?? '', e.footer?.text ?? '', e.author?.name ?? '', ...(e.fields ?? []).flatMap((f) => [f.name, f.value]));
  return out;
}

/** Limit violations in a Discord payload (empty when within every limit). */
export function discordLimitProblems(m: DiscordMessagePayload): string[] {
  const p: string[] = [];
  if (JSON.stringify(m.allowedMentions) !== '{"parse":[]}') p.push('allowedMentions');
  if ((m.content ?? '').length > EMBED_LIMITS.content) p.push('content');
  if (m.embeds.length === 0 || m.embeds.length > EMBED_LIMITS.embedsPerMessage) p.push(`${m.embeds.length} embeds`);
  const total = m.embeds.reduce((n, e) => n + embedSize(e), 0);
  if (total > EMBED_LIMITS.totalPerMessage) p.push(`total ${total}`);
  for (const e of m.embeds) {
    if ((e.title ?? '').length > EMBED_LIMITS.title) p.push(`title ${e.title?.length}`);
    if ((e.description ?? '').length > EMBED_LIMITS.description) p.push(`description ${e.description?.length}`);
    if ((e.footer?.text ?? '').length > EMBED_LIMITS.footer) p.push('footer');
    if ((e.fields ?? []).length > EMBED_LIMITS.fields) p.push(`${e.fields?.length} fields`);
    for (const f of e.fields ?? []) {
      if (!f.name || f.name.length > EMBED_LIMITS.fieldName) p.push(`field name ${f.name.length}`);
      if (!f.value || f.value.length > EMBED_LIMITS.fieldValue) p.push(`field value ${f.value.length}`);
    }
    if (embedSize(e) === 0) p.push('empty embed');
  }
  return p;
}
