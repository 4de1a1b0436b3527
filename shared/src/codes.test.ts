import { describe, expect, it } from 'vitest';
import { deliveryChannelDisplay, deliveryChannels, roleGroupDisplay, roleGroups } from './codes.js';

describe('display text', () => {
  it('has words for every group and channel', () => {
    for (const group of roleGroups) expect(roleGroupDisplay[group].length).toBeGreaterThan(0);
    expect(deliveryChannels.map((channel) => deliveryChannelDisplay[channel])).toEqual([
      'In person',
      'By phone',
      'Video call',
    ]);
  });
});
