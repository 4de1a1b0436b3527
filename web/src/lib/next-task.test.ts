import { nextTask } from './next-task';

describe('nextTask', () => {
  it('resolves only after the current task, and its microtasks, have run', async () => {
    const order: string[] = [];
    const waited = nextTask().then(() => order.push('next task'));
    void Promise.resolve().then(() => order.push('microtask'));
    order.push('current task');
    await waited;
    expect(order).toEqual(['current task', 'microtask', 'next task']);
  });
});
