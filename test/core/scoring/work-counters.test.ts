import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../functions/core/auth/principal';
import { completeTask } from '../../../functions/core/tasks/callback-tasks';
import type { CallbackTask } from '../../../functions/core/tasks/callback-task';
import { raiseOverdueTasks } from '../../../functions/core/tasks/overdue';
import { completionCount } from '../../../functions/core/scoring/work-counters';
import { fakeDeps } from '../fakes';

const member: Principal = { sub: 'm', username: 'member-gaoxin-01', role: 'team-member', zoneId: 'gaoxin', teamId: 'gaoxin-01' };
const task: CallbackTask = {
  id: 'task-1',
  kind: 'callback',
  issueId: 'issue-1',
  enterpriseId: 'ent-001',
  teamId: 'gaoxin-01',
  zoneId: 'gaoxin',
  category: '用工短缺',
  status: 'open',
  createdAt: '2026-11-02T02:00:00.000Z',
  dueAt: '2026-11-05T15:59:59.999Z',
};
const workOf = (f: ReturnType<typeof fakeDeps>) => f.state.counters.filter((d) => d.work && d.key.dimension === 'team' && d.key.granularity === 'day');

describe('on time or late, once per task', () => {
  it('counts a task done at the last instant of its due day on time, a millisecond later late', () => {
    expect(completionCount(task, new Date('2026-11-05T15:59:59.999Z'))).toEqual({ callbackOnTime: 1 });
    expect(completionCount(task, new Date('2026-11-05T16:00:00.000Z'))).toEqual({ callbackLate: 1 });
    expect(completionCount({ ...task, kind: 'rectification' }, new Date('2026-11-06T00:00:00Z'))).toEqual({ rectificationLate: 1 });
    expect(completionCount({ ...task, overdueLevel: 'zone' }, new Date('2026-11-06T00:00:00Z'))).toEqual({});
  });

  it('counts a task late when the sweeper first raises it, not when raised to the office, nor when done', async () => {
    const f = fakeDeps('2026-11-06T01:00:00Z');
    f.state.tasks.set(task.id, { ...task });
    await raiseOverdueTasks(f.deps);
    f.setNow('2026-11-10T17:00:00Z');
    expect((await raiseOverdueTasks(f.deps)).raisedToOffice).toBe(1);
    await completeTask(f.deps, member, task.id, { outcome: 'reached' });
    expect(workOf(f).map((d) => `${d.key.period}:${JSON.stringify(d.work)}`)).toEqual(['2026-11-06:{"callbackLate":1}']);
  });

  it('counts a task raised while it was being completed once, as the sweeper counted it', async () => {
    const f = fakeDeps('2026-11-06T01:00:00Z');
    f.state.tasks.set(task.id, { ...task });
    const read = f.deps.tasks.get;
    let raisedMeanwhile = false;
    f.deps.tasks.get = async (id) => {
      const seen = await read(id);
      if (!raisedMeanwhile) {
        // Between this read and the completion's write, a sweeper raises the task (and counts it late).
        raisedMeanwhile = true;
        await raiseOverdueTasks(f.deps);
      }
      return seen;
    };
    const done = await completeTask(f.deps, member, task.id, { outcome: 'reached' });
    expect(done).toMatchObject({ status: 'done', overdueLevel: 'zone' });
    expect(workOf(f).map((d) => JSON.stringify(d.work))).toEqual(['{"callbackLate":1}']);
  });
});
