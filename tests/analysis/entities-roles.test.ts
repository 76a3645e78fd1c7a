import { describe, expect, it } from 'vitest';
import { byName, entities } from './entities-helpers.js';

describe('roles', () => {
  it('reads titles before the name, without the name', () => {
    const list = entities('UK Home Secretary Brenda Hale met Kenyan President Daniel Moi and Gov. Lisa Park.');
    expect(byName(list, 'Brenda Hale')?.role).toBe('UK Home Secretary');
    expect(byName(list, 'Daniel Moi')?.role).toBe('Kenyan President');
    // Abbreviated titles are spelled out in the role ("the governor" must find her); the span keeps the text.
    expect(byName(list, 'Lisa Park')?.role).toBe('Governor');
  });

  it('keeps the title tail ("Secretary of State") and does not make "State X" a person', () => {
    const list = entities('US Secretary of State Mira Kowalski arrived on Wednesday.');
    expect(byName(list, 'Mira Kowalski')?.role).toBe('US Secretary of State');
    expect(list.some((e) => e.type === 'person' && /State/.test(e.name))).toBe(false);
  });

  it('reads appositives after the name', () => {
    const list = entities("Paul Hennessey, a Marion County sheriff's detective, testified.");
    expect(byName(list, 'Paul Hennessey')?.role).toBe("Marion County sheriff's detective");
  });

  it('reads a lower-case role noun right before the name', () => {
    const list = entities('The club said team captain Ines Moreau was injured.');
    expect(byName(list, 'Ines Moreau')?.role).toBe('team captain');
  });

  it('keeps every role occurrence with its span', () => {
    const text = 'Senator Ruth Adler spoke. Adler, the committee chair, later resigned.';
    const e = byName(entities(text), 'Ruth Adler');
    expect(e?.roles.map((r) => r.role)).toEqual(['Senator', 'committee chair']);
    for (const r of e!.roles) expect(text.slice(r.span[0], r.span[1])).toBe(r.role);
    expect(e?.role).toBe('Senator');
  });

  it('does not split organizations that start with a title word', () => {
    const list = entities('General Motors and the Justice Department reached a deal.');
    expect(byName(list, 'General Motors')?.type).toBe('organization');
    expect(list.some((e) => e.name === 'Motors')).toBe(false);
  });
});

describe('bylines', () => {
  it('emits bylines as their own kind and never as subjects', () => {
    const text = 'Tomas Berg reported on the vote in Oslo.';
    const list = entities(text, { byline: ['Tomas Berg'] });
    const b = list.find((e) => e.name === 'Tomas Berg');
    expect(b?.kind).toBe('byline');
    expect(list.filter((e) => e.name === 'Tomas Berg')).toHaveLength(1);
  });

  it('reads credit lines left in the text', () => {
    const text = 'The vote passed.\n(Reporting by Ana Silva in Quito; Editing by Mark Otieno)';
    const list = entities(text);
    expect(list.find((e) => e.name === 'Ana Silva')).toMatchObject({ kind: 'byline', credit: 'reporter' });
    expect(list.find((e) => e.name === 'Mark Otieno')).toMatchObject({ kind: 'byline', credit: 'editor' });
    expect(byName(list, 'Quito')?.type).toBe('place');
  });
});
