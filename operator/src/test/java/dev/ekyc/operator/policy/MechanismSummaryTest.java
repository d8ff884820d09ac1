package dev.ekyc.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ekyc.operator.api.v1alpha1.SearchEngine;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one-line summaries `plan` and the status print for each mechanism: what an auditor reads. */
class MechanismSummaryTest {
  private static final ResourceRef CONSENT =
      new ResourceRef("ConsentPolicy", "ekyc", "model-training");
  private static final Mechanism.Role PRIMARY = Mechanism.Role.PRIMARY;

  @Test
  void sweeperSaysPrefixTagsAgeConsentAndHold() {
    var plain =
        new ObjectSweep(
            "liveness/", Map.of(), Duration.ofHours(2), null, null, "*/15 * * * *", 500, PRIMARY);
    assertThat(plain.kind()).isEqualTo("Sweeper");
    assertThat(plain.summary())
        .isEqualTo("sweeper (*/15 * * * *): delete objects under liveness/ older than 2h");

    var byTag =
        new ObjectConsent(
            CONSENT, "consent", "granted", null, Duration.ofDays(30), Duration.ofHours(72));
    var full =
        new ObjectSweep(
            "faces/",
            Map.of("kind", "face"),
            Duration.ofHours(2),
            byTag,
            "legal-hold",
            "*/15 * * * *",
            500,
            PRIMARY);
    assertThat(full.summary())
        .isEqualTo(
            "sweeper (*/15 * * * *): delete objects under faces/ tagged {kind=face}"
                + " older than 2h; with tag consent=granted keep 30d; skip objects tagged legal-hold");

    var byPrefix = new ObjectConsent(CONSENT, null, null, "consented/", Duration.ofDays(30), null);
    assertThat(byPrefix.describe()).isEqualTo("key prefix consented/");
  }

  @Test
  void purgeSaysTableAgeConsentBatchesAndHold() {
    var plain =
        new TablePurge(
            "api_calls",
            "started_at",
            "id",
            Duration.ofDays(730),
            null,
            null,
            null,
            "7 * * * *",
            1000,
            100_000,
            PRIMARY);
    assertThat(plain.kind()).isEqualTo("Purge");
    assertThat(plain.summary())
        .isEqualTo(
            "purge job (7 * * * *): delete rows of api_calls where started_at is older"
                + " than 730d, 1000 rows per batch by id");

    var consent = new SqlConsent(CONSENT, "granted", null, null, null, null, null, null);
    var full =
        new TablePurge(
            "ident",
            "created_at",
            "id",
            Duration.ofDays(30),
            consent,
            Duration.ofDays(400),
            "legal_hold",
            "*/15 * * * *",
            500,
            10,
            PRIMARY);
    assertThat(full.summary())
        .isEqualTo(
            "purge job (*/15 * * * *): delete rows of ident where created_at is older"
                + " than 30d (with consent: 400d), 500 rows per batch by id, skipping rows where legal_hold is true");
  }

  @Test
  void erasureSaysColumnsAgeAndTheConsentCondition() {
    var erasure =
        new ColumnErasure(
            "ident",
            "created_at",
            "id",
            List.of("face_image_ref", "id_number"),
            Duration.ofMinutes(105),
            null,
            null,
            "*/15 * * * *",
            500,
            PRIMARY);
    assertThat(erasure.kind()).isEqualTo("ColumnErasure");
    assertThat(erasure.summary())
        .isEqualTo(
            "erasure job (*/15 * * * *): set face_image_ref, id_number of ident to"
                + " NULL where created_at is older than 1h45m and consent is missing, withdrawn or below the minimum age");
  }

  @Test
  void lifecycleRuleSaysDayOrDays() {
    assertThat(
            new LifecycleExpiration("r", "liveness/", Map.of(), 1, Mechanism.Role.BACKSTOP)
                .summary())
        .isEqualTo("S3 lifecycle rule r: expire liveness/ after 1 day");
    var tagged =
        new LifecycleExpiration("r", "faces/", Map.of("kind", "face"), 30, Mechanism.Role.BACKSTOP);
    assertThat(tagged.kind()).isEqualTo("LifecycleRule");
    assertThat(tagged.summary())
        .isEqualTo("S3 lifecycle rule r: expire faces/ tagged {kind=face} after 30 days");
  }

  @Test
  void indexLifecycleNamesTheEnginesFeatureAndTheHold() {
    var ilm =
        new IndexLifecycle(
            SearchEngine.Elasticsearch,
            "p",
            "oplogs-*",
            Duration.ofDays(731),
            Duration.ofDays(1),
            null,
            PRIMARY);
    assertThat(ilm.kind()).isEqualTo("ILM");
    assertThat(ilm.summary())
        .isEqualTo("ILM policy p on oplogs-*: delete indices 731d after creation");

    var ism =
        new IndexLifecycle(
            SearchEngine.OpenSearch,
            "p",
            "oplogs-*",
            Duration.ofDays(731),
            Duration.ofDays(1),
            "legal-hold",
            PRIMARY);
    assertThat(ism.kind()).isEqualTo("ISM");
    assertThat(ism.summary())
        .isEqualTo(
            "ISM policy p on oplogs-*: delete indices 731d after creation; detached from"
                + " indices with alias legal-hold");
  }

  @Test
  void dataStreamLifecycleSaysItsRetention() {
    var ds =
        new DataStreamRetention("logs-ekyc", Duration.ofDays(730), Duration.ofDays(1), PRIMARY);
    assertThat(ds.kind()).isEqualTo("DataStreamLifecycle");
    assertThat(ds.summary()).isEqualTo("data stream lifecycle on logs-ekyc: data_retention 730d");
  }
}
