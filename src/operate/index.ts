export {
  locateSegment,
  type OpsSession,
  type RunResult,
  runSegment,
  type ScheduleResult,
  setSchedule,
} from './segment-ops.ts';
