export { type Catalog, createCatalog } from './catalog.ts';
export { type CompiledProject, compileProject } from './compile-project.ts';
export { type CompiledSegment, compileSegment, type UpdateType } from './compile-segment.ts';
export { CONDITION_KINDS, CONDITION_NAMES, conditionKind } from './conditions/registry.ts';
export type { ConditionKind, RuleContext, SqlContext } from './conditions/types.ts';
export { describeRules } from './describe.ts';
export {
  canonicalFieldPlaceholders,
  fieldPlaceholder,
  filterXmlFields,
  resolveFilterXml,
  SOURCE_PLACEHOLDER,
} from './filter.ts';
export { type RuleNode, ruleSchema } from './rules.ts';
export { ident, literal, stringLiteral } from './sql/escape.ts';
export { audienceOf, selectedFields, targetOf } from './target.ts';
