import { describe, expect, it } from 'vitest';
import { meaningVerb, speakerLabel } from '../../src/analysis/quotes/speaker-label.js';

describe('the reporting verb is shown when it changes the meaning', () => {
  it('labels denials and accusations but not plain reports', () => {
    expect(speakerLabel({ speaker: 'Milo Hartigan', cue: 'denied' })).toBe('Milo Hartigan (denied)');
    expect(speakerLabel({ speaker: 'Milo Hartigan', cue: 'denies' })).toBe('Milo Hartigan (denied)');
    expect(speakerLabel({ speaker: 'Ada Pinkerton', cue: 'accused' })).toBe('Ada Pinkerton (accused)');
    expect(speakerLabel({ speaker: 'Ada Pinkerton', cue: 'said' })).toBe('Ada Pinkerton');
    expect(speakerLabel({ speaker: null, cue: 'denied' })).toBeNull();
    expect(meaningVerb({ cue: 'according to' })).toBeNull();
  });
});
