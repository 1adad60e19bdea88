// The Dawn options the Node face creates its instance with: its toggles join the caller's in the one
// enable-dawn-features list that Dawn reads, and the caller's other options pass through.
import { describe, expect, it } from 'vitest';
import { DAWN_TOGGLES, withDawnToggles } from '../../src/node/device';

describe('the Node face\'s Dawn toggles', () => {
  it('turns off the zero-fill of workgroup memory by default', () => {
    expect(DAWN_TOGGLES).toContain('disable_workgroup_init');
    expect(withDawnToggles([])).toEqual([`enable-dawn-features=${DAWN_TOGGLES.join(',')}`]);
  });

  it("adds them to the caller's own list, once, and keeps the caller's other options", () => {
    const options = withDawnToggles(['backend=vulkan', 'enable-dawn-features=dump_shaders,disable_workgroup_init']);
    expect(options).toEqual(['backend=vulkan', 'enable-dawn-features=dump_shaders,disable_workgroup_init']);
    expect(withDawnToggles(['enable-dawn-features=dump_shaders'])).toEqual(['enable-dawn-features=dump_shaders,disable_workgroup_init']);
  });
});
