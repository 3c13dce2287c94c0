/**
 * Scheduling of parallel runs. A scenario tagged `@policy` changes the
 * target's global policy, which every other scenario on a shared target
 * would observe, so it runs alone.
 */

export const POLICY_TAG = '@policy';

/** The part of a cucumber pickle that scheduling reads. */
export interface TaggedPickle {
  tags: readonly { name: string }[];
}

function changesPolicy(pickle: TaggedPickle): boolean {
  return pickle.tags.some((tag) => tag.name === POLICY_TAG);
}

/**
 * Decides whether `pickle` may start while `runningPickles` run: a `@policy`
 * pickle only when nothing runs, any other pickle only when no `@policy`
 * pickle runs.
 */
export function canAssignPickle(
  pickle: TaggedPickle,
  runningPickles: readonly TaggedPickle[],
): boolean {
  if (changesPolicy(pickle)) {
    return runningPickles.length === 0;
  }
  return !runningPickles.some(changesPolicy);
}
