/** A request broke one of SFMC's rules; carries SFMC's numeric error code for the response body. */
export class RuleError extends Error {
  override name = 'RuleError';
  readonly errorCode: number;
  constructor(errorCode: number, message: string) {
    super(message);
    this.errorCode = errorCode;
  }
}
