import { DefinitionError, KitError } from '../errors/index.ts';
import { type Diagnostic, formatDiagnostic } from './diagnostics.ts';

/** All definition errors found in one load, each a DefinitionError naming file, line and column. */
export class DefinitionErrors extends KitError {
  override name = 'DefinitionErrors';
  readonly errors: DefinitionError[];
  readonly diagnostics: Diagnostic[];

  constructor(diagnostics: Diagnostic[]) {
    const shown = diagnostics.slice(0, 20).map(formatDiagnostic);
    const more = diagnostics.length > 20 ? `\n  … and ${diagnostics.length - 20} more` : '';
    super(
      'DEFINITION_INVALID',
      `${diagnostics.length} definition error${diagnostics.length === 1 ? '' : 's'}:\n  ${shown.join('\n  ')}${more}`,
      { hint: 'run `sfmc-kit validate` for the full list' },
    );
    this.diagnostics = diagnostics;
    this.errors = diagnostics.map(
      (d) => new DefinitionError(d.file, `${d.message} [${d.code}]`, { line: d.line, column: d.column }),
    );
  }
}
