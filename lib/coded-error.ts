/**
 * The base of the pure modules' errors: a message for people and a code for programs (the route
 * handlers map codes to HTTP statuses, the workers send them across). Subclasses name themselves
 * with a string literal, since class names do not survive minification.
 */
export class CodedError<Code extends string> extends Error {
  constructor(
    readonly code: Code,
    message: string,
  ) {
    super(message);
  }
}
