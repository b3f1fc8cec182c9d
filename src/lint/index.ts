export { lintProject, lintSegment } from './lint-project.ts';
export { LINT_RULES, type LintRule } from './rules.ts';
export { type ValidationResult, validateProject } from './validate-project.ts';
