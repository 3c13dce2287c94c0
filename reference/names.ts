/** Names of envs and indexes: lowercase, at most 64 characters. */
export const NAME_REGEXP = /^[a-z0-9][a-z0-9._-]{0,63}$/;

export function isValidName(value: string): boolean {
  return NAME_REGEXP.test(value);
}

export const DEFAULT_ENV = 'default';
export const DEFAULT_INDEX = 'main';
