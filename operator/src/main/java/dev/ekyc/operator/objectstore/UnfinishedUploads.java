package dev.ekyc.operator.objectstore;

import dev.ekyc.operator.policy.ObjectSweep;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Aborts the multipart uploads under a rule's prefix that were initiated before the rule's base
 * cutoff: their parts hold the bytes of a face or ID image whose upload never completed, are billed
 * and kept until aborted, and never appear in an object listing. An upload still unfinished after
 * the base retention is not data the service can use, so consent (which cannot be read on an
 * upload) does not keep it. A rule with a tag selector aborts nothing: an upload's tags cannot be
 * read, so it may belong to another rule; the lifecycle backstop aborts those after a day. Listed
 * page by page (ListMultipartUploads), aborted one by one (AbortMultipartUpload); NoSuchUpload (it
 * was completed or aborted meanwhile) is not an error. A dry run only counts.
 */
final class UnfinishedUploads {
  /** What one pass did: uploads aborted, and aborts the store refused by error code. */
  record Aborted(long aborted, long errors, Map<String, Long> errorCodes) {
    static final Aborted NONE = new Aborted(0, 0, Map.of());
  }

  private final S3Client s3;
  private final String bucket;
  private final SweepOptions options;

  UnfinishedUploads(S3Client s3, String bucket, SweepOptions options) {
    this.s3 = s3;
    this.bucket = bucket;
    this.options = options;
  }

  Aborted abort(ObjectSweep rule, Instant initiatedBefore) {
    if (!rule.tags().isEmpty()) {
      return Aborted.NONE;
    }
    long aborted = 0;
    long errors = 0;
    Map<String, Long> codes = new TreeMap<>();
    String keyMarker = null;
    String uploadMarker = null;
    while (true) {
      String km = keyMarker;
      String um = uploadMarker;
      ListMultipartUploadsResponse page;
      try {
        page =
            s3.listMultipartUploads(
                b ->
                    b.bucket(bucket)
                        .prefix(rule.prefix())
                        .maxUploads(options.pageSize())
                        .keyMarker(km)
                        .uploadIdMarker(um));
      } catch (S3Exception e) {
        if (BucketFactsReader.notImplemented(e)) {
          return Aborted.NONE;
        }
        throw e;
      }
      for (MultipartUpload upload : page.uploads()) {
        if (!upload.key().startsWith(rule.prefix())
            || upload.initiated() == null
            || !upload.initiated().isBefore(initiatedBefore)) {
          continue;
        }
        if (options.dryRun()) {
          aborted++;
          continue;
        }
        try {
          s3.abortMultipartUpload(
              b -> b.bucket(bucket).key(upload.key()).uploadId(upload.uploadId()));
          aborted++;
        } catch (S3Exception e) {
          String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
          if (!"NoSuchUpload".equals(code)) {
            errors++;
            codes.merge(code == null ? "Unknown" : code, 1L, Long::sum);
          }
        }
      }
      if (!Boolean.TRUE.equals(page.isTruncated())) {
        return new Aborted(aborted, errors, codes);
      }
      keyMarker = page.nextKeyMarker();
      uploadMarker = page.nextUploadIdMarker();
    }
  }
}
