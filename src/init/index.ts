export {
  SCAFFOLD_PATHS,
  type ScaffoldOptions,
  type ScaffoldResult,
  scaffoldFiles,
  scaffoldProject,
} from './scaffold.ts';
export { STARTER_SEGMENT_NAME } from './templates.ts';
