import { createHash, timingSafeEqual } from 'node:crypto'

/** Shorter than this, the deployment's setup secret could be guessed; `npm run deploy` refuses it too. */
export const SETUP_SECRET_MIN = 16

/**
 * The one-time setup secret from the function's environment (`UNIONHUB_SETUP_SECRET`, set at
 * deployment, never in the code), or null when it is missing or too short to be safe.
 */
export function configuredSetupSecret(): string | null {
  const secret = process.env.UNIONHUB_SETUP_SECRET?.trim()
  return secret && secret.length >= SETUP_SECRET_MIN ? secret : null
}

/**
 * Whether `given` is the secret, in time that does not depend on where they differ: both are hashed
 * to the same length first, so neither a prefix nor the length leaks through timing.
 */
export function isSetupSecret(given: string, secret: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest()
  return timingSafeEqual(digest(given), digest(secret))
}
