/**
 * Discord's documented message and embed limits
 * (https://discord.com/developers/docs/resources/message#embed-object-embed-limits).
 * Everything the renderer emits is checked against these.
 */
export const EMBED_LIMITS = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  /** Sum of title, description, field names/values, footer text and author name over all embeds of one message. */
  totalPerMessage: 6000,
  embedsPerMessage: 10,
  content: 2000,
} as const;
