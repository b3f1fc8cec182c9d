export { type Impact, type ImpactEntry, impactOf } from './impact.ts';
export { renderImpact } from './render.ts';
export { type ConsumerKind, collectUses, type FormOf, type Use } from './uses.ts';
