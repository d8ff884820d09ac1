package dev.ekyc.operator.job;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The copies of objects a sweep removed or kept besides the current objects, for a rule on object
 * storage: each count separately, so a receipt or an auditor can see that "deleted" meant versions
 * erased, not markers added. Counts only, never keys.
 *
 * @param bucketVersioning the bucket's versioning when the rule ran (Unversioned, Enabled,
 *     Suspended, NotSupported): with Enabled or Suspended the rule's {@code deleted} counts
 *     versions deleted by version ID
 * @param removedDeleteMarkers delete markers removed because nothing of their key was left behind
 *     them
 * @param abortedUploads unfinished multipart uploads aborted (initiated before the delete cutoff)
 * @param keptLocked due versions kept because their Object Lock retention had not ended
 * @param lockedUntil the latest retain-until date among those (RFC 3339): no earlier can they go;
 *     null if none
 * @param hiddenNotErased deletions the store answered with a delete marker: still readable by
 *     version ID, so the rule failed; never part of {@code deleted}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ObjectCopies(
    String bucketVersioning,
    long removedDeleteMarkers,
    long abortedUploads,
    long keptLocked,
    String lockedUntil,
    long hiddenNotErased) {}
