import type { Model, ResourceKind } from './model.ts';

/** What apply needs per resource kind; the adapter over the SFMC client resolves ids itself. */
export interface ResourcePort<T> {
  create(desired: T): Promise<void>;
  update(desired: T, live: T): Promise<void>;
  delete(live: T): Promise<void>;
}

/**
 * The deployer's view of a business unit. `readModel` reads every object type with bulk
 * calls (a number of calls that grows with object types, not objects).
 */
export interface DeployPort {
  readModel(): Promise<Model>;
  resources: { [K in ResourceKind]: ResourcePort<never> };
  /** Rows in a data extension; asked only for DEs a plan would replace or delete. */
  rowCount(key: string): Promise<number>;
  /** Runs a query or filter activity once (static segments). */
  run(resource: 'query' | 'filterActivity', key: string): Promise<void>;
}
