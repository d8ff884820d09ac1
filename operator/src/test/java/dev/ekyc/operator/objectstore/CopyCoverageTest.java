package dev.ekyc.operator.objectstore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ekyc.operator.manifest.LoadedManifests;
import dev.ekyc.operator.manifest.ManifestLoader;
import dev.ekyc.operator.policy.PolicyCompiler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Copies a promise cannot reach: Object Lock default retention, replication to uncovered buckets.
 */
class CopyCoverageTest {
  private static final Duration TWO_HOURS = Duration.ofHours(2);

  private static BucketFacts facts(ObjectLockDefaults lock, List<ReplicationTarget> replication) {
    return new BucketFacts("media", BucketVersioning.ENABLED, false, lock, replication, List.of());
  }

  @Test
  void aDefaultRetentionLongerThanThePromiseIsRefusedWithAFixInTheUsersTerms() {
    var found =
        CopyCoverage.findings(
            facts(new ObjectLockDefaults(true, "GOVERNANCE", Duration.ofDays(1)), List.of()),
            "liveness/",
            TWO_HOURS,
            List.of());
    assertThat(found)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.blocking()).isTrue();
              assertThat(f.text())
                  .contains("Object Lock default retention")
                  .contains("GOVERNANCE for 1d")
                  .contains("promise 2h")
                  .contains("remove the bucket's default retention")
                  .contains("or set deleteWithin to at least 1d");
            });
    var compliance =
        CopyCoverage.findings(
            facts(new ObjectLockDefaults(true, "COMPLIANCE", Duration.ofDays(40)), List.of()),
            "training/faces/",
            Duration.ofDays(32),
            List.of());
    assertThat(compliance)
        .singleElement()
        .satisfies(
            f ->
                assertThat(f.text())
                    .contains("shorten the bucket's default retention to at most 32d")
                    .contains("COMPLIANCE locks cannot be"));
    assertThat(
            CopyCoverage.findings(
                facts(new ObjectLockDefaults(true, "GOVERNANCE", Duration.ofDays(1)), List.of()),
                "training/faces/",
                Duration.ofDays(3),
                List.of()))
        .as("a lock shorter than the promise")
        .isEmpty();
    assertThat(
            CopyCoverage.findings(
                facts(new ObjectLockDefaults(true, null, null), List.of()),
                "liveness/",
                TWO_HOURS,
                List.of()))
        .as("Object Lock without default retention")
        .isEmpty();
  }

  @Test
  void replicationIsRefusedUnlessTheDestinationIsCoveredByAPromiseAsShortAndTheRefusalNamesIt() {
    var replicated =
        facts(
            ObjectLockDefaults.NONE,
            List.of(
                new ReplicationTarget("dr", "", "media-dr", false),
                new ReplicationTarget("ocr-only", "id-ocr/", "ocr-archive", false)));

    assertThat(CopyCoverage.findings(replicated, "liveness/", TWO_HOURS, List.of()))
        .singleElement()
        .satisfies(
            f ->
                assertThat(f.text())
                    .contains("replication to bucket media-dr")
                    .contains("rule dr")
                    .contains("add a DataStore for bucket media-dr")
                    .contains("deleteWithin at most 2h"));
    assertThat(
            CopyCoverage.findings(
                replicated,
                "liveness/",
                TWO_HOURS,
                List.of(new CopyCoverage.CoveredPrefix("media-dr", "liveness/", TWO_HOURS))))
        .isEmpty();
    assertThat(
            CopyCoverage.findings(
                replicated,
                "liveness/",
                TWO_HOURS,
                List.of(
                    new CopyCoverage.CoveredPrefix("media-dr", "liveness/", Duration.ofDays(1)))))
        .as("a longer promise there does not cover it")
        .hasSize(1);
    assertThat(
            CopyCoverage.findings(
                replicated,
                "id-ocr/",
                TWO_HOURS,
                List.of(new CopyCoverage.CoveredPrefix("media-dr", "", TWO_HOURS))))
        .as("id-ocr/ also goes to ocr-archive, which nothing covers")
        .singleElement()
        .satisfies(f -> assertThat(f.setting()).isEqualTo("replication to bucket ocr-archive"));
  }

  @Test
  void theReferenceMediaRulesAreCoveredPrefixesWithTheirPromises() throws Exception {
    LoadedManifests manifests =
        new ManifestLoader(null).load(List.of(Path.of("..", "examples", "reference")));
    var covered = CopyCoverage.of(new PolicyCompiler().compile(manifests.inputs()));
    assertThat(covered)
        .contains(
            new CopyCoverage.CoveredPrefix(
                "ekyc-verification-media-1250000000", "liveness/", TWO_HOURS),
            new CopyCoverage.CoveredPrefix(
                "ekyc-verification-media-1250000000", "id-ocr/", TWO_HOURS));
  }
}
