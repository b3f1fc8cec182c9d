import { scheduleCommand } from '../schedule-command.ts';

export default scheduleCommand('pause');
