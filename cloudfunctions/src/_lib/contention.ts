/**
 * Retrying under contention (the rate limiter's compare-and-set, transactions that lose to another
 * writer): the loop is bounded, and a loser pauses for a random time that grows with each loss
 * (capped), so colliding callers spread out; the pauses of all MAX_TRIES add up to about 3 s on
 * average, the cloud's default time limit.
 */
export const MAX_TRIES = 40

/** Up to 10·2^round ms, at most 160 ms, picked at random ("full jitter"). */
export const pauseAfterLoss = (round: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(160, 10 * 2 ** Math.min(round, 4))))
